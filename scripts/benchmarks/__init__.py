"""Benchmark sections run by scripts/bench; each module exposes rows() -> list[Row]."""
