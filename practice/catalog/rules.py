"""Read the checklist rule files: the introduction checklist and the mock-call QA form."""
from __future__ import annotations

from pathlib import Path

from practice.catalog.entries import CallFlowRules, IntroRule, IntroRules, QaRule
from practice.catalog.fields import Entry, read_toml

INTRO_ITEMS = ("name", "background", "experience", "strengths", "why-this-job")

# Each QA item the code knows how to judge, and the phrase groups its judgement reads.
QA_ITEMS: dict[str, tuple[str, ...]] = {
    "opening": ("greeting", "own_name", "offer_help"),
    "verification": ("ask",),
    "empathy": ("say",),
    "probing": ("question_starts", "question_phrases"),
    "resolution": ("say",),
    "hold": ("mention", "permission", "thanks"),
    "closing": ("anything_else", "thanks"),
    "dead_air": (),
}


def read_intro_rules(path: Path) -> IntroRules:
    doc = Entry(path.name, "file", read_toml(path))
    doc.reject_unknown(("settings", "introduction"))
    settings = Entry(path.name, "[settings]", doc.table("settings"))
    settings.reject_unknown(("opening_sentences", "sentence_gap_s", "prompts"))
    items = []
    for i, raw in enumerate(doc.tables("introduction")):
        entry = Entry(path.name, f"introduction item {raw.get('key', f'#{i + 1}')!r}", raw)
        entry.reject_unknown(("key", "title", "hint", "phrases", "opening_phrases"))
        items.append(IntroRule(key=entry.choice("key", INTRO_ITEMS), title=entry.text("title"),
                               hint=entry.text("hint"), phrases=_lower(entry.texts("phrases")),
                               opening_phrases=_lower(entry.texts("opening_phrases", required=False))))
    _exactly_once(doc, "introduction", [r.key for r in items], INTRO_ITEMS)
    return IntroRules(items=tuple(items), opening_sentences=settings.whole("opening_sentences", minimum=1),
                      sentence_gap_s=settings.number("sentence_gap_s", minimum=0.1),
                      prompt_keys=settings.texts("prompts"))


def read_call_flow_rules(path: Path) -> CallFlowRules:
    doc = Entry(path.name, "file", read_toml(path))
    doc.reject_unknown(("settings", "item"))
    settings = Entry(path.name, "[settings]", doc.table("settings"))
    settings.reject_unknown(("opening_within_s", "closing_last_turns", "sentence_gap_s"))
    items = []
    for i, raw in enumerate(doc.tables("item")):
        entry = Entry(path.name, f"item {raw.get('key', f'#{i + 1}')!r}", raw)
        entry.reject_unknown(("key", "title", "description", "weight", "hint", "example", "phrases"))
        key = entry.choice("key", QA_ITEMS)
        groups = QA_ITEMS[key]
        phrases: dict[str, tuple[str, ...]] = {}
        if groups:
            table = Entry(path.name, f"item {key!r} phrases", entry.table("phrases"))
            table.reject_unknown(groups)
            phrases = {group: _lower(table.texts(group)) for group in groups}
        items.append(QaRule(key=key, title=entry.text("title"), description=entry.text("description"),
                            weight=entry.whole("weight", minimum=1), hint=entry.text("hint"),
                            phrases=phrases, example=entry.text("example", required=False) or ""))
    _exactly_once(doc, "item", [r.key for r in items], QA_ITEMS)
    return CallFlowRules(items=tuple(items),
                         opening_within_s=settings.number("opening_within_s", minimum=0),
                         closing_last_turns=settings.whole("closing_last_turns", minimum=1),
                         sentence_gap_s=settings.number("sentence_gap_s", minimum=0.1))


def _lower(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.lower().replace("’", "'") for p in phrases)


def _exactly_once(doc: Entry, field: str, keys: list[str], expected) -> None:
    for key in expected:
        if keys.count(key) != 1:
            raise doc.fail(field, f"item {key!r} must appear exactly once, found {keys.count(key)}")
