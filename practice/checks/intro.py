"""The introduction checklist: did "Tell me about yourself" cover name, background, experience,
strengths and why this job? Phrase rules are data (catalog/data/checklists.toml)."""
from __future__ import annotations

from dataclasses import dataclass

from practice.audio.text import normalise_words
from practice.catalog import IntroRules, load_catalog
from practice.checks.text import Sentence, Spoken, find_phrase, split_sentences


@dataclass(frozen=True)
class ChecklistItem:
    """One checklist item: the sentence that covered it, or a hint when it is missing."""

    key: str
    title: str
    passed: bool
    sentence: str | None = None
    start_s: float | None = None
    matched: str | None = None  # the phrase rule that fired, so the evidence is explainable
    hint: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> ChecklistItem:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class IntroOutput:
    items: tuple[ChecklistItem, ...]

    @property
    def passed_count(self) -> int:
        return sum(item.passed for item in self.items)

    @property
    def score_pct(self) -> float:
        """Share of items covered, 0-100 (each item counts the same)."""
        return round(100 * self.passed_count / len(self.items), 1) if self.items else 0.0

    def item(self, key: str) -> ChecklistItem:
        return next(item for item in self.items if item.key == key)

    def to_dict(self) -> dict:
        return {"score_pct": self.score_pct, "passed_count": self.passed_count,
                "items": [item.to_dict() for item in self.items]}

    @classmethod
    def from_dict(cls, data: dict) -> IntroOutput:
        return cls(tuple(ChecklistItem.from_dict(item) for item in data.get("items") or ()))


def check_introduction(spoken: Spoken, rules: IntroRules | None = None) -> IntroOutput:
    """Check each item against the sentences; the first sentence that matches is the evidence."""
    rules = rules or load_catalog().intro_rules
    sentences = split_sentences(spoken, rules.sentence_gap_s)
    items = []
    for rule in rules.items:
        found = None
        for index, sentence in enumerate(sentences):
            opening = rule.opening_phrases if index < rules.opening_sentences else ()
            matched = find_phrase(sentence, rule.phrases) or _before_a_name(sentence, opening)
            if matched:
                found = ChecklistItem(rule.key, rule.title, True, sentence.text, sentence.start_s, matched)
                break
        items.append(found or ChecklistItem(rule.key, rule.title, False, hint=rule.hint))
    return IntroOutput(tuple(items))


def _before_a_name(sentence: Sentence, phrases: tuple[str, ...]) -> str | None:
    """A phrase like "I'm" followed by a capitalised word ("I'm Ana", not "I'm really happy")."""
    tokens = sentence.text.split()
    spoken = [" ".join(normalise_words(t)) for t in tokens]
    for phrase in phrases:
        size = len(phrase.split())
        for i in range(len(tokens) - size):
            following = tokens[i + size].lstrip("\"'(")
            if (" ".join(spoken[i:i + size]) == phrase and following[:1].isupper()
                    and spoken[i + size] != "i"):
                return phrase
    return None
