"""seed-demo fills a fresh database with improving answers and a notebook, and every demo page works."""
from practice.extensions import db
from practice.models import Answer, Application, Tip


def test_seed_demo_creates_done_answers_with_metrics_and_notebook(app, runner):
    result = runner.invoke(args=["seed-demo", "--answers", "40"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        answers = db.session.scalars(db.select(Answer).order_by(Answer.created_at)).all()
        assert len(answers) == 40
        assert {a.status for a in answers} == {"done"}
        assert len({a.kind for a in answers}) >= 4
        assert all(a.metrics["overall"] is not None and a.result.score_details for a in answers)
        introductions = [a for a in answers if a.kind == "introduction"]
        assert introductions and all(a.result.content.answers_the_question for a in introductions)
        assert all(a.metrics["content_score"] == a.result.content.score for a in introductions)
        assert all(a.result.content is None for a in answers if a.kind == "read-aloud")
        assert db.session.scalar(db.select(db.func.count(Application.id))) >= 5
        assert db.session.scalar(db.select(db.func.count(Tip.id))) >= 5


def test_demo_answers_improve_over_time(app, runner):
    runner.invoke(args=["seed-demo", "--answers", "200"])
    with app.app_context():
        overall = db.session.scalars(db.select(Answer.overall_score).order_by(Answer.created_at)).all()
    assert sum(overall[-50:]) / 50 > sum(overall[:50]) / 50 + 10


def test_seed_demo_refuses_a_database_with_answers_unless_appending(app, runner):
    runner.invoke(args=["seed-demo", "--answers", "3"])
    assert runner.invoke(args=["seed-demo", "--answers", "3"]).exit_code != 0
    assert runner.invoke(args=["seed-demo", "--answers", "3", "--append"]).exit_code == 0


def test_demo_answer_audio_and_review_page_work(app, client, runner):
    runner.invoke(args=["seed-demo", "--answers", "5"])
    audio = client.get("/answers/1/audio")
    assert audio.status_code == 200 and audio.mimetype == "audio/wav"
    audio.close()
    assert client.get("/answers/1").status_code == 200


def test_demo_tips_are_tagged_by_whole_words():
    from practice.demo import _skills_of

    assert _skills_of("Slow down when you read numbers.") == ["clarity", "pace"]
    assert _skills_of('Too many "um" at the start of answers.') == ["fillers"]


def test_seed_demo_on_a_fresh_instance_applies_the_migrations_first(app_config):
    from practice import create_app

    fresh = create_app(app_config)
    try:
        result = fresh.test_cli_runner().invoke(args=["seed-demo", "--answers", "3"])
        assert result.exit_code == 0, result.output
        with fresh.app_context():
            assert db.inspect(db.engine).has_table("alembic_version")
            assert db.session.scalar(db.select(db.func.count(Answer.id))) == 3
    finally:
        fresh.extensions["practice.jobs"].executor.shutdown(wait=True)
