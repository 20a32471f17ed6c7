"""Which addresses LAN mode may serve on."""
from __future__ import annotations

import ipaddress

import pytest

from practice.lan.address import LanAddressError, parse_lan_address, url_host
from practice.lan.qr import lan_url


@pytest.mark.parametrize("text", ["192.168.1.20", "10.0.0.5", "172.20.3.4", "127.0.0.2", "fd12:3456::1", "[::1]"])
def test_home_network_and_loopback_addresses_are_accepted(text):
    assert parse_lan_address(text) == ipaddress.ip_address(text.strip("[]"))


@pytest.mark.parametrize("text, reason", [
    ("8.8.8.8", "public address"), ("172.32.0.1", "public address"), ("0.0.0.0", "public address"),
    ("my-laptop", "IP address such as"), ("", "IP address such as"),
])
def test_public_or_unparseable_addresses_are_refused_with_the_reason(text, reason):
    with pytest.raises(LanAddressError, match=reason):
        parse_lan_address(text)


def test_urls_put_ipv6_in_brackets():
    assert url_host(ipaddress.ip_address("fd00::5")) == "[fd00::5]"
    assert lan_url("fd00::5", 5000) == "https://[fd00::5]:5000/"
    assert lan_url("192.168.1.20", 5000) == "https://192.168.1.20:5000/"
