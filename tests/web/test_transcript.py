"""The timed transcript's items: words in order, with a marker for each long pause between them."""
from practice.web.review.transcript import PauseItem, WordItem, points_by_word, transcript_items
from tests.factories import make_analysis
from tests.web.test_review import PAUSES, WORDS


def test_pause_markers_fall_between_the_words_around_each_long_pause():
    items = transcript_items(make_analysis(WORDS, PAUSES))
    labels = [f"pause {i.duration_s:.2f}" if isinstance(i, PauseItem) else i.text for i in items]
    assert labels == ["Hello,", "um", "pause 1.55", "my", "pause 6.25", "name", "<i>is</i>"]


def test_short_pauses_get_no_marker_and_no_words_means_no_items():
    short_only = make_analysis(WORDS, PAUSES[2:])
    assert short_only.pauses and not any(isinstance(i, PauseItem) for i in transcript_items(short_only))
    assert transcript_items(make_analysis([], PAUSES)) == []


def test_a_pause_of_five_seconds_or_more_is_marked_dead_air_and_fillers_keep_their_flag():
    items = transcript_items(make_analysis(WORDS, PAUSES))
    pauses = [i for i in items if isinstance(i, PauseItem)]
    assert [(p.start_s, p.dead_air) for p in pauses] == [(0.8, False), (2.6, True)]
    assert [w.text for w in items if isinstance(w, WordItem) and w.filler] == ["um"]


def test_without_a_content_check_no_word_covers_a_point():
    assert points_by_word(make_analysis(WORDS, PAUSES)) == [None] * len(WORDS)
