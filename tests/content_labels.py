"""The labelled answers (tests/data/content_answers.toml) and how the content check does on them."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

LABELS_FILE = Path(__file__).parent / "data" / "content_answers.toml"
LABELS = ("strong", "weak", "off-topic")


@dataclass(frozen=True)
class Labelled:
    prompt: str
    label: str
    text: str


@dataclass(frozen=True)
class Judged:
    item: Labelled
    score: int
    on_topic: bool


def load_labelled(path: Path = LABELS_FILE) -> list[Labelled]:
    with path.open("rb") as fh:
        rows = tomllib.load(fh)["answer"]
    return [Labelled(r["prompt"], r["label"], " ".join(r["text"].split())) for r in rows]


def judge_all(items: list[Labelled], check) -> list[Judged]:
    """`check(prompt_key, text)` -> ContentOutput, for every labelled answer."""
    judged = []
    for item in items:
        out = check(item.prompt, item.text)
        judged.append(Judged(item, out.score, out.answers_the_question))
    return judged


def off_topic_recall_precision(judged: list[Judged]) -> tuple[float, float]:
    truly = [j for j in judged if j.item.label == "off-topic"]
    flagged = [j for j in judged if not j.on_topic]
    caught = [j for j in truly if not j.on_topic]
    recall = len(caught) / len(truly) if truly else 1.0
    precision = len(caught) / len(flagged) if flagged else 1.0
    return recall, precision


def weak_gaps(judged: list[Judged]) -> list[tuple[Judged, int]]:
    """Each weak answer with how far it scores below the lowest strong answer to the same question."""
    gaps = []
    for weak in (j for j in judged if j.item.label == "weak"):
        strong = [j.score for j in judged if j.item.prompt == weak.item.prompt and j.item.label == "strong"]
        if strong:
            gaps.append((weak, min(strong) - weak.score))
    return gaps
