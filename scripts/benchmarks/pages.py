"""Page speed with 1,000 answers (and /answers with 10,000): server time and SQL queries per page"""
from __future__ import annotations

import statistics
import tempfile
import time
from contextlib import contextmanager

from scripts.benchmarks.table import Row

PAGES = ("/progress", "/answers", "/milestones", "/compare", "/tips", "/data")
TARGET_MS = 300.0  # these pages render in under 300 ms of server time with 1,000 answers
BIG_ANSWERS = 1000
SMALL_ANSWERS = 10
RUNS = 7
# The answers list pages through everything: its first, a deep and a filtered page with 10,000 answers.
HUGE_ANSWERS = 10_000
ANSWER_LIST_PAGES = ("/answers", "/answers?page=300", "/answers?kind=phone-interview&page=50")


@contextmanager
def demo_instance(answer_count: int):
    """A throwaway app in a temp folder, filled by the same code as `flask seed-demo`."""
    from practice import create_app
    from practice.demo import demo_answers, demo_applications
    from practice.extensions import db
    from practice.storage import recordings_dir

    with tempfile.TemporaryDirectory(prefix="practice-bench-") as folder:
        app = create_app({"INSTANCE_PATH": folder, "SECRET_KEY": "benchmark-only-" + "x" * 40,
                          "WTF_CSRF_ENABLED": False})
        with app.app_context():
            db.create_all()
            db.session.add_all(demo_answers(answer_count, recordings_dir()))
            db.session.add_all(demo_applications())
            db.session.commit()
        try:
            yield app
        finally:
            app.extensions["practice.jobs"].executor.shutdown(wait=True)
            with app.app_context():
                db.engine.dispose()


@contextmanager
def count_queries(app):
    """counter[0] grows by one per SQL statement the app sends while the block runs."""
    from sqlalchemy import event

    from practice.extensions import db

    counter = [0]

    def count(*_args, **_kwargs):
        counter[0] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", count)


def queries_per_page(app) -> dict[str, int]:
    client = app.test_client()
    counts = {}
    for page in PAGES:
        client.get(page)  # warm caches (catalogue, templates) so only the page's own queries count
        with count_queries(app) as counter:
            response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        counts[page] = counter[0]
    return counts


def median_ms(app, page: str, runs: int = RUNS) -> float:
    client = app.test_client()
    client.get(page)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(page)
        response.get_data()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def rows() -> list[Row]:
    with demo_instance(SMALL_ANSWERS) as app:
        small = queries_per_page(app)
    result = []
    with demo_instance(BIG_ANSWERS) as app:
        big = queries_per_page(app)
        for page in PAGES:
            ms = median_ms(app, page)
            result.append(Row(f"{page} median server time, {BIG_ANSWERS} answers", f"< {TARGET_MS:.0f} ms",
                              f"{ms:.0f} ms", ms < TARGET_MS))
    for page in PAGES:
        result.append(Row(f"{page} SQL queries, {SMALL_ANSWERS} vs {BIG_ANSWERS} answers", "same",
                          f"{small[page]} vs {big[page]}", small[page] == big[page]))
    with demo_instance(HUGE_ANSWERS) as app:
        for page in ANSWER_LIST_PAGES:
            ms = median_ms(app, page)
            result.append(Row(f"{page} median server time, {HUGE_ANSWERS:,} answers", f"< {TARGET_MS:.0f} ms",
                              f"{ms:.0f} ms", ms < TARGET_MS))
    return result


if __name__ == "__main__":
    from scripts.benchmarks.table import print_table

    print_table(__doc__.strip().splitlines()[0], rows())
