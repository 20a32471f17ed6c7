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


@click.command("analyze")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the whole analysis as JSON.")
@click.option("--script", default=None, help="The text that was read aloud, to score read accuracy.")
@with_appcontext
def analyze_command(file: Path, as_json: bool, script: str | None) -> None:
    """Transcribe and score one recording."""
    try:
        result = analyse_with(current_app.config, file, script=script)
    except DecodeError as exc:
        raise click.ClickException(f"could not decode {file}: {exc}") from exc
    data = result.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{file.name}: {data['duration_s']:.1f} s, {data['rate_wpm'] or 0:.0f} wpm, "
               f"{len(data['pauses'])} pauses, analysed in {data['timing']['total_s']:.1f} s")
    click.echo(data["transcript"] or "(no speech recognised)")


def init_app(app: Flask) -> None:
    app.cli.add_command(analyze_command)
    app.cli.add_command(seed_demo_command)
