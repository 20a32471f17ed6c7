"""The serving entry point: listens before any start-up work, warns when exposed, only it re-queues."""
from __future__ import annotations

import io
import socket
import threading

import pytest

from practice import serve


def test_binding_beyond_this_computer_warns_that_there_is_no_login():
    out = io.StringIO()
    assert serve.warn_if_exposed("0.0.0.0", out) is True
    assert "no login" in out.getvalue() and "0.0.0.0" in out.getvalue()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_binding_says_nothing(host):
    out = io.StringIO()
    assert serve.warn_if_exposed(host, out) is False
    assert out.getvalue() == ""


def test_the_server_listens_before_the_start_up_tasks_run(app, monkeypatch, serving):
    """A slow start-up task must not keep the port closed."""
    release = threading.Event()
    seen = []
    monkeypatch.setattr(serve, "STARTUP_TASKS", [])
    serve.on_startup(lambda _app: (release.wait(10), seen.append("slow task done")))
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=2))
    serve.start_background_tasks(app)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /answers HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
        assert seen == [], "the page was served while the start-up task was still running"
    finally:
        release.set()


def test_a_failing_start_up_task_does_not_stop_the_next(app, monkeypatch):
    seen = []
    monkeypatch.setattr(serve, "STARTUP_TASKS", [])
    serve.on_startup(lambda _app: 1 / 0)
    serve.on_startup(lambda started: seen.append(started is app))
    serve.run_startup_tasks(app)
    assert seen == [True]


def test_the_end_of_start_up_is_logged_for_whoever_waits_for_a_warm_server(app, monkeypatch, caplog):
    monkeypatch.setattr(serve, "STARTUP_TASKS", [])
    serve.on_startup(lambda _app: None)
    with caplog.at_level("INFO", logger="practice.serve"):
        serve.run_startup_tasks(app)
    assert [r.getMessage().split(" ")[:3] for r in caplog.records] == [["start-up", "tasks", "done"]]


def test_waitress_own_413_carries_the_security_headers(app, serving):
    port = serving(serve.create_server(app, "127.0.0.1", 0, threads=1))
    too_big = app.config["MAX_CONTENT_LENGTH"] + serve.FORM_OVERHEAD_BYTES + 1
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"POST /api/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {too_big}\r\n\r\n"
                     .encode())
        reply = sock.recv(4096).decode()
    assert reply.startswith("HTTP/1.1 413")
    assert "Content-Security-Policy: default-src 'self'" in reply
    assert "X-Content-Type-Options: nosniff" in reply


def test_building_the_app_never_re_queues_or_analyses(app, app_config, monkeypatch):
    """What every `flask` command does: create_app() with unfinished answers leaves them untouched."""
    from practice import create_app, jobs
    from practice.extensions import db
    from practice.models import Answer

    submitted = []
    monkeypatch.setattr(jobs.JobRunner, "submit", lambda _self, answer_id: submitted.append(answer_id))
    with app.app_context():
        db.session.add(Answer(prompt_key="p", prompt_text="Q", kind="introduction", audio_filename="a" * 32 + ".wav",
                              audio_format="wav", audio_bytes=1, status="queued"))
        db.session.commit()
    other = create_app(app_config)
    other.extensions["practice.jobs"].executor.shutdown(wait=True)
    assert submitted == []
    with other.app_context():
        assert db.session.scalars(db.select(Answer.status)).all() == ["queued"]


def test_start_up_compiles_every_template_so_the_first_review_after_a_start_does_not(app, monkeypatch):
    serve._compile_templates(app)

    def read_again(*_args):
        raise AssertionError("a template read after start-up")

    monkeypatch.setattr(app.jinja_env.loader, "get_source", read_again)
    for name in ("review/answer.html", "review/_transcript.html", "base.html"):
        assert app.jinja_env.get_template(name).name == name
