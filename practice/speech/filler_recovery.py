"""Bring back the um/uh Whisper drops, using the decoder and the sound together.

Whisper leaves out hesitations on natural speech. A prompt written as filler-laden speech
brings them back, but also invents some (AUDIO_STACK.md), and it times them badly. So:
- the words always come from the unprompted pass: recovery never changes a content word;
- a filler either pass wrote is kept only where the sound has one: a steady voiced stretch
  (practice.audio.filled_pauses) or a voiced burst that no word's own time accounts for and that
  silence sets off from the speech around it;
- a steady stretch that no word accounts for at all is a filler even when neither pass wrote one; a word
  Whisper pulled back into it over the pause after it counts from where it was said (word_onsets).
A word Whisper stretched over a hesitation ("for" lasting 1.2 s) only claims the time its
syllables need, at its far end from the hesitation. One sound holds one filler.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from collections.abc import Sequence

import numpy as np

from practice.audio.activity import runs
from practice.audio.filled_pauses import Acoustics, SteadyStretch, steady_stretches
from practice.audio.pcm import Pcm
from practice.audio.text import count_syllables
from practice.audio.voicing import VOICE_STEP_S
from practice.audio.words import Word, normalise_token
from practice.speech.word_onsets import start_as_said

# Natural filler-laden speech; a terse "umm, hmm" prompt brought almost none back (AUDIO_STACK.md).
FILLER_PROMPT = "So, um, I was, uh, working at the, um, call center and, uh, yeah."
# How far from where Whisper put a filler its sound may be: Whisper times fillers to the pause's edge.
SEARCH_SLACK_S = 0.4
# A word needs about this long per syllable even when drawn out a little (fast speech: ~0.15 s).
WORD_BASE_S = 0.12
SYLLABLE_S = 0.22
# A decoder filler needs a steady stretch this much unclaimed near it, or a voiced burst no word claims
# with silence before it: MIN_VOICED_BURST_S long, or MIN_SET_OFF_BURST_S with silence after it too.
MIN_FREE_SHARE = 0.5
MIN_VOICED_BURST_S = 0.15
MIN_SET_OFF_BURST_S = 0.1
# A stretch no pass wrote a filler for must lie outside every word's time, and be long enough to be one.
SOUND_ONLY_MIN_S = 0.25
SOUND_ONLY_RAW_FREE_SHARE = 0.85
SOUND_ONLY_BURST_S = 0.25
# ...and it must be set off by silence on both sides. A glottal stop between two acted "uh"s left 40 ms
# of silence (10 ms frames); a drawl or a laugh's breath leaves none.
BREAK_WINDOW_S = 0.15
MIN_BREAK_S = 0.04
# A word squeezed below SQUEEZED_WORD_S that touches a filler (within TOUCHING_S) was drawled into it.
SQUEEZED_WORD_S = 0.04
TOUCHING_S = 0.03
# The same filler in both passes lands up to this far apart; fillers closer than STACKED_S are one loop.
SAME_FILLER_S = 0.5
STACKED_S = 0.05
# A filler only the prompted pass wrote, with a probability this low, may be the prompt's wording (a cut-off "a-"
# of "aligner" came back as "uh" at 0.004 and at 0.049; real ones scored >= 0.2). The decoder adds next to nothing
# then, so only a steady stretch as long as the sound alone needs (SOUND_ONLY_MIN_S) confirms it: a word's own
# stressed vowel holds still for about 0.1-0.2 s, and the "a-" held a 0.15 s one.
MIN_PROMPTED_PROBABILITY = 0.05
# Praat's pitch tracker drops a frame or two in creaky voice (common at the end of an "uh"): not a break.
MAX_VOICE_DROPOUT_S = 0.03


@dataclass(frozen=True)
class Evidence:
    """A stretch of sound that can hold one filler."""

    start_s: float
    end_s: float
    steady: bool

    @property
    def middle_s(self) -> float:
        return (self.start_s + self.end_s) / 2


def merge_fillers(words: Sequence[Word], prompted: Sequence[Word], pcm: Pcm,
                  acoustics: Acoustics | None = None) -> tuple[Word, ...]:
    """The unprompted pass's content words plus every filler the sound confirms, in spoken order."""
    content = [w for w in words if not w.filler]
    if not content:
        return ()
    acoustics = acoustics or Acoustics.of(pcm)
    stretches, bursts = _evidence(content, acoustics)
    used: list[tuple[float, float]] = []
    fillers: list[Word] = []
    candidates = [(c, believed) for c, believed in _decoder_fillers(words, prompted)
                  if not _holds_a_squeezed_word(c, words) and not _holds_a_squeezed_word(c, prompted)]
    held = [s for s in stretches if s.duration_s >= SOUND_ONLY_MIN_S]
    # Near where the decoder put it first; only then, for the rest it believed, anywhere in the same gap.
    for find in (lambda c, believed: _nearest(c, stretches, bursts, used) if believed else _nearest(c, held, [], used),
                 lambda c, believed: _in_same_gap(c, content, stretches, bursts, used)):
        unplaced = []
        for candidate, believed in candidates:
            evidence = find(candidate, believed)
            if evidence is None:
                unplaced.append((candidate, believed))
                continue
            used.append((evidence.start_s, evidence.end_s))
            fillers.append(Word(candidate.text, round(evidence.start_s, 3), round(evidence.end_s, 3),
                                candidate.probability, filler=True))
        candidates = [(candidate, believed) for candidate, believed in unplaced if believed]
    runs = [_voiced_run(s, acoustics) for s in held]
    runs += [(b.start_s, b.end_s) for b in bursts if b.end_s - b.start_s >= SOUND_ONLY_BURST_S]
    for run_start_s, run_end_s in sorted(set(runs)):
        as_said = [replace(w, start_s=start_as_said(w, run_start_s, run_end_s, acoustics)) for w in content]
        if (_raw_free_share(run_start_s, run_end_s, as_said) >= SOUND_ONLY_RAW_FREE_SHARE
                and _set_off(run_start_s, run_end_s, acoustics)
                and not _overlaps_any(run_start_s, run_end_s, [(f.start_s, f.end_s) for f in fillers])):
            fillers.append(Word("uh", round(run_start_s, 3), round(run_end_s, 3), 0.0, filler=True))
    return tuple(sorted(content + fillers, key=lambda w: (w.start_s, w.end_s)))


def filler_evidence_spans(words: Sequence[Word], acoustics: Acoustics) -> list[tuple[float, float]]:
    """(start_s, end_s) of every stretch of sound that could hold a filler, given the unprompted pass's words."""
    content = [w for w in words if not w.filler]
    if not content:
        return []
    stretches, bursts = _evidence(content, acoustics)
    return sorted({(s.start_s, s.end_s) for s in stretches} | {(b.start_s, b.end_s) for b in bursts})


def _evidence(content: Sequence[Word], acoustics: Acoustics) -> tuple[list[SteadyStretch], list[Evidence]]:
    """Steady stretches mostly free of words, and voiced bursts no word claims that silence sets off.

    A burst whose voice runs on from the sound before it is a word Whisper timed late ("but there's"
    on fast speech), not a hesitation; a long one may run on into the next word ("um-so").
    """
    stretches = [s for s in steady_stretches(acoustics) if free_share(s.start_s, s.end_s, content) >= MIN_FREE_SHARE]
    voiced = _bridged_voicing(acoustics)
    bursts = [b for b in _free_voiced_bursts(acoustics, content, voiced)
              if _set_off(*_whole_voiced_run(b.start_s, b.end_s, acoustics.times_s, voiced), acoustics,
                          after=b.end_s - b.start_s < MIN_VOICED_BURST_S)]
    return stretches, bursts


def free_share(start_s: float, end_s: float, content: Sequence[Word]) -> float:
    """Share of [start_s, end_s] that no content word's claimed time covers (0 to 1)."""
    length_s = end_s - start_s
    if length_s <= 0:
        return 0.0
    middle_s = (start_s + end_s) / 2
    covered_s = 0.0
    for w in content:
        claim_start, claim_end = claimed_span(w, middle_s)
        covered_s += max(0.0, min(end_s, claim_end) - max(start_s, claim_start))
    return max(0.0, 1.0 - covered_s / length_s)


def _raw_free_share(start_s: float, end_s: float, content: Sequence[Word]) -> float:
    covered_s = sum(max(0.0, min(end_s, w.end_s) - max(start_s, w.start_s)) for w in content)
    return max(0.0, 1.0 - covered_s / (end_s - start_s))


def _voiced_run(stretch: SteadyStretch, acoustics: Acoustics) -> tuple[float, float]:
    """The whole voiced run the steady stretch sits in: a filler's onset and offset glide a little."""
    middle = int(np.searchsorted(acoustics.times_s, stretch.middle_s))
    return _widened_to_run(middle, middle, acoustics.times_s, acoustics.f0_hz > 0)


def _whole_voiced_run(start_s: float, end_s: float, times_s: np.ndarray, voiced: np.ndarray) -> tuple[float, float]:
    """The voiced run a burst belongs to, before a word's claimed time cut it short."""
    first = int(np.searchsorted(times_s, start_s))
    last = min(int(np.searchsorted(times_s, end_s)) - 1, times_s.size - 1)
    return _widened_to_run(first, last, times_s, voiced)


def _widened_to_run(first: int, last: int, times_s: np.ndarray, voiced: np.ndarray) -> tuple[float, float]:
    """(start_s, end_s) of frames first..last widened to the whole run of voiced frames they sit in."""
    while first > 0 and voiced[first - 1]:
        first -= 1
    while last < times_s.size - 1 and voiced[last + 1]:
        last += 1
    return float(times_s[first] - VOICE_STEP_S / 2), float(times_s[last] + VOICE_STEP_S / 2)


def _set_off(start_s: float, end_s: float, acoustics: Acoustics, *, after: bool = True) -> bool:
    """Silence just before (and, unless after is False, just after): the voice stopped and started again.

    A drawl runs on from its word; a laugh starts with breath noise (sound, but no voice). Both show
    before the stretch; a hesitation may lead straight into the next word.
    """
    times_s, quiet = acoustics.times_s, ~acoustics.sounding
    sides = [(times_s >= start_s - BREAK_WINDOW_S) & (times_s < start_s)]
    if after:
        sides.append((times_s > end_s) & (times_s <= end_s + BREAK_WINDOW_S))
    min_frames = round(MIN_BREAK_S / VOICE_STEP_S)
    return all(quiet[side].sum() >= min_frames for side in sides)


def claimed_span(word: Word, toward_s: float) -> tuple[float, float]:
    """The time a word's syllables need, at its end away from toward_s when Whisper stretched it."""
    need_s = _need_s(word)
    if word.end_s - word.start_s <= need_s:
        return word.start_s, word.end_s
    if toward_s >= (word.start_s + word.end_s) / 2:
        return word.start_s, word.start_s + need_s
    return word.end_s - need_s, word.end_s


def _need_s(word: Word) -> float:
    return WORD_BASE_S + SYLLABLE_S * max(1, count_syllables(normalise_token(word.text)))


def _decoder_fillers(words: Sequence[Word], prompted: Sequence[Word]) -> list[tuple[Word, bool]]:
    """Fillers either pass wrote, each once, and whether the decoder believed it: (filler, believed).

    The unprompted pass's come first, then the prompted pass's it lacks. Both passes often write the
    same filler a little apart; a prompted one within SAME_FILLER_S of an unprompted one is that one.
    Whisper's loops stack fillers on one instant; those count once too. A prompted one below
    MIN_PROMPTED_PROBABILITY is not believed: only a steady stretch of SOUND_ONLY_MIN_S near where it was written
    may hold it.
    """
    unprompted = _distinct([w for w in words if w.filler])
    extra = [w for w in _distinct([w for w in prompted if w.filler])
             if not any(abs(_middle(w) - _middle(u)) <= SAME_FILLER_S for u in unprompted)]
    return [(w, True) for w in unprompted] + [(w, w.probability >= MIN_PROMPTED_PROBABILITY) for w in extra]


def _distinct(fillers: list[Word]) -> list[Word]:
    kept: list[Word] = []
    for w in fillers:
        if not kept or _middle(w) - _middle(kept[-1]) > STACKED_S:
            kept.append(w)
    return kept


def _middle(w: Word) -> float:
    return (w.start_s + w.end_s) / 2


def _holds_a_squeezed_word(candidate: Word, sequence: Sequence[Word]) -> bool:
    """A filler beside a word Whisper squeezed to nothing holds that word's drawled sound ("but" -> "um")."""
    return any(not w.filler and w.end_s - w.start_s < SQUEEZED_WORD_S
               and (abs(w.end_s - candidate.start_s) <= TOUCHING_S or abs(candidate.end_s - w.start_s) <= TOUCHING_S)
               for w in sequence)


def _in_same_gap(candidate: Word, content: Sequence[Word], stretches: list[SteadyStretch], bursts: list[Evidence],
                 used: list[tuple[float, float]]) -> Evidence | None:
    """Whisper times fillers badly, but rarely puts one between the wrong words: search the whole gap."""
    middle_s = _middle(candidate)
    before = [claimed_span(w, middle_s)[1] for w in content if _middle(w) <= middle_s]
    after = [claimed_span(w, middle_s)[0] for w in content if _middle(w) > middle_s]
    lo, hi = max(before, default=0.0), min(after, default=float("inf"))
    gap = Word(candidate.text, lo + SEARCH_SLACK_S, max(lo, hi - SEARCH_SLACK_S), candidate.probability, filler=True)
    return _nearest(gap, stretches, bursts, used) if hi > lo else None


def _nearest(candidate: Word, stretches: list[SteadyStretch], bursts: list[Evidence],
             used: list[tuple[float, float]]) -> Evidence | None:
    """The unused stretch (preferred) or burst closest to where the decoder put the filler.

    A steady stretch lies inside a voiced burst: once either holds a filler, the other is used too.
    """
    lo, hi = candidate.start_s - SEARCH_SLACK_S, candidate.end_s + SEARCH_SLACK_S
    middle_s = (candidate.start_s + candidate.end_s) / 2
    for pool in ([Evidence(s.start_s, s.end_s, True) for s in stretches], bursts):
        near = [e for e in pool if e.start_s < hi and e.end_s > lo and not _overlaps_any(e.start_s, e.end_s, used)]
        if near:
            return min(near, key=lambda e: abs(e.middle_s - middle_s))
    return None


def _overlaps_any(start_s: float, end_s: float, spans: Sequence[tuple[float, float]]) -> bool:
    return any(start_s < other_end_s and other_start_s < end_s for other_start_s, other_end_s in spans)


def _bridged_voicing(acoustics: Acoustics) -> np.ndarray:
    """Voiced frames, with pitch dropouts of up to MAX_VOICE_DROPOUT_S counted as voiced."""
    return _bridged(acoustics.f0_hz > 0, int(round(MAX_VOICE_DROPOUT_S / VOICE_STEP_S)))


def _bridged(voiced: np.ndarray, max_gap: int) -> np.ndarray:
    """Voicing with dropouts of up to max_gap frames filled: creaky voice loses its pitch for a frame or two."""
    out = voiced.copy()
    for start, end in runs(~voiced):
        if start > 0 and end < voiced.size and end - start <= max_gap:
            out[start:end] = True
    return out


def _free_voiced_bursts(acoustics: Acoustics, content: Sequence[Word], voiced: np.ndarray) -> list[Evidence]:
    """Runs of voiced frames that no content word claims, at least MIN_SET_OFF_BURST_S long."""
    times_s = acoustics.times_s
    if times_s.size == 0:
        return []
    free = voiced.copy()
    for w in content:
        inside = (times_s >= w.start_s) & (times_s <= w.end_s)
        need_s = _need_s(w)
        if w.end_s - w.start_s <= need_s:
            free &= ~inside
            continue
        # Inside a stretched word only its core is claimed, at the end away from the hesitation.
        middle_s = (w.start_s + w.end_s) / 2
        free &= ~(inside & (times_s >= middle_s) & (times_s <= w.start_s + need_s))
        free &= ~(inside & (times_s < middle_s) & (times_s >= w.end_s - need_s))
    bursts = []
    padded = np.concatenate(([False], free, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        start_s, end_s = float(times_s[a] - VOICE_STEP_S / 2), float(times_s[b - 1] + VOICE_STEP_S / 2)
        if end_s - start_s >= MIN_SET_OFF_BURST_S:
            bursts.append(Evidence(start_s, end_s, False))
    return bursts
