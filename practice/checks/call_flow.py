"""Mock-call QA: score a whole call (the agent's answers, turn by turn) against the QA form
in catalog/data/call_flow.toml. Every item keeps the quote and time that decided it."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from practice.audio.pauses import DEAD_AIR_S
from practice.audio.words import Word
from practice.catalog import CallFlowRules, QaRule, load_catalog
from practice.checks.text import Sentence, Spoken, contains_name, find_phrase, split_sentences

PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "n/a"


@dataclass(frozen=True)
class CallTurn:
    """The agent's answer to one caller turn; word and pause times start at this recording."""

    words: Spoken
    mood: str = "calm"
    pauses: tuple = ()  # (start_s, end_s) pairs or objects with start_s / end_s (audio.pauses.Pause)


@dataclass(frozen=True)
class QaItem:
    key: str
    title: str
    status: str  # "pass", "fail" or "n/a"
    weight: int
    hint: str
    quote: str | None = None
    turn_index: int | None = None  # 0-based; shown to people as turn_index + 1
    at_s: float | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> QaItem:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class CallFlowOutput:
    items: tuple[QaItem, ...]

    @property
    def score_pct(self) -> float:
        """Weighted share of passed items among those that apply (n/a items drop out), 0-100."""
        applicable = [i for i in self.items if i.status != NOT_APPLICABLE]
        total = sum(i.weight for i in applicable)
        return round(100 * sum(i.weight for i in applicable if i.status == PASS) / total, 1) if total else 0.0

    def item(self, key: str) -> QaItem:
        return next(item for item in self.items if item.key == key)

    def to_dict(self) -> dict:
        return {"score_pct": self.score_pct, "items": [item.to_dict() for item in self.items]}

    @classmethod
    def from_dict(cls, data: dict) -> CallFlowOutput:
        return cls(tuple(QaItem.from_dict(item) for item in data.get("items") or ()))


@dataclass(frozen=True)
class _Said:
    turn_index: int
    sentence: Sentence


def check_call(turns: Sequence[CallTurn], *, company: str, rules: CallFlowRules | None = None) -> CallFlowOutput:
    """Judge every QA item in the order of the form."""
    rules = rules or load_catalog().call_flow_rules
    said = [_Said(i, s) for i, turn in enumerate(turns) for s in split_sentences(turn.words, rules.sentence_gap_s)]
    judges = {"opening": lambda r: _opening(r, rules, turns, said, company),
              "verification": lambda r: _first_match(r, said, r.phrases["ask"]),
              "empathy": lambda r: _empathy(r, turns, said),
              "probing": lambda r: _probing(r, rules, said),
              "resolution": lambda r: _first_match(r, said, r.phrases["say"]),
              "hold": lambda r: _hold(r, said),
              "closing": lambda r: _closing(r, rules, turns, said),
              "dead_air": lambda r: _dead_air(r, turns, _hold_windows(rules.item("hold"), said))}
    return CallFlowOutput(tuple(judges[rule.key](rule) for rule in rules.items))


def _item(rule: QaRule, status: str, found: _Said | None = None, *, hint: str | None = None,
          turn_index: int | None = None, at_s: float | None = None, quote: str | None = None) -> QaItem:
    if found is not None:
        quote, turn_index, at_s = found.sentence.text, found.turn_index, found.sentence.start_s
    return QaItem(rule.key, rule.title, status, rule.weight, hint or rule.hint, quote, turn_index, at_s)


def _search(said: Iterable[_Said], phrases: Iterable[str]) -> _Said | None:
    phrases = tuple(phrases)
    return next((s for s in said if find_phrase(s.sentence, phrases)), None)


def _first_match(rule: QaRule, said: list[_Said], phrases: tuple[str, ...]) -> QaItem:
    found = _search(said, phrases)
    return _item(rule, PASS, found) if found else _item(rule, FAIL)


def _example(rule: QaRule, company: str) -> str:
    return f" Try: \"{rule.example.format(company=company)}\"" if rule.example else ""


def _opening(rule: QaRule, rules: CallFlowRules, turns: Sequence[CallTurn], said: list[_Said],
             company: str) -> QaItem:
    first = [s for s in said if s.turn_index == 0]
    if not first:
        return _item(rule, FAIL, hint="You did not say anything in your first answer. " + rule.hint
                     + _example(rule, company), turn_index=0)
    parts = {"a greeting": _search(first, rule.phrases["greeting"]),
             "the company name": next((s for s in first if contains_name(s.sentence, company)), None),
             "your name": _search(first, rule.phrases["own_name"]),
             "an offer to help": _search(first, rule.phrases["offer_help"])}
    missing = [name for name, found in parts.items() if found is None]
    started_s = first[0].sentence.start_s
    late = started_s is not None and started_s > rules.opening_within_s
    found = [f for f in parts.values() if f is not None]
    quote = " ".join(s.sentence.text for s in first[: 1 + max((first.index(f) for f in found), default=0)])
    if not missing and not late:
        return _item(rule, PASS, quote=quote, turn_index=0, at_s=started_s)
    problems = []
    if missing:
        problems.append("Your opening did not include " + _and(missing) + ".")
    if late:
        problems.append(f"You started {started_s:.1f} s after the call connected; "
                        f"begin within {rules.opening_within_s:g} s.")
    return _item(rule, FAIL, hint=" ".join(problems) + _example(rule, company), quote=quote,
                 turn_index=0, at_s=started_s)


def _empathy(rule: QaRule, turns: Sequence[CallTurn], said: list[_Said]) -> QaItem:
    upset = [i for i, turn in enumerate(turns) if turn.mood == "upset"]
    if not upset:
        return _item(rule, NOT_APPLICABLE, hint="The caller stayed calm, so no apology was needed.")
    phrases = rule.phrases["say"]
    answers = [_search((s for s in said if s.turn_index == i), phrases) for i in upset]
    missed = [i for i, found in zip(upset, answers, strict=True) if found is None]
    if not missed:
        return _item(rule, PASS, answers[0])
    elsewhere = _search(said, phrases)
    hint = f"The caller was upset in turn {missed[0] + 1}, and your answer there did not acknowledge it."
    if elsewhere is not None:
        hint += f" (You did in turn {elsewhere.turn_index + 1}; say it right when they are upset.)"
    return _item(rule, FAIL, hint=f"{hint} {rule.hint}", turn_index=missed[0])


def _probing(rule: QaRule, rules: CallFlowRules, said: list[_Said]) -> QaItem:
    """A question about the problem; the scripted questions of other items do not count."""
    scripted = (rules.item("opening").phrases["offer_help"] + rules.item("closing").phrases["anything_else"]
                + rules.item("hold").phrases["permission"] + rules.item("verification").phrases["ask"])
    for s in said:
        sentence = s.sentence
        starts = next((p for p in rule.phrases["question_starts"] if sentence.words.startswith(f" {p} ")), None)
        asked = (sentence.end_mark == "?" or (starts and sentence.end_mark == "")
                 or find_phrase(sentence, rule.phrases["question_phrases"]))
        if asked and not find_phrase(sentence, scripted):
            return _item(rule, PASS, s)
    return _item(rule, FAIL)


def _hold(rule: QaRule, said: list[_Said]) -> QaItem:
    mention = _search(said, rule.phrases["mention"])
    if mention is None:
        return _item(rule, NOT_APPLICABLE, hint="You did not put the caller on hold. " + rule.hint)
    permission = _search(said, rule.phrases["permission"])
    after = said[said.index(mention):]
    thanks = _search(after, rule.phrases["thanks"])
    missing = ([] if permission else ["ask before the hold"]) + ([] if thanks else ["thank them for waiting"])
    if not missing:
        return _item(rule, PASS, permission)
    return _item(rule, FAIL, mention, hint=f"You put the caller on hold but did not {_and(missing)}. {rule.hint}")


def _closing(rule: QaRule, rules: CallFlowRules, turns: Sequence[CallTurn], said: list[_Said]) -> QaItem:
    first_closing_turn = max(0, len(turns) - rules.closing_last_turns)
    end = [s for s in said if s.turn_index >= first_closing_turn]
    anything_else = _search(end, rule.phrases["anything_else"])
    thanks = _search(end, rule.phrases["thanks"])
    missing = (([] if anything_else else ["ask if there is anything else"])
               + ([] if thanks else ["thank the caller"]))
    if not missing:
        return _item(rule, PASS, thanks)
    return _item(rule, FAIL, anything_else or thanks,
                 hint=f"At the end of the call, {_and(missing)}. {rule.hint}")


def _hold_windows(rule: QaRule, said: list[_Said]) -> dict[int, list[tuple[float, float]]]:
    """Per turn, the silences between "may I put you on hold" and "thank you for waiting"."""
    windows: dict[int, list[tuple[float, float]]] = {}
    for i, s in enumerate(said):
        if s.sentence.end_s is None or not find_phrase(s.sentence, rule.phrases["mention"]):
            continue
        same_turn = [t for t in said[i + 1:] if t.turn_index == s.turn_index]
        back = _search(same_turn, rule.phrases["thanks"])
        if back is not None:
            windows.setdefault(s.turn_index, []).append((s.sentence.end_s, back.sentence.start_s))
    return windows


def _dead_air(rule: QaRule, turns: Sequence[CallTurn], holds: dict[int, list[tuple[float, float]]]) -> QaItem:
    """Silences inside an answer, and the wait before its first word (the caller hears both);
    a silence during a hold the agent asked for is not dead air."""
    for index, turn in enumerate(turns):
        gaps = [(float(p[0]), float(p[1])) if isinstance(p, tuple) else (p.start_s, p.end_s) for p in turn.pauses]
        if turn.words and isinstance(turn.words[0], Word):
            gaps.insert(0, (0.0, turn.words[0].start_s))
        for start_s, end_s in gaps:
            on_hold = any(w0 - 0.05 <= start_s and end_s <= w1 + 0.05 for w0, w1 in holds.get(index, []))
            if end_s - start_s >= DEAD_AIR_S and not on_hold:
                where = "before you started speaking" if start_s == 0.0 else "in the middle of your answer"
                return _item(rule, FAIL, quote=f"{end_s - start_s:.1f} s of silence {where}",
                             turn_index=index, at_s=start_s,
                             hint=f"There were {end_s - start_s:.1f} s of silence in turn {index + 1}. {rule.hint}")
    return _item(rule, PASS)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
