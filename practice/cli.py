"""Command-line entry points: analyse any audio file exactly as the worker does."""
from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from practice.analysis import analyse_with
from practice.demo import seed_demo_command
from practice.speech.decode import DecodeError
from practice.catalog import load_catalog
from practice.content import check_answer, guides_for


@click.command("analyze")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole analysis as JSON.")
@click.option("--script", default=None, help="The text that was read aloud, to score read accuracy.")
@click.option("--prompt", "prompt_id", default=None, help="The question it answers, to check what was said.")
@click.option("--turn", "turn_number", type=click.IntRange(min=1), default=None,
              help="For a mock call: which caller turn (1 = the first) it replies to.")
@with_appcontext
def analyze_command(file: Path, as_json: bool, script: str | None, prompt_id: str | None,
                    turn_number: int | None) -> None:
    """Transcribe and score one recording; with --prompt, also check what it says (as the worker does)."""
    turn_index = None if turn_number is None else turn_number - 1
    if prompt_id is not None:
        _require_guide(prompt_id, turn_index)
    try:
        result = analyse_with(current_app.config, file, script=script)
    except DecodeError as exc:
        raise click.ClickException(f"could not decode {file}: {exc}") from exc
    if prompt_id is not None:
        result = result.with_content(check_answer(prompt_id, result.transcript, duration_s=result.duration_s,
                                                  turn_index=turn_index))
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{file.name}: {data['duration_s']:.1f} s, {data['rate_wpm'] or 0:.0f} wpm, "
               f"{len(data['pauses'])} pauses, analysed in {data['timing']['total_s']:.1f} s")
    click.echo(data["transcript"] or "(no speech recognised)")
    if result.content is not None:
        click.echo(f"Overall {data['scores']['overall']}/100, content {result.content.score}/100. "
                   f"{result.content.reason}")


@click.command("check-answer")
@click.argument("prompt_id")
@click.option("--text", required=True, help="The answer, as it was said.")
@click.option("--turn", "turn_number", type=click.IntRange(min=1), default=None,
              help="For a mock call: which caller turn (1 = the first) it replies to.")
@click.option("--json", "as_json", is_flag=True, help="Print {\"content\": {...}} as JSON.")
@with_appcontext
def check_answer_command(prompt_id: str, text: str, turn_number: int | None, as_json: bool) -> None:
    """Check what a written answer says: relevance, talking points, structure, a score and a tip."""
    turn_index = None if turn_number is None else turn_number - 1
    _require_guide(prompt_id, turn_index)
    content = check_answer(prompt_id, text, turn_index=turn_index).to_dict()
    if as_json:
        click.echo(json.dumps({"content": content}, indent=2))
        return
    click.echo(f"Content {content['score']}/100. {content['reason']}")
    for point in content["points"]:
        mark = "x" if point["covered"] else " "
        quote = f"  \u2190 \u201c{point['evidence']}\u201d" if point["covered"] else ""
        click.echo(f"  [{mark}] {point['point']}{quote}")
    if content["structure"] is not None:
        found = ", ".join(part for part, quote in content["structure"].items() if quote) or "none"
        click.echo(f"  STAR parts found: {found}")
    click.echo(f"Tip: {content['tip']}")


def _require_guide(prompt_id: str, turn_index: int | None) -> None:
    if guides_for(prompt_id, turn_index) is None:
        hint = " (a mock call needs --turn N)" if load_catalog().scenario(prompt_id) else ""
        raise click.BadParameter(f"no question with a content check has the id {prompt_id!r}{hint}",
                                 param_hint="PROMPT_ID")


def init_app(app: Flask) -> None:
    app.cli.add_command(analyze_command)
    app.cli.add_command(check_answer_command)
    app.cli.add_command(seed_demo_command)
