"""Shared fixtures: a clean environment, settings pointing at a temp folder, and a real
HTTP server on loopback."""

from __future__ import annotations

import http.server
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from narrator.settings import load_settings

sys.path.insert(0, str(Path(__file__).parent))  # the helpers package, for every test folder

from helpers.browser import CHROMIUM, need
from helpers.paths import ROOT


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: real speech synthesis or MP3 encoding")
    config.addinivalue_line("markers", "network: talks to a real server on loopback")


_LONG = ("tests/service/", "tests/follow/")


def pytest_collection_modifyitems(config, items):
    """Long tests first (real synthesis, servers, browsers): with several test processes the
    suite ends when its last long test does, so starting them early keeps every process busy
    to the end. The order is the same in every process, as pytest-xdist needs."""
    items.sort(key=lambda item: not (item.get_closest_marker("slow") or item.nodeid.startswith(_LONG)))


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch, tmp_path_factory):
    """No NARRATOR_* or AWS_* variable from the developer's shell leaks into a test, and
    the clip cache lives in a folder of the test session's own."""
    for name in list(os.environ):
        if name.startswith(("NARRATOR_", "AWS_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def settings(tmp_path):
    return load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)


@pytest.fixture
def tone_settings(tmp_path):
    """Settings whose voice is the instant test tone, for tests of other stages."""
    return load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(ROOT / "examples"), **kwargs)

    def log_message(self, *args):  # keep test output quiet
        pass


def _wait_for_port(host: str, port: int, deadline: float = 10.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        with socket.socket() as sock:
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"server on {host}:{port} did not start")


@pytest.fixture(scope="session")
def http_server():
    """A real HTTP server on 127.0.0.1 serving examples/; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    _wait_for_port(host, port)
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    """A real S3-protocol server (moto's server mode) on 127.0.0.1, whose conditional writes
    are atomic as S3's are: moto checks If-Match and then writes, so two requests on two of
    its threads could both pass the check, and one write would be lost."""
    from moto.s3.responses import S3Response
    from moto.server import ThreadedMotoServer

    put, lock = S3Response.put_object, threading.Lock()

    def put_object(self, *args, **kwargs):
        with lock:
            return put(self, *args, **kwargs)

    S3Response.put_object = put_object
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    _wait_for_port(host, port)
    yield f"http://{host}:{port}"
    server.stop()
    S3Response.put_object = put


@pytest.fixture
def aws_env(monkeypatch):
    """Credentials for the loopback server, through boto3's own lookup (the environment)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


_buckets = iter(range(10**6))


@pytest.fixture
def bucket(moto_endpoint, aws_env):
    import boto3

    name = f"podcast-{next(_buckets)}-{os.getpid()}"
    boto3.client("s3", endpoint_url=moto_endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def fault_proxy(moto_endpoint):
    """A proxy in front of the S3 server; add Fault rules to its state to fail requests."""
    from helpers.s3_fixtures import start_proxy

    host, port = moto_endpoint.rsplit("/", 1)[-1].split(":")
    server, state = start_proxy((host, int(port)))
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()
    server.server_close()


# -- the browser ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    """One Chromium for each test process: a launch (Playwright's driver and the browser)
    costs about a second of CPU, and every test opens a context of its own in it."""
    need(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield browser
        browser.close()
