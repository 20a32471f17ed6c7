"""The introduction checklist: name, background, experience, strengths, why this job."""
import pytest

from practice.checks.intro import check_introduction
from tests.checks.spoken import timed

FULL = ("Good morning, my name is Ana Reyes. I'm from Cebu and I graduated with a degree in tourism. "
        "I worked for two years as a sales assistant in a mall. My strengths are patience and listening. "
        "That is why I want to work as a customer service agent in your company.")


def test_a_full_introduction_passes_every_item_with_its_sentence_and_time():
    words = timed(FULL, start_s=0.5)
    result = check_introduction(words)
    assert result.passed_count == 5 and result.score_pct == 100.0
    name = result.item("name")
    assert name.sentence == "Good morning, my name is Ana Reyes."
    assert name.start_s == 0.5 and name.matched == "my name is" and name.hint is None
    worked = next(i for i, w in enumerate(words) if w.text == "worked")
    assert result.item("experience").sentence.startswith("I worked")
    assert result.item("experience").start_s == words[worked - 1].start_s


def test_an_empty_answer_misses_everything_with_a_hint_each():
    result = check_introduction("")
    assert result.passed_count == 0 and result.score_pct == 0.0
    assert all(not item.passed and item.hint for item in result.items)


@pytest.mark.parametrize("item, covered", [
    ("name", "My name is Ana Reyes."),
    ("name", "Hi, I'm Ana. I live nearby."),
    ("name", "You can call me Jun."),
    ("background", "I'm from Davao City."),
    ("background", "I graduated from senior high school last year."),
    ("background", "I studied information technology."),
    ("experience", "I worked as a cashier for a year."),
    ("experience", "I have experience in retail sales."),
    ("experience", "I did an internship at a hotel."),
    ("strengths", "My strength is that I stay calm."),
    ("strengths", "I'm a fast learner."),
    ("strengths", "People say I am a good listener."),
    ("why-this-job", "That's why I applied for this position."),
    ("why-this-job", "I enjoy helping people solve problems."),
    ("why-this-job", "I want to grow in the BPO industry."),
])
def test_an_item_passes_when_a_sentence_covers_it(item, covered):
    result = check_introduction(covered)
    assert result.item(item).passed
    assert result.item(item).sentence in covered


@pytest.mark.parametrize("item, not_covered", [
    ("name", "Good morning. I'm really happy to be here. I'm Ana."),  # "I'm" only counts near the start
    ("name", "Thank you for having me."),
    ("background", "Thank you for having me."),
    ("experience", "I have never had a job."),
    ("strengths", "I am impatient sometimes."),
    ("why-this-job", "I like basketball."),
])
def test_an_item_fails_with_its_hint_when_nothing_covers_it(item, not_covered):
    checked = check_introduction(not_covered).item(item)
    assert not checked.passed and checked.sentence is None and checked.hint


def test_the_first_sentence_that_covers_an_item_is_the_evidence():
    result = check_introduction("I'm a team player. I'm also a quick learner.")
    assert result.item("strengths").sentence == "I'm a team player."
