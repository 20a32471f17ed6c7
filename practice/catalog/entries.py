"""Frozen records of the catalogue, built once by the loader and shared read-only."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from practice.catalog.kinds import LINE_TITLES, LINES
from practice.checks.content_guide import ContentGuide

DRILL_SET_SIZE = 8


@dataclass(frozen=True)
class Prompt:
    """One thing to answer out loud; `script` is the text to read or repeat in drills."""

    key: str
    kind: str
    milestone: str
    text: str
    target_s: int
    skills: tuple[str, ...]
    model_points: tuple[str, ...] = ()
    script: str | None = None


@dataclass(frozen=True)
class Turn:
    """What the caller says in one turn, and how they feel while saying it."""

    says: str
    mood: str
    expects: tuple[str, ...] = ()
    reply: tuple[str, ...] = ()  # what a good reply to this line does: the turn's talking points

    @property
    def upset(self) -> bool:
        return self.mood == "upset"


@dataclass(frozen=True)
class Scenario:
    """A multi-turn mock call: the caller's lines, and what the agent knows beforehand."""

    key: str
    line: str
    title: str
    company: str
    brief: str
    caller_name: str
    turns: tuple[Turn, ...]
    turn_target_s: int = 30
    skills: tuple[str, ...] = ("call-flow", "clarity", "pace", "confidence", "pauses")

    @property
    def milestone(self) -> str:
        return LINES[self.line]

    @property
    def line_title(self) -> str:
        return LINE_TITLES[self.line]

    def as_prompt(self) -> Prompt:
        """The scenario as a mock-call prompt, so lists and answers treat it like any prompt."""
        return Prompt(key=self.key, kind="mock-call", milestone="mock-call",
                      text=f"{self.line_title} call: {self.title}",
                      target_s=self.turn_target_s * len(self.turns), skills=self.skills)


@dataclass(frozen=True)
class IntroRule:
    """One item of the introduction checklist and the phrases that show it was covered."""

    key: str
    title: str
    hint: str
    phrases: tuple[str, ...]
    opening_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntroRules:
    items: tuple[IntroRule, ...]
    opening_sentences: int  # how many first sentences `opening_phrases` may match in
    sentence_gap_s: float   # a silence this long ends a sentence that has no full stop
    prompt_keys: tuple[str, ...] = ()  # the prompts it judges: "Tell me about yourself", not every question


@dataclass(frozen=True)
class QaRule:
    """One mock-call QA item: its weight, the hint shown to the user, its phrase groups."""

    key: str
    title: str
    description: str
    weight: int
    hint: str
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    example: str = ""


@dataclass(frozen=True)
class CallFlowRules:
    items: tuple[QaRule, ...]
    opening_within_s: float
    closing_last_turns: int
    sentence_gap_s: float

    def item(self, key: str) -> QaRule:
        return next(rule for rule in self.items if rule.key == key)


@dataclass(frozen=True)
class Catalog:
    """Every prompt and scenario, plus the checklist rules; look-ups return None when absent."""

    prompts: tuple[Prompt, ...]
    scenarios: tuple[Scenario, ...]
    intro_rules: IntroRules
    call_flow_rules: CallFlowRules
    guides: dict[str, ContentGuide] = field(default_factory=dict, hash=False)

    def guide(self, key: str) -> ContentGuide | None:
        """The content check of a catalogue question (None for drills and mock calls)."""
        return self.guides.get(key)

    def prompts_of(self, kind: str) -> list[Prompt]:
        if kind == "mock-call":
            return [s.as_prompt() for s in self.scenarios]
        return [p for p in self.prompts if p.kind == kind]

    def prompt(self, key: str) -> Prompt | None:
        found = next((p for p in self.prompts if p.key == key), None)
        if found is None and (scenario := self.scenario(key)) is not None:
            return scenario.as_prompt()
        return found

    def scenario(self, key: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.key == key), None)

    def scenarios_of(self, line: str) -> list[Scenario]:
        return [s for s in self.scenarios if s.line == line]

    def drill_set(self, kind: str, seed: int) -> list[Prompt]:
        """Eight prompts of `kind`, the same eight for the same seed (so a set can be resumed)."""
        pool = self.prompts_of(kind)
        if len(pool) < DRILL_SET_SIZE:
            raise ValueError(f"Only {len(pool)} prompts of kind {kind!r}; a drill set needs {DRILL_SET_SIZE}.")
        return random.Random(seed).sample(pool, DRILL_SET_SIZE)
