"""GET pages only read: the worker stores what finishing an answer or a sitting changes."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from practice.extensions import db
from practice.models import Rehearsal
from practice.sittings import plan
from tests.audio_files import tone, write_wav
from tests.web.test_sittings import answer_turns, start

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


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
