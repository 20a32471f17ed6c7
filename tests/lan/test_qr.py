"""The https address as a QR code: printed in the terminal at start and drawn on the desktop page."""
import segno
from markupsafe import Markup

from practice.lan.qr import lan_url, qr_svg, qr_terminal

URL = "https://192.168.1.20:5000/"
# Two module rows per text line: light over light, light over dark, dark over light, dark over dark.
HALF_BLOCKS = {"█": (0, 0), "▀": (0, 1), "▄": (1, 0), " ": (1, 1)}


def test_the_address_puts_ipv6_in_brackets():
    assert lan_url("192.168.1.20", 5000) == URL
    assert lan_url("fd00::5", 8443) == "https://[fd00::5]:8443/"


def test_the_terminal_code_holds_exactly_segnos_modules_for_the_address():
    lines = qr_terminal(URL).splitlines()
    drawn = []
    for line in lines:
        top, bottom = zip(*(HALF_BLOCKS[ch] for ch in line), strict=True)
        drawn += [list(top), list(bottom)]
    expected = [list(row) for row in segno.make(URL, error="m").matrix_iter(border=4)]
    assert len(lines) == (len(expected) + 1) // 2 == 17
    assert drawn[:len(expected)] == expected


def test_the_page_code_is_inline_svg_with_the_address_escaped_in_its_title():
    svg = qr_svg("https://x/<b>&")
    assert isinstance(svg, Markup)
    assert svg.startswith("<svg") and "<title>https://x/&lt;b&gt;&amp;</title>" in svg
    assert "<b>" not in svg and "<script" not in svg
