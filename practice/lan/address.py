"""Which address LAN mode serves on: the configured one, or the one the default route leaves by."""
from __future__ import annotations

import ipaddress
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Home and office networks (RFC 1918, RFC 4193) and loopback; the local CA is constrained to these.
LAN_NETWORKS = tuple(ipaddress.ip_network(net) for net in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "::1/128"))
# A documentation address (RFC 5737): connect() on a UDP socket only asks the routing table, it sends nothing.
ROUTE_PROBE_ADDRESS = "192.0.2.1"


class LanAddressError(ValueError):
    """The LAN address is missing or is not on a home network."""


def parse_lan_address(text: str) -> IPAddress:
    """A private-network or loopback IP address; anything else is refused with the reason."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        raise LanAddressError(f"PRACTICE_LAN_HOST must be an IP address such as 192.168.1.20, not {text!r}.") from None
    if not any(address in network for network in LAN_NETWORKS):
        raise LanAddressError(f"{address} is not a home-network address (10.x, 172.16-31.x, 192.168.x, "
                              "fd00::/8 or loopback); LAN mode never serves on a public address.")
    return address


def detect_lan_address() -> IPAddress:
    """The address of the interface the default route uses, i.e. the one a phone on the same Wi-Fi reaches."""
    family = socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((ROUTE_PROBE_ADDRESS, 9))
        except OSError:
            raise LanAddressError("This computer has no network connection. Join the Wi-Fi your phone uses, "
                                  "or set PRACTICE_LAN_HOST to this computer's address.") from None
        found = probe.getsockname()[0]
    return parse_lan_address(found)


def lan_address(configured: str | None) -> IPAddress:
    return parse_lan_address(configured) if configured else detect_lan_address()


def url_host(address: IPAddress) -> str:
    """How the address is written inside a URL (IPv6 goes in brackets)."""
    return f"[{address}]" if address.version == 6 else str(address)
