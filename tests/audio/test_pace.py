import pytest

from practice.audio.activity import detect_activity
from practice.audio.pace import MAX_EDGE_SNAP_S, PACE_WINDOW_S, measure_pace, pace_over_time, speech_span
from practice.audio.pauses import MIN_PAUSE_S
from practice.audio.words import Word
from tests.audio.signals import load_pcm
from tests.speech_clips import require_clip


def _even_words(texts: list[str], start_s: float, end_s: float, filler_at: set[int] = frozenset()) -> list[Word]:
    step = (end_s - start_s) / len(texts)
    return [Word(t, start_s + i * step, start_s + (i + 1) * step - 0.02, 0.9, i in filler_at)
            for i, t in enumerate(texts)]


def test_rate_counts_real_words_from_first_to_last_word():
    words = _even_words(["word"] * 30, 1.0, 13.0)  # 30 words over 12 s
    assert measure_pace(words, speech_span(words), None).rate_wpm == pytest.approx(30 / (12 - 0.02) * 60)


def test_fillers_do_not_count_as_words_for_rate():
    words = _even_words(["so", "um", "we", "uh", "help", "callers"] * 5, 0.0, 12.0,
                        filler_at={1, 3, 7, 9, 13, 15, 19, 21, 25, 27})
    pace = measure_pace(words, speech_span(words), None)
    assert pace.word_count == 20
    assert pace.rate_wpm == pytest.approx(20 / (12 - 0.02) * 60)


def test_span_is_trimmed_to_where_the_audio_sounds():
    words = _even_words(["a", "b", "c"], 0.0, 9.0)  # Whisper often starts the first word at 0 s
    assert speech_span(words, [(1.5, 3.0), (3.5, 7.0)]) == (1.5, 7.0)
    assert speech_span(words) == (0.0, pytest.approx(8.98))


def test_span_edges_inside_a_sound_move_out_to_its_edges():
    words = _even_words(["unless", "in", "this", "regard"], 0.5, 7.42)  # last word ends at 7.40
    assert speech_span(words, [(0.2, 1.3), (6.5, 7.52)]) == (pytest.approx(0.2), pytest.approx(7.52))


def test_span_edges_move_at_most_the_snap_limit():
    words = _even_words(["a", "b"], 2.0, 5.02)  # 2.0 .. 5.0, inside one long stretch of sound
    assert speech_span(words, [(0.5, 9.0)]) == (pytest.approx(2.0 - MAX_EDGE_SNAP_S),
                                                pytest.approx(5.0 + MAX_EDGE_SNAP_S))


def test_span_edges_in_silence_stay_where_the_words_put_them():
    words = _even_words(["a", "b"], 1.0, 4.02)  # 1.0 .. 4.0, both edges in gaps between sounds
    assert speech_span(words, [(0.2, 0.8), (1.2, 3.8), (4.3, 5.0)]) == (pytest.approx(1.0), pytest.approx(4.0))


def test_span_edges_in_a_dip_shorter_than_a_pause_move_to_the_sound_past_it():
    words = _even_words(["than", "he", "was"], 1.0, 3.02)  # 1.0 .. 3.0; the final "s" sounds again after a dip
    short_dip_s, pause_s = MIN_PAUSE_S / 2, MIN_PAUSE_S + 0.05
    assert speech_span(words, [(0.9, 2.95), (2.95 + short_dip_s, 3.2)]) == (pytest.approx(0.9), pytest.approx(3.2))
    assert speech_span(words, [(0.9, 2.95), (2.95 + pause_s, 3.5)]) == (pytest.approx(0.9), pytest.approx(3.0))


def test_articulation_rate_is_syllables_over_speaking_time():
    words = _even_words(["hello", "operator", "um"], 0.0, 3.0)  # 2 + 4 + 1 syllables
    pace = measure_pace(words, (0.0, 3.0), speaking_s=2.0)
    assert pace.syllable_count == 7
    assert pace.articulation_rate_sps == pytest.approx(3.5)


def test_no_words_means_no_rate():
    pace = measure_pace([], None, None)
    assert pace.rate_wpm is None and pace.articulation_rate_sps is None and pace.over_time == ()


def test_pace_over_time_shows_a_speaker_speeding_up():
    slow = _even_words(["w"] * 20, 0.0, 10.0)   # 120 wpm
    fast = _even_words(["w"] * 30, 10.0, 20.0)  # 180 wpm
    windows = pace_over_time(slow + fast, (0.0, 20.0))
    assert [round(w.rate_wpm) for w in windows] == [120, 180]
    assert windows[0].end_s - windows[0].start_s == PACE_WINDOW_S


def test_short_last_window_is_merged_into_the_one_before():
    words = _even_words(["w"] * 24, 0.0, 12.0)
    windows = pace_over_time(words, (0.0, 12.0))
    assert len(windows) == 1 and windows[0].rate_wpm == pytest.approx(120)


def test_rate_on_a_real_clip_matches_reference_words_over_its_speech_span():
    clip = require_clip("21_speechbrain_LJ050-0131.wav")
    activity = detect_activity(load_pcm(clip.path))
    texts = clip.transcript.split()
    # Whisper-like timings: first word from 0 s, last word to the end of the file.
    words = _even_words(texts, 0.0, clip.duration_s)
    span = speech_span(words, activity.sounding_s())
    reference_wpm = len(texts) / 7.54 * 60  # manifest: energy speech span 7.54 s
    assert measure_pace(words, span, None).rate_wpm == pytest.approx(reference_wpm, rel=0.08)
