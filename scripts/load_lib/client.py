"""A tiny HTTP client for the app over loopback: session cookie, CSRF token, multipart uploads, polling."""
from __future__ import annotations

import http.client
import json
import re
import ssl
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
PROMPT_ID = "intro-tell-me-about-yourself"
REQUEST_TIMEOUT_S = 120.0


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Client:
    """One browser-like session: it keeps the cookie and sends the page's CSRF token with every POST.

    An https base_url needs ssl_context (e.g. one that trusts LAN mode's local CA)."""

    base_url: str
    cookie: str = ""
    csrf_token: str = ""
    ssl_context: ssl.SSLContext | None = None
    _host: tuple[str, int] = field(init=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        self._host = (parts.hostname, parts.port)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Response:
        if self.base_url.startswith("https:"):
            connection = http.client.HTTPSConnection(*self._host, timeout=REQUEST_TIMEOUT_S, context=self.ssl_context)
        else:
            connection = http.client.HTTPConnection(*self._host, timeout=REQUEST_TIMEOUT_S)
        try:
            all_headers = {"Accept": "application/json", **(headers or {})}
            if self.cookie:
                all_headers["Cookie"] = self.cookie
            connection.request(method, path, body=body, headers=all_headers)
            reply = connection.getresponse()
            response = Response(reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read())
        finally:
            connection.close()
        if set_cookie := response.headers.get("set-cookie"):
            self.cookie = set_cookie.split(";", 1)[0]
        return response

    def open_session(self) -> Client:
        """Load a page like a browser does, keeping its session cookie and CSRF token."""
        page = self.request("GET", "/", headers={"Accept": "text/html"})
        match = CSRF_META.search(page.body.decode())
        if page.status != 200 or not match:
            raise RuntimeError(f"GET / answered {page.status} without a csrf-token meta tag")
        self.csrf_token = match.group(1)
        return self

    def log_in(self, passcode: str) -> Response:
        """LAN mode: post the passcode with the login form's CSRF token; a 302 means the session is open."""
        page = self.request("GET", "/login", headers={"Accept": "text/html"})
        match = CSRF_META.search(page.body.decode())
        if not match:
            raise RuntimeError(f"GET /login answered {page.status} without a csrf-token meta tag")
        form = urlencode({"passcode": passcode, "csrf_token": match.group(1)}).encode()
        return self.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                     "Accept": "text/html"})

    def upload(self, audio: bytes | Path, filename: str = "answer.webm", prompt_id: str = PROMPT_ID) -> Response:
        data = audio if isinstance(audio, bytes) else Path(audio).read_bytes()
        body, content_type = multipart({"prompt_id": prompt_id}, {"audio": (filename, data)})
        return self.request("POST", "/api/answers", body,
                            {"Content-Type": content_type, "X-CSRFToken": self.csrf_token})

    def wait_for_status(self, url: str, wanted: set[str], timeout_s: float, poll_s: float = 0.1) -> dict:
        """Poll an answer until its status is one of wanted; raise after timeout_s."""
        deadline = time.monotonic() + timeout_s
        while True:
            body = self.request("GET", url).json()
            if body["status"] in wanted:
                return body
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} still {body['status']!r} after {timeout_s} s")
            time.sleep(poll_s)


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n").encode()
        parts.append(head + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
