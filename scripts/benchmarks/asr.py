"""Speech recognition and fillers: base (the default) and tiny.en side by side on the real clips

WER is judged with the app's normaliser followed by Whisper's own English normaliser
(whisper-normalizer: spelling variants, numbers, contractions, titles) on both sides, fillers
removed from both, and a compound written as one word on one side and two on the other
("thereunder" / "there under") counted as the same words, as a reader would. The stricter WER
with the app's own normaliser (practice.audio.text.normalise_words) is shown beside it.
Acted-filler figures count filler tokens per
clip as a bag and match counts against the human reference. Natural-style fillers are real
um/uh tokens placed into real pauses of the read clips (tests/in_context_fillers.py); a found
filler counts when it overlaps a placed one. Targets are judged on the default model. Each clip is
transcribed as the app transcribes a recording: cut at its pauses as a stream is, each segment decoded once.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from functools import cache

import jiwer
import numpy as np

from practice.audio.pcm import Pcm
from practice.audio.text import normalise_words
from practice.audio.words import is_filler_sound, normalise_token
from scripts.benchmarks.table import Row
from tests.speech_clips import MISSING_REASON, load_clips

# Accuracy targets.
WER_TARGET = 0.04
FILLER_RECALL_TARGET = 0.9
FILLER_PRECISION_TARGET = 0.9
PACE_ERROR_TARGET = 0.03
# Pace over 3-4 real words between acted fillers says nothing; judge it on clips with this many words.
PACE_MIN_WORDS = 10
MODELS = ("base", "tiny.en")
FILLER_CLIPS = ("04_mfa_uhum.flac", "05_mfa_uhuh.flac", "06_mfa_crossword.flac", "33_mfa_uh.flac", "34_mfa_um.flac")
# Acted traps: "'er" the pronoun, "you know", breaths, laughter, drawls, hesitated and cut-off words.
TRAP_CLIPS = tuple(f"{n}_" for n in range(35, 47))
# Worst case: a recording that makes Whisper loop (05 is 6.9 s of repeated "uh").
LOOP_CLIP = "05_mfa_uhuh.flac"
LOOP_RTF_TARGET = 1.0
# A word shorter than this has no usable time on the review page.
MIN_WORD_S = 0.05
# A found filler may sit this far outside the placed token and still be it.
FILLER_MATCH_SLACK_S = 0.2
# For the type-aware figure only: spellings of the same hesitation.
FILLER_KIND = {"uh": "uh", "uhh": "uh", "er": "uh", "ah": "uh", "ahh": "uh", "um": "um", "umm": "um",
               "erm": "um", "hm": "hm", "hmm": "hm", "mm": "hm", "mmm": "hm"}


def filler_bag(text: str) -> Counter:
    return Counter(FILLER_KIND.get(normalise_token(t), "?") for t in text.split() if is_filler_sound(t))


def wer_counts(reference: str, hypothesis: str, *, strict: bool = False) -> tuple[int, int]:
    """(errors, reference words): Whisper's normaliser and joined compounds, or the app's normaliser when strict."""
    if strict:
        ref_words, hyp_words = normalise_words(reference), normalise_words(hypothesis)
    else:
        ref_words, hyp_words = _fair_words(reference), _fair_words(hypothesis)
        ref_words, hyp_words = _joined_compounds(ref_words, hyp_words), _joined_compounds(hyp_words, ref_words)
    ref, hyp = " ".join(ref_words), " ".join(hyp_words)
    if not ref:
        return len(hyp.split()), 0
    out = jiwer.process_words(ref, hyp or "")
    return out.substitutions + out.deletions + out.insertions, len(ref.split())


def _fair_words(text: str) -> list[str]:
    """The app's normaliser first (it spells every digit the same way), then Whisper's on its output."""
    return _whisper_normaliser()(" ".join(normalise_words(text))).split()


@cache
def _whisper_normaliser():
    from whisper_normalizer.english import EnglishTextNormalizer

    return EnglishTextNormalizer()


def _joined_compounds(words: list[str], other: list[str]) -> list[str]:
    """Two adjacent words written as one word on the other side become that one word."""
    known = set(other)
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in known and words[i] + words[i + 1] not in words:
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def aligned_filler_hits(reference: str, hypothesis: str) -> int:
    """Reference fillers that jiwer aligns with a filler in the hypothesis (same place in the text)."""
    ref, hyp = normalise_words(reference), normalise_words(hypothesis)
    if not ref or not hyp:
        return 0
    out = jiwer.process_words(" ".join(ref), " ".join(hyp))
    hits = 0
    for chunk in out.alignments[0]:
        if chunk.type in ("equal", "substitute"):
            for k in range(chunk.ref_end_idx - chunk.ref_start_idx):
                if is_filler_sound(ref[chunk.ref_start_idx + k]) and is_filler_sound(hyp[chunk.hyp_start_idx + k]):
                    hits += 1
    return hits


@dataclass
class FillerCounts:
    """Filler tokens matched as a bag per clip, summed over clips (and over repeated analyses)."""

    tp: int = 0
    typed_tp: int = 0
    predicted: int = 0
    expected: int = 0
    aligned: int = 0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0


def filler_counts(clips, texts: dict[str, str]) -> FillerCounts:
    counts = FillerCounts()
    for c in clips:
        ref_bag, hyp_bag = filler_bag(c.transcript), filler_bag(texts[c.name])
        counts.tp += min(sum(ref_bag.values()), sum(hyp_bag.values()))
        counts.typed_tp += sum((ref_bag & hyp_bag).values())
        counts.predicted += sum(hyp_bag.values())
        counts.expected += sum(ref_bag.values())
        counts.aligned += aligned_filler_hits(c.transcript, texts[c.name])
    return counts


def _content_words(text: str) -> Counter:
    return Counter(w for w in normalise_words(text) if not is_filler_sound(w))


def _changed_words(a: str, b: str) -> int:
    words_a, words_b = _content_words(a), _content_words(b)
    return sum(((words_a - words_b) + (words_b - words_a)).values())


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"




def _is_trap(name: str) -> bool:
    return name.startswith(TRAP_CLIPS)


def pooled_wer(clips, texts: dict[str, str], *, strict: bool = False) -> float:
    errors = refs = 0
    for c in clips:
        e, n = wer_counts(_without_fillers(c.transcript), _without_fillers(texts[c.name]), strict=strict)
        errors, refs = errors + e, refs + n
    return errors / refs if refs else float("nan")


def _without_fillers(text: str) -> str:
    """The words alone; a reference's "'er" is the pronoun her, not the hesitation er."""
    return " ".join("her" if w == "'er" else w for w in text.split() if w == "'er" or not is_filler_sound(w))


def natural_filler_counts(items, transcripts) -> tuple[int, int, int]:
    """(found fillers that overlap a placed one, found fillers, placed fillers) over the in-context clips."""
    hits = found = placed = 0
    for item in items:
        fillers = [w for w in transcripts[item.name].words if w.filler]
        matched: set[int] = set()
        for f in fillers:
            for k, (start_s, end_s) in enumerate(item.filler_spans_s):
                near = f.start_s < end_s + FILLER_MATCH_SLACK_S and f.end_s > start_s - FILLER_MATCH_SLACK_S
                if k not in matched and near:
                    matched.add(k)
                    break
        hits, found, placed = hits + len(matched), found + len(fillers), placed + len(item.filler_spans_s)
    return hits, found, placed


def pace_errors(clips, pcms: dict[str, Pcm], transcripts) -> dict[str, tuple[float, float, int, int]]:
    """rate_wpm from the model's words against the reference words over the audio's speech span.

    Per clip: (pace error, the part the timing alone makes, words the app counted, reference words).
    The timing part compares rate per word counted: a misheard word count ("water" heard as "for her")
    is an ASR error, shown apart so the two causes can be told apart.
    """
    from practice.audio.activity import detect_activity
    from practice.audio.pace import real_words
    from practice.audio.report import build_analysis

    errors = {}
    for c in clips:
        reference = [w for w in c.transcript.split() if not is_filler_sound(w)]
        if not c.human_reference or len(reference) < PACE_MIN_WORDS:
            continue
        pcm = pcms[c.name]
        activity = detect_activity(pcm)
        reference_wpm = len(reference) / (activity.last_active_s - activity.first_active_s) * 60
        analysis = build_analysis(pcm, transcripts[c.name].words)
        rate_wpm, counted = analysis.rate_wpm or 0.0, len(real_words(analysis.words))
        timing = rate_wpm / counted * len(reference) / reference_wpm - 1 if counted else float("nan")
        errors[c.name] = (rate_wpm / reference_wpm - 1, timing, counted, len(reference))
    return errors


@dataclass
class ModelRun:
    """Everything one model heard: each clip with and without filler recovery, timed."""

    name: str
    recovered: dict
    plain: dict
    rtf: float
    load_s: float


def transcribe_both_as_the_app_does(whisper, pcm: Pcm):
    """(with filler recovery, without it) over the segments the app cuts a recording into, in answer time."""
    from practice.speech.omissions import shift_words
    from practice.speech.segmenter import cut_as_streamed
    from practice.speech.transcript import Transcript

    recovered, plain = [], []
    for segment in cut_as_streamed(pcm.samples, pcm.rate_hz):
        with_fillers, without = whisper.transcribe_both(pcm.slice_s(segment.start_s, segment.end_s))
        recovered += shift_words(with_fillers.words, segment.start_s)
        plain += shift_words(without.words, segment.start_s)
    return (Transcript(tuple(recovered), whisper.engine, whisper.model_name),
            Transcript(tuple(plain), whisper.engine, whisper.model_name))


def run_model(spec: str, pcms: dict[str, Pcm]) -> ModelRun:
    from practice.speech.transcribe import WhisperTranscriber

    whisper = WhisperTranscriber(spec)
    whisper.load()
    recovered, plain = {}, {}
    started = time.perf_counter()
    for name, pcm in pcms.items():
        recovered[name], plain[name] = transcribe_both_as_the_app_does(whisper, pcm)
    rtf = (time.perf_counter() - started) / sum(p.duration_s for p in pcms.values())
    return ModelRun(spec, recovered, plain, rtf, whisper.load_seconds or 0.0)


def _side_by_side(values: dict[str, str]) -> str:
    return " · ".join(f"{model} {value}" for model, value in values.items())


def rows() -> list[Row]:
    clips = load_clips()
    if not clips:
        return [Row("real speech clips", "present", MISSING_REASON, False)]
    from practice.audio.take import check_take
    from practice.speech.decode import decode_file
    from tests.in_context_fillers import in_context_clips

    natural = in_context_clips(decode_file)
    pcms = {c.name: decode_file(c.path) for c in clips} | {f"natural:{n.name}": n.pcm for n in natural}
    runs = {spec: run_model(spec, pcms) for spec in MODELS}
    default = runs[MODELS[0]]
    by = lambda figure: {spec: figure(run) for spec, run in runs.items()}  # noqa: E731

    # References with markup ([laughter], <cutoff-...>) are not word lists; every other human one counts.
    human = [c for c in clips if c.human_reference and not any(m in c.transcript for m in "[<")]
    clean = [c for c in human if not c.has_fillers and not _is_trap(c.name)]
    acted = [c for c in clips if c.name in FILLER_CLIPS]
    traps = [c for c in clips if _is_trap(c.name)]
    natural_keyed = [type(n)(f"natural:{n.name}", n.pcm, n.reference, n.filler_spans_s, n.filler_kinds)
                     for n in natural]
    out: list[Row] = []

    for label, group, target in ((f"WER, {len(clean)} clean read human-reference clips", clean, WER_TARGET),
                                 (f"WER, all {len(human)} human-reference clips (acted traps too)", human, None)):
        wer_on = by(lambda r, group=group: pooled_wer(group, {k: t.text for k, t in r.recovered.items()}))
        wer_off = by(lambda r, group=group: pooled_wer(group, {k: t.text for k, t in r.plain.items()}))
        out.append(Row(f"{label}, fillers removed, recovery on",
                       f"<= {_pct(target)}" if target else "informational",
                       _side_by_side({k: _pct(v) for k, v in wer_on.items()}),
                       wer_on[default.name] <= target if target else None))
        out.append(Row("  same, recovery off", "recovery no worse",
                       _side_by_side({k: _pct(v) for k, v in wer_off.items()}),
                       wer_on[default.name] <= wer_off[default.name] + 1e-9))
        strict = by(lambda r, group=group: pooled_wer(group, {k: t.text for k, t in r.recovered.items()}, strict=True))
        out.append(Row("  same, recovery on, the app's stricter normaliser (no compound joining)", "informational",
                       _side_by_side({k: _pct(v) for k, v in strict.items()}), None))
    changed = by(lambda r: sum(_changed_words(r.recovered[c.name].text, r.plain[c.name].text) for c in human))
    out.append(Row("  content words recovery changed, all human-reference clips", "0",
                   _side_by_side({k: str(v) for k, v in changed.items()}), changed[default.name] == 0))
    for c in human:
        per = by(lambda r, c=c: wer_counts(_without_fillers(c.transcript),
                                           _without_fillers(r.recovered[c.name].text)))
        shown = {k: _pct(e / n) if n else "n/a" for k, (e, n) in per.items()}
        out.append(Row(f"  WER {c.name}", "", _side_by_side(shown), None))
    natural_wer = by(lambda r: _natural_wer(natural, r))
    out.append(Row(f"WER on the natural-style filler clips ({len(natural)}), fillers removed",
                   f"<= {_pct(WER_TARGET)}", _side_by_side({k: _pct(v) for k, v in natural_wer.items()}),
                   natural_wer[default.name] <= WER_TARGET))

    counts = by(lambda r: natural_filler_counts(natural_keyed, r.recovered))
    recall = {k: h / p if p else 0.0 for k, (h, _f, p) in counts.items()}
    precision = {k: h / f if f else 0.0 for k, (h, f, _p) in counts.items()}
    out.append(Row(f"natural-style fillers: recall ({counts[default.name][2]} placed in {len(natural)} read clips)",
                   f">= {FILLER_RECALL_TARGET}",
                   _side_by_side({k: f"{recall[k]:.2f} ({h}/{p})" for k, (h, _f, p) in counts.items()}),
                   recall[default.name] >= FILLER_RECALL_TARGET))
    out.append(Row("natural-style fillers: precision", f">= {FILLER_PRECISION_TARGET}",
                   _side_by_side({k: f"{precision[k]:.2f} ({h}/{f})" for k, (h, f, _p) in counts.items()}),
                   precision[default.name] >= FILLER_PRECISION_TARGET))
    plain_natural = by(lambda r: natural_filler_counts(natural_keyed, r.plain)[0])
    out.append(Row("  natural-style fillers found with recovery off", "informational",
                   _side_by_side({k: f"{v}/{counts[k][2]}" for k, v in plain_natural.items()}), None))

    acted_counts = by(lambda r: filler_counts(acted, {c.name: r.recovered[c.name].text for c in acted}))
    names = "/".join(c.name[:2] for c in acted)
    out.append(Row(f"acted fillers {names}: recall", f">= {FILLER_RECALL_TARGET}",
                   _side_by_side({k: f"{v.recall:.2f} ({v.tp}/{v.expected})" for k, v in acted_counts.items()}),
                   acted_counts[default.name].recall >= FILLER_RECALL_TARGET))
    out.append(Row(f"acted fillers {names}: precision", f">= {FILLER_PRECISION_TARGET}",
                   _side_by_side({k: f"{v.precision:.2f} ({v.tp}/{v.predicted})" for k, v in acted_counts.items()}),
                   acted_counts[default.name].precision >= FILLER_PRECISION_TARGET))
    trap_fillers = by(lambda r: {c.name[:2]: r.recovered[c.name].filler_count for c in traps
                                 if r.recovered[c.name].filler_count})
    out.append(Row(f"fillers counted on the {len(traps)} trap clips 35-46", "0",
                   _side_by_side({k: f"{sum(v.values())} {dict(v) or ''}".strip() for k, v in trap_fillers.items()}),
                   sum(trap_fillers[default.name].values()) == 0))
    invented = by(lambda r: {c.name[:2]: r.recovered[c.name].filler_count for c in clean
                             if r.recovered[c.name].filler_count})
    out.append(Row(f"fillers counted on {len(clean)} clean read clips", "0",
                   _side_by_side({k: f"{sum(v.values())} {dict(v) or ''}".strip() for k, v in invented.items()}),
                   sum(invented[default.name].values()) == 0))

    pace = by(lambda r: pace_errors(clean, pcms, r.recovered))
    worst = {k: max(v.items(), key=lambda item: abs(item[1][0])) for k, v in pace.items()}
    out.append(Row(f"worst pace error, {len(pace[default.name])} clean read clips with >= {PACE_MIN_WORDS} words",
                   f"<= {PACE_ERROR_TARGET:.0%}",
                   _side_by_side({k: f"{e[0]:+.1%} ({name[:2]}: {e[2]} words heard of {e[3]})"
                                  for k, (name, e) in worst.items()}),
                   abs(worst[default.name][1][0]) <= PACE_ERROR_TARGET))
    timing = {k: max(v.items(), key=lambda item: abs(item[1][1])) for k, v in pace.items()}
    out.append(Row("  worst part of it the timing alone makes (rate per word heard)", "informational",
                   _side_by_side({k: f"{e[1]:+.1%} ({name[:2]})" for k, (name, e) in timing.items()}), None))
    for name, (error, _timing, counted, expected) in pace[default.name].items():
        out.append(Row(f"  pace {name}, {default.name}", "", f"{error:+.1%} ({counted} words heard of {expected})",
                       None))

    words = [w for t in default.recovered.values() for w in t.words]
    zero = sum(w.end_s <= w.start_s for w in words)
    out.append(Row(f"words with zero duration, {default.name}, all clips ({len(words)} words)", "0", str(zero),
                   zero == 0))
    out.append(Row("  words shorter than 50 ms", "", str(sum(w.end_s - w.start_s < MIN_WORD_S for w in words)), None))
    out.append(Row("transcription time / audio time, both passes, every clip once", "informational",
                   _side_by_side({k: f"{r.rtf:.3f}" for k, r in runs.items()}), None))
    out.append(Row("model load time (checksum verified)", "informational",
                   _side_by_side({k: f"{r.load_s:.1f} s" for k, r in runs.items()}), None))
    out += _loop_rows(default.name, pcms)
    rng = np.random.default_rng(0)
    refused = {"3 s of digital silence": check_take(Pcm(np.zeros(3 * 16000, np.float32), 16000)),
               "3 s of white noise": check_take(Pcm(rng.normal(0, 0.05, 3 * 16000).astype(np.float32), 16000)),
               "a 1 s word in 3 s": check_take(Pcm(np.concatenate([pcms["19_pocketsphinx_goforward.wav"].samples[
                   :16000], np.zeros(2 * 16000, np.float32)]), 16000))}
    for label, verdict in refused.items():
        out.append(Row(f"take refused at upload: {label}", "refused", verdict.code or "kept", not verdict.ok))
    return out


def _natural_wer(natural, run: ModelRun) -> float:
    errors = refs = 0
    for n in natural:
        e, count = wer_counts(_without_fillers(n.reference), _without_fillers(run.recovered[f"natural:{n.name}"].text))
        errors, refs = errors + e, refs + count
    return errors / refs if refs else float("nan")


def _loop_rows(spec: str, pcms: dict[str, Pcm]) -> list[Row]:
    """The worst case: Whisper loops on repeated 'uh'; the token cap bounds both passes."""
    if LOOP_CLIP not in pcms:
        return []
    from practice.speech.transcribe import get_transcriber, max_new_tokens

    whisper = get_transcriber(spec)
    pcm = pcms[LOOP_CLIP]
    walls = []
    for _ in range(2):
        started = time.perf_counter()
        whisper.transcribe(pcm)
        walls.append(time.perf_counter() - started)
    rtf = min(walls) / pcm.duration_s
    return [Row(f"RTF {LOOP_CLIP} (repetition loop, {pcm.duration_s:.1f} s), {spec}, best of 2",
                f"<= {LOOP_RTF_TARGET}", f"{rtf:.3f}", rtf <= LOOP_RTF_TARGET),
            Row("  max new tokens per window for it", "", str(max_new_tokens(pcm.duration_s)), None)]
