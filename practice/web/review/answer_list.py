"""The answers list: every answer reachable page by page, filtered by kind and question, sittings grouped.

A page holds PAGE_SIZE entries; an entry is one answer on its own or one sitting with all its
(filtered) answers. Four queries a page whatever the number of answers: the entries, their count,
their answers, their sittings.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import defer, raiseload

from practice.catalog import KINDS
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Rehearsal
from practice.web.forms import optional_int

PAGE_SIZE = 25
# Answers of a sitting share their sitting's key; an answer on its own gets its id negated, so keys never clash.
ENTRY_KEY = case((Answer.rehearsal_id.is_(None), -Answer.id), else_=Answer.rehearsal_id)


@dataclass(frozen=True)
class Entry:
    """One line of the list: an answer on its own (sitting None), or a sitting with its answers."""

    answers: list[Answer]
    sitting: Rehearsal | None = None


@dataclass(frozen=True)
class AnswerPage:
    entries: list[Entry]
    number: int
    page_count: int
    kind: str | None
    question: str | None

    @property
    def has_next(self) -> bool:
        return self.number < self.page_count

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    def args(self, number: int) -> dict[str, str | int]:
        """Query arguments for another page with the same filters."""
        args: dict[str, str | int] = {"page": number}
        if self.kind:
            args["kind"] = self.kind
        if self.question:
            args["question"] = self.question
        return args


def read_filters(values) -> tuple[int, str | None, str | None]:
    """Page number, kind and question key from the query string; nonsense is a 400 with a message."""
    page = optional_int(values, "page", "The page number must be a whole number.") or 1
    kind = values.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise UserError(f"There is no kind of rehearsal called '{kind}'.", 400)
    return page, kind, (values.get("question") or None)


def list_page(number: int, kind: str | None, question: str | None) -> AnswerPage:
    where = _filters(kind, question)
    entry_count = db.session.scalar(
        db.select(func.count()).select_from(db.select(ENTRY_KEY).where(*where).group_by(ENTRY_KEY).subquery()))
    page_count = max(1, ceil(entry_count / PAGE_SIZE))
    number = min(max(number, 1), page_count)
    newest = func.max(Answer.created_at)
    keys = db.session.execute(
        db.select(ENTRY_KEY).where(*where).group_by(ENTRY_KEY)
        .order_by(newest.desc(), func.max(Answer.id).desc())
        .limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)).scalars().all()
    sitting_ids = [key for key in keys if key > 0]
    own_ids = [-key for key in keys if key < 0]
    wanted = ([Answer.id.in_(own_ids)] if own_ids else []) + \
        ([and_(Answer.rehearsal_id.in_(sitting_ids), *where)] if sitting_ids else [])
    answers = db.session.scalars(
        db.select(Answer).options(defer(Answer.analysis), raiseload(Answer.rehearsal))
        .where(or_(*wanted)).order_by(Answer.turn_index, Answer.id)).all() if keys else []
    sittings = {r.id: r for r in db.session.scalars(
        db.select(Rehearsal).options(raiseload(Rehearsal.answers)).where(Rehearsal.id.in_(sitting_ids)))} \
        if sitting_ids else {}
    by_key: dict[int, list[Answer]] = {}
    for answer in answers:
        by_key.setdefault(answer.rehearsal_id or -answer.id, []).append(answer)
    entries = [Entry(by_key.get(key, []), sittings.get(key)) for key in keys]
    return AnswerPage(entries, number, page_count, kind, question)


def question_choices(kind: str | None) -> list[tuple[str, str]]:
    """(key, text) of every question answered so far, within the kind when one is chosen."""
    text = func.max(Answer.prompt_text)
    stmt = db.select(Answer.prompt_key, text).group_by(Answer.prompt_key).order_by(text)
    if kind:
        stmt = stmt.where(Answer.kind == kind)
    return [(key, label) for key, label in db.session.execute(stmt)]


def _filters(kind: str | None, question: str | None) -> list:
    where = []
    if kind:
        where.append(Answer.kind == kind)
    if question:
        where.append(Answer.prompt_key == question)
    return where
