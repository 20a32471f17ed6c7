"""Encode each 30 s Whisper window once, and find speech in the audio once, when two decoder passes read the same audio.

The filler-recovery pass decodes the same (VAD-trimmed) audio as the word pass whenever the places
that could hold a filler cover most of it, as they often do in a streamed segment of 5-20 s.
faster-whisper encodes every window again for each call, and the encoder is about 40 % of a pass
with base on a 22 s segment (1.05 s of 2.6 s CPU measured here). Inside `sharing()`, a window whose features
were already encoded (or are being encoded) for the same block reuses that encoder output, also in another
thread that joined the block with `sharing(outputs)`; outside it nothing is kept. The same goes for
faster-whisper's voice activity detection (Silero) of the same samples with the same options: the filler
pass of a one-window segment asked it again for the word pass's answer (0.04-0.05 s of CPU for 8 s).
"""
from __future__ import annotations

import contextlib
import copy
import hashlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future

import numpy as np

_local = threading.local()
_encoder_entered = threading.Condition()
_encodes_started = 0


class EncoderOutputs:
    """The windows encoded within one sharing() block, by key; a window asked for twice at once is encoded once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._outputs: dict[bytes, Future] = {}
        self.encoding = threading.Event()  # set once a pass of the block reaches the encoder

    def get(self, key: bytes, encode: Callable[[], object]):
        with self._lock:
            future = self._outputs.get(key)
            first = future is None
            if first:
                future = self._outputs[key] = Future()
        if first:
            try:
                future.set_result(encode())
            except BaseException as error:  # whoever waits gets the error; a later call encodes again
                with self._lock:
                    del self._outputs[key]
                future.set_exception(error)
                raise
        return future.result()


def install(model) -> None:
    """Route the model's encode() through the shared outputs of this thread's block (a no-op outside sharing())."""
    plain_encode = model.encode

    def encode(features: np.ndarray):
        global _encodes_started
        with _encoder_entered:
            _encodes_started += 1
            _encoder_entered.notify_all()
        outputs = getattr(_local, "outputs", None)
        if outputs is None:
            return plain_encode(features)
        outputs.encoding.set()
        key = hashlib.blake2b(np.ascontiguousarray(features).tobytes(), digest_size=16).digest()
        return outputs.get(key, lambda: plain_encode(features))

    model.encode = encode


def encodes_started() -> int:
    """How many encodes this process has begun, for wait_for_an_encode()."""
    with _encoder_entered:
        return _encodes_started


def wait_for_an_encode(after: int, timeout_s: float) -> bool:
    """Wait until more than `after` encodes have begun; False when timeout_s passed first."""
    with _encoder_entered:
        return _encoder_entered.wait_for(lambda: _encodes_started > after, timeout_s)


def share_speech_timestamps(module) -> None:
    """Route module.get_speech_timestamps (faster-whisper's VAD) through this thread's block, once per module."""
    plain = module.get_speech_timestamps
    if getattr(plain, "shared", False):
        return

    def get_speech_timestamps(audio: np.ndarray, *args, **kwargs) -> list[dict]:
        outputs = getattr(_local, "outputs", None)
        if outputs is None:
            return plain(audio, *args, **kwargs)
        digest = hashlib.blake2b(np.ascontiguousarray(audio).tobytes(), digest_size=16)
        digest.update(repr((audio.dtype.str, args, sorted(kwargs.items()))).encode())
        spans = outputs.get(b"vad" + digest.digest(), lambda: plain(audio, *args, **kwargs))
        return copy.deepcopy(spans)  # each pass gets its own list of dicts to use as it likes

    get_speech_timestamps.shared = True
    module.get_speech_timestamps = get_speech_timestamps


@contextlib.contextmanager
def sharing(outputs: EncoderOutputs | None = None) -> Iterator[EncoderOutputs]:
    """Within this block, this thread's calls share encoder outputs of identical windows: with those of the
    enclosing block, or with `outputs` (another thread's block), or else with a new set."""
    outer = getattr(_local, "outputs", None)
    _local.outputs = outputs or outer or EncoderOutputs()
    try:
        yield _local.outputs
    finally:
        _local.outputs = outer
