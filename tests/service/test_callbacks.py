"""Callbacks are sent by the service, not by the narration workers: a CMS that never
answers holds a delivery, never a worker, and a delivery waits in the job store until it
is sent, so a restart doesn't lose it."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import Client, hook_server, start_uvicorn
from helpers.waiting import until

from narrator.service.app import create_app
from narrator.service.queues import EmbeddedQueue
from narrator.settings import load_settings

TOKEN = "callback-token"
SECRET = "cms-hook-key"


def _settings(tmp_path, callback_timeout: float = 600):
    values = {"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN, "cache_dir": tmp_path / "cache",
              "webhook_secret": SECRET, "allow_private_urls": True, "callback_timeout": callback_timeout,
              "jobs": 1}  # fmt: skip
    return load_settings(values, environ={}, cwd=tmp_path)


def _article(title: str) -> str:
    return f"# {title}\n\nThe council met on Monday and agreed to repair the old bridge.\n"


def _signed_by_job(received) -> dict[str, dict]:
    jobs = {}
    for signature, body in received:
        assert signature == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        job = json.loads(body)
        assert job["id"] not in jobs, "a job was called back twice"
        jobs[job["id"]] = job
    return jobs


@pytest.mark.slow
def test_callbacks_that_never_answer_hold_no_narration_worker(tmp_path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections are accepted by the kernel and never answered
    hanging = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"
    recorder, received = hook_server()
    recording = f"http://127.0.0.1:{recorder.server_address[1]}/hook"
    queue = EmbeddedQueue(_settings(tmp_path), workers=1)
    url, stop = start_uvicorn(create_app(queue.settings, queue))
    client = Client(url, TOKEN)
    try:

        def post(title: str, callback: str) -> str:
            body = {"markdown": _article(title), "callback_url": callback}
            return client.call("POST", "/v1/narrations", body)[1]["id"]

        slow = [post(f"Slow CMS story {n}", hanging) for n in range(2)]
        ordinary = [post(f"Ordinary story {n}", recording) for n in range(2)]
        # With one worker, the ordinary jobs come after the two whose CMS never answers.
        finished = [client.wait(job_id, deadline=120) for job_id in ordinary]
        assert [j["status"] for j in finished] == ["done", "done"]
        assert [client.call("GET", f"/v1/narrations/{j}")[1]["status"] for j in slow] == ["done", "done"]
        # ...while the slow deliveries are still waiting for an answer.
        assert set(queue.store.pending_callbacks()) >= set(slow)
        until(lambda: len(received) >= 2, "the ordinary callbacks", seconds=30)
        called = _signed_by_job(received)
        assert set(called) == set(ordinary) and all(j["status"] == "done" for j in called.values())
    finally:
        stop()
        queue.close()
        silent.close()
        recorder.shutdown()


@pytest.mark.slow
def test_a_callback_not_yet_sent_is_sent_after_a_restart(tmp_path):
    recorder, received = hook_server()
    recording = f"http://127.0.0.1:{recorder.server_address[1]}/hook"
    settings = _settings(tmp_path)
    queue = EmbeddedQueue(settings, workers=1)
    try:
        from narrator.service.jobs import Request, new_job

        job = queue.store.create(new_job(Request(kind="markdown", content=_article("Harbour story"),
                                                 callback_url=recording)))  # fmt: skip
        # The service stops the moment the job is done, before the CMS is called.
        queue._deliveries.close()
        until(lambda: queue.store.get(job.id).status == "done", "the job to be done", seconds=120)
        assert received == [] and list(queue.store.pending_callbacks()) == [job.id]
    finally:
        queue.close()
    queue = EmbeddedQueue(settings, workers=1)
    try:
        until(lambda: received, "the callback after the restart", seconds=30)
        until(lambda: not queue.store.pending_callbacks(), "the delivery to be cleared", seconds=10)
    finally:
        queue.close()
        recorder.shutdown()
    assert list(_signed_by_job(received)) == [job.id]


def test_a_stopped_delivery_leaves_no_thread_behind(tmp_path):
    from narrator.service.callbacks import Deliveries
    from narrator.service.stores import SqliteJobStore

    deliveries = Deliveries(SqliteJobStore(tmp_path / "out"), _settings(tmp_path))
    threads = [deliveries._thread, *deliveries._senders]
    assert all(t.is_alive() for t in threads)
    deliveries.close()
    until(lambda: not any(t.is_alive() for t in threads), "the delivery threads to end", seconds=10)
