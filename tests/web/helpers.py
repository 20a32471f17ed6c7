"""Small actions many web tests repeat: read the CSRF token, upload an answer and wait for its analysis."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

DEFAULT_PROMPT = "intro-tell-me-about-yourself"


def csrf_token_of(client, base_url: str = "http://localhost") -> str | None:
    """The CSRF token a page hands its scripts (its meta tag), None where no page is served."""
    page = client.get("/", base_url=base_url, headers={"Accept": "text/html"}).get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    return match.group(1) if match else None


def upload(client, path_or_bytes: Path | bytes, *, filename: str = "answer.webm", prompt_id: str = DEFAULT_PROMPT,
           **fields):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    form = {"audio": (io.BytesIO(data), filename), "prompt_id": prompt_id, **fields}
    return client.post("/api/answers", data=form, content_type="multipart/form-data",
                       headers={"Accept": "application/json"})


def wait_until_finished(client, url: str, timeout_s: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = client.get(url).get_json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"analysis of {url} did not finish in {timeout_s} s")
