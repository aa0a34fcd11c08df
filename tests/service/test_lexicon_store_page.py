"""The editor's pronunciation page of a service whose episodes live in an object store
(serve-api --store): a respelling saved there goes into the store, the page lists it with
who saved it, and a worker on another machine, with an empty folder, says it so."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.machines import start_machine, stop_machine
from helpers.servers import Client, NoQueue, editor_session, post_form, start_uvicorn

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


@pytest.mark.slow
def test_a_narrate_worker_on_another_machine_says_the_saved_respelling(tmp_path, redis_url, bucket, moto_endpoint):
    pytest.importorskip("celery", reason="needs narrator[service]")
    import json

    import boto3

    from narrator.service.queues import CeleryQueue

    store = f"s3://{bucket}/news"
    service = _settings(tmp_path / "service", store, moto_endpoint, api_tokens=TOKENS, broker=redis_url,
                        visibility_timeout=4, public_base_url="https://audio.example.org/news/",
                        podcast_owner_email="audio@example.org")  # fmt: skip
    queue = CeleryQueue(service)
    url, stop = start_uvicorn(create_app(service, queue))
    log = (tmp_path / "worker.log").open("w")
    machine = None
    try:
        cookie, csrf = editor_session(url, "first-token-123")
        fields = {"word": "Wrzoskiewicz", "spelling": "VOSH-kyeh-vich", "text": ARTICLE, "csrf": csrf}
        assert post_form(url, "/editor/pronunciation/save", fields, cookie, url)[0] == 200
        machine = start_machine(tmp_path / "machine", redis_url, store, moto_endpoint, log)
        client = Client(url, "first-token-123")
        _, job = client.call("POST", "/v1/narrations", {"text": ARTICLE})
        done = client.wait(job["id"], deadline=180)
    finally:
        stop_machine(machine)
        log.close()
        stop()
        queue.close()
    assert done["status"] == "done", done["error"]
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    key = f"news/episodes/{done['result']['slug']}/episode.json"
    record = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    assert any("vosh-kyeh-vich" in section["text"] for section in record["sections"])
