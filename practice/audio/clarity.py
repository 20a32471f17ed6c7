"""How sure the recogniser was of each word, and how closely a read-aloud script was followed."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import jiwer

from practice.audio.text import normalise_words
from practice.audio.words import Word, is_filler_sound, normalise_token

# How many least-certain words to show; more than a handful stops being actionable.
UNCLEAR_WORDS_SHOWN = 5
# Words the recogniser was at least this sure of are not worth pointing at.
UNCLEAR_BELOW_PROBABILITY = 0.7


@dataclass(frozen=True)
class Clarity:
    mean_probability: float | None
    unclear_words: tuple[Word, ...]

    def to_dict(self) -> dict:
        return {
            "mean_probability": None if self.mean_probability is None else round(self.mean_probability, 4),
            "unclear_words": [{"text": w.text, "start_s": round(w.start_s, 3), "end_s": round(w.end_s, 3),
                               "probability": round(w.probability, 4)} for w in self.unclear_words],
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> Clarity:
        data = data or {}
        return cls(data.get("mean_probability"), tuple(Word.from_dict(w) for w in data.get("unclear_words") or ()))


@dataclass(frozen=True)
class ScriptDiff:
    """Word-level differences between a script and what was said, after normalising both."""

    read_accuracy: float
    misread: tuple[tuple[str, str], ...]
    skipped: tuple[str, ...]
    added: tuple[str, ...]
    ops: tuple[dict, ...]

    def to_dict(self) -> dict:
        return {
            "misread": [{"expected": e, "said": s} for e, s in self.misread],
            "skipped": list(self.skipped),
            "added": list(self.added),
            "ops": [dict(op) for op in self.ops],
        }

    @classmethod
    def from_dict(cls, data: dict, read_accuracy: float) -> ScriptDiff:
        """read_accuracy is stored beside the diff, as the analysis's own headline number."""
        return cls(read_accuracy, tuple((m["expected"], m["said"]) for m in data.get("misread") or ()),
                   tuple(data.get("skipped") or ()), tuple(data.get("added") or ()),
                   tuple(dict(op) for op in data.get("ops") or ()))


def measure_clarity(words: Sequence[Word]) -> Clarity:
    """Mean recogniser confidence over real words, and the least certain of them."""
    content = [w for w in words if not w.filler and normalise_token(w.text)]
    if not content:
        return Clarity(None, ())
    mean = sum(w.probability for w in content) / len(content)
    unclear = sorted((w for w in content if w.probability < UNCLEAR_BELOW_PROBABILITY), key=lambda w: w.probability)
    return Clarity(mean, tuple(unclear[:UNCLEAR_WORDS_SHOWN]))


def said_words(spoken: str | Sequence[Word]) -> list[str]:
    """What was said, normalised like a script, hesitation sounds left out: saying "um" is not misreading."""
    text = spoken if isinstance(spoken, str) else " ".join(w.text for w in spoken)
    return [w for w in normalise_words(text) if not is_filler_sound(w)]


def align_to_script(expected: Sequence[str], said: Sequence[str]) -> tuple[float, jiwer.WordOutput]:
    """(read accuracy, the alignment): read accuracy is 1 - WER against the script, floored at 0."""
    out = jiwer.process_words(" ".join(expected), " ".join(said))
    return max(0.0, 1.0 - out.wer), out


def compare_to_script(script: str, words: Sequence[Word]) -> ScriptDiff | None:
    """How closely a read-aloud answer followed its script, word by word."""
    expected = normalise_words(script)
    if not expected:
        return None
    said = said_words(words)
    if not said:
        ops = tuple({"op": "delete", "expected": e, "said": None} for e in expected)
        return ScriptDiff(0.0, (), tuple(expected), (), ops)
    accuracy, out = align_to_script(expected, said)
    misread, skipped, added, ops = [], [], [], []
    for chunk in out.alignments[0]:
        ref = expected[chunk.ref_start_idx:chunk.ref_end_idx]
        hyp = said[chunk.hyp_start_idx:chunk.hyp_end_idx]
        if chunk.type == "equal":
            ops += [{"op": "equal", "expected": e, "said": s} for e, s in zip(ref, hyp, strict=False)]
        elif chunk.type == "substitute":
            misread += list(zip(ref, hyp, strict=False))
            ops += [{"op": "substitute", "expected": e, "said": s} for e, s in zip(ref, hyp, strict=False)]
        elif chunk.type == "delete":
            skipped += ref
            ops += [{"op": "delete", "expected": e, "said": None} for e in ref]
        else:
            added += hyp
            ops += [{"op": "insert", "expected": None, "said": s} for s in hyp]
    return ScriptDiff(accuracy, tuple(misread), tuple(skipped), tuple(added), tuple(ops))
