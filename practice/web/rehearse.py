"""Pick a rehearsal kind and record answers to its prompts."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from practice.catalog import KINDS, load_catalog

bp = Blueprint("rehearse", __name__)

# The three kinds the home page offers first; drills have their own pages.
HOME_KINDS = ("introduction", "phone-interview", "mock-call")


@bp.get("/")
def home():
    catalog = load_catalog()
    kinds = [(KINDS[k], len(catalog.prompts_of(k))) for k in HOME_KINDS]
    return render_template("rehearse/home.html", kinds=kinds)


@bp.get("/rehearse/<kind>")
def rehearse(kind: str):
    if kind not in KINDS:
        abort(404)
    catalog = load_catalog()
    prompts = catalog.prompts_of(kind)
    if not prompts:
        abort(404)
    key = request.args.get("prompt")
    prompt = catalog.prompt(key) if key else prompts[0]
    if prompt is None or prompt.kind != kind:
        abort(404)
    return render_template("rehearse/rehearse.html", kind=KINDS[kind], prompt=prompt, prompts=prompts)
