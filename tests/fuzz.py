"""How many examples a Hypothesis test tries: all in the full run, a third in the quick loop (scripts/test --fast)."""
import os

QUICK = os.environ.get("PRACTICE_QUICK_TESTS") == "1"


def examples(full_run: int) -> int:
    return max(5, full_run // 3) if QUICK else full_run
