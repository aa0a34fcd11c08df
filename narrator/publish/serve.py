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

Starlette's ``StaticFiles`` (in the ``service`` extra) does the file serving when it is
installed, under uvicorn; otherwise a dependency-free server from the standard library
does the same.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.server
import os
import re
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .s3 import content_type

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


def hidden(url_path: str) -> bool:
    """Whether a request path names something that is not published (a dotted name)."""
    return any(part.startswith(".") for part in unquote(urlsplit(url_path).path).split("/") if part)


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
    return urlsplit(path).path in ("/", "/feed.xml", "/index.html")


def resolve(folder: Path, overlay: Path, url_path: str) -> Path | None:
    """The file a request path names, in the rendered files or the site, or None.

    Dotted names and anything whose real path leaves the folder are never found."""
    if hidden(url_path):
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


# -- the dependency-free server -----------------------------------------------------------
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

    def _headers(self, status: int, headers: dict[str, str], length: int = 0) -> None:
        self.send_response(status)
        for key, value in {**CORS, **headers, "Content-Length": str(length)}.items():
            self.send_header(key, value)
        self.end_headers()

    def _plain(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
        body = text.encode()
        self._headers(status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, len(body))
        if self.command != "HEAD":
            self.wfile.write(body)

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
        headers = {"Content-Type": content_type(path.name), "ETag": etag, "Last-Modified": modified,
                   "Accept-Ranges": "bytes"}  # fmt: skip
        if headers["Content-Type"] == "application/octet-stream":
            import mimetypes

            headers["Content-Type"] = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
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


class StdlibServer(http.server.ThreadingHTTPServer):
    """The dependency-free preview server."""

    daemon_threads = True

    def __init__(self, folder: Path, overlay: Overlay, address: tuple[str, int], *, quiet: bool) -> None:
        handler = type("Handler", (PreviewHandler,), {"folder": Path(folder), "overlay": overlay})
        super().__init__(address, handler)
        self.quiet = quiet
        self.overlay = overlay

    def server_close(self) -> None:
        super().server_close()
        self.overlay.close()


# -- Starlette's StaticFiles under uvicorn ---------------------------------------------------
def starlette_app(folder: Path, overlay: Overlay):
    """An ASGI app: StaticFiles over the overlay and the folder, with CORS, OPTIONS and
    the podcast content types, refusing dotted names."""
    from starlette.datastructures import Headers
    from starlette.exceptions import HTTPException
    from starlette.responses import PlainTextResponse, Response
    from starlette.staticfiles import StaticFiles

    class PodcastFiles(StaticFiles):
        def file_response(self, full_path, stat_result, scope, status_code=200):
            response = super().file_response(full_path, stat_result, scope, status_code)
            ctype = content_type(os.fspath(full_path))
            if ctype != "application/octet-stream":
                response.headers["content-type"] = ctype
            return response

    per_host: dict[Path, StaticFiles] = {}

    def files_for(rendered: Path) -> StaticFiles:
        if rendered not in per_host:
            files = PodcastFiles(directory=str(folder), html=True)
            files.all_directories = [str(rendered), str(folder)]  # rendered files first
            per_host[rendered] = files
        return per_host[rendered]

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        path = scope.get("path", "/")
        response: Response | None = None
        if scope["method"] == "OPTIONS":
            response = Response(status_code=204, headers=PREFLIGHT)
        elif hidden(path):
            response = PlainTextResponse("Not Found\n", status_code=404, headers=CORS)
        else:
            host = Headers(scope=scope).get("host")
            files = files_for(overlay.folder(host, refresh=_renders(path)))
            try:
                response = await files.get_response(files.get_path(scope), scope)
            except HTTPException as exc:
                response = PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code,
                                             headers={**(exc.headers or {}), **CORS})  # fmt: skip
            else:
                for key, value in CORS.items():
                    response.headers[key] = value
        await response(scope, receive, send)

    return app


class UvicornServer:
    """Starlette's app under uvicorn, with the stdlib server's interface."""

    def __init__(self, folder: Path, overlay: Overlay, address: tuple[str, int], *, quiet: bool) -> None:
        import uvicorn

        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(address)
        self.socket.listen(128)  # connections wait in the backlog until uvicorn runs
        self.server_address = self.socket.getsockname()
        self.overlay = overlay
        config = uvicorn.Config(starlette_app(Path(folder), overlay), log_level="warning" if quiet else "info",
                                lifespan="off", access_log=not quiet)  # fmt: skip
        self._server = uvicorn.Server(config)
        self._done = threading.Event()

    def serve_forever(self) -> None:
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._done.set()

    def shutdown(self) -> None:
        self._server.should_exit = True
        self._done.wait(10)

    def server_close(self) -> None:
        self.socket.close()
        self.overlay.close()


def make_server(
    folder: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    quiet: bool = False,
    render: Render | None = None,
    engine: str = "auto",
):
    """A preview server for ``folder`` on ``host:port`` (not yet serving).

    ``render`` makes the files rendered for the preview from the server's base URL
    (the feed); ``engine`` is ``starlette``, ``stdlib`` or ``auto`` (Starlette when it
    is installed). The server has ``serve_forever()``, ``shutdown()``,
    ``server_close()``, ``server_address`` and ``base_url``."""
    overlay = Overlay(render)
    if engine == "auto":
        try:
            import starlette.staticfiles  # noqa: F401
            import uvicorn  # noqa: F401

            engine = "starlette"
        except ImportError:
            engine = "stdlib"
    try:
        cls = UvicornServer if engine == "starlette" else StdlibServer
        server = cls(Path(folder), overlay, (host, port), quiet=quiet)
    except BaseException:
        overlay.close()
        raise
    bound = server.server_address[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    server.base_url = overlay.base = f"http://{shown}:{bound}/"  # type: ignore[union-attr]
    return server
