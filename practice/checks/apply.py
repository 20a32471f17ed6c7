"""Kind-specific results for an answer: the introduction checklist, a mock call's QA form.

Pure: the worker gathers what they need, calls kind_results() and stores the outcome;
summary pages reuse call_qa() on stored analyses.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from practice.analysis import Analysis
from practice.audio.words import Word
from practice.catalog import SCENARIO_KINDS, Scenario, load_catalog
from practice.checks.call_flow import CallFlowOutput, CallTurn, check_call
from practice.checks.intro import check_introduction


def words_of(analysis: Analysis | None) -> tuple[Word, ...]:
    return analysis.words if analysis is not None else ()


def pauses_of(analysis: Analysis | None) -> tuple[tuple[float, float], ...]:
    return tuple((p.start_s, p.end_s) for p in analysis.pauses) if analysis is not None else ()


def call_qa(scenario: Scenario, analyses: Sequence[Analysis | None]) -> CallFlowOutput:
    """The QA form over the agent's answers, turn by turn (None for a turn not answered yet)."""
    turns = [CallTurn(words_of(analysis), turn.mood, pauses_of(analysis))
             for turn, analysis in zip(scenario.turns, analyses, strict=False)]
    return check_call(turns, company=scenario.company)


def kind_results(prompt_key: str, kind: str, analysis: Analysis,
                 call_turns: Sequence[Analysis | None] = ()) -> dict[str, Any]:
    """Analysis fields for this answer's kind ({"checklist": ...} or {"call_qa": ...}); {} for kinds with none.

    A mock-call turn gets "call_qa" once every turn of its call (`call_turns`, this one included)
    has an analysis: the whole call is judged, not one turn.
    """
    catalog = load_catalog()
    if prompt_key in catalog.intro_rules.prompt_keys:
        return {"checklist": check_introduction(analysis.words)}
    scenario = catalog.scenario(prompt_key) if kind in SCENARIO_KINDS else None
    if scenario is None or len(call_turns) != len(scenario.turns) or any(a is None for a in call_turns):
        return {}
    return {"call_qa": call_qa(scenario, call_turns)}
