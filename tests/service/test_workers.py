"""Celery workers on a real Redis: many jobs, two workers, one killed in the middle of a
job, and every article ends up in the feed exactly once."""

from __future__ import annotations

import os
import signal
import socket
import time

import pytest

pytest.importorskip("celery", reason="needs narrator[service]")

from helpers.servers import Client, start_uvicorn
from helpers.workers import start_worker

from narrator.service.app import create_app
from narrator.service.queues import CeleryQueue
from narrator.settings import load_settings

TOKEN = "worker-test-token"


def _article(n: int) -> str:
    return f"# Council notice number {n}\n\nThe council published notice {n} on Monday about road repairs.\n"


@pytest.mark.slow
def test_twenty_articles_two_workers_one_killed_mid_job(redis_url, tmp_path):
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN, "broker": redis_url,
         "visibility_timeout": 4, "cache_dir": tmp_path / "cache", "jobs": 1},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    queue = CeleryQueue(settings)
    url, stop = start_uvicorn(create_app(settings, queue))
    client = Client(url, TOKEN)
    log = (tmp_path / "workers.log").open("w")
    first, second = start_worker(redis_url, log), start_worker(redis_url, log)
    replacement = None
    try:
        ids = client.narrate_all([_article(n) for n in range(20)])

        # Kill the first worker while it is in the middle of a job.
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            for job_id in ids:
                job = queue.store.get(job_id)
                if job.status == "running" and job.worker:
                    pid = int(job.worker.rsplit(":", 1)[1])
                    try:
                        if os.getpgid(pid) == first.pid:
                            victim = job
                            break
                    except ProcessLookupError:
                        continue
            time.sleep(0.02)
        assert victim is not None, "the first worker never took a job"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        replacement = start_worker(redis_url, log)  # the fleet carries on with a fresh worker

        jobs = [client.wait(job_id, deadline=180) for job_id in ids]
    finally:
        for proc in (first, second, replacement):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(20)
        log.close()
        stop()
        queue.close()

    assert [j["status"] for j in jobs] == ["done"] * 20
    redone = queue.store.get(victim.id)
    assert redone.status == "done" and redone.attempts >= 2
    slugs = [e["slug"] for e in client_episodes(tmp_path / "out")]
    assert len(slugs) == 20 and len(set(slugs)) == 20
    feed = (tmp_path / "out" / "feed.xml").read_text()
    assert feed.count("<item>") == 20
    guids = [line for line in feed.splitlines() if "<guid" in line]
    assert len(set(guids)) == 20


def client_episodes(out):
    import json

    return [json.loads(p.read_text()) for p in sorted(out.glob("*/episode.json"))]


def _queued_messages(redis_url: str) -> bytes:
    """Everything Redis holds, with each Celery message's body decoded."""
    import base64
    import json

    import redis

    client = redis.Redis.from_url(redis_url)
    found = []
    for key in client.keys("*"):
        kind = client.type(key)
        if kind == b"list":
            items = client.lrange(key, 0, -1)
        elif kind == b"hash":
            items = list(client.hgetall(key).values())
        elif kind == b"string":
            items = [client.get(key)]
        else:
            items = [m for m, _ in client.zrange(key, 0, -1, withscores=True)] if kind == b"zset" else []
        for item in items:
            found.append(item)
            try:
                envelope = json.loads(item)
                found.append(base64.b64decode(envelope["body"]))
            except (ValueError, KeyError, TypeError):
                pass
    return b"\n".join(found)


@pytest.mark.slow
def test_a_worker_publishes_to_s3_at_the_configured_url_and_no_secret_is_queued(
    redis_url, tmp_path, bucket, moto_endpoint
):
    import urllib.request

    base = "https://audio.example.org/podcast/"
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN, "webhook_secret": "hook-secret-4b1d",
         "broker": redis_url, "cache_dir": tmp_path / "cache", "jobs": 1, "publish_to": f"s3://{bucket}/w",
         "s3_endpoint_url": moto_endpoint, "s3_acl": "public-read", "public_base_url": base,
         "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    queue = CeleryQueue(settings)
    url, stop = start_uvicorn(create_app(settings, queue))
    client = Client(url, TOKEN)
    log_path = tmp_path / "worker.log"
    log = log_path.open("w")
    worker = None
    try:
        status, job = client.call("POST", "/v1/narrations", {"markdown": _article(77)})
        assert status == 202
        queued = _queued_messages(redis_url)
        assert base.encode() in queued  # the settings travel with the job...
        assert TOKEN.encode() not in queued and b"hook-secret-4b1d" not in queued  # ...but not the secrets
        worker = start_worker(redis_url, log)
        done = client.wait(job["id"], deadline=120)
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(20)
        log.close()
        stop()
        queue.close()
    assert done["status"] == "done", done
    feed = urllib.request.urlopen(f"{moto_endpoint}/{bucket}/w/feed.xml").read().decode()
    assert f'<enclosure url="{base}episodes/council-notice-number-77/' in feed
    assert TOKEN not in log_path.read_text() and "hook-secret-4b1d" not in log_path.read_text()


@pytest.mark.slow
def test_callbacks_that_never_answer_hold_no_celery_worker(redis_url, tmp_path):
    import hashlib
    import hmac
    import json

    from helpers.servers import hook_server

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections are accepted by the kernel and never answered
    recorder, received = hook_server()
    settings = load_settings(
        {"out": tmp_path / "out", "voice": "tone", "api_tokens": TOKEN, "broker": redis_url, "jobs": 1,
         "cache_dir": tmp_path / "cache", "webhook_secret": "cms-key", "allow_private_urls": True,
         "callback_timeout": 600},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    queue = CeleryQueue(settings)
    url, stop = start_uvicorn(create_app(settings, queue))
    client = Client(url, TOKEN)
    log = (tmp_path / "worker.log").open("w")
    worker = start_worker(redis_url, log)  # one job at a time

    def post(title: str, callback: str) -> str:
        body = {"markdown": _article(title), "callback_url": callback}
        return client.call("POST", "/v1/narrations", body)[1]["id"]

    try:
        slow = [post(f"Slow CMS notice {n}", f"http://127.0.0.1:{silent.getsockname()[1]}/h") for n in range(2)]
        ordinary = [post(f"Ordinary notice {n}", f"http://127.0.0.1:{recorder.server_address[1]}/h") for n in range(2)]
        assert [client.wait(job_id, deadline=120)["status"] for job_id in ordinary] == ["done", "done"]
        assert [client.call("GET", f"/v1/narrations/{j}")[1]["status"] for j in slow] == ["done", "done"]
        assert set(queue.store.pending_callbacks()) >= set(slow)  # still waiting for an answer
        deadline = time.monotonic() + 30
        while len(received) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(20)
        log.close()
        stop()
        queue.close()
        silent.close()
        recorder.shutdown()
    called = [json.loads(body) for _, body in received]
    assert sorted(j["id"] for j in called) == sorted(ordinary)
    for signature, body in received:
        assert signature == "sha256=" + hmac.new(b"cms-key", body, hashlib.sha256).hexdigest()
