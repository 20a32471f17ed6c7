import numpy as np
import pytest

from practice.audio.activity import detect_activity, runs
from practice.audio.pauses import DEAD_AIR_S, MIN_PAUSE_S, Pause, find_pauses, pause_stats
from practice.audio.pcm import Pcm
from tests.audio.signals import RATE_HZ, insert_silences, load_pcm, silence, vowel_train
from tests.speech_clips import require_clip

INSERTED_S = [0.3, 0.8, 2.0, 6.0]


def _inside_speech_points(pcm: Pcm, count: int) -> list[float]:
    """Times in the middle of the longest sounding runs, at least 0.2 s from any silence."""
    activity = detect_activity(pcm)
    spans = sorted(runs(activity.active), key=lambda r: r[0] - r[1])[:count]
    assert len(spans) == count and all(end - start >= 40 for start, end in spans)
    return sorted(float(activity.times_s[(start + end) // 2]) for start, end in spans)


@pytest.fixture
def spliced(jfk):
    """JFK with digital silences of 0.3, 0.8, 2 and 6 s cut into the middle of continuous speech."""
    audio, placed = insert_silences(jfk, _inside_speech_points(jfk, 4), INSERTED_S)
    return jfk, audio, placed


def test_inserted_silences_are_found_within_60_ms(spliced):
    _, audio, placed = spliced
    found = find_pauses(audio)
    for start_s, end_s in placed:
        match = [p for p in found if p.start_s < end_s and p.end_s > start_s]
        assert len(match) == 1, (start_s, end_s, found)
        assert match[0].start_s == pytest.approx(start_s, abs=0.06)
        assert match[0].end_s == pytest.approx(end_s, abs=0.06)


def test_pause_longer_than_5s_is_dead_air(spliced):
    _, audio, placed = spliced
    dead = [p for p in find_pauses(audio) if p.dead_air]
    assert len(dead) == 1
    assert dead[0].start_s == pytest.approx(placed[-1][0], abs=0.06)


def test_splicing_adds_no_pause_inside_continuous_speech(spliced):
    original, audio, placed = spliced
    extra = [p for p in find_pauses(audio) if not any(p.start_s < e and p.end_s > s for s, e in placed)]
    assert len(extra) == len(find_pauses(original))


def test_syllable_gaps_shorter_than_250_ms_are_not_pauses():
    assert find_pauses(vowel_train(seconds=5, gap_s=0.15)) == []


def test_a_300_ms_gap_between_syllables_is_a_pause():
    pauses = find_pauses(vowel_train(seconds=4.9, syllable_s=0.4, gap_s=0.3))
    assert len(pauses) == 6  # seven syllables; the gap after the last one is trailing silence
    assert all(p.duration_s == pytest.approx(0.3, abs=0.06) for p in pauses)


def test_leading_and_trailing_silence_are_not_pauses():
    voice = vowel_train(seconds=2, gap_s=0.1)
    padded = Pcm(np.concatenate([silence(2), voice.samples, silence(3)]), RATE_HZ)
    assert find_pauses(padded) == []


def test_silent_recording_has_no_pauses():
    assert find_pauses(Pcm(silence(4), RATE_HZ)) == []


def test_dead_air_threshold_is_5_s():
    assert not Pause(1.0, 1.0 + DEAD_AIR_S - 0.01).dead_air
    assert Pause(1.0, 1.0 + DEAD_AIR_S).dead_air
    assert MIN_PAUSE_S == 0.25


def test_pause_stats_count_only_pauses_inside_the_span():
    pauses = [Pause(0.0, 1.0), Pause(3.0, 4.0), Pause(6.0, 6.5)]
    stats = pause_stats(pauses, (1.0, 7.0))
    assert stats.pauses == (Pause(3.0, 4.0), Pause(6.0, 6.5))
    assert stats.pauses_per_min == pytest.approx(20.0)
    assert stats.longest_pause_s == pytest.approx(1.0)
    assert stats.speaking_s == pytest.approx(4.5)
    assert stats.speaking_ratio == pytest.approx(0.75)


def test_real_read_speech_has_its_sentence_breaks_as_pauses():
    pcm = load_pcm(require_clip("11_osr_harvard_list72_8k.wav").path)
    # Ten Harvard sentences read one after another: nine breaks between them, each 0.3-1.5 s.
    long_breaks = [p for p in find_pauses(pcm) if p.duration_s >= 0.6]
    assert 8 <= len(long_breaks) <= 10
    assert max(p.duration_s for p in long_breaks) < 2.0


def test_soft_hesitations_20_db_under_the_speech_are_not_silence(read_speech):
    """Quiet speech is speech: real um/uh tokens 20 dB softer than the words, in real pauses, are not pauses."""
    from practice.speech.decode import decode_file
    from tests.in_context_fillers import build_in_context, filler_tokens
    from tests.speech_clips import load_clips

    clips = {c.name: c for c in load_clips()}
    host = clips["21_speechbrain_LJ050-0131.wav"]
    soft = build_in_context(host, read_speech, filler_tokens(clips, decode_file), 0, level_offset_db=-20.0)
    assert len(soft.filler_spans_s) == 3
    pauses = find_pauses(soft.pcm)
    for start_s, end_s in soft.filler_spans_s:
        middle_s = (start_s + end_s) / 2
        assert not any(p.start_s < middle_s < p.end_s for p in pauses), (start_s, end_s, pauses)
