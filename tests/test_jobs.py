"""The worker: it owns every database write of an analysis, its own answer's and its sitting's."""
from types import SimpleNamespace

import pytest

from practice import jobs
from practice.errors import UserError
from practice.extensions import db
from practice.models import Answer, Rehearsal
from practice.status import AnswerStatus
from tests.factories import make_analysis
from tests.checks.spoken import timed


def add_answer(rehearsal_id=None, turn_index=None, status=AnswerStatus.DONE, kind="phone-interview"):
    analysis = make_analysis(timed("Hello, my name is Maria and I like helping people.", 0.3))
    answer = Answer(prompt_key="phone-availability", prompt_text="Q", kind=kind, audio_filename=f"{turn_index}.wav",
                    audio_format="wav", audio_bytes=1, status=status, rehearsal_id=rehearsal_id,
                    turn_index=turn_index, analysis=analysis.to_dict(), metrics=analysis.headline())
    db.session.add(answer)
    db.session.commit()
    return answer


def test_store_qa_percent_replaces_the_metrics_dict():
    a = SimpleNamespace(metrics={"overall": 50})
    before = a.metrics
    jobs.store_qa_percent([a, SimpleNamespace(metrics=None)], 62.5)
    assert a.metrics == {"overall": 50, "qa_percent": 62.5} and a.metrics is not before


def test_a_sitting_is_finished_only_when_every_turn_is_analysed(app):
    with app.app_context():
        rehearsal = Rehearsal(kind="phone-interview")
        db.session.add(rehearsal)
        db.session.commit()
        for turn in range(4):
            add_answer(rehearsal.id, turn)
        last = add_answer(rehearsal.id, 4, status=AnswerStatus.RUNNING)
        jobs.finish_sitting(rehearsal.id)
        assert db.session.get(Rehearsal, rehearsal.id).finished_at is None
        last.status = AnswerStatus.DONE
        db.session.commit()
        jobs.finish_sitting(rehearsal.id)
        assert db.session.get(Rehearsal, rehearsal.id).finished_at is not None


def test_analyse_again_refuses_an_answer_already_in_the_queue(app):
    with app.app_context():
        answer = add_answer(status=AnswerStatus.QUEUED)
        with pytest.raises(UserError) as refused:
            jobs.analyse_again(answer)
        assert refused.value.status == 409
