"""Shared fixtures: a clean environment, settings pointing at a temp folder, and a real
HTTP server on loopback."""

from __future__ import annotations

import http.server
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from narrator.settings import load_settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: real speech synthesis or MP3 encoding")
    config.addinivalue_line("markers", "network: talks to a real server on loopback")


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch):
    """No NARRATOR_* or AWS_* variable from the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith(("NARRATOR_", "AWS_")):
            monkeypatch.delenv(name)


@pytest.fixture
def settings(tmp_path):
    return load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)


@pytest.fixture
def tone_settings(tmp_path):
    """Settings whose voice is the instant test tone, for tests of other stages."""
    return load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(DATA / "site"), **kwargs)

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
    """A real HTTP server on 127.0.0.1 serving tests/data/site; yields its base URL."""
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
