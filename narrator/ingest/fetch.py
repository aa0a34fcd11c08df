"""Fetching URLs safely: no private, loopback or link-local addresses (unless allowed),
checked again at every redirect, and the address checked is the address connected to,
so a DNS answer that changes between check and use (rebinding) can't slip through."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

Resolver = Callable[[str, int], list[str]]
Policy = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], str | None]
MAX_REDIRECTS = 5


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


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, ip: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    policy: Policy = public_only,
    resolver: Resolver = system_resolver,
) -> tuple[bytes, str | None, str | None, str]:
    """(body, charset, media type, final URL) of a URL that answers 200."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: only http and https URLs can be fetched")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolver(parts.hostname, port)
        if not addresses:
            raise FetchError(f"{url}: {parts.hostname} has no address")
        for address in addresses:
            reason = policy(ipaddress.ip_address(address.split("%")[0]))
            if reason:
                raise FetchError(f"{url}: refused: {parts.hostname} is {reason}")
        cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        conn = cls(parts.hostname, addresses[0], port, timeout)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            conn.request("GET", path, headers={"User-Agent": user_agent, "Accept": "text/html, text/*;q=0.9"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location"))
                response.read(64 * 1024)
                continue
            if response.status != 200:
                raise FetchError(f"{url}: HTTP {response.status} {response.reason}")
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(f"{url}: page is larger than {max_bytes} bytes")
            ctype = response.getheader("Content-Type") or ""
            media = ctype.split(";")[0].strip().lower() or None
            charset = None
            for param in ctype.split(";")[1:]:
                key, _, value = param.partition("=")
                if key.strip().lower() == "charset":
                    charset = value.strip().strip('"') or None
            return data, charset, media, current
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{url}: can't connect: {exc}") from None
        finally:
            conn.close()
    raise FetchError(f"{url}: too many redirects")
