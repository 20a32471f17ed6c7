"""The answers list: paged with rel links so every answer is reachable, score and kind, filters, sittings grouped."""
import re
from datetime import timedelta

import pytest

from practice import storage
from practice.demo import demo_answers
from practice.extensions import db
from practice.models import Answer, Rehearsal, utc_now
from practice.web.review.answer_list import PAGE_SIZE

NEXT = re.compile(r'<a rel="next" href="([^"]+)"')
ROW_ID = re.compile(r'data-answer-id="(\d+)"')


def seed(app, count: int) -> list[int]:
    with app.app_context():
        answers = demo_answers(count, storage.recordings_dir(), seed=5)
        db.session.add_all(answers)
        db.session.commit()
        return [a.id for a in answers]


def add_sitting(app, turns: int, at) -> tuple[int, list[int]]:
    """A phone-interview sitting whose answers were recorded at `at`, a minute apart."""
    with app.app_context():
        template = db.session.scalars(db.select(Answer).limit(1)).one()
        rehearsal = Rehearsal(kind="phone-interview", created_at=at)
        db.session.add(rehearsal)
        db.session.flush()
        ids = []
        for turn in range(turns):
            answer = Answer(rehearsal_id=rehearsal.id, turn_index=turn, prompt_key=f"phone-turn-{turn}",
                            prompt_text=f"Phone question {turn + 1}", kind="phone-interview",
                            audio_filename=f"sitting-{rehearsal.id}-{turn}.wav", audio_format="wav",
                            audio_bytes=template.audio_bytes, duration_s=30.0, status="done",
                            overall_score=60 + turn, created_at=at + timedelta(minutes=turn))
            db.session.add(answer)
            db.session.flush()
            ids.append(answer.id)
        db.session.commit()
        return rehearsal.id, ids


def follow_next(client, url: str) -> list[list[int]]:
    pages = []
    while url:
        html = client.get(url).get_data(as_text=True)
        pages.append([int(i) for i in ROW_ID.findall(html)])
        found = NEXT.search(html)
        url = found.group(1).replace("&amp;", "&") if found else None
    return pages


def test_every_answer_is_reached_by_following_rel_next_once(app, client):
    ids = seed(app, 2 * PAGE_SIZE + 7)
    pages = follow_next(client, "/answers")
    assert [len(p) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 7]
    assert sorted(i for page in pages for i in page) == sorted(ids)


def test_pages_link_back_with_rel_prev_and_head_links(app, client):
    seed(app, PAGE_SIZE + 1)
    first = client.get("/answers").get_data(as_text=True)
    assert '<link rel="next" href="/answers?page=2">' in first and 'rel="prev"' not in first
    second = client.get("/answers?page=2").get_data(as_text=True)
    assert '<a rel="prev" href="/answers?page=1">' in second and 'rel="next"' not in second
    assert "Page 2 of 2" in second


def test_each_row_shows_its_overall_score_and_kind(app, client):
    seed(app, 3)
    with app.app_context():
        newest = db.session.scalars(db.select(Answer).order_by(Answer.created_at.desc())).first()
        score, kind = round(newest.overall_score), newest.kind.replace("-", " ")
    html = client.get("/answers").get_data(as_text=True)
    row = html[html.index(f'data-answer-id="{newest.id}"'):]
    row = row[:row.index("</tr>")]
    assert f'<td class="score" data-label="Score">{score}<span class="muted">/100</span></td>' in row
    assert f'<td data-label="Kind">{kind}</td>' in row


def test_filter_by_kind_and_by_question(app, client):
    seed(app, 60)
    with app.app_context():
        kinds = dict(db.session.execute(db.select(Answer.id, Answer.kind)).all())
        key_of = dict(db.session.execute(db.select(Answer.id, Answer.prompt_key)).all())
    kind = "phone-interview"
    shown = [i for page in follow_next(client, f"/answers?kind={kind}") for i in page]
    assert sorted(shown) == sorted(i for i, k in kinds.items() if k == kind)
    question = key_of[shown[0]]
    shown = [i for page in follow_next(client, f"/answers?question={question}") for i in page]
    assert sorted(shown) == sorted(i for i, k in key_of.items() if k == question)


def test_a_sittings_answers_are_grouped_under_it_in_turn_order(app, client):
    seed(app, 5)
    rehearsal_id, ids = add_sitting(app, 3, utc_now() + timedelta(hours=1))
    html = client.get("/answers").get_data(as_text=True)
    group = html[html.index(f'data-rehearsal-id="{rehearsal_id}"'):]
    group = group[:group.index("</tbody>")]
    assert "Phone interview sitting" in group and "3 answers" in group
    assert f'href="/rehearsals/{rehearsal_id}"' in group
    assert [int(i) for i in ROW_ID.findall(group)] == ids
    assert html.index(f'data-rehearsal-id="{rehearsal_id}"') < html.index('data-answer-id="')  # newest first


def test_a_sitting_counts_as_one_entry_of_a_page(app, client):
    seed(app, PAGE_SIZE)
    add_sitting(app, 4, utc_now() + timedelta(hours=1))
    pages = follow_next(client, "/answers")
    assert [len(p) for p in pages] == [PAGE_SIZE - 1 + 4, 1]


@pytest.mark.parametrize("query", ["page=two", "page=-1", "page=²", "kind=astrology"])
def test_nonsense_in_the_query_is_a_400_with_a_message(app, client, query):
    response = client.get(f"/answers?{query}")
    assert response.status_code == 400


def test_a_page_past_the_end_shows_the_last_page(app, client):
    seed(app, 3)
    html = client.get("/answers?page=99").get_data(as_text=True)
    assert "Page 1 of 1" in html and len(ROW_ID.findall(html)) == 3


def test_no_match_offers_to_show_all(app, client):
    seed(app, 3)
    html = client.get("/answers?question=nothing-like-this").get_data(as_text=True)
    assert "No answers match" in html
