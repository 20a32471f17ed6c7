"""Sittings of several answers (a phone screen, a mock call, a drill set): their plan and summary.

A Rehearsal row only stores its kind (and scenario); the questions come from the catalogue, fixed by
the rehearsal's id as the seed, so a sitting can be resumed and summarised later. No DB session here.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from statistics import mean
from typing import Any

from practice.catalog import KINDS, Catalog, Prompt, Scenario, load_catalog
from practice.checks.apply import call_qa, words_of
from practice.checks.call_flow import CallFlowOutput
from practice.checks.drills import DrillOutput, score_drills
from practice.measures import SITTING_AVERAGES
from practice.status import AnswerStatus

SITTING_KINDS = tuple(k.key for k in KINDS.values() if k.sitting)
DRILL_KINDS = tuple(k.key for k in KINDS.values() if k.drill)

# A recruiter's screening call: an opener, a few of the usual questions, then "any questions for me?"
PHONE_FIRST = "phone-introduce-briefly"
PHONE_LAST = "phone-questions-for-us"
PHONE_MIDDLE_COUNT = 3


@dataclass(frozen=True)
class Step:
    """One turn of a sitting: what is said to the user, what is shown, what the upload names."""

    index: int
    prompt_key: str
    text: str             # the question, caller line or script, for the summary
    speak: str | None     # spoken by speech synthesis (None: nothing is spoken)
    shown_before: bool    # True when `text` is on screen before answering (read-aloud passage)
    target_s: int
    mood: str | None = None
    script: str | None = None


def plan(kind: str, seed: int, scenario_key: str | None = None, catalog: Catalog | None = None) -> list[Step]:
    catalog = catalog or load_catalog()
    sitting = KINDS.get(kind)
    if sitting is None or not sitting.sitting:
        raise ValueError(f"{kind!r} is not a kind of sitting.")
    if sitting.from_scenario:
        scenario = catalog.scenario(scenario_key or "")
        if scenario is None:
            raise ValueError(f"There is no mock-call scenario {scenario_key!r}.")
        return [Step(i, scenario.key, t.says, t.says, False, scenario.turn_target_s, t.mood)
                for i, t in enumerate(scenario.turns)]
    if sitting.drill:  # a passage read from the page is shown before; a sentence to repeat is heard first
        return [Step(i, p.key, p.script or p.text, p.script if sitting.spoken else None, not sitting.spoken,
                     p.target_s, script=p.script)
                for i, p in enumerate(catalog.drill_set(kind, seed))]
    return [Step(i, p.key, p.text, p.text, False, p.target_s)
            for i, p in enumerate(screening_questions(kind, seed, catalog))]


def screening_questions(kind: str, seed: int, catalog: Catalog) -> list[Prompt]:
    """A screening call's questions: its fixed opening and closing, and a sample fixed by `seed` between them."""
    pool = catalog.prompts_of(kind)
    ends = [p for p in pool if p.key in (PHONE_FIRST, PHONE_LAST)]
    middle = [p for p in pool if p.key not in (PHONE_FIRST, PHONE_LAST)]
    picked = random.Random(seed).sample(middle, min(PHONE_MIDDLE_COUNT, len(middle)))
    first = [p for p in ends if p.key == PHONE_FIRST]
    last = [p for p in ends if p.key == PHONE_LAST]
    return first + sorted(picked, key=middle.index) + last


@dataclass(frozen=True)
class Row:
    step: Step
    answer: Any | None  # the latest Answer for this turn, or None


@dataclass(frozen=True)
class Summary:
    kind: str
    rows: list[Row]
    scenario: Scenario | None = None
    averages: dict[str, float | None] = field(default_factory=dict)
    call: CallFlowOutput | None = None
    drills: DrillOutput | None = None

    @property
    def answered(self) -> int:
        return sum(r.answer is not None for r in self.rows)

    @property
    def pending(self) -> bool:
        return any(r.answer is not None and not r.answer.finished for r in self.rows)

    @property
    def complete(self) -> bool:
        return all(r.answer is not None and r.answer.status == AnswerStatus.DONE for r in self.rows)

    @property
    def next_turn(self) -> int | None:
        return next((r.step.index for r in self.rows if r.answer is None), None)

    @property
    def sitting_part(self) -> tuple[str, float] | None:
        """The sitting's own measure that joins its answers' average in the headline: call QA or drill score."""
        if self.call is not None:
            return "Call QA", self.call.score_pct
        if self.drills is not None:
            return "Drill score", self.drills.score
        return None

    @property
    def overall(self) -> int | None:
        """The headline: the answers' average overall, averaged with the call QA or drill score when there is
        one, so no other number on the page can say the sitting went better or worse than it."""
        answers = self.averages.get("overall")
        part = self.sitting_part
        if part is None:
            return None if answers is None else int(round(answers))
        if answers is None:
            return int(round(part[1]))
        return int(round(SITTING_PART_WEIGHT * part[1] + (1 - SITTING_PART_WEIGHT) * answers))


# A mock call is judged as much on its call flow (QA) as on its answers; a drill set as much on its accuracy.
SITTING_PART_WEIGHT = 0.5




def summarise(rehearsal, catalog: Catalog | None = None) -> Summary:
    """Each step with its latest answer, the averages of finished answers, and the kind's verdict."""
    catalog = catalog or load_catalog()
    steps = plan(rehearsal.kind, rehearsal.id, rehearsal.scenario_key, catalog)
    latest: dict[int, Any] = {}
    for answer in rehearsal.answers:  # ordered by turn_index; a later take of a turn replaces an earlier one
        index = answer.turn_index
        if index is not None and (index not in latest or answer.id > latest[index].id):
            latest[answer.turn_index] = answer
    rows = [Row(step, latest.get(step.index)) for step in steps]
    done = [r.answer for r in rows if r.answer is not None and r.answer.status == AnswerStatus.DONE]
    averages = {}
    for measure in SITTING_AVERAGES:
        values = [a.metrics.get(measure.key) for a in done if a.metrics and a.metrics.get(measure.key) is not None]
        averages[measure.key] = round(mean(values), 3) if values else None
    summary = Summary(rehearsal.kind, rows, catalog.scenario(rehearsal.scenario_key or ""), averages)
    if KINDS[rehearsal.kind].from_scenario and summary.complete:
        summary = replace(summary, call=call_qa(summary.scenario, [r.answer.result for r in rows]))
    if rehearsal.kind in DRILL_KINDS:
        pairs = [(catalog.prompt(r.step.prompt_key), _spoken(r.answer)) for r in rows]
        summary = replace(summary, drills=score_drills(pairs))
    return summary


def _spoken(answer) -> tuple | None:
    if answer is None or answer.status != AnswerStatus.DONE:
        return None
    return words_of(answer.result)
