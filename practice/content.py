"""The content check for one answer: find its question's guide (catalogue, own question or mock-call turn)."""
from __future__ import annotations

from functools import partial

from practice.catalog import load_catalog
from practice.catalog.content import turn_guides
from practice.checks.content import ContentOutput, answer_sentences, check_content
from practice.checks.content_guide import (STAR_PARTS, ContentGuide, Point, cached_vectors, recent_vectors,
                                           remember_vectors)
from practice.checks.vector_file import load_or_encode
from practice.extensions import db
from practice.models import CUSTOM_KEY_PREFIX, CustomPrompt
from practice.speech.embeddings import WIDTH, fingerprint, get_encoder
from practice.speech.weights import cache_dir


def guides_for(prompt_key: str, turn_index: int | None = None) -> tuple[ContentGuide, list[ContentGuide]] | None:
    """The question's guide and the guides it is compared against; None for drills and unknown keys."""
    catalog = load_catalog()
    if (scenario := catalog.scenario(prompt_key)) is not None:
        turns = turn_guides(scenario)
        if turn_index is None or not 0 <= turn_index < len(turns):
            return None
        return turns[turn_index], turns
    everyone = list(catalog.guides.values())
    if prompt_key.startswith(CUSTOM_KEY_PREFIX):
        number = prompt_key.removeprefix(CUSTOM_KEY_PREFIX)
        custom = db.session.get(CustomPrompt, int(number)) if number.isdigit() else None
        return (own_question_guide(custom), everyone) if custom is not None else None
    guide = catalog.guide(prompt_key)
    return (guide, everyone) if guide is not None else None


def guide_for(prompt_key: str, turn_index: int | None = None) -> ContentGuide | None:
    """The question's own guide (its points and model answer), for hints before recording."""
    found = guides_for(prompt_key, turn_index)
    return found[0] if found is not None else None


def own_question_guide(custom: CustomPrompt) -> ContentGuide:
    """A user's question judged by its own words and the points they wrote for it."""
    written = tuple(custom.points or ())
    return ContentGuide(key=custom.key, question=custom.text, about=" ".join([custom.text, *written]),
                        points=tuple(Point(point=p) for p in written), target_s=custom.target_s,
                        off_topic="it talks about something other than your question.",
                        model_answer=custom.model_answer or None)


def check_answer(prompt_key: str, transcript: str, *, duration_s: float | None = None,
                 turn_index: int | None = None) -> ContentOutput | None:
    found = guides_for(prompt_key, turn_index)
    if found is None:
        return None
    guide, others = found
    return check_content(transcript, guide, others, get_encoder(), duration_s=duration_s)


def catalog_content_texts() -> list[str]:
    """Every text a check compares answers with: each catalogue question's and mock-call turn's, and STAR's."""
    catalog = load_catalog()
    guides = [*catalog.guides.values(), *(g for scenario in catalog.scenarios for g in turn_guides(scenario))]
    texts = [t for guide in guides for t in guide.topic_texts()]
    texts += [example for part in STAR_PARTS for example in part.examples]
    return list(dict.fromkeys(texts))


def warm_content_vectors() -> int:
    """Have every catalogue question's and mock-call turn's vectors at hand; otherwise the first check after a
    start encodes them all (about 5 s) while the user waits after Stop. They are encoded in one batch at the
    first start and read from the model cache folder at later ones. Returns how many texts."""
    encoder, texts = get_encoder(), catalog_content_texts()
    vectors = load_or_encode(cache_dir(), texts, fingerprint(), WIDTH, partial(cached_vectors, encoder))
    remember_vectors(encoder, texts, vectors)
    return len(texts)


def warm_answer_sentences(transcript: str) -> None:
    """Encode the sentences of what a streamed answer has said so far, so its check at Stop encodes only the
    last few (a 5-minute answer's 54 sentences took 0.56 s of CPU after Stop)."""
    recent_vectors(get_encoder(), answer_sentences(transcript))
