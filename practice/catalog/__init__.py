"""Rehearsal content as data: prompts, mock-call scenarios and checklist rules, loaded once."""
from practice.catalog.entries import (
    DRILL_SET_SIZE,
    CallFlowRules,
    Catalog,
    IntroRule,
    IntroRules,
    Prompt,
    QaRule,
    Scenario,
    Turn,
)
from practice.catalog.fields import CatalogError
from practice.catalog.kinds import KINDS, LINES, MILESTONES, MOODS, SCENARIO_KINDS, SKILLS, Kind, Milestone
from practice.catalog.loader import DATA_DIR, load_catalog, read_catalog


def drill_set(kind: str, seed: int) -> list[Prompt]:
    """Eight prompts of a drill kind from the packaged catalogue, fixed by `seed`."""
    return load_catalog().drill_set(kind, seed)


__all__ = ["CatalogError", "KINDS", "LINES", "MILESTONES", "MOODS", "SCENARIO_KINDS", "SKILLS", "Kind", "Milestone",
           "DATA_DIR", "load_catalog", "read_catalog", "DRILL_SET_SIZE", "CallFlowRules", "Catalog", "IntroRule",
           "IntroRules", "Prompt", "QaRule", "Scenario", "Turn", "drill_set"]
