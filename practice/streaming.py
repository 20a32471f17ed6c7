"""Transcribe answers while they are recorded: chunks in, each closed segment decoded once, one analysis at Stop."""
from __future__ import annotations

import bisect
import itertools
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from flask import Flask, current_app

from practice import chunks
from practice.audio.growing_pitch import GrowingTracks
from practice.audio.pcm import Pcm, sample_bounds
from practice.audio.pitch import PitchStats
from practice.audio.voicing import VoiceTrack
from practice.content import warm_answer_sentences
from practice.speech.incremental import IncrementalTranscript
from practice.speech import shared_encoder
from practice.speech.segmenter import Segment, Segmenter
from practice.speech.transcribe import get_transcriber
from practice.speech.transcript import Transcriber

log = logging.getLogger(__name__)

# Live pace needs this much transcribed speech before it means anything.
MIN_LIVE_PACE_S = 5.0
# Two: while one answer's whole-file measures run (Praat, in Python), another's words decode (CTranslate2).
WORKERS = 2
# Stop's own Praat work (the take check) holds Python's GIL, so it waits until the last segment's decode is in the
# encoder, which runs without the GIL; VAD and the features before it take 0.05-0.1 s. A decode that never reaches
# the encoder (no speech, another engine) lets Stop go on when it ends, or after this long at most.
STOP_WAITS_FOR_ENCODER_S = 0.3
ENCODER_WAIT_STEP_S = 0.02


class StreamSession:
    """One answer being recorded: the audio fed so far, its segmenter and the words decoded so far."""

    def __init__(self, answer_id: int, directory: Path, transcriber: Transcriber) -> None:
        self.answer_id = answer_id
        self.directory = directory
        self.segmenter = Segmenter(chunks.RATE_HZ)
        self.tracks = GrowingTracks(chunks.RATE_HZ)  # Praat's tracks as the audio arrives: Stop adds the tail
        self.incremental = IncrementalTranscript(transcriber)
        self.lock = threading.Lock()
        self.fed_chunks = 0
        self.pending_s = 0.0  # closed segments still waiting for the worker
        self.stopped = False  # the user pressed Stop and waits for the review: this answer's work goes first
        self.failed: Exception | None = None
        self._parts: list[np.ndarray] = []
        self._part_ends: list[int] = []  # the sample index where each part ends

    @property
    def received_s(self) -> float:
        return round(self.segmenter.heard_s, 3)

    def feed_stored(self) -> list[Segment]:
        """Push every stored chunk that follows on from the last one fed; returns the segments that closed."""
        closed: list[Segment] = []
        while (data := chunks.read_chunk(self.directory, self.fed_chunks)) is not None:
            samples = Pcm.from_int16_bytes(data, chunks.RATE_HZ).samples
            self._parts.append(samples)
            self._part_ends.append((self._part_ends[-1] if self._part_ends else 0) + len(samples))
            self.fed_chunks += 1
            closed += self.segmenter.push(samples)
            self.tracks.push(samples)
        return closed

    def audio(self, segment: Segment) -> Pcm:
        """The segment's samples, joined from the parts it spans only: a 5-minute answer is 19 MB of fresh
        memory to copy, which the last segment's decode would wait for after Stop."""
        with self.lock:
            total = self._part_ends[-1] if self._part_ends else 0
            start, end = sample_bounds(segment.start_s, segment.end_s, chunks.RATE_HZ, total)
            first = bisect.bisect_right(self._part_ends, start)
            last = bisect.bisect_left(self._part_ends, end)
            offset = self._part_ends[first - 1] if first else 0
            parts = self._parts[first:last + 1]
        joined = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return Pcm(joined[start - offset:end - offset], chunks.RATE_HZ)

    def whole(self, samples: int) -> Pcm | None:
        """Every sample fed, if that is exactly `samples` (all the chunks stored); None otherwise."""
        with self.lock:
            if not self._part_ends or self._part_ends[-1] != samples:
                return None
            return Pcm(np.concatenate(self._parts), chunks.RATE_HZ)

    def live(self) -> dict:
        """What the page shows while recording: audio heard and processed, pace and fillers so far."""
        words = list(self.incremental.words)
        spoken = [w for w in words if not w.filler]
        span_s = words[-1].end_s - words[0].start_s if words else 0.0
        return {
            "received_s": self.received_s,
            "transcribed_s": self.incremental.transcribed_until_s,
            "pending_s": round(self.pending_s, 1),
            "word_count": len(spoken),
            "filler_count": len(words) - len(spoken),
            "rate_wpm": round(len(spoken) / span_s * 60) if span_s >= MIN_LIVE_PACE_S else None,
        }


class StreamHub:
    """The serving process's live sessions and the workers that decode their segments.

    A session's work runs in order, one piece at a time. Across sessions the work of an answer whose
    user has pressed Stop goes first, so another answer's backlog never stands between a user and the
    review; with two workers, one answer's whole-file measures run while the other's words decode.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._sessions: dict[int, StreamSession] = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._work: list[tuple[int, StreamSession, Callable[[], None]]] = []
        self._busy: set[int] = set()
        self._order = itertools.count()
        self._workers: list[threading.Thread] = []
        self._closing = False

    def get(self, answer_id: int) -> StreamSession | None:
        with self._lock:
            return self._sessions.get(answer_id)

    def session(self, answer_id: int, directory: Path) -> StreamSession:
        """The live session, or a new one that picks up every chunk already on disk (after a restart)."""
        with self._lock:
            if answer_id not in self._sessions:
                self._sessions[answer_id] = StreamSession(answer_id, directory, _LazyTranscriber(self))
                self._work.append((next(self._order), self._sessions[answer_id], self._transcriber))
                self._start_workers()  # they load the model now, not when the first segment closes
                self._changed.notify()
            return self._sessions[answer_id]

    def drop(self, answer_id: int) -> None:
        with self._lock:
            self._sessions.pop(answer_id, None)

    def chunk_stored(self, session: StreamSession) -> None:
        with session.lock:
            closed = session.feed_stored()
            self._queue(session, closed)

    def tracks_at_stop(self, session: StreamSession,
                       samples: int) -> tuple[VoiceTrack, PitchStats, np.ndarray] | None:
        """Stop arrived: the last segment goes to the workers now, so it decodes while Stop joins and checks the take.

        Returns the voicing and pitch spread of the answer's first `samples` samples, tracked as they arrived, and
        those samples as float64; None when the session holds other audio than that (a chunk missing from what it
        was fed).
        """
        encodes = shared_encoder.encodes_started()
        if self._queue_last(session):
            self._wait_for_the_encoder(session, encodes)
        with session.lock:
            if session.tracks.samples != samples:
                return None
            return (*session.tracks.finish(), session.tracks.samples_f64)

    @staticmethod
    def _wait_for_the_encoder(session: StreamSession, encodes: int) -> None:
        """Until an encode begins after `encodes`, the session has nothing left to decode, or time is up."""
        deadline_s = time.monotonic() + STOP_WAITS_FOR_ENCODER_S
        while session.pending_s > 0 and (left_s := deadline_s - time.monotonic()) > 0:
            if shared_encoder.wait_for_an_encode(encodes, min(ENCODER_WAIT_STEP_S, left_s)):
                return

    def stop(self, session: StreamSession, on_finished) -> None:
        """Queue the last segment (if Stop's check has not), then on_finished(answer_id, transcript or None),
        ahead of unstopped answers."""
        self._queue_last(session)
        self._submit(session, lambda: self._finish(session, on_finished))

    def _queue_last(self, session: StreamSession) -> bool:
        """True when something was left to decode."""
        with session.lock:
            session.stopped = True
            closed = session.feed_stored() + ([last] if (last := session.segmenter.finish()) else [])
            self._queue(session, closed)
            return bool(closed)

    def shutdown(self) -> None:
        """Finish every queued piece of work, then stop the workers."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        for worker in self._workers:
            worker.join()

    def settled(self, timeout_s: float) -> bool:
        """Wait until every queued piece of work has run; False if it took longer than timeout_s."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._work and not self._busy, timeout_s)

    def _queue(self, session: StreamSession, segments: list[Segment]) -> None:
        for segment in segments:
            session.pending_s += segment.duration_s
            self._submit(session, lambda segment=segment: self._decode(session, segment))

    def _submit(self, session: StreamSession, job: Callable[[], None]) -> None:
        with self._changed:
            self._work.append((next(self._order), session, job))
            self._start_workers()
            self._changed.notify()

    def _start_workers(self) -> None:
        """The workers start with the first piece of work, so an app that never streams runs no threads."""
        if not self._workers:
            self._workers = [threading.Thread(target=self._run, name=f"stream-{n}", daemon=True)
                             for n in range(WORKERS)]
            for worker in self._workers:
                worker.start()

    def _run(self) -> None:
        """One worker: the most urgent job whose answer nobody is working on, until shut down with none left."""
        while True:
            with self._changed:
                while (picked := self._pick()) is None:
                    if self._closing and not self._work:
                        return
                    self._changed.wait()
            session, job = picked
            try:
                job()
            except Exception:  # a model that fails to load; the worker must survive it
                log.exception("streaming work for answer %s failed", session.answer_id)
            finally:
                with self._changed:
                    self._busy.discard(session.answer_id)
                    self._changed.notify_all()

    def _pick(self) -> tuple[StreamSession, Callable[[], None]] | None:
        """Called with the lock held: an answer whose user pressed Stop first, then the oldest work."""
        ready = [item for item in self._work if item[1].answer_id not in self._busy]
        if not ready:
            return None
        chosen = min(ready, key=lambda item: (not item[1].stopped, item[0]))
        self._work.remove(chosen)
        self._busy.add(chosen[1].answer_id)
        return chosen[1], chosen[2]

    def _decode(self, session: StreamSession, segment: Segment) -> None:
        try:
            if session.failed is None:
                session.incremental.add(session.audio(segment), segment.start_s)
        except Exception as exc:  # the whole-file pass at Stop takes over; the worker must survive
            log.exception("decoding a segment of answer %s failed", session.answer_id)
            session.failed = exc
        finally:
            session.pending_s = max(0.0, session.pending_s - segment.duration_s)
        if session.failed is None:
            try:
                warm_answer_sentences(session.incremental.transcript().text)
            except Exception:  # only a head start: the check at Stop encodes whatever is missing
                log.exception("encoding the sentences of answer %s failed", session.answer_id)

    def _finish(self, session: StreamSession, on_finished) -> None:
        self.drop(session.answer_id)
        transcript = None if session.failed else session.incremental.transcript()
        with self.app.app_context():
            on_finished(session.answer_id, transcript, round(session.incremental.compute_s, 3))

    def _transcriber(self) -> Transcriber:
        config = self.app.config
        return config.get("TRANSCRIBER") or get_transcriber(config["ASR_MODEL"], config["ASR_ENGINE"],
                                                           config["ASR_THREADS"])


class _LazyTranscriber:
    """Resolves the app's transcriber on the worker thread, so no request waits for the model to load."""

    def __init__(self, owner: StreamHub) -> None:
        self.owner = owner

    def transcribe(self, pcm: Pcm, *, prompt: str | None = None):
        return self.owner._transcriber().transcribe(pcm, prompt=prompt)


def init_app(app: Flask) -> None:
    app.extensions["practice.streams"] = StreamHub(app)


def hub() -> StreamHub:
    return current_app.extensions["practice.streams"]
