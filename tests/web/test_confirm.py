"""Confirm-then-delete: every row type asks on a GET page, deletes only on the POST, then says so and goes back."""
import pytest

from practice.demo import demo_applications
from practice.extensions import db
from practice.models import Application, CustomPrompt, Tip

CASES = [  # (model, the row's URL, the page the POST goes back to, what the page then says)
    (CustomPrompt, "/prompts/1/delete", "/prompts", "The question is deleted."),
    (Tip, "/tips/1/delete", "/tips", "The tip was deleted."),
    (Application, "/milestones/applications/1/delete", "/milestones", "Deleted your application at"),
]


@pytest.fixture
def rows(app):
    with app.app_context():
        db.session.add_all(demo_applications())
        db.session.add(CustomPrompt(kind="introduction", text="Why our healthcare account?", target_s=60, skills=[]))
        db.session.commit()


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("model, url, back, said", CASES)
def test_the_get_asks_and_the_post_deletes(app, client, rows, model, url, back, said):
    before = count(app, model)
    page = client.get(url)
    assert page.status_code == 200 and "Delete" in page.get_data(as_text=True)
    assert count(app, model) == before
    response = client.post(url)
    assert (response.status_code, response.headers["Location"]) == (303, back)
    assert count(app, model) == before - 1
    assert said in client.get(back).get_data(as_text=True)


@pytest.mark.parametrize("model, url, back, said", CASES)
def test_a_row_that_is_not_there_is_a_404_both_ways(client, model, url, back, said):
    missing = url.replace("/1/", "/999/")
    assert (client.get(missing).status_code, client.post(missing).status_code) == (404, 404)
