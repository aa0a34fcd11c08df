"""A preview server for an output folder that behaves like a CDN in front of it.

- It serves the published files only: nothing under a dotted name (``.jobs/``,
  ``.narrator.lock``, folders still being written) and nothing a symlink leads to
  outside the folder. It never writes to the folder.
- The feed (and the site's index) are rendered in memory for the server's own address,
  so podcast apps on the network can subscribe to the preview while the folder keeps
  its public feed byte for byte.
- Every response allows any origin (CORS), so web players can load chapters and
  transcripts; ``OPTIONS`` answers preflight requests.
- Files carry ``ETag`` and ``Last-Modified`` and answer ``If-None-Match``,
  ``If-Modified-Since`` (304) and byte ranges (206) with ``If-Range``, with one
  ``Accept-Ranges``.

Given an access log, it appends a line a request in the combined log format, and after it
the range served (``"bytes 0-1023/52000"``), for counting downloads (:mod:`narrator.stats`).

It is one server, from the standard library, so ``narrator serve`` needs no extra. What
is published, and as what content type, is :mod:`.published`, shared with the S3 publisher
and the service.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.server
import mimetypes
import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .feed import FEED
from .published import content_type, unpublished

#: (base URL the server answers at) -> {file name at the top of the site: its bytes}
Render = Callable[[str], dict[str, bytes]]

ALLOW = "GET, HEAD, OPTIONS"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Length, Content-Range, Accept-Ranges, ETag, Last-Modified",
}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": ALLOW,
    "Access-Control-Allow-Headers": "Range, If-None-Match, If-Modified-Since, If-Range",
    "Access-Control-Max-Age": "86400",
    "Allow": ALLOW,
}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


MAX_HOSTS = 16  # addresses the preview renders a feed for; others get the server's own


def _folder_name(host: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "_", host)


class Overlay:
    """Files rendered for the preview (the feed), kept in a private folder outside the
    site and looked up before the site's own.

    They are rendered for the address the client asked for (its ``Host``), so a phone
    that reached the server by the machine's network address gets a feed it can use."""

    def __init__(self, render: Render | None) -> None:
        self.render = render
        self.root = Path(tempfile.mkdtemp(prefix="narrator-preview-"))
        self.base = ""  # the server's own address, for requests without a usable Host
        self._lock = threading.Lock()

    def base_for(self, host: str | None) -> str:
        known = sum(1 for _ in self.root.iterdir())
        if host and _HOST.match(host) and (known < MAX_HOSTS or (self.root / _folder_name(host)).is_dir()):
            return f"http://{host}/"
        return self.base

    def folder(self, host: str | None, *, refresh: bool = False) -> Path:
        """The rendered files for ``host``, rendered again if ``refresh``; a file whose
        content is unchanged keeps its date (and so its ETag)."""
        from .feed import same_feed

        base = self.base_for(host)
        folder = self.root / _folder_name(base.split("//", 1)[-1].rstrip("/"))
        with self._lock:
            if self.render is None or (folder.is_dir() and not refresh):
                folder.mkdir(exist_ok=True)
                return folder
            folder.mkdir(exist_ok=True)
            for name, data in self.render(base).items():
                path = folder / name
                old = path.read_bytes() if path.exists() else None
                if not (same_feed(old, data) if name.endswith(".xml") else old == data):
                    tmp = path.with_name(f".{name}.tmp")
                    tmp.write_bytes(data)
                    os.replace(tmp, path)
        return folder

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _renders(path: str) -> bool:
    """Whether a request path may name a rendered file (the feed, the index)."""
    return urlsplit(path).path in ("/", "/" + FEED, "/index.html")


def resolve(folder: Path, overlay: Path, url_path: str) -> Path | None:
    """The file a request path names, in the rendered files or the site, or None.

    Dotted names and anything whose real path leaves the folder are never found."""
    if unpublished(url_path):
        return None
    parts = [p for p in unquote(urlsplit(url_path).path).split("/") if p]
    rendered = overlay / (parts[0] if parts else "index.html")
    if len(parts) <= 1 and rendered.is_file():
        return rendered
    root = folder.resolve()
    try:
        path = root.joinpath(*parts).resolve()
    except (OSError, ValueError):
        return None
    if path != root and root not in path.parents:
        return None
    return path


def _etag(stat: os.stat_result) -> str:
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """GET, HEAD and OPTIONS on the published files, with validators and ranges."""

    protocol_version = "HTTP/1.1"
    server_version = "narrator-preview"
    folder: Path
    overlay: Overlay

    def log_message(self, format, *args):
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)

    def handle_one_request(self):
        self._answered: int | None = None
        self._served = ""  # the bytes of the file a 200 or 206 answer holds
        self._sent = 0
        try:
            super().handle_one_request()
        finally:  # a fetch the client broke off is logged too, with the bytes it got
            log = getattr(self.server, "access_log", None)
            if log is not None and self._answered is not None:
                with self.server.access_lock:
                    log.write(self._access_line())

    def _access_line(self) -> str:
        def quoted(text: str | None) -> str:
            if not text:
                return '"-"'
            text = text.replace("\\", "\\\\").replace('"', '\\"')
            return '"' + re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text) + '"'

        when = time.gmtime()
        stamp = f"{when.tm_mday:02d}/{_MONTHS[when.tm_mon - 1]}/{time.strftime('%Y:%H:%M:%S', when)} +0000"
        return (f"{self.client_address[0]} - - [{stamp}] {quoted(self.requestline)} {self._answered} {self._sent} "
                f"{quoted(self.headers.get('Referer'))} {quoted(self.headers.get('User-Agent'))} "
                f"{quoted(self._served)}\n")  # fmt: skip

    def _headers(self, status: int, headers: dict[str, str], length: int = 0) -> None:
        self._answered = status
        self.send_response(status)
        for key, value in {**CORS, **headers, "Content-Length": str(length)}.items():
            self.send_header(key, value)
        self.end_headers()

    def _plain(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        body = text.encode()
        self._headers(status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, len(body))
        if self.command != "HEAD":
            self.wfile.write(body)
            self._sent += len(body)

    def do_OPTIONS(self):
        self._headers(204, PREFLIGHT)

    def _refuse(self):
        self._plain(405, "Method Not Allowed\n", {"Allow": ALLOW})

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        rendered = self.overlay.folder(self.headers.get("Host"), refresh=_renders(self.path))
        path = resolve(self.folder, rendered, self.path)
        if path is not None and path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                self._headers(301, {"Location": urlsplit(self.path).path + "/"})
                return
            path = path / "index.html"
        if path is None or not path.is_file():
            self._plain(404, "Not Found\n")
            return
        self._send_file(path)

    def _send_file(self, path: Path) -> None:
        stat = path.stat()
        size = stat.st_size
        etag = _etag(stat)
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        ctype = content_type(path.name)
        if ctype == "application/octet-stream":  # not a podcast's file: what the system calls it
            ctype = mimetypes.guess_type(path.name)[0] or ctype
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": modified, "Accept-Ranges": "bytes"}
        if self._not_modified(etag, stat.st_mtime):
            self._headers(304, {k: v for k, v in headers.items() if k != "Content-Type"})
            return
        start, end, status = 0, size - 1, 200
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if wanted and (if_range is None or if_range.strip() in (etag, modified)):
            match = _RANGE.match(wanted.strip())
            if match and (match.group(1) or match.group(2)):  # other forms are ignored: 200
                if match.group(1):
                    start = int(match.group(1))
                    end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
                else:
                    start = max(0, size - int(match.group(2)))
                if start >= size or start > end:
                    self._plain(416, "Range Not Satisfiable\n", {"Content-Range": f"bytes */{size}"})
                    return
                status = 206
                headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = max(0, end - start + 1)
        self._served = f"bytes {start}-{end}/{size}" if length else ""
        self._headers(status, headers, length)
        if self.command == "HEAD":
            return
        with path.open("rb") as fh:
            fh.seek(start)
            remaining = length
            while remaining > 0:
                block = fh.read(min(64 * 1024, remaining))
                if not block:
                    break
                self.wfile.write(block)
                self._sent += len(block)
                remaining -= len(block)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return _matches(if_none_match, etag)
        since = self.headers.get("If-Modified-Since")
        if since:
            with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        return False


class PreviewServer(http.server.ThreadingHTTPServer):
    """The preview server: one thread a connection."""

    daemon_threads = True
    request_queue_size = 128  # connections wait in the backlog while the threads start

    def __init__(self, folder: Path, overlay: Overlay, address: tuple[str, int], *, quiet: bool,
                 access_log: Path | None = None) -> None:  # fmt: skip
        handler = type("Handler", (PreviewHandler,), {"folder": Path(folder), "overlay": overlay})
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)
        self.quiet = quiet
        self.overlay = overlay
        self.access_log = None
        self.access_lock = threading.Lock()
        if access_log is not None:
            try:
                Path(access_log).parent.mkdir(parents=True, exist_ok=True)
                # Line-buffered: each request's line is on disk once it is answered.
                self.access_log = Path(access_log).open("a", encoding="utf-8", buffering=1)  # noqa: SIM115 (open while serving)
            except OSError:
                super().server_close()
                raise

    def server_close(self) -> None:
        super().server_close()
        self.overlay.close()
        if self.access_log is not None:
            self.access_log.close()


def make_server(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    render: Render | None = None,
    access_log: Path | None = None,
) -> PreviewServer:
    """A preview server for ``folder`` on ``host:port`` (not yet serving).

    ``render`` makes the files rendered for the preview from the server's base URL
    (the feed). The server has ``serve_forever()``, ``shutdown()``, ``server_close()``,
    ``server_address`` and ``base_url``. ``access_log`` is a file to append a line a
    request to (see above)."""
    overlay = Overlay(render)
    try:
        server = PreviewServer(Path(folder), overlay, (host, port), quiet=quiet, access_log=access_log)
    except BaseException:
        overlay.close()
        raise
    bound = server.server_address[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    server.base_url = overlay.base = f"http://{shown}:{bound}/"  # type: ignore[attr-defined]
    return server
