"""The service's front door, as plain ASGI middleware, so it acts before FastAPI reads
anything:

- **who**: a request for anything but the spec, the sign-in page and the CMS webhooks
  (signed with secrets of their own, :mod:`.hook_routes`) must carry a valid
  token (``Authorization: Bearer``) or the editor's session cookie, checked before a
  byte of its body is read. The cookie opens the editor and the files; on the JSON API
  it opens reading only, so another site can't post jobs with an editor's cookie.
  Failed sign-ins are counted per address (:class:`~.context.Attempts`), and an address
  with too many must wait before it may try again.
- **from where**: a form posted with the cookie (or the sign-in form) must come from
  this service's own pages: a strict ``Origin`` check here, a form token in the routes.
- **how much**: bodies over ``max_body_bytes`` are refused, by their Content-Length or,
  for chunked bodies, as the bytes arrive.
- **what comes back**: every answer says ``nosniff``, is never framed, and has a
  Content-Security-Policy; the editor's pages allow only their own origin's style and
  scripts (its files under ``/editor/static/``), nothing inline.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.datastructures import Headers
from starlette.requests import cookie_parser

from .. import api
from .context import COOKIE, Service, as_bytes

Scope = dict[str, Any]
LOGIN = "/editor/login"
STATIC = "/editor/static/"  # the editor's style and script, which the sign-in page needs too
HOOKS = "/v1/hooks/"
LOGIN_BODY_BYTES = 16_384
_SAFE = ("GET", "HEAD")
_EDITOR_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# Episode pages carry their player's script and style inline; they get no forms, no
# plug-ins, no other origin's scripts, and no framing.
_FILES_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data: https:; media-src 'self'; object-src 'none'; form-action 'none'; "
              "frame-ancestors 'none'; base-uri 'none'")
_OTHER_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def _kind(path: str) -> str:
    """Which door a path comes through."""
    if path in ("/", "/openapi.json", "/editor", LOGIN) or path.startswith(STATIC):
        return "open"
    if path.startswith(HOOKS):
        return "hook"  # no token: the route checks the CMS's signature
    if path.startswith("/v1/"):
        return "api"
    if path.startswith("/files/"):
        return "files"
    if path.startswith("/editor/"):
        return "editor"
    return "open"  # the application answers 404


def _policy(path: str, kind: str) -> str:
    if kind == "files":
        return _FILES_CSP
    if kind == "editor" or path.startswith("/editor") or path == "/":
        return _EDITOR_CSP
    return _OTHER_CSP


def _same_origin(headers: Headers) -> bool:
    """False if the request names another site as its origin. Browsers send Origin
    with every POST; without it (curl) the form token is the check."""
    source = headers.get("origin") or headers.get("referer")
    if source is None:
        return True
    host = headers.get("host", "")
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc.lower() == host.lower()


class _Reply:
    """The response side of one request: adds the security headers to every answer, and
    once the guard has answered itself (a body refused midway), drops what the
    application still sends."""

    def __init__(self, send: Any, headers: list[tuple[bytes, bytes]]) -> None:
        self._send = send
        self._headers = headers
        self.started = False
        self.closed = False

    async def __call__(self, message: dict[str, Any]) -> None:
        if not self.closed:
            await self._raw(message)

    async def _raw(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            names = {name.lower() for name, _ in message.get("headers", [])}
            extra = [h for h in self._headers if h[0] not in names]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await self._send(message)

    async def answer(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> None:
        await self._raw({"type": "http.response.start", "status": status,
                         "headers": [*headers, (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await self._raw({"type": "http.response.body", "body": body})

    async def json(self, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
        body = json.dumps({"detail": detail}).encode()
        await self.answer(status, [(b"content-type", b"application/json"), *(headers or [])], body)

    async def redirect(self, location: str) -> None:
        await self.answer(303, [(b"location", location.encode())])


class Guard:
    def __init__(self, app: Any, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        headers = Headers(scope=scope)
        kind = _kind(path)
        state = scope.setdefault("state", {})
        reply = _Reply(send, _security_headers(_policy(path, kind), kind))
        address = (scope.get("client") or ("?", 0))[0]

        if kind == "files" and api.unpublished(path):
            await reply.json(404, "Not Found")  # the job store, staging folders, slug claims
            return
        if path == LOGIN and method == "POST":
            wait = self.service.attempts.wait(address)
            if wait:
                await reply.json(429, "too many failed sign-ins; try again later",
                                 [(b"retry-after", str(int(wait) + 1).encode())])  # fmt: skip
            elif not _same_origin(headers):
                await reply.json(403, "sign-in must come from this service's own page")
            else:
                state["auth"] = None
                await self._pass(scope, receive, reply, headers, LOGIN_BODY_BYTES)
            return

        auth = self._authenticate(headers)
        state["auth"] = auth
        if kind in ("api", "files", "editor") and not _admits(kind, auth, method):
            if kind == "editor" or (kind == "files" and "text/html" in headers.get("accept", "")
                                      and "authorization" not in headers):  # fmt: skip
                query = scope.get("query_string", b"").decode("latin-1")
                await reply.redirect(f"{LOGIN}?next={quote(path + ('?' + query if query else ''), safe='')}")
            elif auth == "session":
                await reply.json(401, "the sign-in cookie only reads the API; changes need a bearer token",
                                 [(b"www-authenticate", b"Bearer")])  # fmt: skip
            else:
                await reply.json(401, "a valid bearer token is required", [(b"www-authenticate", b"Bearer")])
            return
        if auth == "session" and method not in _SAFE and not _same_origin(headers):
            await reply.json(403, "forms must come from this service's own pages")
            return
        await self._pass(scope, receive, reply, headers, self.service.settings.service.max_body_bytes)

    async def _pass(self, scope: Scope, receive: Any, reply: _Reply, headers: Headers, limit: int) -> None:
        """Hand the request on, its body held to ``limit`` bytes."""
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await reply.json(413, f"request body is over {limit} bytes")
            return
        await self.app(scope, self._limited(receive, reply, limit), reply)

    def _authenticate(self, headers: Headers) -> str | None:
        """"bearer", "session" (the editor's cookie) or None."""
        header = headers.get("authorization")
        if header is not None:
            raw = as_bytes(header, header=True) or b""
            scheme, _, token = raw.partition(b" ")
            return "bearer" if scheme.lower() == b"bearer" and self.service.valid(token.strip()) else None
        cookie = cookie_parser(headers.get("cookie", "")).get(COOKIE)
        return "session" if self.service.valid_session(cookie) else None

    @staticmethod
    def _limited(receive: Any, reply: _Reply, limit: int):
        """``receive``, refusing a body as soon as the bytes that came exceed ``limit``:
        a chunked body, or one longer than its Content-Length said."""
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            if reply.closed:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    if not reply.started:
                        await reply.json(413, f"request body is over {limit} bytes")
                    reply.closed = True
                    return {"type": "http.disconnect"}
            return message

        return counted


def _admits(kind: str, auth: str | None, method: str) -> bool:
    if auth == "bearer":
        return True
    if auth == "session":
        return kind in ("editor", "open") or method in _SAFE
    return False


def _security_headers(policy: str, kind: str) -> list[tuple[bytes, bytes]]:
    headers = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
        (b"content-security-policy", policy.encode()),
    ]
    if kind != "files":
        headers.append((b"cache-control", b"no-store"))
    return headers
