"""Record one question again, the same turn of the same sitting included, then compare the two takes."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from practice import sittings
from practice.catalog import KINDS, Prompt
from practice.content import guide_for
from practice.extensions import db
from practice.models import Answer, Rehearsal
from practice.prompts import find_prompt
from practice.web.notebook.tips import reminders_for

bp = Blueprint("retake", __name__)


@bp.get("/answers/<int:answer_id>/again")
def record_again(answer_id: int):
    """The question of `answer` again: a sitting's turn keeps its sitting and turn, so its summary updates."""
    answer = db.get_or_404(Answer, answer_id)
    rehearsal = db.session.get(Rehearsal, answer.rehearsal_id) if answer.rehearsal_id is not None else None
    if rehearsal is not None and answer.turn_index is not None:
        steps = sittings.plan(rehearsal.kind, rehearsal.id, rehearsal.scenario_key)
        if answer.turn_index < len(steps):
            return _turn_again(answer, rehearsal, steps[answer.turn_index])
    prompt = find_prompt(answer.prompt_key)
    if prompt is None:
        flash("That question was deleted, so it can't be recorded again. Pick another one.", "error")
        return redirect(url_for("rehearse.rehearse", kind=answer.kind))
    return _page(answer, prompt, voice_url=url_for("voice.prompt_line", key=prompt.key))


def _turn_again(answer: Answer, rehearsal: Rehearsal, step: sittings.Step):
    catalog_prompt = find_prompt(step.prompt_key)
    skills = catalog_prompt.skills if catalog_prompt else ()
    prompt = Prompt(key=step.prompt_key, kind=rehearsal.kind, milestone=KINDS[rehearsal.kind].milestone,
                    text=step.text, target_s=step.target_s, skills=tuple(skills), script=step.script)
    voice_url = url_for("voice.turn_line", rehearsal_id=rehearsal.id, turn=step.index) if step.speak else None
    return _page(answer, prompt, voice_url=voice_url, rehearsal=rehearsal, turn=step.index)


def _page(answer: Answer, prompt: Prompt, *, voice_url: str | None, rehearsal: Rehearsal | None = None,
          turn: int | None = None):
    return render_template("rehearse/rehearse.html", kind=KINDS[prompt.kind], prompt=prompt, prompts=[],
                           reminders=reminders_for({prompt.milestone}, prompt.skills), voice_url=voice_url,
                           again=answer, rehearsal=rehearsal, turn=turn, guide=guide_for(prompt.key, turn))
