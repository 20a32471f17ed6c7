"""Answer statuses: one enum whose values are what the database and the API carry."""
import json

from practice.status import BUSY, FINISHED, AnswerStatus


def test_statuses_are_their_stored_strings():
    assert [s.value for s in AnswerStatus] == ["recording", "queued", "running", "done", "failed"]
    assert AnswerStatus.DONE == "done" and json.dumps({"status": AnswerStatus.FAILED}) == '{"status": "failed"}'
    assert set(BUSY) | set(FINISHED) | {AnswerStatus.RECORDING} == set(AnswerStatus)
    assert not set(BUSY) & set(FINISHED)
