"""Kind-specific results for a stored answer: the introduction checklist, a mock call's QA form.

The worker calls kind_results() after build_analysis and merges the dict into the stored analysis;
kind_metrics() picks the headline numbers from it. Summary pages reuse call_qa() on stored analyses.
"""
from __future__ import annotations

from typing import Any
from collections.abc import Sequence

from practice.audio.words import Word
from practice.catalog import Scenario, load_catalog
from practice.checks.call_flow import CallFlowOutput, CallTurn, check_call
from practice.checks.intro import check_introduction


def words_of(analysis: dict[str, Any] | None) -> tuple[Word, ...]:
    """The timed words of a stored analysis, back as Word records."""
    return tuple(Word(w["text"], w["start_s"], w["end_s"], w.get("probability", 1.0), w.get("filler", False))
                 for w in (analysis or {}).get("words") or ())


def pauses_of(analysis: dict[str, Any] | None) -> tuple[tuple[float, float], ...]:
    return tuple((p["start_s"], p["end_s"]) for p in (analysis or {}).get("pauses") or ())


def call_qa(scenario: Scenario, analyses: Sequence[dict[str, Any] | None]) -> CallFlowOutput:
    """The QA form over the agent's answers, turn by turn (None for a turn not answered yet)."""
    turns = [CallTurn(words_of(analysis), turn.mood, pauses_of(analysis))
             for turn, analysis in zip(scenario.turns, analyses, strict=False)]
    return check_call(turns, company=scenario.company)


def kind_results(answer, analysis: dict[str, Any]) -> dict[str, Any]:
    """Extra analysis keys for this answer's kind; {} for kinds that need none.

    A mock-call turn gets "call_qa" once every turn of its call has an analysed answer (the
    whole call is judged, not one turn); qa_percent is then also written to the other turns'
    metrics, so progress reads the same number from any answer of that call.
    """
    if answer.prompt_key in load_catalog().intro_rules.prompt_keys:
        return {"checklist": check_introduction(words_of(analysis)).to_dict()}
    if answer.kind == "mock-call" and answer.rehearsal is not None:
        scenario = load_catalog().scenario(answer.prompt_key)
        if scenario is None:
            return {}
        by_turn = {a.turn_index: a.analysis for a in answer.rehearsal.answers
                   if a.id != answer.id and a.status == "done"}
        by_turn[answer.turn_index] = analysis
        analyses = [by_turn.get(i) for i in range(len(scenario.turns))]
        if any(a is None for a in analyses):
            return {}
        qa = call_qa(scenario, analyses).to_dict()
        store_qa_percent([a for a in answer.rehearsal.answers if a.id != answer.id], qa["score_pct"])
        return {"call_qa": qa}
    return {}


def kind_metrics(results: dict[str, Any]) -> dict[str, Any]:
    """Headline numbers from kind_results, for progress charts."""
    metrics = {}
    if "checklist" in results:
        metrics["checklist_pct"] = results["checklist"]["score_pct"]
    if "call_qa" in results:
        metrics["qa_percent"] = results["call_qa"]["score_pct"]
    return metrics


def store_qa_percent(answers, qa_percent: float) -> None:
    """Put the call's QA percentage into each answer's metrics (a new dict, so the JSON column saves)."""
    for answer in answers:
        if answer.metrics is not None and answer.metrics.get("qa_percent") != qa_percent:
            answer.metrics = {**answer.metrics, "qa_percent": qa_percent}
