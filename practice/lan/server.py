"""The HTTPS server for LAN mode: cheroot, threaded, TLS from the instance folder's certificate."""
from __future__ import annotations

import sys
from typing import TextIO

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

from practice.lan.address import IPAddress
from practice.lan.certs import CertificateFiles
from practice.lan.qr import lan_url, qr_terminal

# A phone on Wi-Fi can upload slowly; cheroot's default 10 s would cut a long answer's upload.
SOCKET_TIMEOUT_S = 60


def create_https_server(app, address: IPAddress, port: int, files: CertificateFiles, threads: int,
                        max_body_bytes: int) -> wsgi.Server:
    """Listening already (port 0 picks a free one). Plain http to this port gets cheroot's 400 "speaks HTTPS only".

    Request bodies are read from the socket as the app reads them, so uploads stream to disk."""
    server = wsgi.Server((str(address), port), app, numthreads=threads, server_name="practice",
                         timeout=SOCKET_TIMEOUT_S)
    server.ssl_adapter = BuiltinSSLAdapter(str(files.server_cert), str(files.server_key))
    server.max_request_body_size = max_body_bytes
    server.prepare()
    return server


def listening_port(server: wsgi.Server) -> int:
    return server.bind_addr[1]


def announce(address: IPAddress, port: int, first_passcode: str | None, certificate_made: bool,
             stream: TextIO | None = None) -> str:
    """Print the https address, its QR code and how to log in; returns the address."""
    out = stream or sys.stdout
    url = lan_url(address, port)
    print(f"practice is running in LAN mode on {url}  (Ctrl+C stops it)", file=out)
    print("Scan this with your phone (on the same Wi-Fi), or type the address into its browser:", file=out)
    print(qr_terminal(url), file=out)
    if certificate_made:
        print(f"A new certificate was made for {address}: the first visit shows a warning once more "
              "(or install instance/lan/ca.pem on the phone, see the README).", file=out)
    if first_passcode:
        print(f"The passcode is {first_passcode}  (keep it; it is stored only as a hash. "
              "'.venv/bin/flask --app practice new-passcode' makes a new one.)", file=out)
    else:
        print("Log in with your passcode (the one shown at the first --lan start, or PRACTICE_PASSCODE).", file=out)
    out.flush()
    return url
