"""The web app manifest, so "Add to home screen" on a phone opens practice full screen like an app."""
from __future__ import annotations

from flask import Blueprint, jsonify, url_for

bp = Blueprint("manifest", __name__)

THEME_COLOR = "#2456d6"
BACKGROUND_COLOR = "#f5f7fa"
ICON_SIZES_PX = (192, 512)


@bp.get("/manifest.webmanifest")
def manifest():
    icons = [{"src": url_for("static", filename=f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": "any"} for size in ICON_SIZES_PX]
    icons.append({"src": url_for("static", filename="icons/maskable-512.png"), "sizes": "512x512",
                  "type": "image/png", "purpose": "maskable"})
    response = jsonify({
        "name": "practice: rehearse interviews out loud",
        "short_name": "practice",
        "description": "Record an answer, read its transcript and scores, try again. It all stays on your computer.",
        "start_url": url_for("rehearse.home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    })
    response.mimetype = "application/manifest+json"
    return response
