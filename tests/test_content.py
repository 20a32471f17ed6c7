"""The content check for one answer: it finds the question's guide (catalogue, own question or mock-call turn)."""
import pytest

from practice.catalog import load_catalog
from practice.checks.content_guide import STAR_PARTS
from practice.content import catalog_content_texts, check_answer, guide_for, guides_for
from practice.extensions import db
from practice.models import CustomPrompt
from practice.speech.embeddings import get_encoder

pytestmark = pytest.mark.usefixtures("content_vectors")  # the catalogue's vectors, encoded once
SCENARIO = "cs-bill-higher-than-usual"


def test_a_catalogue_question_is_judged_against_every_catalogue_question():
    guide, others = guides_for("intro-why-call-center")
    assert guide.key == "intro-why-call-center" and guide.question == "Why do you want to work in a call center?"
    assert guide in others and len(others) == len(load_catalog().guides)


def test_a_mock_call_turn_is_judged_against_the_other_turns_of_its_call():
    guide, turns = guides_for(SCENARIO, turn_index=1)
    assert guide is turns[1] and len(turns) == len(load_catalog().scenario(SCENARIO).turns)
    assert guide.conversational
    assert guides_for(SCENARIO) is None and guides_for(SCENARIO, turn_index=len(turns)) is None
    assert guides_for(SCENARIO, turn_index=-1) is None


def test_drills_and_unknown_keys_have_no_content_check():
    assert guides_for("read-delivery-delay") is None
    assert guides_for("no-such-question") is None and guide_for("no-such-question") is None
    assert check_answer("read-delivery-delay", "Anything at all.") is None


def test_an_own_question_is_judged_by_its_own_points_and_model_answer(app):
    with app.app_context():
        custom = CustomPrompt(kind="introduction", text="What time suits you for a call back?", target_s=30,
                              points=["A day and a time", "A phone number"], model_answer="Weekdays after two.")
        db.session.add(custom)
        db.session.commit()
        guide, others = guides_for(custom.key)
        assert (guide.key, guide.question, guide.target_s) == (custom.key, custom.text, 30)
        assert [p.point for p in guide.points] == ["A day and a time", "A phone number"]
        assert guide.about == "What time suits you for a call back? A day and a time A phone number"
        assert guide.model_answer == "Weekdays after two." and guide not in others
        assert guides_for("custom-999") is None and guides_for("custom-x1") is None


def test_the_catalogue_texts_are_each_question_each_turn_and_star_once():
    texts = catalog_content_texts()
    assert len(texts) == len(set(texts)) > 500
    assert "Why do you want to work in a call center?" in texts
    assert {example for part in STAR_PARTS for example in part.examples} <= set(texts)
    turn = load_catalog().scenario(SCENARIO).turns[0].says
    assert any(turn in text for text in texts)


def test_a_later_start_reads_the_catalogue_vectors_back_from_the_cache_folder(monkeypatch, tmp_path):
    import numpy as np

    from practice.checks import content_guide
    from practice.content import warm_content_vectors
    from practice.speech.embeddings import Encoder

    monkeypatch.setenv("PRACTICE_MODEL_CACHE", str(tmp_path))
    count = warm_content_vectors()
    [kept] = tmp_path.glob("content-vectors-*.npy")
    monkeypatch.setattr(content_guide, "_VECTOR_CACHE", {})  # what a new serving process starts with
    encoder = get_encoder()
    encoded = []
    monkeypatch.setattr(encoder, "encode", lambda texts: encoded.extend(texts) or Encoder.encode(encoder, texts))
    assert warm_content_vectors() == count
    question = "Why do you want to work in a call center?"
    from_start = content_guide.cached_vectors(encoder, [question])
    assert encoded == []
    assert np.allclose(from_start, Encoder.encode(encoder, [question]), atol=1e-5)
    assert np.load(kept).shape == (count, from_start.shape[1])


def test_after_the_start_up_warm_a_check_encodes_only_the_answer(monkeypatch, tmp_path):
    from practice.content import warm_content_vectors

    monkeypatch.setenv("PRACTICE_MODEL_CACHE", str(tmp_path))
    assert warm_content_vectors() > 500
    encoder = get_encoder()
    encoded = []
    real_encode = encoder.encode
    monkeypatch.setattr(encoder, "encode", lambda texts: encoded.extend(texts) or real_encode(texts))
    scenario = load_catalog().scenarios[0]
    check_answer("intro-why-call-center", "I like helping people. I am patient on the phone.")
    check_answer(scenario.key, "Sure, let me look up your account for you.", turn_index=0)
    assert encoded == ["I like helping people.", "I am patient on the phone.",
                       "Sure, let me look up your account for you."]
