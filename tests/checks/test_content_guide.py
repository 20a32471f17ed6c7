"""A content check's input: its points, the texts it compares an answer with, and their vectors made once."""
import numpy as np

from practice.checks import content_guide
from practice.checks.content_guide import STAR_PARTS, ContentGuide, Point, cached_vectors, recent_vectors


KEPT_ALIVE = []


class CountingEncoder:
    """Gives each text a vector of its length and counts what it was asked to encode (the cache is what is tested
    here; tests/checks/test_content.py runs the real model)."""

    def __init__(self):
        self.encoded: list[str] = []
        KEPT_ALIVE.append(self)  # the cache is keyed by id(): a collected encoder's id could come back

    def encode(self, texts):
        self.encoded.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


GUIDE = ContentGuide(key="intro-why", question="Why this job?", about="Why the applicant wants the job.",
                     points=(Point("You like people", says=("I enjoy helping",), phrases=("helping people",)),
                             Point("A real example of it")), target_s=60)


def test_each_text_is_encoded_once_per_encoder_and_rows_follow_the_asked_order():
    encoder = CountingEncoder()
    first = cached_vectors(encoder, ["abc", "a", "abc"])
    again = cached_vectors(encoder, ["a", "abcd"])
    assert first[:, 0].tolist() == [3, 1, 3] and again[:, 0].tolist() == [1, 4]
    assert encoder.encoded == ["abc", "a", "abcd"]
    other = CountingEncoder()
    cached_vectors(other, ["abc"])
    assert other.encoded == ["abc"]  # another model never gets this one's vectors


def test_a_guide_compares_with_its_question_what_it_is_about_and_every_way_to_say_a_point():
    assert GUIDE.topic_texts() == ("Why this job?", "Why the applicant wants the job.", "You like people",
                                   "I enjoy helping", "A real example of it")
    assert GUIDE.vectors(CountingEncoder()).shape == (5, 2)
    assert GUIDE.points[0].vectors(CountingEncoder())[:, 0].tolist() == [15, 15]


def test_a_phrase_counts_only_as_whole_words():
    point = GUIDE.points[0]
    assert point.said_in("I love Helping People, really.")
    assert not point.said_in("I love helping peoples")
    assert not Point("Nothing to match").said_in("anything")


def test_a_point_asking_for_an_example_is_known_as_one():
    assert [p.asks_for_example for p in GUIDE.points] == [False, True]


def test_star_parts_are_found_by_their_cue_words():
    situation, action, result = STAR_PARTS
    assert (situation.key, action.key, result.key) == ("situation", "action", "result")
    assert situation.cue.search("At my last job the queue was long")
    assert action.cue.search("So I called the bank")
    assert result.cue.search("In the end she thanked me")
    assert not result.cue.search("I like phones")
    assert all(len(part.examples) == 3 and part.tip for part in STAR_PARTS)


def test_an_answers_sentences_are_encoded_once_while_recent_and_then_forgotten(monkeypatch):
    monkeypatch.setattr(content_guide, "RECENT_SENTENCES", 3)
    encoder = CountingEncoder()
    assert recent_vectors(encoder, ["one.", "three"])[:, 0].tolist() == [4, 5]
    assert recent_vectors(encoder, ["three", "one.", "fifty", "one."])[:, 0].tolist() == [5, 4, 5, 4]
    assert encoder.encoded == ["one.", "three", "fifty"]
    recent_vectors(encoder, ["seventy"])  # four texts: the least recently asked ("three") is forgotten
    recent_vectors(encoder, ["three", "fifty"])
    assert encoder.encoded == ["one.", "three", "fifty", "seventy", "three"]
