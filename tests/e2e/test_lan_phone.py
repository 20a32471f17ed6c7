"""From a phone-sized Chromium over HTTPS on 127.0.0.2 (the LAN stand-in): passcode, record a real clip, review."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from practice.audio.words import normalise_token
from practice.lan.files import lan_folder
from scripts.load_lib.server import Server
from tests.e2e.conftest import fake_mic_wav
from tests.speech_clips import require_clip

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def trust_only_this_certificate(instance) -> str:
    """Chromium's flag that accepts exactly this server key (what a user does by accepting the warning once)."""
    cert = x509.load_pem_x509_certificate((lan_folder(instance) / "server.pem").read_bytes())
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "--ignore-certificate-errors-spki-list=" + base64.b64encode(hashlib.sha256(spki).digest()).decode()


@pytest.fixture
def lan_app(tmp_path):
    """The real entry point (python -m practice.serve --lan) with real ASR, on 127.0.0.2."""
    server = Server(tmp_path / "instance", lan_host="127.0.0.2", threads=4)
    server.create_tables()
    with server:
        yield server


def test_phone_logs_in_over_https_records_a_real_answer_and_sees_its_review(lan_app, launch_browser, screenshot,
                                                                            tmp_path):
    clip = require_clip("15_whisper_jfk.flac")
    browser = launch_browser(fake_mic_wav(clip.path, tmp_path), (trust_only_this_certificate(lan_app.instance_path),))
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})

    desktop.goto(f"http://127.0.0.2:{lan_app.port}/answers")
    assert desktop.url == f"https://127.0.0.2:{lan_app.port}/login?next=/answers", "plain http goes to https login"
    desktop.get_by_label("Passcode").fill("wrong-passcode")
    desktop.get_by_role("button", name="Continue").click()
    assert "That passcode is not right" in desktop.content()
    desktop.get_by_label("Passcode").fill(lan_app.printed_passcode())
    desktop.get_by_role("button", name="Continue").click()
    desktop.wait_for_url(re.compile(r"/answers$"))
    desktop.goto(f"https://127.0.0.2:{lan_app.port}/")
    phone_url = desktop.locator(".phone-url").inner_text()
    assert phone_url == f"https://127.0.0.2:{lan_app.port}/"
    assert desktop.locator(".phone-qr svg").is_visible()
    screenshot(desktop, "lan-desktop-qr")

    phone = browser.new_context(**PHONE).new_page()
    phone.goto(phone_url)
    screenshot(phone, "lan-phone-login")
    phone.get_by_label("Passcode").fill(lan_app.printed_passcode())
    phone.get_by_role("button", name="Continue").click()
    phone.wait_for_url(phone_url)
    assert phone.evaluate("window.isSecureContext"), "the microphone needs a secure context"
    cookie = next(c for c in phone.context.cookies() if c["name"] == "session")
    assert (cookie["secure"], cookie["httpOnly"], cookie["sameSite"]) == (True, True, "Lax")

    phone.goto(f"{phone_url}rehearse/introduction")
    phone.get_by_role("checkbox", name=re.compile("Mute")).check()
    phone.get_by_role("button", name="Record").click()
    phone.wait_for_timeout(int((clip.duration_s + 0.8) * 1000))
    screenshot(phone, "lan-phone-recording")
    phone.get_by_role("button", name="Stop").click()
    phone.wait_for_url(re.compile(r"/answers/\d+$"), timeout=120_000)
    phone.wait_for_selector("#transcript .word", timeout=120_000)
    screenshot(phone, "lan-phone-review")

    heard = {normalise_token(w) for w in phone.locator("#transcript .word").all_inner_texts()}
    reference = {normalise_token(w) for w in clip.transcript.split()}
    assert len(heard & reference) / len(reference) >= 0.7, heard
    phone.wait_for_function("isFinite(document.getElementById('player').duration)", timeout=10_000)
    assert phone.evaluate("document.getElementById('player').duration") > clip.duration_s - 0.5
