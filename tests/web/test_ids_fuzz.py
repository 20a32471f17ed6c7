"""Hypothesis over every integer route and every form number: odd ids give 404 or 400, never a 500."""
from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from practice.extensions import db
from practice.models import Answer, CustomPrompt, Rehearsal
from tests.audio_files import tone, write_wav
from tests.fuzz import examples
from tests.web.helpers import upload

# Numbers past 64 bits, negative ones, other scripts' digits, superscripts, and plain junk.
ODD_NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
    st.text(min_size=1, max_size=25),
    st.sampled_from(["9223372036854775807", "9223372036854775808", "99999999999999999999999", "²", "١", "0",
                     "1e3", " 1", "0x10", "+1", "-1"]),
)
FUZZ = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def integer_routes(app) -> list[tuple[str, str, str]]:
    """(method, rule, argument) for every route with an <int:...> part."""
    found = []
    for rule in app.url_map.iter_rules():
        int_args = [name for name, converter in rule._converters.items() if isinstance(converter, IntegerConverter)]
        for name in int_args:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((method, rule.rule, name))
    return found


@pytest.fixture
def seeded(app):
    """One row of each kind, so valid ids exist beside the odd ones."""
    with app.app_context():
        db.session.add_all([
            Answer(prompt_key="p", prompt_text="Q", kind="introduction", audio_filename="a" * 32 + ".wav",
                   audio_format="wav", audio_bytes=1, status="failed", error="The analysis could not finish."),
            CustomPrompt(kind="introduction", text="Why this company?", target_s=60, skills=[]),
            Rehearsal(kind="phone-interview"),
        ])
        db.session.commit()
    return app


def test_every_integer_route_is_covered(app):
    rules = {rule for _method, rule, _name in integer_routes(app)}
    assert "/answers/<int:answer_id>/audio" in rules and "/api/answers/<int:answer_id>" in rules
    assert len(rules) >= 15


@FUZZ
@given(number=ODD_NUMBERS)
def test_odd_ids_on_every_integer_route_are_never_a_500(seeded, client, number):
    for method, rule, name in integer_routes(seeded):
        url = rule.replace(f"<int:{name}>", quote(number, safe=""))
        response = client.open(url, method=method, headers={"Accept": "text/html"})
        assert response.status_code < 500, (method, url, response.status_code)
        if not (number.isascii() and number.isdigit()):
            assert response.status_code in (400, 404, 405), (method, url, response.status_code)


def test_an_arabic_indic_digit_is_not_answer_1(seeded, client):
    assert client.get("/answers/1/audio").status_code in (200, 404)
    assert client.get("/answers/%D9%A1/audio").status_code == 404
    assert client.get("/api/answers/%D9%A1").status_code == 404
    assert client.get("/api/answers/99999999999999999999999").status_code == 404


@FUZZ
@given(number=ODD_NUMBERS, field=st.sampled_from(["rehearsal_id", "turn_index", "prompt_id"]))
def test_odd_upload_form_numbers_are_a_400_and_store_nothing(seeded, client, tmp_path_factory, number, field):
    wav = write_wav(tmp_path_factory.mktemp("wav") / "a.wav", tone(3.0))
    fields = {"prompt_id": f"custom-{number}"} if field == "prompt_id" else {field: number}
    before = set(os.listdir(seeded.config["RECORDINGS_DIR"]))
    response = upload(client, wav, filename="a.wav", **fields)
    assert response.status_code < 500, (field, number, response.get_json())
    if response.status_code != 202:
        assert response.status_code == 400
        assert response.get_json()["error"]
        assert set(os.listdir(seeded.config["RECORDINGS_DIR"])) == before, "nothing written for a bad request"


@FUZZ
@given(number=ODD_NUMBERS)
def test_odd_numbers_in_pages_and_forms_are_never_a_500(seeded, client, number):
    quoted = quote(number, safe="")
    responses = [
        client.get(f"/compare?prompt=p&a={quoted}", headers={"Accept": "text/html"}),
        client.get(f"/rehearse/introduction?prompt=custom-{quoted}", headers={"Accept": "text/html"}),
        client.post("/prompts", data={"kind": "introduction", "text": "Why this company?", "target_s": number}),
        client.post("/prompts/1", data={"kind": "introduction", "text": "Why this company?", "target_s": number}),
        client.post("/tips", data={"company": "Acme", "held_on": number, "milestone": "phone-interview",
                                   "outcome": "passed", "tip-0-text": "Slow down"}),
    ]
    for response in responses:
        assert response.status_code < 500, (response.request.path, number, response.status_code)


@pytest.mark.parametrize("target_s", ["²", "١٢٠", "99999999999999999999999", "-5", "5"])
def test_an_odd_answer_length_is_a_400_with_a_message(client, target_s):
    response = client.post("/prompts", data={"kind": "introduction", "text": "Why this company?", "target_s": target_s})
    assert response.status_code == 400
    assert "Give the answer length as" in response.get_data(as_text=True)
