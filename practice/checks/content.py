"""Judge what an answer says: does it answer the question, which talking points it covers, its STAR parts.

Pure: the question's content guide, the other questions' guides and a sentence encoder come in, a
ContentOutput goes out. Relevance compares the answer with the question's own guide (its wording, what
it is about and the ways applicants make its points) and with every other question's guide, so a good
answer to a different question is caught even when it shares words with this one.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Protocol
from collections.abc import Sequence

import numpy as np

from practice.checks.content_guide import STAR_PARTS, ContentGuide, Point, cached_vectors, recent_vectors
from practice.checks.text import split_sentences

# Thresholds tuned on tests/data/content_answers.toml (scripts/bench content measures them).
ON_TOPIC_MIN_FIT = 0.27          # the answer fits its own question's guide less than this: off-topic
OTHER_QUESTION_MARGIN = 0.09      # another question's guide fits this much better: off-topic
SHORT_ANSWER_WORDS = 12           # fewer words say too little to judge by closeness alone:
SHORT_MIN_FIT, SHORT_MARGIN = 0.15, 0.25  # only a clear miss counts as off-topic
POINT_MIN_SIMILARITY = 0.50       # a sentence this close to one way of saying a point covers it
REPLY_POINT_MIN_SIMILARITY = 0.40  # mock-call points describe an action ("greet the caller"), not words to say
STAR_MIN_SIMILARITY = 0.50
MAX_SENTENCE_WORDS = 25           # longer runs without a full stop are judged in parts
SPOKEN_WPM = 140                  # typical interview pace, to turn a written answer into seconds
NAMED_OTHER_MIN_FIT = 0.45       # only an answer that really fits another question is said to answer it
SAME_QUESTION_SIMILARITY = 0.75  # questions this alike are one question asked twice, not rivals
OFF_TOPIC_MAX_SCORE = 15
SHORT_RATIO, LONG_RATIO = 0.35, 1.7   # of the target length: under is short, over is long

class SentenceEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...

@dataclass(frozen=True)
class PointResult:
    point: str
    covered: bool
    evidence: str | None

@dataclass(frozen=True)
class ContentOutput:
    """What an answer says against one question; `to_dict` is the stored and API form."""

    score: int
    answers_the_question: bool
    reason: str
    points: tuple[PointResult, ...]
    structure: dict | None        # {"situation": quote|None, "action": …, "result": …} for behavioural questions
    length: dict                  # {"seconds": s, "target_s": s, "verdict": "short"|"good"|"long"}
    tip: str
    closest_other: str | None = None
    model_answer: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["points"] = [asdict(p) for p in self.points]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ContentOutput:
        return cls(score=data["score"], answers_the_question=data["answers_the_question"], reason=data["reason"],
                   points=tuple(PointResult(p["point"], p["covered"], p.get("evidence")) for p in data["points"]),
                   structure=data.get("structure"), length=dict(data.get("length") or {}), tip=data["tip"],
                   closest_other=data.get("closest_other"), model_answer=data.get("model_answer"))

def check_content(transcript: str, guide: ContentGuide, others: Sequence[ContentGuide], encoder: SentenceEncoder,
                  *, duration_s: float | None = None) -> ContentOutput:
    """The content verdict for `transcript` as an answer to `guide`'s question."""
    sentences = answer_sentences(transcript)
    seconds = duration_s if duration_s is not None else len(transcript.split()) * 60 / SPOKEN_WPM
    length = _length(seconds, guide.target_s, short_is_fine=guide.conversational)
    if not sentences:
        return ContentOutput(0, False, "Nothing was said, so there is nothing to judge yet.",
                             tuple(PointResult(p.point, False, None) for p in guide.points),
                             _empty_structure(guide), length, f"Start with this point: {guide.points[0].point}."
                             if guide.points else "Answer the question out loud.", None, guide.model_answer)
    windows, window_vectors, whole = _encode(sentences, encoder)

    own = _fit(whole, window_vectors, guide, encoder)
    rivals = [(other, _fit(whole, window_vectors, other, encoder)) for other in others
              if other.key != guide.key and other.key not in guide.related
              and _question_similarity(guide, other, encoder) < SAME_QUESTION_SIMILARITY]
    best_other, best_other_fit = max(rivals, key=lambda pair: pair[1], default=(None, -1.0))
    point_min = REPLY_POINT_MIN_SIMILARITY if guide.conversational else POINT_MIN_SIMILARITY
    points = tuple(_point(point, windows, window_vectors, encoder, point_min) for point in guide.points)
    structure = _structure(windows, window_vectors, encoder) if guide.star else None

    short = len(transcript.split()) < SHORT_ANSWER_WORDS
    min_fit, margin = (SHORT_MIN_FIT, SHORT_MARGIN) if short else (ON_TOPIC_MIN_FIT, OTHER_QUESTION_MARGIN)
    on_topic = own >= min_fit and best_other_fit - own <= margin
    score = _score(points, structure, length, on_topic)
    named_other = best_other if not on_topic and best_other_fit >= NAMED_OTHER_MIN_FIT else None
    reason = _reason(guide, on_topic, points, named_other, own)
    return ContentOutput(score, on_topic, reason, points, structure, length,
                         _tip(guide, on_topic, points, structure, length),
                         named_other.question if named_other is not None else None,
                         guide.model_answer)

def _question_similarity(guide: ContentGuide, other: ContentGuide, encoder: SentenceEncoder) -> float:
    """How alike two questions are worded: a user's own question may be a catalogue question in other words."""
    pair = cached_vectors(encoder, (guide.question, other.question))
    return float(pair[0] @ pair[1])


def answer_sentences(transcript: str) -> list[str]:
    """Sentences of the transcript; a run-on sentence (common in speech) is cut into chunks."""
    chunks = []
    for sentence in split_sentences(transcript):
        words = sentence.text.split()
        for start in range(0, len(words), MAX_SENTENCE_WORDS):
            chunks.append(" ".join(words[start:start + MAX_SENTENCE_WORDS]))
    return chunks


def _encode(sentences: list[str], encoder: SentenceEncoder) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Each sentence and each pair of neighbours (a point is often made across two short sentences),
    with their vectors, and the whole answer's vector. Only sentences go through the model: a pair or
    the whole is the normalised mean of its sentences, which keeps one check to one pass over the words."""
    vectors = recent_vectors(encoder, sentences)
    pairs = [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]
    pair_vectors = _unit(vectors[:-1] + vectors[1:]) if pairs else np.zeros((0, vectors.shape[1]), vectors.dtype)
    whole = _unit(vectors.sum(axis=0, keepdims=True))[0]
    return sentences + pairs, np.vstack([vectors, pair_vectors]), whole


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)

def _fit(whole: np.ndarray, windows: np.ndarray, guide: ContentGuide, encoder: SentenceEncoder) -> float:
    """How well the answer fits a guide: the whole answer against the guide's topic texts, and the
    mean of the answer's best-fitting windows against its points."""
    topic = guide.vectors(encoder)
    whole_fit = float(np.max(topic @ whole))
    window_fit = np.sort(np.max(windows @ topic.T, axis=1))[::-1]
    top = window_fit[: max(1, min(3, len(window_fit)))]
    return 0.5 * whole_fit + 0.5 * float(top.mean())

def _point(point: Point, windows: list[str], vectors: np.ndarray, encoder: SentenceEncoder,
           min_similarity: float) -> PointResult:
    ways = point.vectors(encoder)
    similarity = vectors @ ways.T
    best = int(np.argmax(similarity.max(axis=1)))
    phrase_window = next((w for w in windows if point.said_in(w)
                          or point.asks_for_example and STAR_PARTS[0].cue.search(w)), None)
    if phrase_window is not None:
        return PointResult(point.point, True, phrase_window)
    if float(similarity[best].max()) >= min_similarity:
        return PointResult(point.point, True, windows[best])
    return PointResult(point.point, False, None)

def _structure(windows: list[str], vectors: np.ndarray, encoder: SentenceEncoder) -> dict:
    found = {}
    for part in STAR_PARTS:
        cue = next((w for w in windows if part.cue.search(w)), None)
        if cue is None:
            similarity = vectors @ part.vectors(encoder).T
            best = int(np.argmax(similarity.max(axis=1)))
            cue = windows[best] if float(similarity[best].max()) >= STAR_MIN_SIMILARITY else None
        found[part.key] = cue
    return found

def _empty_structure(guide: ContentGuide) -> dict | None:
    return {part.key: None for part in STAR_PARTS} if guide.star else None

def _length(seconds: float, target_s: int, *, short_is_fine: bool = False) -> dict:
    ratio = seconds / target_s if target_s else 1.0
    verdict = "short" if ratio < SHORT_RATIO and not short_is_fine else "long" if ratio > LONG_RATIO else "good"
    return {"seconds": round(seconds, 1), "target_s": target_s, "verdict": verdict}

def _score(points: tuple[PointResult, ...], structure: dict | None, length: dict, on_topic: bool) -> int:
    """Points carry most of the score; STAR parts and length the rest. Off-topic answers stay low."""
    coverage = sum(p.covered for p in points) / len(points) if points else 1.0
    length_part = 1.0 if length["verdict"] == "good" else 0.6 if length["verdict"] == "long" else \
        min(1.0, length["seconds"] / (SHORT_RATIO * length["target_s"])) * 0.6
    if structure is not None:
        star = sum(v is not None for v in structure.values()) / len(structure)
        raw = 15 + 55 * coverage + 20 * star + 10 * length_part
    else:
        raw = 15 + 70 * coverage + 15 * length_part
    if not on_topic:
        return int(min(OFF_TOPIC_MAX_SCORE, round(raw * 0.2)))
    return int(round(min(100.0, raw)))

def _reason(guide: ContentGuide, on_topic: bool, points, other: ContentGuide | None, own: float) -> str:
    covered = sum(p.covered for p in points)
    asked = f"\u201c{guide.question}\u201d"
    does, does_not, points_name = ("replies to", "does not reply to", "things the caller needed") \
        if guide.conversational else ("answers", "does not answer", "talking points")
    if guide.conversational:
        asked = f"the caller's {asked}"
    if not on_topic:
        if other is not None:
            like = "a reply to" if guide.conversational else "an answer to"
            return f"It {does_not} {asked}: it sounds like {like} \u201c{other.question}\u201d."
        return f"It {does_not} {asked}: {guide.off_topic}"
    if not points:
        return f"It {does} {asked}."
    return f"It {does} {asked} and covers {covered} of {len(points)} {points_name}."

def _tip(guide: ContentGuide, on_topic: bool, points, structure: dict | None, length: dict) -> str:
    missing = [p for p in points if not p.covered]
    if not on_topic:
        first = guide.points[0].point if guide.points else guide.about
        ask = "Reply to what the caller just said" if guide.conversational else "Answer the question that was asked"
        return f"{ask}. Start with: {first}."
    if missing:
        return f"Add the most important missing point: {missing[0].point}."
    if structure is not None:
        gap = next((part for part in STAR_PARTS if structure.get(part.key) is None), None)
        if gap is not None:
            return gap.tip
    if length["verdict"] == "short":
        return f"Say more: aim for about {length['target_s']} seconds, with an example for your best point."
    if length["verdict"] == "long":
        return f"Keep it shorter: about {length['target_s']} seconds, one example is enough."
    return "Every point is there. Next time, make your example more specific: a number, a name, a result."


def covered_spans(transcript: str, content: ContentOutput | None) -> list[tuple[int, int, str]]:
    """(start, end, point) character spans of the transcript that covered a talking point, in order,
    not overlapping: a point's quote is one of the transcript's sentences or a pair of them."""
    spans = []
    for point in content.points if content is not None else ():
        if not point.covered or not point.evidence:
            continue
        for part in [point.evidence] if point.evidence in transcript else answer_sentences(point.evidence):
            start = transcript.find(part)
            if start >= 0:
                spans.append((start, start + len(part), point.point))
    kept, cursor = [], 0
    for start, end, point in sorted(spans):
        if start >= cursor:
            kept.append((start, end, point))
            cursor = end
    return kept
