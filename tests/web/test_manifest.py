"""The web app manifest: "Add to home screen" opens practice full screen, with icons that are real PNGs."""
import struct

from practice import ROOT
from practice.web.manifest import ICON_SIZES_PX, THEME_COLOR


def test_manifest_makes_an_installable_full_screen_app_with_real_icons(client):
    response = client.get("/manifest.webmanifest")
    manifest = response.get_json(force=True)

    assert response.mimetype == "application/manifest+json"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["short_name"] == "practice" and manifest["theme_color"] == THEME_COLOR
    sizes = {}
    for icon in manifest["icons"]:
        png = (ROOT / icon["src"].lstrip("/")).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert icon["sizes"] == f"{width}x{height}"
        sizes.setdefault(icon["purpose"], set()).add(width)
    assert sizes == {"any": set(ICON_SIZES_PX), "maskable": {512}}


def test_every_page_links_the_manifest_and_its_theme_colour(client):
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert f'<meta name="theme-color" content="{THEME_COLOR}">' in page
