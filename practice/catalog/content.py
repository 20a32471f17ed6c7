"""Read the content checks (data/content/*.toml) and build each question's ContentGuide."""
from __future__ import annotations

from pathlib import Path

from practice.catalog.fields import CatalogError, Entry, read_toml
from practice.catalog.entries import Prompt, Scenario
from practice.checks.content_guide import ContentGuide, Point

QUESTION_FIELDS = ("key", "about", "off_topic", "star", "related", "model_answer", "point")
POINT_FIELDS = ("point", "says", "phrases")
CHECKED_KINDS = ("introduction", "phone-interview")


def read_guides(folder: Path, prompts: list[Prompt]) -> dict[str, ContentGuide]:
    """Every question's guide; each introduction and phone-interview prompt must have one."""
    by_key = {p.key: p for p in prompts}
    guides: dict[str, ContentGuide] = {}
    raw: dict[str, Entry] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        doc = Entry(path.name, "file", read_toml(path))
        doc.reject_unknown(("question",))
        for i, table in enumerate(doc.tables("question")):
            entry = Entry(path.name, f"question {table.get('key', f'#{i + 1}')!r}", table)
            guide = _guide(entry, by_key)
            if guide.key in guides:
                raise entry.fail("key", "has two content checks")
            guides[guide.key], raw[guide.key] = guide, entry
    for key, guide in guides.items():
        unknown = [k for k in guide.related if k not in guides]
        if unknown:
            raise raw[key].fail("related", f"{unknown[0]!r} has no content check")
    if folder.is_dir():
        missing = [p.key for p in prompts if p.kind in CHECKED_KINDS and p.key not in guides]
        if missing:
            raise CatalogError(f"content/: prompt {missing[0]!r} has no content check (add a [[question]])")
    return guides


def _guide(entry: Entry, prompts: dict[str, Prompt]) -> ContentGuide:
    entry.reject_unknown(QUESTION_FIELDS)
    key = entry.text("key")
    prompt = prompts.get(key)
    if prompt is None or prompt.kind not in CHECKED_KINDS:
        raise entry.fail("key", f"{key!r} is not an introduction or phone-interview prompt")
    star = entry.data.get("star", False)
    if not isinstance(star, bool):
        raise entry.fail("star", "must be true or false")
    return ContentGuide(key=key, question=prompt.text, about=entry.text("about"),
                        points=tuple(_point(Entry(entry.file, f"{entry.label} point {i + 1}", t))
                                     for i, t in enumerate(entry.tables("point"))),
                        target_s=prompt.target_s, off_topic=entry.text("off_topic"), star=star,
                        model_answer=entry.text("model_answer"),
                        related=entry.texts("related", required=False))


def _point(entry: Entry) -> Point:
    entry.reject_unknown(POINT_FIELDS)
    return Point(point=entry.text("point"), says=entry.texts("says", required=False),
                 phrases=entry.texts("phrases", required=False))


def turn_guides(scenario: Scenario) -> list[ContentGuide]:
    """One guide per caller turn: did the agent's reply answer what the caller just said?"""
    guides = []
    for i, turn in enumerate(scenario.turns):
        guides.append(ContentGuide(
            key=f"{scenario.key}#{i + 1}", question=turn.says,
            about=f"The agent's reply to {scenario.caller_name}, who just said: {turn.says}",
            points=tuple(Point(point=reply) for reply in turn.reply), target_s=scenario.turn_target_s,
            off_topic="the reply does not respond to what the caller just said.", conversational=True,
            related=tuple(f"{scenario.key}#{j + 1}" for j in range(len(scenario.turns)) if abs(j - i) == 1)))
    return guides
