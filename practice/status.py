"""Where an answer is in its analysis: one enum, stored in the database as its plain string value."""
from __future__ import annotations

from enum import StrEnum


class AnswerStatus(StrEnum):
    RECORDING = "recording"  # a streamed answer whose audio is still arriving, or a take left unfinished
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


# Waiting for or inside the worker: not to be deleted or queued a second time.
BUSY = (AnswerStatus.QUEUED, AnswerStatus.RUNNING)
FINISHED = (AnswerStatus.DONE, AnswerStatus.FAILED)
