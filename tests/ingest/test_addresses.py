"""Which addresses a URL may be fetched from: only public ones, IPv4 addresses hidden in
IPv6 forms (6to4, NAT64, Teredo, IPv4-mapped and -compatible) judged by the IPv4 address
inside, and the special-purpose ranges refused whatever Python's own tables say."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrator.ingest.fetch import public_only, refusal

V4 = ipaddress.IPv4Address
V6 = ipaddress.IPv6Address


def _refused(address: str) -> bool:
    return public_only(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize(
    "address",
    [
        "192.0.0.8",  # the IPv4 dummy address
        "192.0.0.170",  # NAT64 discovery
        "0.1.2.3",  # "this network"
        "100.64.0.1",  # carrier-grade NAT
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "192.88.99.1",  # the retired 6to4 relay
        "240.0.0.1",
        "255.255.255.255",
        "224.0.0.251",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::127.0.0.1",  # IPv4-compatible
        "64:ff9b::7f00:1",  # NAT64 around 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo around 127.0.0.1
        "2001:db8::1",  # documentation
        "3fff::1",  # documentation
        "100::1",  # discard-only
        "5f00::1",  # SRv6
        "fc00::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "::",
        "::1",
    ],
)
def test_addresses_that_are_not_public_are_refused(address):
    assert _refused(address)


@pytest.mark.parametrize(
    "address",
    ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "2002:808:808::1", "64:ff9b::808:808", "::ffff:8.8.8.8"],
)
def test_public_addresses_are_allowed(address):
    assert not _refused(address)


def test_a_6to4_address_names_the_address_inside_it():
    assert refusal("http://[2002:7f00:1::]/", resolver=lambda host, port: ["2002:7f00:1::"]).startswith(
        "2002:7f00:1:: is a 6to4 address of 127.0.0.1, a loopback address"
    )


_ANY_V4 = st.integers(0, 2**32 - 1).map(V4)
_NOT_PUBLIC_V4 = _ANY_V4.filter(lambda ip: public_only(ip) is not None)


def _embedded(ip: V4, suffix: int) -> list[V6]:
    """Every IPv6 form that carries ``ip``."""
    v4 = int(ip)
    return [
        V6((0xFFFF << 32) | v4),  # ::ffff:a.b.c.d
        V6(v4),  # ::a.b.c.d
        V6((0x64FF9B << 96) | v4),  # 64:ff9b::a.b.c.d
        V6((0x64FF9B0001 << 80) | (suffix & ((1 << 80) - 1) & ~0xFFFFFFFF) | v4),  # 64:ff9b:1::/48
        V6((0x2002 << 112) | (v4 << 80) | (suffix & ((1 << 80) - 1))),  # 6to4
        V6((0x20010000 << 96) | (suffix & ~0xFFFFFFFF & ((1 << 96) - 1)) | (v4 ^ 0xFFFFFFFF)),  # Teredo client
        V6((0x20010000 << 96) | (v4 << 64) | (suffix & ((1 << 64) - 1))),  # Teredo server
    ]


@given(_NOT_PUBLIC_V4, st.integers(0, 2**128 - 1))
def test_every_ipv6_form_of_an_address_that_is_not_public_is_refused(ip, suffix):
    for form in _embedded(ip, suffix):
        assert public_only(form) is not None, form


_PRIVATE_RANGES = ["10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
                   "192.0.0.0/24", "0.0.0.0/8"]  # fmt: skip


@given(st.sampled_from(_PRIVATE_RANGES), st.integers(0, 2**24 - 1), st.integers(0, 2**128 - 1))
def test_every_ipv6_form_of_a_private_range_is_refused(network, host, suffix):
    net = ipaddress.ip_network(network)
    ip = net[host % net.num_addresses]
    assert public_only(ip) is not None
    for form in _embedded(ip, suffix):
        assert public_only(form) is not None, form
