"""A local certificate authority and a server certificate for the LAN address, made once (mkcert style)."""
from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from practice.lan.address import LAN_NETWORKS, IPAddress
from practice.lan.files import write_private

CA_VALID_DAYS = 3650
# Apple devices refuse server certificates valid for more than 825 days (Apple support HT210176).
SERVER_VALID_DAYS = 820
RENEW_BEFORE_DAYS = 30
ORGANIZATION = "practice local CA"


@dataclass(frozen=True)
class CertificateFiles:
    """Where the authority and the server certificate live; the keys are 0600."""

    folder: Path

    @property
    def ca_cert(self) -> Path:
        return self.folder / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.folder / "ca-key.pem"

    @property
    def server_cert(self) -> Path:
        return self.folder / "server.pem"

    @property
    def server_key(self) -> Path:
        return self.folder / "server-key.pem"


def ensure_certificates(folder: Path, address: IPAddress,
                        now: dt.datetime | None = None) -> tuple[CertificateFiles, bool]:
    """Reuse what is there; make the authority when missing or expiring, the server certificate when its
    address, authority or dates no longer fit. Returns the files and whether anything was made."""
    now = now or dt.datetime.now(dt.UTC)
    files = CertificateFiles(folder)
    made = False
    ca = _load_cert(files.ca_cert)
    if ca is None or not files.ca_key.exists() or _expiring(ca, now):
        ca = _make_authority(files, now)
        made = True
    if made or not _server_fits(files, ca, address, now):
        _make_server_cert(files, ca, address, now)
        made = True
    return files, made


def server_addresses(cert_path: Path) -> list[IPAddress]:
    """The IP addresses a server certificate is valid for."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return names.get_values_for_type(x509.IPAddress)


def _make_authority(files: CertificateFiles, now: dt.datetime) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"{ORGANIZATION} {now:%Y-%m-%d %H:%M}")])
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=CA_VALID_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            # Installed on a phone, this authority can vouch for home-network addresses only, never for real sites.
            .add_extension(x509.NameConstraints(permitted_subtrees=[x509.IPAddress(net) for net in LAN_NETWORKS],
                                                excluded_subtrees=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    write_private(files.ca_key, _key_pem(key))
    write_private(files.ca_cert, cert.public_bytes(serialization.Encoding.PEM))
    return cert


def _make_server_cert(files: CertificateFiles, ca: x509.Certificate, address: IPAddress, now: dt.datetime) -> None:
    ca_key = serialization.load_pem_private_key(files.ca_key.read_bytes(), password=None)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
                                     x509.NameAttribute(NameOID.COMMON_NAME, str(address))]))
            .issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=SERVER_VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(address))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    write_private(files.server_key, _key_pem(key))
    write_private(files.server_cert, cert.public_bytes(serialization.Encoding.PEM))


def _server_fits(files: CertificateFiles, ca: x509.Certificate, address: IPAddress, now: dt.datetime) -> bool:
    cert = _load_cert(files.server_cert)
    if cert is None or not files.server_key.exists() or _expiring(cert, now):
        return False
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return server_addresses(files.server_cert) == [ipaddress.ip_address(address)]


def _expiring(cert: x509.Certificate, now: dt.datetime) -> bool:
    return cert.not_valid_after_utc - now < dt.timedelta(days=RENEW_BEFORE_DAYS)


def _load_cert(path: Path) -> x509.Certificate | None:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
