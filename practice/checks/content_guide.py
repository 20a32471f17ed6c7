"""What a question's content check needs: its talking points with the ways people say them, and STAR parts.

Guides are plain data (built from the catalogue, a user's own question or a mock-call turn). Their
embedding vectors are computed once per encoder and text, then reused by every check.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from collections.abc import Sequence

import numpy as np

from practice.checks.text import _padded

_VECTOR_CACHE: dict[tuple[int, str], np.ndarray] = {}


def cached_vectors(encoder, texts: Sequence[str]) -> np.ndarray:
    """The encoder's vectors for `texts`; each text goes through the model once per process."""
    missing = list(dict.fromkeys(t for t in texts if (id(encoder), t) not in _VECTOR_CACHE))
    if missing:
        for text, vector in zip(missing, encoder.encode(missing), strict=True):
            _VECTOR_CACHE[(id(encoder), text)] = vector
    return np.vstack([_VECTOR_CACHE[(id(encoder), t)] for t in texts])


def remember_vectors(encoder, texts: Sequence[str], vectors: np.ndarray) -> None:
    """Take vectors this encoder made earlier (kept in a file) as its own, so cached_vectors does not encode them."""
    for text, vector in zip(texts, vectors, strict=True):
        _VECTOR_CACHE[(id(encoder), text)] = vector


# Answers' sentences are kept for a while, not for the life of the process: a few long answers (1.5 KB each).
RECENT_SENTENCES = 2000
_RECENT: OrderedDict[tuple[int, str], np.ndarray] = OrderedDict()
_RECENT_LOCK = threading.Lock()


def recent_vectors(encoder, texts: Sequence[str]) -> np.ndarray:
    """The encoder's vectors for an answer's sentences; a streamed answer's sentences, encoded as its segments
    were transcribed, are not encoded again when it is checked at Stop."""
    with _RECENT_LOCK:
        missing = list(dict.fromkeys(t for t in texts if (id(encoder), t) not in _RECENT))
    found = dict(zip(missing, encoder.encode(missing), strict=True)) if missing else {}
    with _RECENT_LOCK:
        for text in texts:
            key = (id(encoder), text)
            if key in _RECENT:
                found.setdefault(text, _RECENT[key])
                _RECENT.move_to_end(key)
            else:
                _RECENT[key] = found[text]
        while len(_RECENT) > RECENT_SENTENCES:
            _RECENT.popitem(last=False)
    return np.vstack([found[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


@dataclass(frozen=True)
class Point:
    """One talking point and the ways a real applicant might say it (exact phrases match as words)."""

    point: str
    says: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()

    def vectors(self, encoder) -> np.ndarray:
        return cached_vectors(encoder, (self.point, *self.says))

    @property
    def asks_for_example(self) -> bool:
        """A point like "a real example" is covered by any short story (see STAR_PARTS' situation cue)."""
        return "example" in self.point.lower()

    def said_in(self, text: str) -> bool:
        words = _padded(text)
        return any(_padded(p) in words for p in self.phrases)


@dataclass(frozen=True)
class ContentGuide:
    """A question's content check: what it is about, its points, whether it wants a STAR story."""

    key: str
    question: str
    about: str
    points: tuple[Point, ...]
    target_s: int
    off_topic: str = "it talks about something else."
    star: bool = False
    model_answer: str | None = None
    related: tuple[str, ...] = field(default=(), hash=False)
    conversational: bool = False  # a mock-call reply: points are things to do, and a short reply is fine

    def topic_texts(self) -> tuple[str, ...]:
        ways = tuple(way for p in self.points for way in (p.point, *p.says))
        return (self.question, self.about, *ways)

    def vectors(self, encoder) -> np.ndarray:
        return cached_vectors(encoder, self.topic_texts())


@dataclass(frozen=True)
class StarPart:
    """One part of a behavioural answer: cue words, example sentences, and the tip when it is missing."""

    key: str
    title: str
    cue: re.Pattern
    examples: tuple[str, ...]
    tip: str

    def vectors(self, encoder) -> np.ndarray:
        return cached_vectors(encoder, self.examples)


STAR_PARTS = (
    StarPart("situation", "Situation or task",
             re.compile(r"\b(one (time|day)|once|last \w+|when i (was|worked|\w+ed)|"
                        r"at my (last|old|previous)|at the \w+ where i|during my|there was a|i remember|back in|"
                        r"a few (days|weeks|months|years) ago|in my (last|previous|old) job)\b", re.I),
             ("One time at my last job a customer was very angry.", "When I worked at the store we had a problem.",
              "Last year in school our group project was late."),
             "Start with the situation: where you were and what had to be done, in one or two sentences."),
    StarPart("action", "Action",
             re.compile(r"\b(so i|i (decided|talked|asked|explained|listened|offered|called|stayed|helped|"
                        r"took|made|checked|apologi[sz]ed|told|spoke|suggested|organi[sz]ed|focused|kept))\b", re.I),
             ("So I listened to him and explained what I could do.", "I decided to talk to her privately.",
              "I stayed calm and checked the account step by step."),
             "Say what you did yourself: the steps you took, with \u201cI\u201d, not \u201cwe\u201d."),
    StarPart("result", "Result",
             re.compile(r"\b(in the end|as a result|after that|finally|it worked|was solved|got better|"
                        r"thanked me|i learned|i learnt|since then|the result|we finished|was happy)\b", re.I),
             ("In the end the customer thanked me.", "As a result we finished on time.",
              "Since then we work well together and I learned to ask early."),
             "Finish with the result: what changed because of what you did, and what you learned."),
)
