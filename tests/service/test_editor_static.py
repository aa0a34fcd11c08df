"""The editor's style and script as files of their own: served to anyone (the sign-in
page needs them), with their types, from the user's templates folder first."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import NoQueue, raw, raw_request, start_uvicorn

from narrator.service.app import create_app
from narrator.settings import load_settings

TOKEN = "static-token-123"


@pytest.fixture
def service(tmp_path):
    def start(**extra):
        settings = load_settings({"out": tmp_path / "out", "api_tokens": TOKEN, **extra}, environ={}, cwd=tmp_path)
        url, stop = start_uvicorn(create_app(settings, NoQueue()))
        stops.append(stop)
        return url

    stops = []
    yield start
    for stop in stops:
        stop()


def test_the_editor_style_and_script_are_served_signed_out_with_their_types(service):
    url = service()
    status, headers, body = raw(url, raw_request("GET", "/editor/static/editor.css"))
    assert status == 200 and headers["content-type"] == "text/css; charset=utf-8"
    assert b".error-summary" in body
    status, headers, body = raw(url, raw_request("GET", "/editor/static/editor.js"))
    assert status == 200 and headers["content-type"] == "text/javascript; charset=utf-8"
    assert b"data-focus-on-load" in body
    assert headers["x-content-type-options"] == "nosniff"
    for path in ("/editor/static/player.js", "/editor/static/../base.html.j2", "/editor/static/%2e%2e%2fapp.py"):
        assert raw(url, raw_request("GET", path))[0] == 404, path  # only the editor's own two files


def test_a_templates_folder_may_restyle_the_editor(service, tmp_path):
    mine = tmp_path / "my-templates"
    (mine / "static").mkdir(parents=True)
    (mine / "static" / "editor.css").write_text("body { font-family: serif; }\n")
    url = service(templates_dir=mine)
    assert raw(url, raw_request("GET", "/editor/static/editor.css"))[2] == b"body { font-family: serif; }\n"
    assert b"data-focus-on-load" in raw(url, raw_request("GET", "/editor/static/editor.js"))[2]  # the built-in one
