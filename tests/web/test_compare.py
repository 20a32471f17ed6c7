"""Compare takes: two answers to one prompt side by side, every metric with its change."""
from datetime import timedelta

from practice.audio.words import Word
from practice.extensions import db
from practice.models import Answer, utc_now
from tests.factories import make_analysis


def add_take(app, prompt_key="intro-tell-me-about-yourself", days_ago=0, status="done", metrics=None, words=None):
    with app.app_context():
        answer = Answer(prompt_key=prompt_key, prompt_text=f"Question {prompt_key}", kind="introduction",
                        audio_filename=f"{prompt_key}-{days_ago}-{status}.webm", audio_format="webm", audio_bytes=1,
                        status=status, metrics=metrics or {}, overall_score=(metrics or {}).get("overall"),
                        analysis=make_analysis(words or []).to_dict(), created_at=utc_now() - timedelta(days=days_ago))
        db.session.add(answer)
        db.session.commit()
        return answer.id


def test_index_lists_only_prompts_with_two_finished_takes(app, client):
    add_take(app, "twice", 2)
    add_take(app, "twice", 1)
    add_take(app, "once", 1)
    add_take(app, "failed-twice", 2, status="failed")
    add_take(app, "failed-twice", 1)
    page = client.get("/compare").get_data(as_text=True)
    assert "Question twice" in page
    assert "Question once" not in page and "Question failed-twice" not in page


def test_defaults_to_the_two_latest_takes_and_marks_better_and_worse(app, client):
    add_take(app, days_ago=3, metrics={"rate_wpm": 140, "overall": 50})
    old = add_take(app, days_ago=2, metrics={"rate_wpm": 190, "fillers_per_min": 8.0, "overall": 60})
    new = add_take(app, days_ago=1, metrics={"rate_wpm": 145, "fillers_per_min": 10.0, "overall": 55})
    page = client.get("/compare?prompt=intro-tell-me-about-yourself").get_data(as_text=True)
    assert f'id="player-a" controls preload="metadata"\n         src="/answers/{old}/audio"' in page
    assert f'src="/answers/{new}/audio"' in page
    rows = {row.split("</th>")[0].split(">")[-1]: row for row in page.split('<tr class="row-')[1:]}
    assert rows["Pace"].startswith("better") and "▲ better" in rows["Pace"]
    assert rows["Fillers"].startswith("worse") and "(+2.0 per min)" in rows["Fillers"]
    assert rows["Overall score"].startswith("worse")


def test_pick_any_two_takes(app, client):
    first = add_take(app, days_ago=3, metrics={"overall": 40})
    add_take(app, days_ago=2, metrics={"overall": 60})
    last = add_take(app, days_ago=1, metrics={"overall": 70})
    page = client.get(f"/compare?prompt=intro-tell-me-about-yourself&a={first}&b={last}").get_data(as_text=True)
    assert f'<option value="{first}" selected>' in page and f'<option value="{last}" selected>' in page
    assert "(+30 / 100)" in page


def test_both_transcripts_are_shown_with_seekable_words(app, client):
    add_take(app, days_ago=2, words=[Word("Hello", 0.1, 0.4, 0.9)])
    add_take(app, days_ago=1, words=[Word("um", 0.2, 0.5, 0.6), Word("<b>Hi</b>", 0.6, 0.9, 0.9)])
    page = client.get("/compare?prompt=intro-tell-me-about-yourself").get_data(as_text=True)
    assert 'data-player="player-a"' in page and 'data-player="player-b"' in page
    assert 'class="word filler" data-start="0.2"' in page
    assert "&lt;b&gt;Hi&lt;/b&gt;" in page and "<b>Hi</b>" not in page


def test_take_from_another_prompt_is_refused(app, client):
    add_take(app, days_ago=2)
    add_take(app, days_ago=1)
    other = add_take(app, "other", 1)
    assert client.get(f"/compare?prompt=intro-tell-me-about-yourself&a={other}").status_code == 404
    assert client.get("/compare?prompt=intro-tell-me-about-yourself&a=abc").status_code == 400


def test_a_prompt_with_one_take_cannot_be_compared(app, client):
    add_take(app, "once", 1)
    assert client.get("/compare?prompt=once").status_code == 404


def test_two_paces_inside_the_target_band_are_both_on_target(app, client):
    add_take(app, days_ago=2, metrics={"rate_wpm": 150})
    add_take(app, days_ago=1, metrics={"rate_wpm": 130})
    page = client.get("/compare?prompt=intro-tell-me-about-yourself").get_data(as_text=True)
    pace_row = page.split("<th scope=\"row\">Pace</th>")[1].split("</tr>")[0]
    assert "both on target" in pace_row and "(-20 wpm)" in pace_row


def test_takes_that_failed_the_quality_gate_are_left_out_of_the_default_pair(app, client):
    first = add_take(app, days_ago=4, metrics={"rate_wpm": 140, "overall": 50, "quality_ok": True})
    second = add_take(app, days_ago=3, metrics={"rate_wpm": 150, "overall": 60, "quality_ok": True})
    add_take(app, days_ago=2, metrics={"rate_wpm": 90, "overall": None, "quality_ok": False})
    add_take(app, days_ago=1, metrics={"rate_wpm": None, "overall": None})  # stored before the flag existed
    page = client.get("/compare?prompt=intro-tell-me-about-yourself").get_data(as_text=True)
    assert f'<option value="{first}" selected>' in page and f'<option value="{second}" selected>' in page


def test_a_measure_and_its_score_never_disagree_and_content_is_compared(app, client):
    add_take(app, days_ago=2, metrics={"pauses_per_min": 2.0, "longest_pause_s": 6.0, "pauses_score": 60,
                                       "content_score": 40, "delivery_score": 70, "overall": 55})
    add_take(app, days_ago=1, metrics={"pauses_per_min": 3.0, "longest_pause_s": 1.5, "pauses_score": 80,
                                       "content_score": 75, "delivery_score": 68, "overall": 72})
    page = client.get("/compare?prompt=intro-tell-me-about-yourself").get_data(as_text=True)
    rows = {row.split("</th>")[0].split(">")[-1]: row for row in page.split('<tr class="row-')[1:]}
    assert rows["Pauses"].startswith("better") and "(+1.0 per min)" in rows["Pauses"]
    assert rows["Pauses score"].startswith("better") and rows["Longest pause"].startswith("better")
    assert rows["Content score"].startswith("better") and "(+35 / 100)" in rows["Content score"]
    assert rows["Delivery score"].startswith("worse") and rows["Overall score"].startswith("better")
