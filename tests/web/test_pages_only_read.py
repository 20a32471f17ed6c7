"""GET pages only read: the worker stores what finishing an answer or a sitting changes."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from practice import storage
from practice.catalog import KINDS
from practice.demo import demo_answers, demo_applications
from practice.extensions import db
from practice.models import CustomPrompt, Rehearsal
from practice.sittings import plan
from tests.audio_files import tone, write_wav
from tests.web.test_sittings import answer_turns, start

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# The voice lines render speech with Piper into files, never into the database; they have tests of their own.
SKIPPED_ENDPOINTS = {"static", "voice.prompt_line", "voice.turn_line"}
ROW_IDS = {"answer_id": 1, "tip_id": 1, "application_id": 1, "prompt_id": 1, "rehearsal_id": 1}


@pytest.fixture
def statements(app):
    """Every SQL statement the app sends while the test runs."""
    sent = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        sent.append(statement.lstrip().upper())

    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)


def test_a_finished_sittings_summary_is_stamped_by_the_worker_and_read_by_the_page(app, client, tmp_path,
                                                                                    statements):
    rehearsal_id = start(client, "phone-interview")
    wav = write_wav(tmp_path / "tone.wav", tone(3.0))
    answer_turns(client, wav, rehearsal_id, [s.prompt_key for s in plan("phone-interview", rehearsal_id)])
    with app.app_context():
        assert db.session.get(Rehearsal, rehearsal_id).finished_at is not None, "stamped when the last turn finished"
    statements.clear()
    for url in (f"/rehearsals/{rehearsal_id}", f"/rehearsals/{rehearsal_id}/take", "/answers", "/answers/1",
                "/progress", "/data", "/compare", "/milestones", "/tips"):
        assert client.get(url).status_code in (200, 302), url
    assert not [s for s in statements if s.startswith(WRITES)]


def every_get_url(app) -> list[str]:
    """One URL per GET route (one per kind where the route takes a kind), with ids of rows that exist."""
    from flask import url_for

    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in SKIPPED_ENDPOINTS:
                continue
            if "kind" in rule.arguments:
                urls += [url_for(rule.endpoint, kind=kind) for kind in KINDS]
                continue
            assert rule.arguments <= ROW_IDS.keys(), f"give {rule.rule} a row id in ROW_IDS"
            urls.append(url_for(rule.endpoint, **{name: ROW_IDS[name] for name in rule.arguments}))
    return sorted(urls)


def test_no_get_route_writes_to_the_database(app, client, statements):
    with app.app_context():
        db.session.add_all(demo_answers(3, storage.recordings_dir(), seed=3))
        db.session.add_all(demo_applications())
        db.session.add(CustomPrompt(kind="introduction", text="Why our healthcare account?", target_s=60, skills=[]))
        db.session.add(Rehearsal(kind="phone-interview"))
        db.session.commit()
    urls = every_get_url(app)
    assert {"/answers/1", "/rehearsals/1/take", "/prompts/1/edit", "/rehearse/mock-call"} <= set(urls)
    statements.clear()
    for url in urls:
        with client.get(url) as response:
            assert response.status_code < 500, url
    assert [s for s in statements if s.startswith(WRITES)] == []
