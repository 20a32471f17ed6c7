"""Where a word Whisper pulled back into a hesitation really starts: after the pause that follows it.

Whisper's word times stretch a word back over the pause before it and into the sound before that
pause. On read clips with real fillers placed into their pauses and decoded segment by segment, the
word after the filler ("The") started 0.53-0.59 s into the filler's voiced run. A word cannot start
partway into a run of voice with no onset there and then fall silent for a pause before its own sound:
it was said after the pause.
"""
from __future__ import annotations

import numpy as np

from practice.audio.filled_pauses import Acoustics
from practice.audio.pauses import MIN_PAUSE_S
from practice.audio.voicing import VOICE_STEP_S
from practice.audio.words import Word

# A word that starts this close to the run's own onset may be that run: Whisper's word times come in 20 ms steps,
# and the voicing track (10 ms frames) starts a frame or two after the sound does.
ONSET_SLACK_S = 0.05


def start_as_said(word: Word, run_start_s: float, run_end_s: float, acoustics: Acoustics) -> float:
    """The word's start, moved past the pause after the voiced run [run_start_s, run_end_s] if it was said there.

    It moves only when Whisper's start lies inside the run, past its onset, and the word's time runs on over a pause
    of at least MIN_PAUSE_S into sound again; otherwise Whisper's start stands.
    """
    if not run_start_s + ONSET_SLACK_S < word.start_s < run_end_s < word.end_s:
        return word.start_s
    times_s, sounding = acoustics.times_s, acoustics.sounding
    after = np.flatnonzero((times_s > run_end_s) & (times_s < word.end_s))
    quiet = after[~sounding[after]]
    if not quiet.size:
        return word.start_s
    resumed = after[(after > quiet[0]) & sounding[after]]
    if not resumed.size or times_s[resumed[0]] - times_s[quiet[0]] < MIN_PAUSE_S:
        return word.start_s
    return float(times_s[resumed[0]] - VOICE_STEP_S / 2)
