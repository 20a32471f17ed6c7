import pytest

from practice.audio.fillers import FILLER_WEIGHTS, Filler, fillers_per_min, mark_fillers
from practice.audio.words import Word


def _words(text: str, gaps: dict[int, float] | None = None) -> list[Word]:
    """Words 0.3 s long, 0.05 s apart, with an extra gap before word i where gaps says so."""
    out, t = [], 0.0
    for i, token in enumerate(text.split()):
        t += (gaps or {}).get(i, 0.0)
        out.append(Word(token, t, t + 0.3, 0.9))
        t += 0.35
    return out


def _flags(text: str, gaps=None) -> list[bool]:
    return [w.filler for w in mark_fillers(_words(text, gaps))[0]]


def test_hesitation_sounds_are_always_fillers():
    assert _flags("so um I uh handled Hmm. calls") == [False, True, False, True, False, True, False]


@pytest.mark.parametrize("text, flags", [
    ("I was, like, really nervous", [False, False, True, False, False]),
    ("I like my job", [False, False, False, False]),
    ("Basically, I answer calls", [True, False, False, False]),
    ("I basically answer calls", [False, False, False, False]),
    ("you know, it was busy", [True, True, False, False, False]),
    ("Do you know the answer", [False, False, False, False, False]),
    ("That is what I mean.", [False, False, False, False, False]),
    ("and, I mean, we fixed it", [False, True, True, False, False, False]),
    ("It was actually fine", [False, False, False, False]),
])
def test_discourse_markers_count_only_when_set_off_by_commas(text, flags):
    assert _flags(text) == flags


def test_a_pause_sets_off_a_marker_like_a_comma_does():
    assert _flags("it was like really hard", gaps={2: 0.4, 3: 0.4}) == [False, False, True, False, False]
    assert _flags("it was like really hard") == [False, False, False, False, False]


def test_a_pause_heard_in_the_audio_sets_off_a_marker_even_when_word_times_touch():
    words = _words("it was like really hard")  # like: 0.70-1.00 s, no gap in the word timings
    marked, fillers = mark_fillers(words, pauses=[(0.35, 0.75), (0.95, 1.3)])
    assert [w.filler for w in marked] == [False, False, True, False, False]
    assert [f.text for f in fillers] == ["like"]
    assert not any(w.filler for w in mark_fillers(words, pauses=[(0.35, 0.75)])[0])


def test_fillers_list_has_times_and_kinds():
    marked, fillers = mark_fillers(_words("um you know, we were, like, uh, busy"))
    assert [(f.text, f.kind) for f in fillers] == [("um", "sound"), ("you know", "marker"), ("like", "marker"),
                                                   ("uh", "sound")]
    assert fillers[1].start_s == marked[1].start_s and fillers[1].end_s == marked[2].end_s


def test_a_filler_flag_from_the_transcriber_is_kept():
    marked, fillers = mark_fillers([Word("mhm", 0.0, 0.3, 0.5, filler=True), Word("yes", 0.4, 0.7, 0.9)])
    assert [w.filler for w in marked] == [True, False] and len(fillers) == 1


def test_fillers_per_min_weights_sounds_fully_and_markers_half():
    fillers = [Filler("um", 0, 1, "sound")] * 4 + [Filler("like", 0, 1, "marker")] * 2
    assert FILLER_WEIGHTS == {"sound": 1.0, "marker": 0.5}
    assert fillers_per_min(fillers, 30.0) == pytest.approx((4 + 1) * 2)
    assert fillers_per_min(fillers, None) is None


def test_a_marker_flagged_by_the_transcriber_keeps_its_kind():
    _, fillers = mark_fillers([Word("I", 0.0, 0.2, 0.9), Word("like", 0.3, 0.5, 0.9, filler=True)])
    assert [(f.text, f.kind) for f in fillers] == [("like", "marker")]
