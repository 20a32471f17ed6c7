"""Bring back the um/uh Whisper drops, without letting a filler prompt invent text (issue 3).

Whisper leaves out hesitations on natural speech. A prompt written as filler-laden speech
brings them back but also invents words, mostly in silence (AUDIO_STACK.md). So the words
come from an unprompted pass, and a prompted pass only contributes filler tokens that:
- sit between (or just before/after) words that both passes agree on, in the same order;
- lie in time inside the span of those agreed words in the unprompted pass;
- last long enough to be a sound (the invented words often have near-zero duration);
- cover audio that has energy (not trailing silence);
- do not take over the time of a neighbouring word squeezed to nothing (a drawled "but");
  when the unprompted pass did that in a gap, the prompted fillers there are vetoed too.
Per gap between agreed words, the pass with more guarded fillers wins, so nothing is counted
twice, and a gap keeps no more fillers than it has separate bursts of sound: each filler is
its own vocalisation, while Whisper's repetition loops stack several on one instant.
"""
from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from practice.audio.pcm import Pcm
from practice.audio.words import Word, normalise_token
from practice.speech.energy import Energy

# Natural filler-laden speech; a terse "umm, hmm" prompt brought almost none back (AUDIO_STACK.md).
FILLER_PROMPT = "So, um, I was, uh, working at the, um, call center and, uh, yeah."
# A prompted filler shorter than this is one of the near-zero-duration inventions.
MIN_PROMPTED_FILLER_S = 0.05
# How far a filler may stray outside the unprompted span of its neighbouring words.
TIME_SLACK_S = 0.5
# A filler needs at least this much sound around it (window widened to 0.2 s for short tokens).
MIN_SOUND_S = 0.05
# A word whisper squeezed below this while a touching filler took the time was probably drawled.
SQUEEZED_WORD_S = 0.04
TOUCHING_S = 0.03
# Bursts of sound: at least 50 ms long (De Jong & Wempe's minimum sounding stretch), split by 30 ms dips.
MIN_BURST_S = 0.05
MIN_DIP_S = 0.03


def merge_fillers(words: Sequence[Word], prompted: Sequence[Word], pcm: Pcm,
                  energy: Energy | None = None) -> tuple[Word, ...]:
    """Unprompted words plus the fillers that pass the guard, in spoken order.

    The unprompted pass's own fillers go through the same sound, drawl and burst checks.
    """
    energy = energy or Energy.of(pcm)
    content_u, fillers_u = _by_gap(words)
    content_p, fillers_p = _by_gap(prompted)
    to_u = _align(content_u, content_p)

    chosen: dict[int, list[Word]] = {}
    vetoed: set[int] = set()
    for gap in range(len(content_u) + 1):
        fillers = [f for f in fillers_u.get(gap, []) if _sounds(f, energy)]
        kept = [f for f in fillers if not _absorbs(f, words)]
        if len(kept) < len(fillers):
            vetoed.add(gap)
        chosen[gap] = _capped(kept, _gap_bursts(gap, content_u, pcm.duration_s, energy))
    candidates: dict[int, list[Word]] = {}
    bursts_p: dict[int, int] = {}
    for gap_p, fillers in fillers_p.items():
        gap_u = _gap_in_unprompted(gap_p, to_u, len(content_p), len(content_u))
        if gap_u is None or gap_u in vetoed:
            continue
        bursts_p[gap_u] = _gap_bursts(gap_p, content_p, pcm.duration_s, energy)
        lo, hi = _gap_span(gap_u, content_u, pcm.duration_s, energy)
        for f in fillers:
            if (f.end_s - f.start_s >= MIN_PROMPTED_FILLER_S and lo - TIME_SLACK_S <= f.start_s
                    and f.end_s <= hi + TIME_SLACK_S and _sounds(f, energy) and not _absorbs(f, prompted)):
                candidates.setdefault(gap_u, []).append(f)
    for gap, fillers in candidates.items():
        fillers = _capped(fillers, bursts_p[gap])
        if len(fillers) > len(chosen[gap]):
            chosen[gap] = fillers

    merged: list[Word] = []
    for gap in range(len(content_u) + 1):
        merged.extend(sorted(chosen[gap], key=lambda w: w.start_s))
        if gap < len(content_u):
            merged.append(content_u[gap])
    return tuple(merged)


def _by_gap(words: Sequence[Word]) -> tuple[list[Word], dict[int, list[Word]]]:
    """Content words, and fillers keyed by how many content words precede them."""
    content: list[Word] = []
    fillers: dict[int, list[Word]] = {}
    for w in words:
        if w.filler:
            fillers.setdefault(len(content), []).append(w)
        else:
            content.append(w)
    return content, fillers


def _align(content_u: list[Word], content_p: list[Word]) -> dict[int, int]:
    """Index in the prompted pass -> index in the unprompted pass, for words both agree on."""
    a = [normalise_token(w.text) for w in content_p]
    b = [normalise_token(w.text) for w in content_u]
    mapping: dict[int, int] = {}
    for block in SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def _gap_in_unprompted(gap_p: int, to_u: dict[int, int], n_p: int, n_u: int) -> int | None:
    """The unprompted gap matching prompted gap gap_p, when both neighbours are agreed words."""
    left, right = gap_p - 1, gap_p
    if n_p == 0 or n_u == 0:
        return None  # nothing to anchor to: never trust a prompt alone
    if left < 0:
        return 0 if to_u.get(right) == 0 else None
    if right >= n_p:
        return n_u if to_u.get(left) == n_u - 1 else None
    if left in to_u and right in to_u and to_u[right] == to_u[left] + 1:
        return to_u[right]
    return None


def _gap_span(gap_u: int, content_u: list[Word], duration_s: float, energy: Energy) -> tuple[float, float]:
    """Time span a filler in this unprompted gap may occupy: neighbour word to neighbour word."""
    lo = content_u[gap_u - 1].start_s if gap_u > 0 else energy.first_sound_s()
    hi = content_u[gap_u].end_s if gap_u < len(content_u) else min(duration_s, energy.last_sound_s())
    return lo, hi


def _sounds(f: Word, energy: Energy) -> bool:
    mid = (f.start_s + f.end_s) / 2
    start, end = min(f.start_s, mid - 0.1), max(f.end_s, mid + 0.1)
    return energy.sound_s(start, end) >= MIN_SOUND_S


def _absorbs(f: Word, sequence: Sequence[Word]) -> bool:
    """True when the filler holds the time of a touching word squeezed to almost nothing."""
    if f.end_s - f.start_s < 4 * SQUEEZED_WORD_S:
        return False
    for w in sequence:
        if w.filler or w.end_s - w.start_s >= SQUEEZED_WORD_S:
            continue
        if abs(w.end_s - f.start_s) <= TOUCHING_S or abs(f.end_s - w.start_s) <= TOUCHING_S:
            return True
    return False


def _capped(fillers: list[Word], bursts: int) -> list[Word]:
    """At most one filler per burst of sound (at least one), keeping the longest-lasting."""
    limit = max(1, bursts)
    if len(fillers) <= limit:
        return fillers
    ranked = sorted(range(len(fillers)), key=lambda i: (fillers[i].end_s - fillers[i].start_s,
                                                          fillers[i].probability), reverse=True)
    keep = set(ranked[:limit])
    return [f for i, f in enumerate(fillers) if i in keep]


def _gap_bursts(gap: int, content: list[Word], duration_s: float, energy: Energy) -> int:
    """Separate bursts of sound between the content words around this gap."""
    start = content[gap - 1].end_s if gap > 0 else 0.0
    end = content[gap].start_s if gap < len(content) else duration_s
    return energy.bursts(start, end, MIN_BURST_S, MIN_DIP_S)
