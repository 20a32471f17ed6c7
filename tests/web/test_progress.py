"""Progress: charts per metric from the metrics column, kind filter, personal bests, week against week."""
from datetime import timedelta

import pytest

from practice.demo import demo_answers
from practice.extensions import db
from practice.models import Answer, utc_now
from practice.storage import recordings_dir


def add_answer(metrics, days_ago=0.0, kind="introduction", status="done"):
    when = utc_now() - timedelta(days=days_ago)
    answer = Answer(prompt_key="intro-tell-me-about-yourself", prompt_text="Tell me about yourself.", kind=kind,
                    audio_filename=f"x-{when.timestamp()}-{kind}-{metrics}.webm"[:60], audio_format="webm",
                    audio_bytes=10, status=status, metrics=metrics, overall_score=metrics.get("overall"),
                    created_at=when)
    db.session.add(answer)
    db.session.commit()
    return answer


@pytest.fixture
def seeded(app):
    with app.app_context():
        db.session.add_all(demo_answers(60, recordings_dir()))
        db.session.commit()


def test_progress_without_answers_invites_a_first_recording(client):
    page = client.get("/progress").get_data(as_text=True)
    assert "No analysed answers" in page


def test_progress_draws_an_accessible_svg_chart_per_metric(client, seeded):
    page = client.get("/progress").get_data(as_text=True)
    for chart_id in ("rate-wpm", "fillers-per-min", "pauses-per-min", "clarity", "read-accuracy", "qa-percent",
                     "overall"):
        assert f'id="chart-{chart_id}"' in page
        assert f'aria-labelledby="chart-{chart_id}-title chart-{chart_id}-desc"' in page
    assert "<circle" in page and "<title>" in page
    assert "Numbers per day" in page


def test_progress_filter_by_kind_counts_only_that_kind(app, client):
    with app.app_context():
        add_answer({"rate_wpm": 130, "overall": 70}, kind="introduction")
        add_answer({"rate_wpm": 150, "overall": 60, "qa_percent": 80}, kind="mock-call")
    assert "2 analysed answers" in client.get("/progress").get_data(as_text=True)
    page = client.get("/progress?kind=mock-call").get_data(as_text=True)
    assert "1 analysed answer" in page
    assert '<option value="mock-call" selected>' in page


def test_unknown_kind_is_a_404(client):
    assert client.get("/progress?kind=nope").status_code == 404


def test_week_against_week_shows_better_and_worse(app, client):
    with app.app_context():
        add_answer({"fillers_per_min": 9.0, "overall": 50}, days_ago=10)
        add_answer({"fillers_per_min": 3.0, "overall": 40}, days_ago=1)
    page = client.get("/progress").get_data(as_text=True)
    week = page.split("This week against last week")[1].split("Personal bests")[0]
    fillers_row = week.split("Fillers")[1].split("</tr>")[0]
    assert "9.0 per min" in fillers_row and "3.0 per min" in fillers_row and "better" in fillers_row
    overall_row = week.split("Overall score")[1].split("</tr>")[0]
    assert "worse" in overall_row


def test_personal_best_pace_is_the_one_nearest_the_target_band(app, client):
    with app.app_context():
        add_answer({"rate_wpm": 190.0}, days_ago=3)
        best = add_answer({"rate_wpm": 140.0}, days_ago=2)
        add_answer({"rate_wpm": 95.0}, days_ago=1)
        best_id = best.id
    bests = client.get("/progress").get_data(as_text=True).split("Personal bests")[1]
    assert f'href="/answers/{best_id}">140 wpm' in bests


def test_unfinished_answers_are_not_charted(app, client):
    with app.app_context():
        add_answer({"rate_wpm": 130}, status="failed")
    assert "No analysed answers" in client.get("/progress").get_data(as_text=True)


def test_metrics_without_numbers_get_no_empty_chart(app, client):
    with app.app_context():
        add_answer({"rate_wpm": 150, "qa_percent": 80}, kind="mock-call")
    page = client.get("/progress?kind=mock-call").get_data(as_text=True)
    assert 'id="chart-qa-percent"' in page and 'id="chart-read-accuracy"' not in page
    assert "No numbers yet for: Fillers, Pauses, Clarity, Read accuracy, Content score, Overall score." in page


def test_answers_that_failed_the_quality_gate_are_not_charted(app, client):
    with app.app_context():
        add_answer({"rate_wpm": 140.0, "overall": 70, "quality_ok": True}, days_ago=2)
        add_answer({"rate_wpm": 61.0, "overall": None, "quality_ok": False}, days_ago=1)
        add_answer({"rate_wpm": 62.0, "overall": None}, days_ago=1)  # stored before the flag existed
    page = client.get("/progress").get_data(as_text=True)
    assert "140" in page
    assert "61" not in page and "62" not in page


def test_the_content_score_is_charted_beside_overall(app, client):
    with app.app_context():
        add_answer({"overall": 60, "content_score": 40}, days_ago=2)
        add_answer({"overall": 70, "content_score": 75})
    page = client.get("/progress").get_data(as_text=True)
    assert 'id="chart-content-score"' in page and 'id="chart-overall"' in page
