"""The analysis record of one answer, and analyse(path) that makes it: decode, transcribe, measure.

Analysis is the one typed shape of a stored analysis: the worker writes Analysis.to_dict() into
Answer.analysis, and every reader goes back through Analysis.from_dict() and reads attributes.
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, ClassVar

from practice.audio.pcm import Pcm
from practice.audio.report import AudioAnalysis, Signal, build_analysis, json_safe
from practice.audio.scoring import (CONTENT_WEIGHT, SCORE_TITLES, SCORE_WEIGHTS, describe_overall,
                                    overall_with_content)
from practice.checks.call_flow import CallFlowOutput
from practice.checks.content import ContentOutput
from practice.checks.intro import IntroOutput
from practice.measures import headline
from practice.speech.decode import decode_file
from practice.speech.incremental import transcribe_as_streamed
from practice.speech.transcribe import DEFAULT_SPEC, get_transcriber
from practice.speech.transcript import Transcriber, Transcript


@dataclass(frozen=True)
class OverallPart:
    """One sub-score's share of the overall score, as the review page explains it."""

    name: str
    title: str
    score: int | None
    weight_pct: int
    adds: float | None


@dataclass(frozen=True)
class Analysis(AudioAnalysis):
    """Everything measured about one answer, plus the results only its kind has."""

    # 2: the content check, and an overall made of content and delivery (score_details["delivery"]).
    VERSION: ClassVar[int] = 2

    checklist: IntroOutput | None = None  # the introduction question's content checklist
    call_qa: CallFlowOutput | None = None  # a mock call's QA form, on the turn that completed the call
    content: ContentOutput | None = None  # what the answer says against its question; None for drills

    @classmethod
    def of(cls, audio: AudioAnalysis, **kind_results: Any) -> Analysis:
        """The record for an answer from what its recording measured and its kind's results."""
        values = {f.name: getattr(audio, f.name) for f in fields(AudioAnalysis)}
        return cls(**values, **kind_results)

    def with_kind_results(self, **kind_results: Any) -> Analysis:
        return replace(self, **kind_results)

    def with_content(self, content: ContentOutput | None) -> Analysis:
        """The record with its content check, and overall remade from content and delivery.

        The sound-only overall is kept as score_details["delivery"]; a take the quality gate refused
        keeps no overall at all.
        """
        if content is None:
            return self
        delivery = self.score_details.get("delivery") or self.score_details.get("overall")
        if delivery is None:
            return replace(self, content=content)
        overall = overall_with_content(delivery, content.score, content.answers_the_question, content.tip)
        return replace(self, content=content, score_details={**self.score_details, "delivery": delivery,
                                                             "overall": overall})

    @property
    def overall_description(self) -> str:
        return describe_overall(with_content=self.content_counts)

    @property
    def content_counts(self) -> bool:
        """Whether the content check is part of this answer's overall."""
        return self.content is not None and self.scores.get("delivery") is not None

    def to_dict(self) -> dict[str, Any]:
        data = super()._fields_dict()
        data["version"] = self.VERSION
        data["overall_description"] = self.overall_description
        if self.checklist is not None:
            data["checklist"] = self.checklist.to_dict()
        if self.call_qa is not None:
            data["call_qa"] = self.call_qa.to_dict()
        if self.content is not None:
            data["content"] = self.content.to_dict()
        return json_safe(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Analysis:
        """Any stored layout, the first one (no version) included; missing measures read as None."""
        data = data or {}
        checklist, call_qa, content = data.get("checklist"), data.get("call_qa"), data.get("content")
        return cls(**cls._fields_from(data),
                   checklist=None if checklist is None else IntroOutput.from_dict(checklist),
                   call_qa=None if call_qa is None else CallFlowOutput.from_dict(call_qa),
                   content=None if content is None else ContentOutput.from_dict(content))

    def headline(self) -> dict[str, float | None]:
        """The flat numbers stored as Answer.metrics (see practice.measures.HEADLINE)."""
        return json_safe(headline(self))

    def overall_parts(self) -> list[OverallPart]:
        """How the overall score is made: content (where it counts), then each sound score's weight among
        those that were measured. Before an off-topic cap, the parts' `adds` sum to the overall."""
        scores = self.scores
        parts, sound_share = [], 1.0
        if self.content_counts:
            sound_share = 1 - CONTENT_WEIGHT
            parts.append(OverallPart("content", "Content (what you said)", self.content.score,
                                     int(CONTENT_WEIGHT * 100 + 0.5), self.content.score * CONTENT_WEIGHT))
        measured_weight = sum(w for name, w in SCORE_WEIGHTS.items() if scores.get(name) is not None)
        for name, weight in SCORE_WEIGHTS.items():
            score = scores.get(name)
            if score is None or not measured_weight:
                parts.append(OverallPart(name, SCORE_TITLES[name], None, 0, None))
            else:
                share = sound_share * weight / measured_weight
                parts.append(OverallPart(name, SCORE_TITLES[name], score, int(share * 100 + 0.5), score * share))
        return parts

    @property
    def overall_capped(self) -> bool:
        """Whether the overall is held down because the answer does not answer the question."""
        return self.content_counts and not self.content.answers_the_question \
            and sum(p.adds or 0.0 for p in self.overall_parts()) > (self.scores.get("overall") or 0) + 0.5


@dataclass(frozen=True)
class Streamed:
    """What the server already holds of a streamed answer at Stop, so the analysis neither decodes nor
    transcribes it again: the words decoded while it was recorded (and their ASR seconds), the joined
    audio, and its signal measures (made at Stop while the last segment decoded, from the take check's
    activity and the pitch tracked while it was recorded)."""

    transcript: Transcript
    asr_s: float
    pcm: Pcm | None = None
    signal: Signal | None = None


def analyse_with(config: Mapping[str, Any], path: str | Path, *, script: str | None = None,
                 streamed: Streamed | None = None) -> Analysis:
    """analyse() with the app's speech settings: the worker and `flask analyze` run the same analysis."""
    return analyse(path, script=script, transcriber=config.get("TRANSCRIBER"), model=config["ASR_MODEL"],
                   engine=config["ASR_ENGINE"], cpu_threads=config["ASR_THREADS"], streamed=streamed)


def analyse(path: str | Path, *, script: str | None = None, transcriber: Transcriber | None = None,
            model: str = DEFAULT_SPEC, engine: str = "whisper", cpu_threads: int = 2,
            streamed: Streamed | None = None) -> Analysis:
    """Words from the recording cut at its pauses as a stream is, so a file and a stream of the same audio
    get the same words. streamed: a streamed answer's words and audio, already at hand; the file is then
    neither read nor transcribed again."""
    started_s = time.perf_counter()
    pcm = streamed.pcm if streamed is not None and streamed.pcm is not None else decode_file(path)
    decoded_s = time.perf_counter()
    if streamed is None:
        transcript = transcribe_as_streamed(transcriber or get_transcriber(model, engine, cpu_threads), pcm)
    else:
        transcript = streamed.transcript
    transcribed_s = time.perf_counter()
    measured = build_analysis(pcm, transcript.words, script=script, signal=streamed and streamed.signal)
    finished_s = time.perf_counter()
    timing = {
        "decode_s": round(decoded_s - started_s, 3),
        "asr_s": round(transcribed_s - decoded_s, 3),
        "metrics_s": round(finished_s - transcribed_s, 3),
        "total_s": round(finished_s - started_s, 3),
        "engine": transcript.engine,
        "model": transcript.model,
    }
    if streamed is not None:
        timing["streamed_asr_s"] = streamed.asr_s
    return Analysis.of(replace(measured, timing=timing))
