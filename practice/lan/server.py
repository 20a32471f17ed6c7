"""The HTTPS server for LAN mode: cheroot, threaded, TLS from the instance folder's certificate."""
from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import TextIO

from cheroot import errors, server, wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

from practice.lan import handshake
from practice.lan.address import IPAddress
from practice.lan.certs import CertificateFiles
from practice.lan.qr import lan_url, qr_terminal

# Every TLS connection starts with a handshake record (RFC 8446 section 5.1); anything else is plain http.
TLS_HANDSHAKE_BYTE = b"\x16"
MAX_PLAIN_REQUEST_BYTES = 8192


class HttpsOnlyAdapter(BuiltinSSLAdapter):
    """TLS as usual; a plain-http request on the same port is answered with a redirect to its https address."""

    https_url = ""  # set once the port is known


    def wrap(self, sock):
        try:
            first = sock.recv(1, socket.MSG_PEEK)
        except OSError as exc:
            raise errors.FatalSSLAlert(str(exc)) from exc
        if first and first != TLS_HANDSHAKE_BYTE:
            self._redirect(sock)
            raise errors.FatalSSLAlert("a plain http request was sent to the https address")  # cheroot drops it
        return super().wrap(sock)

    def _redirect(self, sock) -> None:
        request = b""
        try:
            while b"\r\n\r\n" not in request and len(request) < MAX_PLAIN_REQUEST_BYTES:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                request += chunk
            sock.sendall(redirect_response(self.https_url.rstrip("/"), request))
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        finally:
            sock.close()


def secure_connection_class(security_headers: dict[str, str]) -> type[server.HTTPConnection]:
    """cheroot answers some errors itself (413 from Content-Length, 400, 414); they carry the app's security
    headers too."""
    extra_header_lines = "".join(f"\r\n{name}: {value}" for name, value in security_headers.items())

    class SecureErrorRequest(server.HTTPRequest):
        def simple_response(self, status, msg=""):
            # cheroot writes the status line as given, then its own headers: ours follow the status.
            super().simple_response(f"{status}{extra_header_lines}", msg)

    class SecureConnection(server.HTTPConnection):
        RequestHandlerClass = SecureErrorRequest

    return SecureConnection


def redirect_response(https_url: str, request: bytes) -> bytes:
    """301 to the same path on the https address (never to the Host the client named)."""
    parts = request.split(b"\r\n", 1)[0].split(b" ")
    path = parts[1].decode("latin-1") if len(parts) == 3 and parts[1].startswith(b"/") else "/"
    if path.startswith("//"):
        path = "/"
    location = https_url + path
    body = f"practice answers only over https: {location}\n".encode()
    head = (f"HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Type: text/plain\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode("latin-1") + body


def create_https_server(app, address: IPAddress, port: int, files: CertificateFiles, threads: int,
                        max_body_bytes: int) -> wsgi.Server:
    """Listening already (port 0 picks a free one); plain http to the port is redirected to https.

    Request bodies are read from the socket as the app reads them, so uploads stream to disk."""
    https = wsgi.Server((str(address), port), app, numthreads=threads, server_name="practice")
    https.max_request_body_size = max_body_bytes
    https.ConnectionClass = secure_connection_class(app.extensions["practice.security_headers"])
    https.ssl_adapter = HttpsOnlyAdapter(str(files.server_cert), str(files.server_key))
    https.prepare()
    handshake.install(https)
    https.ssl_adapter.https_url = lan_url(address, listening_port(https))
    return https


def listening_port(server: wsgi.Server) -> int:
    return server.bind_addr[1]


def announce(address: IPAddress, port: int, first_passcode: str | None, made_certificate_for: Path | None,
             stream: TextIO | None = None) -> str:
    """Print the https address, its QR code and how to log in, in one write; returns the address."""
    url = lan_url(address, port)
    lines = [f"practice is running in LAN mode on {url}  (Ctrl+C stops it)",
             "Scan this with your phone (on the same Wi-Fi), or type the address into its browser:",
             qr_terminal(url)]
    if made_certificate_for:
        lines.append(f"A certificate was made for {address}, so the phone's browser warns on its first visit: accept "
                     f"it once, or install {made_certificate_for} on the phone (see the README).")
    if first_passcode:
        lines.append(f"The passcode is {first_passcode}  (keep it; it is stored only as a hash. "
                     "'.venv/bin/flask --app practice new-passcode' makes a new one.)")
    else:
        lines.append("Log in with your passcode (the one shown at the first --lan start, or PRACTICE_PASSCODE).")
    out = stream or sys.stdout
    out.write("\n".join(lines) + "\n")
    out.flush()
    return url
