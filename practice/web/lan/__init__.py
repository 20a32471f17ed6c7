"""LAN mode in the web app: a passcode session in front of every page, API route and recording."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Flask, current_app, request
from flask.cli import with_appcontext
from flask_login import current_user

from practice.lan.address import lan_address, url_host
from practice.lan.files import lan_folder
from practice.lan.passcode import ensure_passcode, new_passcode
from practice.lan.qr import lan_url, qr_svg

# A phone stays logged in for a month of practice; a new passcode ends every session at once.
SESSION_DAYS = 30


def init_app(app: Flask) -> None:
    """In LAN mode: secure cookies, the passcode, the login gate; without LAN mode nothing changes."""
    from practice.web import hosts
    from practice.web.lan import gate, views

    app.config.setdefault("LAN", False)
    app.extensions["practice.lan"] = None
    app.context_processor(template_values)
    app.cli.add_command(new_passcode_command)
    if not app.config["LAN"]:
        return
    folder = lan_folder(app.instance_path)
    configured = app.config.get("LAN_HOST")
    address = lan_address(str(configured) if configured else None)
    chosen = app.config.pop("PASSCODE", None)
    if chosen is not None:
        ensure_passcode(folder, chosen)
    app.extensions["practice.lan"] = LanState(folder=folder, address=str(address))
    app.config.update(
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=SESSION_DAYS * 24 * 3600,
        PREFERRED_URL_SCHEME="https",
        # Flask-WTF's HTTPS check wants a same-site Referer, which pages never send (Referrer-Policy: no-referrer);
        # the Origin / Sec-Fetch-Site check refuses cross-site posts instead.
        WTF_CSRF_SSL_STRICT=False,
    )
    hosts.allow_host(app, url_host(address))
    gate.init_app(app)
    app.register_blueprint(views.bp)


class LanState:
    """What a LAN-mode app knows: where its certificates and passcode hash live, and its address."""

    def __init__(self, folder: Path, address: str) -> None:
        self.folder = folder
        self.address = address


def template_values() -> dict:
    """lan_mode and lan_signed_in for base.html; phone_link() for the desktop page's QR code."""
    state = current_app.extensions.get("practice.lan")
    if state is None:
        return {"lan_mode": False, "lan_signed_in": False}
    return {"lan_mode": True, "lan_signed_in": current_user.is_authenticated, "phone_link": lambda: phone_link(state)}


def phone_link(state: LanState) -> dict:
    """The address a phone on the same Wi-Fi opens, and its QR code."""
    url = lan_url(state.address, urlsplit(request.host_url).port or 443)
    return {"url": url, "qr_svg": qr_svg(url)}


@click.command("new-passcode")
@with_appcontext
def new_passcode_command() -> None:
    """Make a new LAN passcode and print it; phones logged in with the old one must log in again."""
    made = new_passcode(lan_folder(current_app.instance_path))
    click.echo(f"The new LAN passcode is {made}")
