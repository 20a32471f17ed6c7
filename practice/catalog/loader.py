"""Read the catalogue's TOML files once at start-up and refuse data that breaks the rules."""
from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

from practice.catalog.content import read_guides
from practice.catalog.entries import Catalog, Prompt, Scenario, Turn
from practice.catalog.fields import CatalogError, Entry, read_toml
from practice.catalog.kinds import KINDS, LINES, MOODS, PROMPT_MILESTONES, SCRIPT_WORDS, SKILLS
from practice.catalog.rules import read_call_flow_rules, read_intro_rules

DATA_DIR = Path(__file__).parent / "data"
PROMPT_FIELDS = ("key", "kind", "milestone", "text", "target_s", "skills", "script")
SCENARIO_FIELDS = ("key", "line", "title", "company", "brief", "caller_name", "turn", "turn_target_s")
TURN_FIELDS = ("says", "mood", "expects", "reply")
MIN_TURNS, MAX_TURNS = 4, 8


@cache
def load_catalog() -> Catalog:
    """The packaged catalogue, read and checked on first use, then shared."""
    return read_catalog(DATA_DIR)


def read_catalog(data_dir: Path | str) -> Catalog:
    """Read every data file under `data_dir`; raises CatalogError naming file, entry and field."""
    data_dir = Path(data_dir)
    call_flow_rules = read_call_flow_rules(data_dir / "call_flow.toml")
    intro_rules = read_intro_rules(data_dir / "checklists.toml")
    qa_keys = tuple(rule.key for rule in call_flow_rules.items)

    prompts = [p for path in _files(data_dir / "prompts") for p in _read_prompts(path)]
    scenarios = [s for path in _files(data_dir / "scenarios") for s in _read_scenarios(path, qa_keys)]
    seen: dict[str, str] = {}
    for key, where in [(p.key, "prompt") for p in prompts] + [(s.key, "scenario") for s in scenarios]:
        if key in seen:
            raise CatalogError(f"{where} {key!r}: field 'key': used twice (keys are unique across the catalogue)")
        seen[key] = where
    for key in intro_rules.prompt_keys:
        if seen.get(key) != "prompt":
            raise CatalogError(f"checklists.toml: [settings]: field 'prompts': "
                               f"{key!r} is not a prompt in the catalogue")
    guides = read_guides(data_dir / "content", prompts)
    prompts = [dataclasses.replace(p, model_points=tuple(pt.point for pt in guides[p.key].points))
               if p.key in guides else p for p in prompts]
    return Catalog(tuple(prompts), tuple(scenarios), intro_rules, call_flow_rules, guides)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise CatalogError(f"{folder.name}/: folder is missing (looked in {folder.parent})")
    return sorted(folder.glob("*.toml"))


def _top_level(path: Path, array: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A data file holds optional `[defaults]` and an array of `[[array]]` tables."""
    doc = Entry(path.name, "file", read_toml(path))
    doc.reject_unknown(("defaults", array))
    defaults = doc.table("defaults") if "defaults" in doc.data else {}
    return defaults, doc.tables(array)


def _read_prompts(path: Path) -> list[Prompt]:
    defaults, tables = _top_level(path, "prompt")
    return [_prompt(Entry(path.name, f"prompt {t.get('key', f'#{i + 1}')!r}", {**defaults, **t}))
            for i, t in enumerate(tables)]


def _prompt(entry: Entry) -> Prompt:
    entry.reject_unknown(PROMPT_FIELDS)
    key = _slug(entry)
    kind = entry.choice("kind", (k for k in KINDS if k != "mock-call"))
    spec = KINDS[kind]
    target_s = entry.whole("target_s", minimum=1)
    if not spec.min_target_s <= target_s <= spec.max_target_s:
        raise entry.fail("target_s",
                         f"{kind} answers aim for {spec.min_target_s}-{spec.max_target_s} s, not {target_s}")
    script = entry.text("script", required=kind in SCRIPT_WORDS)
    if kind in SCRIPT_WORDS:
        low, high = SCRIPT_WORDS[kind]
        if not low <= len(script.split()) <= high:
            raise entry.fail("script", f"{kind} scripts have {low}-{high} words, this one has {len(script.split())}")
    return Prompt(key=key, kind=kind, milestone=entry.choice("milestone", PROMPT_MILESTONES),
                  text=entry.text("text"), target_s=target_s, skills=entry.texts("skills", options=SKILLS),
                  script=script)


def _read_scenarios(path: Path, qa_keys: tuple[str, ...]) -> list[Scenario]:
    defaults, tables = _top_level(path, "scenario")
    return [_scenario(Entry(path.name, f"scenario {t.get('key', f'#{i + 1}')!r}", {**defaults, **t}), qa_keys)
            for i, t in enumerate(tables)]


def _scenario(entry: Entry, qa_keys: tuple[str, ...]) -> Scenario:
    entry.reject_unknown(SCENARIO_FIELDS)
    key = _slug(entry)
    raw_turns = entry.tables("turn") if "turn" in entry.data else []
    if not MIN_TURNS <= len(raw_turns) <= MAX_TURNS:
        raise entry.fail("turn", f"a scenario has {MIN_TURNS}-{MAX_TURNS} turns, this one has {len(raw_turns)}")
    turns = []
    for i, raw in enumerate(raw_turns):
        turn = Entry(entry.file, f"{entry.label} turn {i + 1}", raw)
        turn.reject_unknown(TURN_FIELDS)
        turns.append(Turn(says=turn.text("says"), mood=turn.choice("mood", MOODS),
                          expects=turn.texts("expects", required=False, options=qa_keys),
                          reply=turn.texts("reply")))
    if not any(t.upset for t in turns):
        raise entry.fail("turn", "needs at least one turn with mood = \"upset\"")
    return Scenario(key=key, line=entry.choice("line", LINES), title=entry.text("title"),
                    company=entry.text("company"), brief=entry.text("brief"),
                    caller_name=entry.text("caller_name"), turns=tuple(turns),
                    turn_target_s=entry.whole("turn_target_s", minimum=5, default=30))


def _slug(entry: Entry) -> str:
    key = entry.text("key")
    if not all(part.isalnum() and part.islower() or part.isdigit() for part in key.split("-")):
        raise entry.fail("key", f"{key!r} must be a slug: lower-case letters and digits joined by '-'")
    return key
