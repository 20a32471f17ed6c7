"""Security across the app: CSRF everywhere, escaping, headers, recordings by id only, keys and binding."""
from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from practice import ROOT, create_app
from practice.extensions import db
from practice.models import Answer
from tests.audio_files import tone, write_wav
from tests.web.helpers import DEFAULT_PROMPT, csrf_token_of, upload, wait_until_finished

TEMPLATES = ROOT / "templates"
XSS = '<script>alert("owned")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def tone_wav(tmp_path):
    return write_wav(tmp_path / "tone.wav", tone(3.0))


def page_csrf_token(client) -> str:
    token = csrf_token_of(client)
    assert token, "every page carries the CSRF token in a meta tag"
    return token


def make_answer(app, **fields) -> int:
    values = dict(prompt_key="custom-1", prompt_text="Tell me about yourself", kind="introduction",
                  audio_filename="0" * 32 + ".wav", audio_format="wav", audio_bytes=10, status="done")
    values.update(fields)
    with app.app_context():
        answer = Answer(**values)
        db.session.add(answer)
        db.session.commit()
        return answer.id


# --- CSRF -------------------------------------------------------------------------------------

def test_api_upload_without_csrf_token_is_400(csrf_app_config, app, client, tone_wav):
    response = upload(client, tone_wav, filename="answer.wav")
    assert response.status_code == 400
    assert "Reload the page" in response.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Answer.id))) == 0


def test_api_upload_with_token_from_the_pages_meta_tag_is_accepted(csrf_app_config, app, client, tone_wav):
    token = page_csrf_token(client)
    form = {"audio": (tone_wav.open("rb"), "answer.wav"), "prompt_id": DEFAULT_PROMPT}
    response = client.post("/api/answers", data=form, headers={"X-CSRFToken": token, "Accept": "application/json"})
    form["audio"][0].close()
    assert response.status_code == 202
    wait_until_finished(client, response.get_json()["url"])


def test_a_token_from_another_session_is_refused(csrf_app_config, app, tone_wav):
    token = page_csrf_token(app.test_client())
    response = app.test_client().post(f"/api/answers/{make_answer(app, status='failed')}/analyse",
                                      headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert response.status_code == 400


def state_changing_urls(app) -> list[tuple[str, str]]:
    """Every POST/PUT/PATCH/DELETE route in the app, with 1 for each URL argument (fits int and str)."""
    urls = []
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            urls.append((method, rule.build({name: 1 for name in rule.arguments}, append_unknown=False)[1]))
    return urls


def test_every_state_changing_route_needs_a_csrf_token(csrf_app_config, app, client):
    urls = state_changing_urls(app)
    assert ("POST", "/api/answers") in urls
    make_answer(app, status="failed")
    for method, url in urls:
        response = client.open(url, method=method, headers={"Accept": "application/json"})
        assert response.status_code == 400, f"{method} {url} answered {response.status_code} without a CSRF token"


def test_no_view_or_blueprint_is_exempt_from_csrf(app):
    csrf = app.extensions["csrf"]
    assert not csrf._exempt_views
    assert not csrf._exempt_blueprints


# --- escaping ---------------------------------------------------------------------------------

def test_templates_never_mark_text_safe():
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in TEMPLATES.rglob("*.html")
                 for n, line in enumerate(path.read_text().splitlines(), 1)
                 if re.search(r"\|\s*safe\b|autoescape\s+false|Markup\(", line)]
    assert offenders == []


# Modules allowed to build Markup, because they escape every piece of text they interpolate (tested below).
MARKUP_BUILDERS = {"practice/charts.py", "practice/lan/qr.py"}


def test_python_code_builds_markup_only_where_text_is_escaped():
    builders = {str(path.relative_to(ROOT)) for path in (ROOT / "practice").rglob("*.py")
                if re.search(r"\bMarkup\b|render_template_string", path.read_text())}
    assert builders <= MARKUP_BUILDERS


def test_charts_escape_every_label_and_title():
    from datetime import date

    from practice.charts import Point, Stage, funnel_chart, line_chart

    svgs = [line_chart([Point(date(2026, 1, d), 3.0 * d, XSS) for d in (1, 2)], chart_id="c", title=XSS, desc=XSS),
            line_chart([], chart_id="e", title=XSS, desc=XSS),
            funnel_chart([Stage(XSS, 3), Stage("Offer", 1, True)], chart_id="f", title=XSS, desc=XSS)]
    for svg in svgs:
        assert "<script>" not in svg and "<img" not in svg
        assert "&lt;script&gt;" in svg


def test_qr_code_escapes_its_title():
    from practice.lan.qr import qr_svg

    svg = qr_svg(XSS)
    assert "<script>" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg


def test_templates_have_no_inline_script_or_event_handlers():
    """CSP forbids inline script; this keeps templates from depending on it."""
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline <script> in {path.name}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {path.name}"


def test_user_text_is_escaped_on_answer_pages(app, client):
    answer_id = make_answer(app, prompt_text=XSS, prompt_key=XSS, error=XSS, status="failed")
    for url in ("/answers", f"/answers/{answer_id}"):
        html = client.get(url, headers={"Accept": "text/html"}).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url
    assert "&lt;script&gt;alert" in html, "the answer page shows the prompt, escaped"


def test_xss_in_a_prompt_id_is_escaped_in_errors(client):
    response = client.get("/rehearse/introduction", query_string={"prompt": XSS}, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "<script>alert" not in response.get_data(as_text=True)
    api = upload(client, b"", prompt_id=XSS)
    assert api.status_code == 400
    assert api.headers["Content-Type"].startswith("application/json")


# --- headers ----------------------------------------------------------------------------------

def test_security_headers_on_pages_api_errors_and_audio(app, client, tone_wav):
    body = wait_until_finished(client, upload(client, tone_wav, filename="answer.wav").get_json()["url"])
    for url in ("/", "/answers", f"/api/answers/{body['id']}", "/no-such-page", f"/answers/{body['id']}/audio"):
        with client.get(url) as response:
            csp = response.headers["Content-Security-Policy"]
            script_src = re.search(r"script-src ([^;]+)", csp).group(1)
            assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, url
            assert "frame-ancestors 'none'" in csp, url
            assert "object-src 'none'" in csp, url
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
            assert response.headers["Referrer-Policy"] == "no-referrer", url
            assert response.headers["X-Frame-Options"] == "DENY", url


# --- recordings by id only --------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/answers/..%2f..%2fetc%2fpasswd/audio",
    "/answers/1%2f..%2f/audio",
    "/answers/-1/audio",
    "/answers/0/audio",
    "/answers/1.0/audio",
    "/answers/%2e%2e/audio",
    "/answers/..%5c..%5cinstance%5csecret_key/audio",
    "/answers/999999/audio",
    "/static/..%2f..%2finstance%2fsecret_key",
])
def test_traversal_looking_recording_urls_are_404(app, client, url):
    make_answer(app)
    with client.get(url) as response:
        assert response.status_code == 404
        assert b"root:" not in response.data


def test_stored_filenames_are_random_never_from_the_user(app, client, tone_wav):
    form = {"audio": (tone_wav.open("rb"), "../../../etc/passwd"), "prompt_id": DEFAULT_PROMPT}
    response = client.post("/api/answers", data=form)
    form["audio"][0].close()
    assert response.status_code == 202
    with app.app_context():
        name = db.session.get(Answer, response.get_json()["id"]).audio_filename
    assert re.fullmatch(r"[0-9a-f]{32}\.wav", name)


# --- secret key and binding -------------------------------------------------------------------

def make_app(tmp_path, **config):
    config = {"INSTANCE_PATH": str(tmp_path / "instance"), **config}
    app = create_app(config)
    app.extensions["practice.jobs"].executor.shutdown()
    return app


@pytest.mark.parametrize("key", ["dev", "changeme", "secret", "Change-Me", "short-key"])
def test_known_or_short_secret_key_refuses_to_start(tmp_path, key):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        make_app(tmp_path, SECRET_KEY=key)


@pytest.mark.parametrize("flag", ["DEBUG", "TESTING"])
def test_weak_key_is_allowed_only_in_debug_or_tests(tmp_path, flag):
    assert make_app(tmp_path, SECRET_KEY="dev", **{flag: True}).config["SECRET_KEY"] == "dev"


def test_first_run_makes_a_private_random_key_and_keeps_it(tmp_path):
    first = make_app(tmp_path, SECRET_KEY=None).config["SECRET_KEY"]
    key_file = tmp_path / "instance" / "secret_key"
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert make_app(tmp_path, SECRET_KEY=None).config["SECRET_KEY"] == first
    assert make_app(tmp_path / "other", SECRET_KEY=None).config["SECRET_KEY"] != first


def test_run_script_binds_loopback_unless_told_otherwise():
    script = (ROOT / "scripts" / "run").read_text()
    assert '-m practice.serve --host "${PRACTICE_HOST:-127.0.0.1}"' in script
    assert "0.0.0.0" not in script
    assert Path(ROOT / "scripts" / "run").stat().st_mode & stat.S_IXUSR
