"""The editor's pronunciation page of a service whose episodes live in an object store
(serve-api --store): a respelling saved there goes into the store, the page lists it with
who saved it, and a worker on another machine, with an empty folder, says it so."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import NoQueue, editor_session, post_form, start_uvicorn

from narrator import api
from narrator.service.app import create_app
from narrator.settings import load_settings

TOKENS = "first-token-123,second-token-456"
ARTICLE = "Harbour board meets\n\nIts chair, Ines Wrzoskiewicz, said the ferries would run later in August.\n"


def _settings(folder, store: str, endpoint: str, **more):
    return load_settings({"out": folder / "out", "cache_dir": folder / "cache", "store": store,
                          "s3_endpoint_url": endpoint, **more}, environ={}, cwd=folder)  # fmt: skip


def test_a_respelling_saved_on_the_page_is_said_by_a_worker_on_another_machine(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/news"
    service = _settings(tmp_path / "service", store, moto_endpoint, api_tokens=TOKENS)
    url, stop = start_uvicorn(create_app(service, NoQueue()))
    try:
        cookie, csrf = editor_session(url, "second-token-456")
        fields = {"word": "Wrzoskiewicz", "spelling": "VOSH-kyeh-vich", "text": ARTICLE, "csrf": csrf}
        status, _, body = post_form(url, "/editor/pronunciation/save", fields, cookie, url)
    finally:
        stop()
    assert status == 200, body
    assert "<td>Wrzoskiewicz</td><td>vosh-kyeh-vich</td><td>editor 2</td>" in body.decode()
    assert not list((tmp_path / "service").rglob("*lexicon*"))  # the store is its one place

    worker = _settings(tmp_path / "worker", store, moto_endpoint)
    script = api.make_script("board.txt", worker, data=ARTICLE.encode(), fmt="text")
    assert any("vosh-kyeh-vich" in u.spoken for p in script.parts for u in p.utterances)
    (change,) = api.lexicon_history(worker)
    assert (change.editor, change.term, change.new) == ("editor 2", "Wrzoskiewicz", {"say": "vosh-kyeh-vich"})
