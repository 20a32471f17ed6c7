"""Speed kept apart from correctness: CPU seconds, so other work on a shared machine does not fail it."""
import time

import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.report import build_analysis
from practice.audio.text import warm_up
from practice.audio.words import Word
from tests.audio.signals import RATE_HZ, load_pcm


def test_analysis_of_60_s_takes_well_under_a_second(clips):
    pieces, total_s = [], 0.0
    for clip in clips:
        if total_s >= 60:
            break
        pcm = load_pcm(clip.path)
        pieces.append(pcm.samples)
        total_s += pcm.duration_s
    audio = Pcm(np.concatenate(pieces)[: 60 * RATE_HZ], RATE_HZ)
    words = [Word("word", i * 0.4, i * 0.4 + 0.3, 0.9) for i in range(150)]
    warm_up()
    started = time.process_time()
    build_analysis(audio, words)
    assert time.process_time() - started < 1.0
