"""Typed database models. Models never commit and never touch files: views and jobs do."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from practice.extensions import db


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


ANSWER_STATUSES = ("queued", "running", "done", "failed")


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
    status: Mapped[str] = mapped_column(String(8), default="queued", index=True)
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
        return self.status in ("done", "failed")
