"""A real S3-protocol server on loopback (moto's server mode), and a small proxy in
front of it that can fail or stall chosen requests."""

from __future__ import annotations

import http.client
import http.server
import re
import threading
import time
from dataclasses import dataclass, field

_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


@dataclass
class Fault:
    method: str
    path: str  # a regular expression matched against the request path
    action: int | str  # an HTTP status to answer with, or "stall"
    times: int = 1
    seconds: float = 3.0


@dataclass
class ProxyState:
    upstream: tuple[str, int]
    faults: list[Fault] = field(default_factory=list)
    log: list[tuple[str, str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and re.search(fault.path, path):
                    fault.times -= 1
                    return fault
        return None


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: ProxyState

    def log_message(self, *args):
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        fault = self.state.take_fault(self.command, self.path)
        if fault is not None and fault.action == "stall":
            time.sleep(fault.seconds)
        elif fault is not None:
            payload = b"<Error><Code>InternalError</Code><Message>injected</Message></Error>"
            self.send_response(int(fault.action))
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            with self.state.lock:
                self.state.log.append((self.command, self.path, int(fault.action)))
            return
        conn = http.client.HTTPConnection(*self.state.upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
        conn.request(self.command, self.path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in _HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()
        with self.state.lock:
            self.state.log.append((self.command, self.path, response.status))

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward


def start_proxy(upstream: tuple[str, int]) -> tuple[http.server.ThreadingHTTPServer, ProxyState]:
    state = ProxyState(upstream=upstream)
    handler = type("Handler", (_ProxyHandler,), {"state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state


def stored_urls(endpoint: str, bucket: str, prefix: str = "news") -> list[str]:
    """The article URL of every episode record in the store at ``s3://bucket/prefix``, one for
    each episode."""
    import json

    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint)
    listed = s3.list_objects_v2(Bucket=bucket, Prefix=f"{prefix}/episodes/").get("Contents", [])
    return sorted(json.loads(s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read())["url"] for o in listed
                  if o["Key"].endswith("/episode.json"))  # fmt: skip
