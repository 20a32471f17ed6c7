"""Typed database models. Models never commit and never touch files: views and jobs do."""
from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from practice.analysis import Analysis
from practice.extensions import db
from practice.status import FINISHED, AnswerStatus


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Rehearsal(db.Model):
    """One sitting: a phone screen of several questions, a mock call of several turns, a drill set."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    scenario_key: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    finished_at: Mapped[datetime | None]

    answers: Mapped[list[Answer]] = relationship(
        back_populates="rehearsal", order_by="Answer.turn_index", lazy="selectin")


class Answer(db.Model):
    """One recorded answer; the file on disk is the source of truth, the analysis is derived."""

    # Covering indexes for the answers list: paging and its question filter never read the wide rows.
    __table_args__ = (
        Index("ix_answer_list_entry", "kind", "prompt_key", "rehearsal_id", "created_at"),
        Index("ix_answer_list_question", "prompt_key", "prompt_text", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rehearsal_id: Mapped[int | None] = mapped_column(ForeignKey("rehearsal.id", ondelete="SET NULL"), index=True)
    turn_index: Mapped[int | None]
    prompt_key: Mapped[str] = mapped_column(String(120), index=True)
    # A snapshot, so editing or deleting a prompt later never rewrites history.
    prompt_text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    script: Mapped[str | None] = mapped_column(Text)
    audio_filename: Mapped[str] = mapped_column(String(64), unique=True)
    audio_format: Mapped[str] = mapped_column(String(8))
    audio_bytes: Mapped[int]
    duration_s: Mapped[float | None]
    status: Mapped[str] = mapped_column(String(16), default=AnswerStatus.QUEUED, index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Headline numbers only, so progress pages never load whole analyses.
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    overall_score: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    finished_at: Mapped[datetime | None]

    rehearsal: Mapped[Rehearsal | None] = relationship(back_populates="answers")

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def result(self) -> Analysis | None:
        """The stored analysis read through its typed record; None until the answer is analysed."""
        return None if self.analysis is None else Analysis.from_dict(self.analysis)


APPLICATION_OUTCOMES = ("waiting", "passed", "not-passed", "withdrew", "hired")
# Outcomes that end an application at its furthest milestone: the funnel's "stopped here".
STOPPED_OUTCOMES = ("not-passed", "withdrew")


class Application(db.Model):
    """One job application at one company; its furthest milestone is where the funnel counts it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company: Mapped[str] = mapped_column(String(120), index=True)
    furthest_milestone: Mapped[str] = mapped_column(String(32), index=True)
    outcome: Mapped[str] = mapped_column(String(16), default="waiting")
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)

    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application", order_by="Interview.held_on", lazy="selectin",
        cascade="all, delete-orphan")


class Interview(db.Model):
    """A real interview the user logged afterwards: where it got them and what they were told."""

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    milestone: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16), default="waiting")
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)

    application: Mapped[Application] = relationship(back_populates="interviews", lazy="joined")
    tips: Mapped[list[Tip]] = relationship(back_populates="interview", order_by="Tip.id", lazy="selectin",
                                           cascade="all, delete-orphan")


class Tip(db.Model):
    """One piece of interviewer advice, tagged with the skills it is about, so rehearsals can recall it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interview.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # A list of catalog SKILLS keys; few tips per user, so matching happens in Python.
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    worked_on: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)

    interview: Mapped[Interview] = relationship(back_populates="tips", lazy="joined")


class CustomPrompt(db.Model):
    """A question the user added, e.g. one a company is known to ask; rehearsed like a catalogue prompt."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    company: Mapped[str | None] = mapped_column(String(120))
    target_s: Mapped[int] = mapped_column(default=60)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    points: Mapped[list[str]] = mapped_column(JSON, default=list)  # talking points the content check listens for
    model_answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)

    @property
    def key(self) -> str:
        return f"{CUSTOM_KEY_PREFIX}{self.id}"


# Catalogue keys are slugs of letters, so this prefix plus a number never collides with one.
CUSTOM_KEY_PREFIX = "custom-"
