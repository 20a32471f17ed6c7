"""Content check: off-topic detection, scores of labelled answers, time and memory of one check

The labelled answers are tests/data/content_answers.toml (written for this project). Time is the
median wall time of one check once the model and the catalogue's guide vectors are loaded (the app
loads them once per process); memory is the growth of the process's peak RSS for loading them.
"""
from __future__ import annotations

import resource
import statistics
import time
from pathlib import Path

from scripts.benchmarks.table import Row

RECALL_TARGET = PRECISION_TARGET = 0.90
STRONG_MIN_SCORE = 70
WEAK_GAP = 25
CHECK_MS_TARGET = 200
MEMORY_MB_TARGET = 300


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rows() -> list[Row]:
    before_mb = _peak_rss_mb()
    started = time.perf_counter()
    from practice.catalog import load_catalog
    from practice.checks.content import check_content
    from practice.speech.embeddings import get_encoder, model_dir
    from tests.content_labels import judge_all, load_labelled, off_topic_recall_precision, weak_gaps

    catalog, encoder = load_catalog(), get_encoder()
    guides = list(catalog.guides.values())
    loaded_s = time.perf_counter() - started

    def check(key, text):
        return check_content(text, catalog.guide(key), guides, encoder)

    items = load_labelled()
    judged = judge_all(items, check)  # the first pass also embeds every guide once
    added_mb = _peak_rss_mb() - before_mb
    times_ms = []
    for item in items:
        begin = time.perf_counter()
        check(item.prompt, item.text)
        times_ms.append((time.perf_counter() - begin) * 1000)

    recall, precision = off_topic_recall_precision(judged)
    strong = min(j.score for j in judged if j.item.label == "strong")
    gaps = weak_gaps(judged)
    smallest_gap = min(gap for _, gap in gaps)
    median_ms = statistics.median(times_ms)
    model_mb = sum(f.stat().st_size for f in Path(model_dir()).rglob("*") if f.is_file()) / 1e6
    questions = len({i.prompt for i in items})
    return [
        Row("labelled answers, questions", "≥ 60, ≥ 15", f"{len(items)}, {questions}",
            len(items) >= 60 and questions >= 15),
        Row("off-topic recall", f"≥ {RECALL_TARGET:.0%}", f"{recall:.0%}", recall >= RECALL_TARGET),
        Row("off-topic precision", f"≥ {PRECISION_TARGET:.0%}", f"{precision:.0%}", precision >= PRECISION_TARGET),
        Row("lowest strong answer score", f"≥ {STRONG_MIN_SCORE}", str(strong), strong >= STRONG_MIN_SCORE),
        Row("smallest strong − weak gap, same question", f"≥ {WEAK_GAP}", str(smallest_gap), smallest_gap >= WEAK_GAP),
        Row("one check, median wall time after start", f"< {CHECK_MS_TARGET} ms",
            f"{median_ms:.0f} ms (max {max(times_ms):.0f})", median_ms < CHECK_MS_TARGET),
        Row("memory added by model + guide vectors", f"≤ {MEMORY_MB_TARGET} MB", f"{added_mb:.0f} MB",
            added_mb <= MEMORY_MB_TARGET),
        Row("load: checksum + weights + catalogue", "informational", f"{loaded_s:.1f} s", None),
        Row("model files on disk (all-MiniLM-L6-v2)", "informational", f"{model_mb:.0f} MB", None),
    ]
