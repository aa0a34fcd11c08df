"""Fetching URLs safely: no private, loopback or link-local addresses (unless allowed),
checked again at every redirect, and the address checked is the address connected to,
so a DNS answer that changes between check and use (rebinding) can't slip through.

Every call has one overall deadline: the lookup, the connection, the TLS handshake,
every redirect and every byte of the answer must fit in it. A server that sends one byte
a second can't hold a worker past it, because a timer shuts the socket when time is up.
The same client posts job callbacks, and makes the conditional requests of followed
sources (:func:`get` returns any status, with its headers), under the same address rules.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

Resolver = Callable[[str, int], list[str]]
Policy = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], str | None]
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"can't resolve {host}: {exc.strerror}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


# Addresses that are not on the public internet, from IANA's special-purpose address
# registries (iana.org/assignments/iana-ipv4-special-registry and -ipv6-), written out
# here so what is refused doesn't change with the Python version's own tables. The few
# globally reachable entries inside a refused block (anycast for PCP, TURN and AS112,
# AMT, ORCHIDv2, drone remote ID) serve no articles, so the whole block is refused.
_N = ipaddress.ip_network
_SPECIAL_V4 = (
    (_N("0.0.0.0/8"), "not a public address"),  # "this network" (RFC 791)
    (_N("10.0.0.0/8"), "a private address"),  # RFC 1918
    (_N("100.64.0.0/10"), "a private address"),  # shared address space, carrier-grade NAT (RFC 6598)
    (_N("127.0.0.0/8"), "a loopback address"),  # RFC 1122
    (_N("169.254.0.0/16"), "a link-local address"),  # RFC 3927; cloud metadata lives here
    (_N("172.16.0.0/12"), "a private address"),  # RFC 1918
    (_N("192.0.0.0/24"), "not a public address"),  # IETF protocol assignments: DS-Lite, dummy .8, NAT64 discovery
    (_N("192.0.2.0/24"), "a documentation address"),  # TEST-NET-1 (RFC 5737)
    (_N("192.88.99.0/24"), "not a public address"),  # the retired 6to4 relay anycast (RFC 7526)
    (_N("192.168.0.0/16"), "a private address"),  # RFC 1918
    (_N("198.18.0.0/15"), "not a public address"),  # benchmarking (RFC 2544)
    (_N("198.51.100.0/24"), "a documentation address"),  # TEST-NET-2
    (_N("203.0.113.0/24"), "a documentation address"),  # TEST-NET-3
    (_N("224.0.0.0/4"), "a multicast address"),  # RFC 5771
    (_N("240.0.0.0/4"), "not a public address"),  # reserved (RFC 1112), with the broadcast 255.255.255.255
)
_SPECIAL_V6 = (
    (_N("::1/128"), "a loopback address"),  # RFC 4291
    (_N("::/128"), "not a public address"),  # unspecified
    (_N("64:ff9b:1::/48"), "a private address"),  # local-use IPv4/IPv6 translation (RFC 8215)
    (_N("100::/64"), "not a public address"),  # discard-only (RFC 6666); dummy prefix 100:0:0:1::/64 (RFC 9780)
    (_N("100:0:0:1::/64"), "not a public address"),
    (_N("2001::/23"), "not a public address"),  # IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID
    (_N("2001:db8::/32"), "a documentation address"),  # RFC 3849
    (_N("3fff::/20"), "a documentation address"),  # RFC 9637
    (_N("5f00::/16"), "not a public address"),  # segment routing SIDs (RFC 9602)
    (_N("fc00::/7"), "a private address"),  # unique local (RFC 4193)
    (_N("fe80::/10"), "a link-local address"),  # RFC 4291
    (_N("ff00::/8"), "a multicast address"),  # RFC 4291
)
# Only 2000::/3 is handed out as global unicast; the rest of the space (IPv4-compatible
# ::/96, site-local fec0::/10...) is reserved or retired. IPv4-mapped addresses, NAT64's
# well-known prefix and 6to4 carry an IPv4 address, judged as that address.
_GLOBAL_UNICAST = _N("2000::/3")
_MAPPED = _N("::ffff:0:0/96")  # RFC 4291
_NAT64 = _N("64:ff9b::/96")  # RFC 6052
_SIX_TO_FOUR = _N("2002::/16")  # RFC 3056; the IPv4 address is bits 16 to 47


def _embedded_v4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address carries, and the form it carries it in."""
    if ip in _MAPPED:
        return "an IPv4-mapped address", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _NAT64:
        return "a NAT64 address", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in _SIX_TO_FOUR:
        return "a 6to4 address", ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF)
    return None


def public_only(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` may not be fetched, or None if it may."""
    if isinstance(ip, ipaddress.IPv4Address):
        return next((reason for net, reason in _SPECIAL_V4 if ip in net), None)
    inner = _embedded_v4(ip)
    if inner:
        form, v4 = inner
        reason = public_only(v4)
        return f"{form} of {v4}, {reason}" if reason else None
    for net, reason in _SPECIAL_V6:
        if ip in net:
            return reason
    return None if ip in _GLOBAL_UNICAST else "not a public address"


def _way_out(policy: Policy) -> str:
    """The setting that lifts a refusal, for the default policy's refusals."""
    return "; set allow_private_urls = true to allow it" if policy is public_only else ""


def allow_all(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    return None


class _Late(Exception):
    """The deadline passed."""


class _Deadline:
    """Time left for one call, and a timer that shuts a connection's socket at the end."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            self.expired = True
            raise _Late
        return remaining

    def resolve(self, resolver: Resolver, host: str, port: int) -> list[str]:
        """``resolver``'s answer, given up on at the deadline (the lookup itself can't be
        interrupted, so it finishes in a thread of its own)."""
        answer: list[list[str] | BaseException] = []

        def run() -> None:
            try:
                answer.append(resolver(host, port))
            except BaseException as exc:  # handed to the caller's thread below
                answer.append(exc)

        thread = threading.Thread(target=run, daemon=True, name="narrator-resolve")
        thread.start()
        thread.join(self.left())
        if not answer:
            self.expired = True
            raise _Late
        if isinstance(answer[0], BaseException):
            raise answer[0]
        return answer[0]

    def guard(self, conn: http.client.HTTPConnection) -> threading.Timer:
        def cut() -> None:
            self.expired = True
            # Not conn.sock: http.client lets go of it once a response reads to the close.
            sock = getattr(conn, "held", None)
            if sock is not None:
                with contextlib.suppress(OSError):  # the plain socket call, also for TLS: ends a read
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

        timer = threading.Timer(self.left(), cut)
        timer.daemon = True
        timer.start()
        return timer


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = self.held = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        # Handshake after self.sock is set, so the deadline's timer can cut a slow one.
        self.sock = self.held = self._context.wrap_socket(sock, server_hostname=self.host,
                                                          do_handshake_on_connect=False)  # fmt: skip
        self.sock.do_handshake()


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes


def refusal(url: str, *, policy: Policy = public_only, resolver: Resolver = system_resolver) -> str | None:
    """Why ``url`` may not be contacted (its scheme, or an address the policy refuses),
    or None if it may. Names that don't resolve are not refused here."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "only http and https URLs are allowed"
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolver(parts.hostname, port)
    except (FetchError, ValueError):
        return None
    for address in addresses:
        reason = policy(ipaddress.ip_address(address.split("%")[0]))
        if reason:
            return f"{parts.hostname} is {reason}{_way_out(policy)}"
    return None


def _exchange(
    method: str,
    target: str,
    *,
    label: str,
    body: bytes | None,
    headers: Mapping[str, str],
    deadline: _Deadline,
    policy: Policy,
    resolver: Resolver,
    max_bytes: int,
) -> _Answer:
    """One request to ``target`` on an address the policy allows, within the deadline."""
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{label}: only http and https URLs can be fetched")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{label}: invalid port in {target}") from None
    try:
        addresses = deadline.resolve(resolver, parts.hostname, port)
    except FetchError as exc:  # a resolver names the host; the error names the URL asked for
        raise FetchError(f"{label}: {exc}") from None
    if not addresses:
        raise FetchError(f"{label}: {parts.hostname} has no address")
    for address in addresses:
        reason = policy(ipaddress.ip_address(address.split("%")[0]))
        if reason:
            raise FetchError(f"{label}: refused: {parts.hostname} is {reason}{_way_out(policy)}")
    cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    conn = cls(parts.hostname, addresses[0], port, deadline.left())
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    timer = deadline.guard(conn)
    try:
        conn.request(method, path, body=body, headers=dict(headers))
        response = conn.getresponse()
        limit = _CHUNK if 300 <= response.status < 400 else max_bytes
        chunks, size = [], 0
        while size <= limit:
            chunk = response.read(min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if deadline.expired:  # the timer cut the answer short
            raise _Late
        answer = _Answer(response.status, response.reason, dict(response.getheaders()), b"".join(chunks))
        if 300 <= response.status < 400 or method != "GET":
            return answer  # only a page's own size matters
        if size > max_bytes:
            raise FetchError(f"{label}: page is larger than {max_bytes} bytes")
        return answer
    except (OSError, http.client.HTTPException) as exc:
        # The socket's own timeout is the time that was left: on a busy machine it can fire
        # a moment before the timer marks the deadline passed.
        if deadline.expired or isinstance(exc, TimeoutError):
            raise _Late from None
        raise FetchError(f"{label}: can't connect: {exc}") from None
    finally:
        timer.cancel()
        conn.close()


def _header(headers: Mapping[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == name), None)


@dataclass(frozen=True)
class Response:
    """The final answer to a GET, whatever its status: what a client that keeps
    validators (ETag, Last-Modified) or honours Retry-After needs to see."""

    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes
    url: str  # after redirects

    def header(self, name: str) -> str | None:
        return _header(self.headers, name.lower())


def get(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    headers: Mapping[str, str],
    policy: Policy = public_only,
    resolver: Resolver = system_resolver,
) -> Response:
    """GET ``url`` with ``headers`` (sent again at every redirect), all of it within
    ``timeout`` seconds, and return the final answer whatever its status (304, 404, 429...)."""
    deadline = _Deadline(timeout)
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            answer = _exchange("GET", current, label=url, body=None, headers=headers, deadline=deadline,
                               policy=policy, resolver=resolver, max_bytes=max_bytes)  # fmt: skip
            location = _header(answer.headers, "location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            return Response(answer.status, answer.reason, answer.headers, answer.body, current)
    except _Late:
        raise FetchError(f"{url}: no complete answer within {timeout:g} seconds") from None
    raise FetchError(f"{url}: too many redirects")


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) from a Content-Type header."""
    ctype = content_type or ""
    media = ctype.split(";")[0].strip().lower() or None
    charset = None
    for param in ctype.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media, charset


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    policy: Policy = public_only,
    resolver: Resolver = system_resolver,
) -> tuple[bytes, str | None, str | None, str]:
    """(body, charset, media type, final URL) of a URL that answers 200, all of it
    (redirects too) within ``timeout`` seconds."""
    headers = {"User-Agent": user_agent, "Accept": "text/html, text/*;q=0.9"}
    answer = get(url, timeout=timeout, max_bytes=max_bytes, headers=headers, policy=policy, resolver=resolver)
    if answer.status != 200:
        raise FetchError(f"{url}: HTTP {answer.status} {answer.reason}")
    media, charset = media_type(answer.header("content-type"))
    return answer.body, charset, media, answer.url


def post(
    url: str,
    body: bytes,
    *,
    headers: Mapping[str, str],
    timeout: float,
    policy: Policy = public_only,
    resolver: Resolver = system_resolver,
) -> int:
    """POST ``body`` to ``url`` within ``timeout`` seconds and return the status. Redirects
    are not followed: a callback answers where it was asked to."""
    try:
        answer = _exchange("POST", url, label=url, body=body, headers=headers, deadline=_Deadline(timeout),
                           policy=policy, resolver=resolver, max_bytes=_CHUNK)  # fmt: skip
    except _Late:
        raise FetchError(f"{url}: no answer within {timeout:g} seconds") from None
    return answer.status
