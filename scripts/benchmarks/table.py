"""The one table format every benchmark prints: figure, target, measured, pass/miss."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    figure: str
    target: str
    measured: str
    ok: bool | None  # None: informational, no target

    @property
    def verdict(self) -> str:
        return {True: "ok", False: "MISS", None: ""}[self.ok]


def print_table(title: str, rows: list[Row]) -> None:
    widths = [max(len(h), *(len(getattr(r, f)) for r in rows)) if rows else len(h)
              for h, f in (("figure", "figure"), ("target", "target"), ("measured", "measured"))]
    print(f"\n## {title}")
    header = f"{'figure':<{widths[0]}}  {'target':<{widths[1]}}  {'measured':<{widths[2]}}  result"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r.figure:<{widths[0]}}  {r.target:<{widths[1]}}  {r.measured:<{widths[2]}}  {r.verdict}")


def misses(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.ok is False]
