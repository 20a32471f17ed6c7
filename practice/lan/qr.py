"""The app's https address as a QR code: in the terminal at start, and on the desktop page."""
from __future__ import annotations

import io
import ipaddress

import segno
from markupsafe import Markup

from practice.lan.address import IPAddress, url_host


def lan_url(address: IPAddress | str, port: int) -> str:
    return f"https://{url_host(ipaddress.ip_address(address))}:{port}/"


def qr_terminal(url: str) -> str:
    """Block characters a phone camera reads straight off the terminal."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def qr_svg(url: str) -> Markup:
    """Inline SVG for the page: only path data, and the title that segno escapes."""
    return Markup(segno.make(url, error="m").svg_inline(scale=5, title=url, dark="#111", light="#fff"))
