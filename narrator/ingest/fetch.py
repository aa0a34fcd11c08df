"""Fetching URLs safely: no private, loopback or link-local addresses (unless allowed),
checked again at every redirect, and the address checked is the address connected to,
so a DNS answer that changes between check and use (rebinding) can't slip through.

Every call has one overall deadline: the lookup, the connection, the TLS handshake,
every redirect and every byte of the answer must fit in it. A server that sends one byte
a second can't hold a worker past it, because a timer shuts the socket when time is up.
The same client posts job callbacks, under the same address rules.
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
        raise FetchError(f"{host}: can't resolve: {exc.strerror}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def public_only(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` may not be fetched, or None if it may."""
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "not a public address"
    return None


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
            return f"{parts.hostname} is {reason}"
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
    addresses = deadline.resolve(resolver, parts.hostname, port)
    if not addresses:
        raise FetchError(f"{label}: {parts.hostname} has no address")
    for address in addresses:
        reason = policy(ipaddress.ip_address(address.split("%")[0]))
        if reason:
            raise FetchError(f"{label}: refused: {parts.hostname} is {reason}")
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
        if deadline.expired:
            raise _Late from None
        raise FetchError(f"{label}: can't connect: {exc}") from None
    finally:
        timer.cancel()
        conn.close()


def _header(headers: Mapping[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == name), None)


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
    deadline = _Deadline(timeout)
    headers = {"User-Agent": user_agent, "Accept": "text/html, text/*;q=0.9"}
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            answer = _exchange("GET", current, label=url, body=None, headers=headers, deadline=deadline,
                               policy=policy, resolver=resolver, max_bytes=max_bytes)  # fmt: skip
            location = _header(answer.headers, "location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            if answer.status != 200:
                raise FetchError(f"{url}: HTTP {answer.status} {answer.reason}")
            ctype = _header(answer.headers, "content-type") or ""
            media = ctype.split(";")[0].strip().lower() or None
            charset = None
            for param in ctype.split(";")[1:]:
                key, _, value = param.partition("=")
                if key.strip().lower() == "charset":
                    charset = value.strip().strip('"') or None
            return answer.body, charset, media, current
    except _Late:
        raise FetchError(f"{url}: no complete answer within {timeout:g} seconds") from None
    raise FetchError(f"{url}: too many redirects")


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
