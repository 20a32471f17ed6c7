"""TLS handshakes off cheroot's accept loop, so a client that connects and says nothing stalls only itself.

cheroot (11.x) peeks and shakes hands in the one thread that accepts every connection, so a single
silent client held up every new phone request for the socket timeout (cheroot issue 748).
"""
from __future__ import annotations

import socket
import threading

from cheroot import connections, errors

# Handshakes waiting at once; past this a new connection is closed at once (the browser retries).
MAX_PENDING_HANDSHAKES = 32
NOTHING_TO_ACCEPT = {*errors.socket_error_eintr, *errors.socket_errors_nonblocking, *errors.socket_errors_to_ignore}


class HandshakeAside(connections.ConnectionManager):
    """Accepts in cheroot's loop, shakes hands in a thread of its own, then hands the connection to the workers."""

    def __init__(self, server):
        super().__init__(server)
        self._pending = threading.BoundedSemaphore(MAX_PENDING_HANDSHAKES)

    def _from_server_socket(self, server_socket):
        try:
            sock, addr = server_socket.accept()
        except OSError as exc:  # as cheroot: a timeout, EINTR or a closing listener means nothing to accept now
            if isinstance(exc, socket.timeout) or (exc.args and exc.args[0] in NOTHING_TO_ACCEPT):
                return None
            raise
        if not self._pending.acquire(blocking=False):
            sock.close()
            return None
        threading.Thread(target=self._shake_hands, args=(sock, addr), name="tls-handshake", daemon=True).start()
        return None

    def _shake_hands(self, sock: socket.socket, addr) -> None:
        try:
            sock.settimeout(self.server.timeout)
            try:
                tls, ssl_env = self.server.ssl_adapter.wrap(sock)
            except (errors.FatalSSLAlert, errors.NoSSLError) as exc:
                self.server.error_log(f"Client {addr!s} left during the TLS handshake: {exc!s}")
                sock.close()
                return
            tls.settimeout(self.server.timeout)
            conn = self.server.ConnectionClass(self.server, tls, self.server.ssl_adapter.makefile)
            conn.remote_addr, conn.remote_port = addr[0], addr[1]
            conn.ssl_env = ssl_env
            self.server.process_conn(conn)
        finally:
            self._pending.release()


def install(server) -> None:
    """After server.prepare(): replace cheroot's connection manager with HandshakeAside."""
    replaced = server._connections
    server._connections = HandshakeAside(server)
    replaced.close()  # its selector only; the listening socket stays with the server
