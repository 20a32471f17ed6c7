"""Filler recovery on real audio with hand-made decoder passes: what the sound confirms, and what it refuses.

The word lists are what Whisper base wrote for these recordings, copied by hand, so the tests
check the decision and not the decoder.
"""
from __future__ import annotations

import numpy as np
import pytest

from practice.audio.pcm import Pcm
from practice.audio.words import Word, is_filler_sound
from practice.speech.decode import decode_file
from practice.speech.filler_recovery import claimed_span, filler_evidence_spans, merge_fillers
from tests.acoustics_by_hand import acoustics_by_hand
from tests.speech_clips import load_clips, require_clip

RATE = 16000


def w(text: str, start: float, end: float, p: float = 0.9) -> Word:
    return Word(text, start, end, p, filler=is_filler_sound(text))


def words_of(spec: str) -> list[Word]:
    """'text start end, ...' -> Words."""
    out = []
    for item in spec.split(","):
        text, start, end = item.split()
        out.append(w(text, float(start), float(end)))
    return out


def fillers(words) -> list[Word]:
    return [x for x in words if x.filler]


def content(words) -> list[tuple[str, float, float]]:
    return [(x.text, x.start_s, x.end_s) for x in words if not x.filler]


# Whisper base on the LJSpeech sentence with three real fillers spliced into its pauses (tests/in_context_fillers):
# it stretched "for" and "of" over the first two and left the third in a gap.
LJ_WORDS = words_of("Unless 0.00 0.22, a 0.22 0.44, system 0.44 0.82, is 0.82 1.02, established 1.02 1.76, "
                    "for 2.08 3.24, the 3.24 3.38, frequent 3.38 3.78, formal 3.78 4.30, review 4.30 4.84, "
                    "of 4.84 5.52, activities 5.52 6.52, there 6.52 6.86, under 6.86 7.34, in 8.46 8.86, "
                    "this 8.86 9.14, regard 9.14 9.54")


@pytest.fixture(scope="module")
def lj_with_fillers():
    from tests.in_context_fillers import build_in_context, filler_tokens

    clips = {c.name: c for c in load_clips()}
    if not clips:
        require_clip("21_speechbrain_LJ050-0131.wav")
    host = clips["21_speechbrain_LJ050-0131.wav"]
    return build_in_context(host, decode_file(host.path), filler_tokens(clips, decode_file), 8)


def overlaps(word: Word, span: tuple[float, float]) -> bool:
    return word.start_s < span[1] and word.end_s > span[0]


def test_fillers_the_prompted_pass_wrote_are_kept_where_the_sound_has_them(lj_with_fillers):
    spans = lj_with_fillers.filler_spans_s
    prompted = sorted(LJ_WORDS + [w("um,", 2.08, 2.32), w("um,", 5.22, 5.44), w("uh,", 7.76, 8.06)],
                      key=lambda x: x.start_s)
    merged = merge_fillers(LJ_WORDS, prompted, lj_with_fillers.pcm)
    found = fillers(merged)
    assert len(found) == 3
    assert all(overlaps(f, span) for f, span in zip(found, spans, strict=True))
    assert content(merged) == content(LJ_WORDS)


def test_a_filler_alone_in_a_gap_is_heard_without_the_decoder(lj_with_fillers):
    merged = merge_fillers(LJ_WORDS, LJ_WORDS, lj_with_fillers.pcm)
    found = fillers(merged)
    assert len(found) == 1
    assert overlaps(found[0], lj_with_fillers.filler_spans_s[2])


def test_a_filler_the_prompt_invented_in_silence_is_refused(lj_with_fillers):
    """The first second has no pause: nothing voiced there that no word accounts for."""
    prompted = [w("uh,", 0.40, 0.45)] + LJ_WORDS
    merged = merge_fillers(LJ_WORDS, prompted, lj_with_fillers.pcm)
    assert not any(f.start_s < 1.0 for f in fillers(merged))


def test_recovery_never_changes_a_content_word(lj_with_fillers):
    prompted = words_of("Unless 0.00 0.22, a 0.22 0.44, sister 0.44 0.82, um 1.80 2.00, thanks 9.5 9.9")
    merged = merge_fillers(LJ_WORDS, prompted, lj_with_fillers.pcm)
    assert content(merged) == content(LJ_WORDS)


@pytest.mark.parametrize("name, spec", [
    ("39_mfa_breaths.flac", "Montreal 4.05 4.79, forced 6.85 7.57, aligner 11.08 11.70"),
    ("40_mfa_laughter.flac", "Ha 0.60 1.00, ha 1.00 1.30, ha 1.30 1.62, Montreal 1.84 2.56, Ha 3.58 4.10, "
                             "ha 4.10 4.52, ha 4.52 4.58, forced 4.96 5.56, Ha 6.58 6.72, ha 6.72 7.18, "
                             "ha 7.18 7.52, a 8.10 8.36, liner 8.36 8.72, Ha 9.28 9.62, ha 9.62 9.84"),
    ("41_mfa_long.flac", "Mom 1.01 1.75, tree 4.65 5.19, all 5.61 5.89, four 5.89 6.85, stiliner 7.74 8.38"),
])
def test_breaths_laughter_and_drawls_are_not_fillers(name, spec):
    pcm = decode_file(require_clip(name).path)
    words = words_of(spec)
    assert fillers(merge_fillers(words, words, pcm)) == []


def test_a_stretched_word_claims_only_the_time_its_syllables_need_at_its_far_end():
    stretched = w("for", 2.08, 3.24)
    assert claimed_span(stretched, toward_s=2.3) == pytest.approx((2.9, 3.24))
    assert claimed_span(stretched, toward_s=3.1) == pytest.approx((2.08, 2.42))
    normal = w("established", 1.02, 1.76)
    assert claimed_span(normal, toward_s=1.5) == (1.02, 1.76)


def test_no_words_means_no_fillers():
    silence = Pcm(np.zeros(3 * RATE, np.float32), RATE)
    assert merge_fillers([], [w("um", 0.5, 1.0)], silence) == ()


def test_a_voice_that_drops_out_for_two_frames_is_one_burst_not_two_short_ones():
    words = [w("so", 0.10, 0.40), w("then", 2.50, 2.90)]
    creaky = acoustics_by_hand([(1.00, 1.09), (1.11, 1.20)])  # 20 ms without pitch, as in creaky voice
    assert filler_evidence_spans(words, creaky) == [pytest.approx((1.0, 1.2), abs=0.011)]
    apart = acoustics_by_hand([(1.00, 1.09), (1.20, 1.29)])  # a real break: two bursts, each too short
    assert filler_evidence_spans(words, apart) == []


def test_one_sound_holds_one_filler_when_a_steady_stretch_and_its_burst_both_cover_it():
    words = [w("so", 0.10, 0.40), w("then", 2.50, 2.90)]
    acoustics = acoustics_by_hand([(1.0, 1.6)], steady_s=[(1.0, 1.4)])
    plain = [words[0], w("um,", 1.10, 1.20), words[1]]
    prompted = [words[0], w("uh,", 1.75, 1.80), words[1]]  # the same hesitation, timed 0.6 s later
    merged = merge_fillers(plain, prompted, Pcm(np.zeros(3 * RATE, np.float32), RATE), acoustics)
    found = fillers(merged)
    assert [f.text for f in found] == ["um,"]
    assert (found[0].start_s, found[0].end_s) == pytest.approx((1.0, 1.4), abs=0.04)


def test_a_filler_only_the_prompt_wrote_and_hardly_believed_needs_more_than_a_voiced_burst(lj_with_fillers):
    span = lj_with_fillers.filler_spans_s[1]
    for probability, kept in ((0.9, True), (0.004, False)):
        prompted = sorted(LJ_WORDS + [w("um,", 5.22, 5.44, probability)], key=lambda x: x.start_s)
        merged = merge_fillers(LJ_WORDS, prompted, lj_with_fillers.pcm)
        assert any(overlaps(f, span) for f in fillers(merged)) is kept


# Whisper base on the first 13.2 s of shared clip 46 (acted cut-off words), the first segment the app cuts it into.
CUTOFF_WORDS = words_of("Montreal 0.34 1.80, Montreal 4.40 4.92, Montreal 5.18 5.80, 4th 6.38 8.48, "
                        "4th 8.79 9.41, a 11.06 11.52, line. 11.52 12.70")


def test_a_hardly_believed_filler_on_a_cut_off_words_short_held_vowel_is_refused():
    """The prompted pass wrote "uh" at 0.049 on the "a-" of a cut-off "aligner", which holds still for 0.15 s."""
    pcm = decode_file(require_clip("46_mfa_cutoff.flac").path).slice_s(0.0, 13.2)
    for probability, kept in ((0.049, False), (0.9, True)):
        prompted = CUTOFF_WORDS[:5] + [w("uh,", 11.48, 11.54, probability)] + CUTOFF_WORDS[5:]
        assert bool(fillers(merge_fillers(CUTOFF_WORDS, prompted, pcm))) is kept


def test_a_hardly_believed_filler_needs_a_steady_stretch_as_long_as_the_sound_alone_needs():
    words = [w("so", 0.10, 1.30), w("then", 2.50, 2.90)]
    silence = Pcm(np.zeros(3 * RATE, np.float32), RATE)
    doubtful = [words[0], w("uh,", 1.20, 1.40, 0.004), words[1]]
    for steady_s, found in (((1.0, 1.18), []), ((1.0, 1.26), ["uh,"])):
        acoustics = acoustics_by_hand([(0.20, 0.40), (1.0, 1.6)], steady_s=[steady_s])
        assert [f.text for f in fillers(merge_fillers(words, doubtful, silence, acoustics))] == found


# Whisper base on 14.75-29.82 s of the Harvard sentences with real fillers in their pauses (tests/in_context_fillers),
# the second segment the app cuts it into. It pulled "The" (7.32 s) back 0.59 s into the "hm" before it.
HARVARD_WORDS = words_of("Small 0.98 1.42, children 1.42 1.82, came 1.82 2.18, to 2.18 2.42, see 2.42 2.64, "
                         "him 2.64 2.86, The 3.70 3.78, grass 3.78 4.10, and 4.10 4.64, bushes 4.64 4.96, "
                         "were 4.96 5.28, wet 5.28 5.54, with 5.54 5.88, dew 5.88 6.16, The 7.32 8.00, "
                         "blind 8.00 8.34, man 8.34 8.82, counted 8.82 9.54, his 9.54 9.82, old 9.82 10.10, "
                         "coins 10.10 10.46, A 11.94 12.06, severe 12.06 12.40, storm 12.40 13.08, "
                         "tore 13.08 13.60, down 13.60 14.08, the 14.08 14.46, barn 14.46 14.76")


def test_a_filler_the_next_word_was_pulled_back_into_is_heard_without_the_decoder():
    from tests.in_context_fillers import in_context_clips

    built = {c.name: c for c in in_context_clips(decode_file)}
    if not built:
        require_clip("11_osr_harvard_list72_8k.wav")
    harvard = built["11_osr_harvard_list72_8k.wav"]
    segment_start_s = 14.75
    merged = merge_fillers(HARVARD_WORDS, HARVARD_WORDS, harvard.pcm.slice_s(segment_start_s, 29.82))
    found = [(f.start_s + segment_start_s, f.end_s + segment_start_s) for f in fillers(merged)]
    placed = harvard.filler_spans_s[1]
    assert len(found) == 1
    assert found[0] == pytest.approx(placed, abs=0.05)
    assert content(merged) == content(HARVARD_WORDS)


def test_a_voiced_burst_that_runs_on_from_a_word_without_a_break_is_that_word():
    words = [w("but", 0.60, 0.90), w("then", 2.50, 2.90)]
    joined = acoustics_by_hand([(0.60, 0.94), (1.00, 1.50)], sounding_s=[(0.60, 1.50)])
    assert filler_evidence_spans(words, joined) == []
    apart = acoustics_by_hand([(0.60, 0.94), (1.00, 1.50)], sounding_s=[(0.60, 0.94), (1.00, 1.50)])
    assert filler_evidence_spans(words, apart) == [pytest.approx((1.0, 1.5), abs=0.011)]


def test_a_hesitation_may_lead_straight_into_the_next_word_but_a_short_burst_may_not():
    words = [w("so", 0.10, 0.40), w("then", 1.50, 1.90)]
    into_then = acoustics_by_hand([(1.00, 1.44), (1.50, 1.90)], sounding_s=[(1.00, 1.90)])
    assert filler_evidence_spans(words, into_then) == [pytest.approx((1.0, 1.44), abs=0.011)]
    short = acoustics_by_hand([(1.30, 1.42), (1.50, 1.90)], sounding_s=[(1.30, 1.90)])
    assert filler_evidence_spans(words, short) == []


def test_forty_ms_of_silence_between_two_hesitations_sets_off_the_short_one():
    words = [w("so", 0.10, 0.40), w("then", 2.50, 2.90)]
    acoustics = acoustics_by_hand([(1.00, 1.13), (1.17, 1.60)])
    assert filler_evidence_spans(words, acoustics) == [pytest.approx((1.0, 1.13), abs=0.011),
                                                       pytest.approx((1.17, 1.6), abs=0.011)]


def test_a_filler_only_the_prompt_wrote_and_hardly_believed_is_kept_on_a_steady_stretch():
    """Whisper stretched "so" over the hesitation, so only the decoder's filler can claim it, not the sound alone."""
    words = [w("so", 0.10, 1.30), w("then", 2.50, 2.90)]
    silence = Pcm(np.zeros(3 * RATE, np.float32), RATE)
    doubtful = [words[0], w("uh,", 1.20, 1.40, 0.004), words[1]]
    steady = acoustics_by_hand([(0.20, 0.40), (1.0, 1.6)], steady_s=[(1.0, 1.6)])
    assert [f.text for f in fillers(merge_fillers(words, doubtful, silence, steady))] == ["uh,"]
    moving = acoustics_by_hand([(0.20, 0.40), (1.0, 1.6)])
    assert fillers(merge_fillers(words, doubtful, silence, moving)) == []
    # Written 0.6 s past the stretch, in the same gap: only a filler the decoder believed is searched for there.
    for probability, found in ((0.9, ["uh,"]), (0.004, [])):
        far = [words[0], w("uh,", 2.20, 2.30, probability), words[1]]
        assert [f.text for f in fillers(merge_fillers(words, far, silence, steady))] == found
