"""A real LAN-mode server: cheroot with TLS on 127.0.0.2 (the stand-in for a LAN address), in this process."""
from __future__ import annotations

import ipaddress
import ssl
import threading
from dataclasses import dataclass

import pytest

from practice.lan.certs import CertificateFiles, ensure_certificates
from practice.lan.server import create_https_server, listening_port
from scripts.load_lib.client import Client

LAN_STAND_IN = ipaddress.ip_address("127.0.0.2")
PASSCODE = "24681357"
MAX_BODY_BYTES = 26 * 1024 * 1024


@dataclass
class LanServer:
    app: object
    files: CertificateFiles
    port: int
    server: object

    @property
    def base_url(self) -> str:
        return f"https://{LAN_STAND_IN}:{self.port}"

    def trusting_context(self) -> ssl.SSLContext:
        """A client context that trusts only the generated authority (full verification, no shortcuts)."""
        return ssl.create_default_context(cafile=str(self.files.ca_cert))

    def client(self) -> Client:
        return Client(self.base_url, ssl_context=self.trusting_context())


@pytest.fixture
def lan_server(make_app, quick_passcode_hash):
    app = make_app(LAN=True, LAN_HOST=str(LAN_STAND_IN), PASSCODE=PASSCODE, WTF_CSRF_ENABLED=True)
    files, _ = ensure_certificates(app.extensions["practice.lan"].folder, LAN_STAND_IN)
    server = create_https_server(app, LAN_STAND_IN, 0, files, threads=4, max_body_bytes=MAX_BODY_BYTES)
    server.expiration_interval = 0.05  # how often its loop looks at stop(): a test waits for it at teardown
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    yield LanServer(app=app, files=files, port=listening_port(server), server=server)
    server.stop()
    thread.join(timeout=10)
