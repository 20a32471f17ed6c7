"""The local CA and the server certificate: made once, private keys 0600, renewed when the address changes."""
from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import stat
import threading

import pytest
from cryptography import x509

from practice.lan.certs import RENEW_BEFORE_DAYS, SERVER_VALID_DAYS, ensure_certificates, server_addresses
from practice.lan.files import lan_folder

LAN_STAND_IN = ipaddress.ip_address("127.0.0.2")


@pytest.fixture
def folder(tmp_path):
    return lan_folder(tmp_path / "instance")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_start_makes_an_authority_and_a_server_certificate_with_private_keys(folder):
    files, made = ensure_certificates(folder, LAN_STAND_IN)

    assert made
    assert server_addresses(files.server_cert) == [LAN_STAND_IN]
    assert mode(folder) == 0o700
    assert mode(files.ca_key) == 0o600
    assert mode(files.server_key) == 0o600
    assert not list(folder.glob("*.part"))


def test_second_start_reuses_the_same_files(folder):
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    before = (files.ca_cert.read_bytes(), files.server_cert.read_bytes(), files.server_key.read_bytes())

    _, made = ensure_certificates(folder, LAN_STAND_IN)

    assert not made
    assert (files.ca_cert.read_bytes(), files.server_cert.read_bytes(), files.server_key.read_bytes()) == before


def test_a_new_address_gets_a_new_server_certificate_from_the_same_authority(folder):
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    ca_before = files.ca_cert.read_bytes()

    _, made = ensure_certificates(folder, ipaddress.ip_address("127.0.0.3"))

    assert made
    assert server_addresses(files.server_cert) == [ipaddress.ip_address("127.0.0.3")]
    assert files.ca_cert.read_bytes() == ca_before, "a phone that installed the authority keeps trusting it"


def test_a_certificate_close_to_expiry_is_renewed(folder):
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    old = x509.load_pem_x509_certificate(files.server_cert.read_bytes())
    late = dt.datetime.now(dt.UTC) + dt.timedelta(days=SERVER_VALID_DAYS - RENEW_BEFORE_DAYS + 1)

    _, made = ensure_certificates(folder, LAN_STAND_IN, now=late)

    new = x509.load_pem_x509_certificate(files.server_cert.read_bytes())
    assert made
    assert new.not_valid_after_utc > old.not_valid_after_utc


def test_server_certificate_lasts_at_most_825_days_for_apple_devices(folder):
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    cert = x509.load_pem_x509_certificate(files.server_cert.read_bytes())
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days <= 825


def test_a_server_certificate_signed_by_another_authority_is_replaced(folder, tmp_path):
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    other_files, _ = ensure_certificates(lan_folder(tmp_path / "other"), LAN_STAND_IN)
    files.server_cert.write_bytes(other_files.server_cert.read_bytes())

    _, made = ensure_certificates(folder, LAN_STAND_IN)

    assert made
    ca = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    x509.load_pem_x509_certificate(files.server_cert.read_bytes()).verify_directly_issued_by(ca)


def test_authority_may_vouch_only_for_home_network_addresses(folder):
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    ca = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())

    constraints = ca.extensions.get_extension_for_class(x509.NameConstraints)

    assert constraints.critical
    permitted = {name.value for name in constraints.value.permitted_subtrees}
    assert ipaddress.ip_network("192.168.0.0/16") in permitted
    assert not any(ipaddress.ip_address("8.8.8.8") in net for net in permitted)


def test_a_client_that_trusts_the_authority_verifies_the_server(folder):
    """Real TLS over loopback: OpenSSL checks the chain, the name constraints and the IP in the certificate."""
    files, _ = ensure_certificates(folder, LAN_STAND_IN)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(files.server_cert, files.server_key)
    with socket.create_server((str(LAN_STAND_IN), 0)) as listener:
        port = listener.getsockname()[1]

        def accept_one():
            conn, _ = listener.accept()
            with server_context.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1)

        thread = threading.Thread(target=accept_one, daemon=True)
        thread.start()
        client_context = ssl.create_default_context(cafile=str(files.ca_cert))
        with socket.create_connection((str(LAN_STAND_IN), port), timeout=10) as raw, \
                client_context.wrap_socket(raw, server_hostname=str(LAN_STAND_IN)) as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
            tls.sendall(b"x")
        thread.join(timeout=10)
