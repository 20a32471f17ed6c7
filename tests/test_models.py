"""Database models: an answer's stored analysis reads back through the typed record."""
from practice.analysis import Analysis
from practice.models import Answer
from practice.status import AnswerStatus
from tests.checks.spoken import timed
from tests.factories import make_analysis


def test_an_answer_reads_its_analysis_as_the_typed_record():
    analysis = make_analysis(timed("Hello, my name is Maria.", 0.2))
    answer = Answer(status=AnswerStatus.DONE, analysis=analysis.to_dict())
    assert isinstance(answer.result, Analysis) and answer.result.transcript == "Hello, my name is Maria."
    assert answer.finished
    assert Answer(status=AnswerStatus.QUEUED, analysis=None).result is None
