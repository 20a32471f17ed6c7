"""TLS handshakes happen beside cheroot's accept loop: a client that connects and says nothing stalls only itself."""
import contextlib
import http.client
import socket
import threading
import time

import pytest

from practice.lan.handshake import MAX_PENDING_HANDSHAKES, HandshakeAside
from tests.lan.conftest import LAN_STAND_IN


def served_over_tls(lan_server, path: str, timeout_s: float) -> int:
    connection = http.client.HTTPSConnection(str(LAN_STAND_IN), lan_server.port, timeout=timeout_s,
                                             context=lan_server.trusting_context())
    try:
        connection.request("GET", path, headers={"Host": str(LAN_STAND_IN)})
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_server_shakes_hands_aside(lan_server):
    assert isinstance(lan_server.server._connections, HandshakeAside)


@pytest.mark.parametrize("first_bytes", [b"", b"\x16\x03\x01"], ids=["nothing", "half a hello"])
def test_a_client_that_connects_and_stalls_holds_up_no_one_else(lan_server, first_bytes):
    lan_server.server.timeout = 120  # a stall in the accepting thread would now outlast the client below
    with socket.create_connection((str(LAN_STAND_IN), lan_server.port), timeout=10) as silent:
        silent.sendall(first_bytes)
        assert served_over_tls(lan_server, "/login", timeout_s=20) == 200
        assert served_over_tls(lan_server, "/login", timeout_s=20) == 200


def test_past_the_pending_limit_a_new_connection_is_closed_at_once_and_service_resumes(lan_server):
    assert lan_server.server._connections._pending._value == MAX_PENDING_HANDSHAKES == 32
    # A limit of 3 here: 32 silent clients overflow the listen queue and the kernel retries each after a second.
    pending = lan_server.server._connections._pending = threading.BoundedSemaphore(3)
    lan_server.server.timeout = 120
    with contextlib.ExitStack() as stack:
        for _ in range(3):
            stack.enter_context(socket.create_connection((str(LAN_STAND_IN), lan_server.port), timeout=10))
        with socket.create_connection((str(LAN_STAND_IN), lan_server.port), timeout=10) as one_too_many:
            assert one_too_many.recv(1) == b""  # closed by the server, not left waiting
    deadline = time.monotonic() + 10
    while pending._value < 3 and time.monotonic() < deadline:  # the silent clients' handshakes see them leave
        time.sleep(0.01)
    assert served_over_tls(lan_server, "/login", timeout_s=20) == 200
