"""Servers and clients on loopback: a CMS that takes callbacks, the service on a real
uvicorn, a JSON client for its API, and raw HTTP for what clients would tidy away."""

from __future__ import annotations

import contextlib
import http.server
import re
import socket
import threading
import time
import urllib.parse
import urllib.request

from helpers.waiting import until


def hook_server():
    """A CMS on loopback that takes callbacks and answers at once; returns the server and
    the list of (signature, body) it has received."""
    received: list[tuple[str | None, bytes]] = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("X-Narrator-Signature"), body))
            self.send_response(204)
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def start_uvicorn(app, *, lifespan: bool = False):
    """Run ``app`` on a real uvicorn server on 127.0.0.1 in a thread; returns (url, stop).
    With ``lifespan``, its start-up and shutdown run as under ``narrator serve-api`` (the
    follow scheduler among them), and ``stop`` asserts that the shutdown finished."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on" if lifespan else "off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    until(lambda: server.started, "uvicorn to start", seconds=120 if lifespan else 20, every=0.02)

    def stop():
        server.should_exit = True
        thread.join(60 if lifespan else 10)
        sock.close()
        assert not (lifespan and thread.is_alive()), "the service did not stop"

    return f"http://127.0.0.1:{port}", stop


def post_form(url: str, path: str, fields: dict[str, str], cookie: str | None, origin: str | None):
    """POST an editor form byte for byte, with the cookie and Origin given (or none)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    if origin:
        headers["Origin"] = origin
    return raw(url, raw_request("POST", path, headers, urllib.parse.urlencode(fields).encode()))


def signed_in(url: str, token: str):
    """An opener carrying the editor's session cookie, and the form token of its pages."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    page = opener.open(url + "/editor/login", data=urllib.parse.urlencode({"token": token}).encode()).read()
    csrf = re.search(rb'name="csrf" value="([0-9a-f]+)"', page).group(1).decode()
    return opener, csrf


def editor_session(url: str, token: str) -> tuple[str, str]:
    """The editor's session cookie and form token, as a browser would hold them."""
    opener, csrf = signed_in(url, token)
    cookie = next(c for c in opener.handlers if isinstance(c, urllib.request.HTTPCookieProcessor)).cookiejar
    return "; ".join(f"{c.name}={c.value}" for c in cookie), csrf


class Client:
    """A small JSON client for the service's API."""

    def __init__(self, base: str, token: str | None = None):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body=None, token: str | None = "default", headers=None):
        import json as _json
        import urllib.error
        import urllib.request

        token = self.token if token == "default" else token
        data = None if body is None else (body if isinstance(body, bytes) else _json.dumps(body).encode())
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            raw, status = exc.read(), exc.code
        try:
            return status, _json.loads(raw)
        except ValueError:
            return status, raw.decode(errors="replace")

    def narrate_all(self, articles: list[str]) -> list[str]:
        """Post each Markdown article for narration; the ids of the accepted jobs."""
        ids = []
        for markdown in articles:
            status, job = self.call("POST", "/v1/narrations", {"markdown": markdown})
            assert status == 202, job
            ids.append(job["id"])
        return ids

    def wait(self, job_id: str, deadline: float = 120.0) -> dict:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            _, job = self.call("GET", f"/v1/narrations/{job_id}")
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} did not finish")


def raw(url: str, request: bytes, *, wait: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` byte for byte (clients would tidy ``..`` away) and read the
    answer: status, headers (lower-case names), body."""
    host, port = url.rsplit("/", 1)[-1].split(":")
    request = request.replace(b"Host: 127.0.0.1\r\n", f"Host: {host}:{port}\r\n".encode(), 1)
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        with contextlib.suppress(OSError):  # the server may answer and close before reading it all
            sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        while len(body) < int(headers.get("content-length", 0)):
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return int(lines[0].split(" ", 2)[1]), headers, body


def raw_request(method: str, path: str, headers: dict[str, bytes | str] | None = None, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", b"Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes) else value.encode()))
    if body or method in ("POST", "PUT"):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


class NoQueue:
    """A queue that takes no jobs, for tests of the front door alone."""

    store = None

    def submit(self, job_id):
        raise AssertionError("no jobs here")

    def close(self):
        pass
