"""Run every benchmark section (or the named ones), print their tables, fail on a miss.

A section with OPT_IN = True (a long one) runs only when named.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

from scripts.benchmarks import table

NOT_SECTIONS = {"run", "table"}


def main(argv: list[str]) -> int:
    import scripts.benchmarks as pkg

    names = argv or [name for name in sorted(m.name for m in pkgutil.iter_modules(pkg.__path__))
                     if name not in NOT_SECTIONS
                     and not getattr(importlib.import_module(f"scripts.benchmarks.{name}"), "OPT_IN", False)]
    all_rows = []
    for name in names:
        module = importlib.import_module(f"scripts.benchmarks.{name}")
        rows = module.rows()
        table.print_table(module.__doc__.strip().splitlines()[0] if module.__doc__ else name, rows)
        all_rows.extend(rows)
    missed = table.misses(all_rows)
    print(f"\n{len(all_rows)} figures, {len(missed)} missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
