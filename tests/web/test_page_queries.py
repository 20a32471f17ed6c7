"""SQL queries per page do not grow with the number of answers, and progress never loads whole analyses."""
import shutil

import pytest

from practice import storage
from practice.demo import demo_answers, demo_applications
from practice.extensions import db
from scripts.benchmarks.pages import PAGES, count_queries

# More answers than a page of the answer list (25) and the data page's recent list (15) show, so a query per row
# would show as a difference; more than that only costs time.
FEW, MANY = 10, 120
# Tip pages draw their trend from the same narrow columns.
EXTRA_PAGES = ("/tips/1", "/compare?prompt=intro-tell-me-about-yourself")


def seed(app, answers: int) -> None:
    with app.app_context():
        db.session.add_all(demo_answers(answers, storage.recordings_dir(), seed=3))
        db.session.add_all(demo_applications())
        db.session.commit()


def _recorder(statements: list[str]):
    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)
    return record


def statements_per_page(app) -> dict[str, list[str]]:
    from sqlalchemy import event

    client = app.test_client()
    seen: dict[str, list[str]] = {}
    for page in PAGES + EXTRA_PAGES:
        client.get(page)
        statements: list[str] = []
        record = _recorder(statements)
        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            assert client.get(page).status_code == 200, page
        finally:
            event.remove(engine, "before_cursor_execute", record)
        seen[page] = statements
    return seen


@pytest.fixture(scope="module")
def small_and_big(tmp_path_factory, empty_database, content_vectors):
    """The statements each page runs with FEW and with MANY answers; both tests read the same two runs."""
    from practice import create_app
    from tests.conftest import stop_workers
    from tests.fakes import FakeTranscriber

    counts = []
    for answers in (FEW, MANY):
        folder = tmp_path_factory.mktemp(f"instance-{answers}")
        shutil.copyfile(empty_database, folder / "practice.sqlite3")
        instance = create_app({"TESTING": True, "SECRET_KEY": "test-only", "INSTANCE_PATH": str(folder),
                               "TRANSCRIBER": FakeTranscriber()})
        seed(instance, answers)
        counts.append(statements_per_page(instance))
        stop_workers(instance)
    return counts


def test_query_count_is_the_same_for_few_and_many_answers(small_and_big):
    small, big = small_and_big
    assert {page: len(s) for page, s in small.items()} == {page: len(s) for page, s in big.items()}


def test_progress_reads_the_metrics_column_not_the_analysis(small_and_big):
    _, big = small_and_big
    for page in ("/progress", "/tips/1"):
        assert not any("answer.analysis" in s for s in big[page]), page


def test_count_queries_counts_statements(app):
    with count_queries(app) as counter:
        app.test_client().get("/progress")
    assert counter[0] >= 1
