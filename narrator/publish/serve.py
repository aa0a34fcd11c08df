"""A small static server for previewing an output folder, with byte ranges so podcast
apps and browsers can seek."""

from __future__ import annotations

import http.server
import os
import re
from functools import partial
from pathlib import Path

from .s3 import content_type

_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with the podcast content types and single byte ranges (206)."""

    def guess_type(self, path):  # type: ignore[override]
        name = os.fspath(path)
        ctype = content_type(name)
        return ctype if ctype != "application/octet-stream" else super().guess_type(path)

    def log_message(self, format, *args):
        if getattr(self.server, "quiet", False):
            return
        super().log_message(format, *args)

    def send_head(self):
        header = self.headers.get("Range")
        path = Path(self.translate_path(self.path))
        if not header or not path.is_file():
            return super().send_head()
        match = _RANGE.match(header.strip())
        size = path.stat().st_size
        if not match or (not match.group(1) and not match.group(2)):
            self.send_error(416, "Requested Range Not Satisfiable")
            return None
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
        else:
            start, end = max(0, size - int(match.group(2))), size - 1
        if start > end or start >= size:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        fh = path.open("rb")
        fh.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._remaining = end - start + 1
        return fh

    def end_headers(self):
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def copyfile(self, source, outputfile):
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            return super().copyfile(source, outputfile)
        while remaining > 0:
            block = source.read(min(64 * 1024, remaining))
            if not block:
                break
            outputfile.write(block)
            remaining -= len(block)
        self._remaining = None


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000, *, quiet: bool = False):
    handler = partial(RangeHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet  # type: ignore[attr-defined]
    return server
