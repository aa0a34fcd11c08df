"""Workers that share no disk: a real Redis, moto's S3 server as the only shared storage,
and two ``narrator worker`` processes, each in an empty folder of its own. Episodes,
slugs, the podcast and the clip cache live in the object store."""

from __future__ import annotations

import os
import signal

import pytest

pytest.importorskip("celery", reason="needs narrator[service]")

from helpers.machines import start_machine, stop_machine
from helpers.servers import Client, start_uvicorn
from helpers.waiting import until

from narrator.service.app import create_app
from narrator.service.queues import CeleryQueue
from narrator.settings import load_settings

pytestmark = pytest.mark.slow

TOKEN = "no-shared-disk-token"
ARTICLE = """# Harbour wall repaired

The harbour wall was repaired over the winter.

Boats can moor on the east side again from Monday.

The work cost less than the council expected.
"""
ORIGINAL = "Boats can moor on the east side again from Monday."
EDITED = "Boats can moor on the west side again from Friday."


def _service(tmp_path, redis_url, store: str, endpoint: str):
    settings = load_settings(
        {"out": tmp_path / "service", "api_tokens": TOKEN, "broker": redis_url, "store": store,
         "s3_endpoint_url": endpoint, "visibility_timeout": 4, "public_base_url": "https://audio.example.org/news/",
         "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    queue = CeleryQueue(settings)
    url, stop = start_uvicorn(create_app(settings, queue))
    return Client(url, TOKEN), queue, stop


def _s3(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint)


def _feed(endpoint: str, bucket: str) -> str:
    return _s3(endpoint).get_object(Bucket=bucket, Key="news/feed.xml")["Body"].read().decode()


def _records(endpoint: str, bucket: str) -> list[dict]:
    import json

    s3 = _s3(endpoint)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="news/episodes/").get("Contents", [])]
    return [json.loads(s3.get_object(Bucket=bucket, Key=k)["Body"].read()) for k in keys if k.endswith("/episode.json")]


def _no_episode_on_disk(tmp_path) -> list[str]:
    """Episode files anywhere on the machines' or the service's disks."""
    return [str(p) for p in tmp_path.rglob("*") if p.suffix in (".mp3", ".vtt") or p.name == "episode.json"]


BODIES = ("The council will repair the roads near the school on Monday.",
          "Library opening hours change in spring, with late evenings on Thursdays.")  # fmt: skip


def _article(n: int) -> str:
    # Two different articles share each title, so the workers race for the same slugs.
    return f"# Council notice {n // 2}\n\n{BODIES[n % 2]}\n"


def test_ten_articles_on_two_machines_give_ten_episodes_and_ten_feed_items(tmp_path, redis_url, bucket, moto_endpoint):
    client, queue, stop = _service(tmp_path, redis_url, f"s3://{bucket}/news", moto_endpoint)
    log = (tmp_path / "workers.log").open("w")
    machines = [start_machine(tmp_path / name, redis_url, f"s3://{bucket}/news", moto_endpoint, log)
                for name in ("a", "b")]  # fmt: skip
    try:
        ids = client.narrate_all([_article(n) for n in range(10)])
        jobs = [client.wait(job_id, deadline=240) for job_id in ids]
        _, listed = client.call("GET", "/v1/episodes")
    finally:
        for proc in machines:
            stop_machine(proc)
        log.close()
        stop()
        queue.close()
    assert [j["status"] for j in jobs] == ["done"] * 10, jobs
    assert len({queue.store.get(job_id).worker.split(":")[0] for job_id in ids}) >= 1
    records = _records(moto_endpoint, bucket)
    slugs = [r["slug"] for r in records]
    assert len(slugs) == 10 and len(set(slugs)) == 10
    assert len({r["guid"] for r in records}) == 10
    assert sorted(e["slug"] for e in listed["episodes"]) == sorted(slugs)  # the service lists the store
    feed = _feed(moto_endpoint, bucket)
    assert feed.count("<item>") == 10
    assert _no_episode_on_disk(tmp_path) == []


def test_a_correction_on_the_other_machine_synthesises_only_the_edited_sentence(
    tmp_path, redis_url, bucket, moto_endpoint
):
    store, cache = f"s3://{bucket}/news", f"s3://{bucket}/clips"
    client, queue, stop = _service(tmp_path, redis_url, store, moto_endpoint)
    log = (tmp_path / "workers.log").open("w")
    first = second = None
    try:
        first = start_machine(tmp_path / "a", redis_url, store, moto_endpoint, log, cache=cache)
        _, job = client.call("POST", "/v1/narrations", {"markdown": ARTICLE})
        assert client.wait(job["id"], deadline=180)["status"] == "done"
        stop_machine(first)
        second = start_machine(tmp_path / "b", redis_url, store, moto_endpoint, log, cache=cache)
        _, job = client.call("POST", "/v1/narrations", {"markdown": ARTICLE.replace(ORIGINAL, EDITED)})
        corrected = client.wait(job["id"], deadline=180)
    finally:
        stop_machine(first)
        stop_machine(second)
        log.close()
        stop()
        queue.close()
    assert corrected["status"] == "done", corrected
    (record,) = _records(moto_endpoint, bucket)
    assert record["slug"] == "harbour-wall-repaired"
    assert record["characters_synthesised"] == len(EDITED)
    assert record["engine_calls"] == 1
    assert _feed(moto_endpoint, bucket).count("<item>") == 1


def test_a_machine_killed_mid_job_still_gives_exactly_one_episode(tmp_path, redis_url, bucket, moto_endpoint):
    store = f"s3://{bucket}/news"
    client, queue, stop = _service(tmp_path, redis_url, store, moto_endpoint)
    log = (tmp_path / "workers.log").open("w")
    first = start_machine(tmp_path / "a", redis_url, store, moto_endpoint, log)
    second = None
    try:
        _, job = client.call("POST", "/v1/narrations", {"markdown": ARTICLE})
        until(lambda: (r := queue.store.get(job["id"])).status == "running" and r.progress > 0,
              "the first machine in the middle of the job", every=0.02)  # fmt: skip
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        second = start_machine(tmp_path / "b", redis_url, store, moto_endpoint, log)
        done = client.wait(job["id"], deadline=180)
    finally:
        stop_machine(first)
        stop_machine(second)
        log.close()
        stop()
        queue.close()
    assert done["status"] == "done", done
    assert queue.store.get(job["id"]).attempts >= 2
    records = _records(moto_endpoint, bucket)
    assert [r["slug"] for r in records] == ["harbour-wall-repaired"]
    assert _feed(moto_endpoint, bucket).count("<item>") == 1
    # Whatever the killed machine had uploaded is either the episode's or no one's:
    # every object under the episode's prefix is its record or a file the record names.
    s3 = _s3(moto_endpoint)
    objects = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="news/episodes/").get("Contents", [])}
    assert objects == {"news/episodes/harbour-wall-repaired/episode.json", *records[0]["keys"].values()}


def test_the_service_own_workers_put_episodes_in_the_store_and_keep_none(tmp_path, bucket, moto_endpoint):
    from narrator.service.queues import make_queue

    settings = load_settings(
        {"out": tmp_path / "service", "api_tokens": TOKEN, "store": f"s3://{bucket}/news",
         "s3_endpoint_url": moto_endpoint, "cache_dir": tmp_path / "cache", "public_base_url": "https://audio.example.org/news/",
         "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=tmp_path,
    )  # fmt: skip
    queue = make_queue(settings)  # no broker: the service's own workers
    url, stop = start_uvicorn(create_app(settings, queue))
    client = Client(url, TOKEN)
    try:
        _, job = client.call("POST", "/v1/narrations", {"markdown": ARTICLE})
        done = client.wait(job["id"], deadline=180)
        _, listed = client.call("GET", "/v1/episodes")
    finally:
        stop()
        queue.close()
    assert done["status"] == "done", done
    assert [e["slug"] for e in listed["episodes"]] == ["harbour-wall-repaired"]
    assert [r["slug"] for r in _records(moto_endpoint, bucket)] == ["harbour-wall-repaired"]
    assert _feed(moto_endpoint, bucket).count("<item>") == 1
    assert _no_episode_on_disk(tmp_path) == []


def test_a_worker_refuses_a_store_that_is_no_object_store(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from narrator.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["worker", "--broker", "redis://127.0.0.1:1/0", "--store", "/srv/shared/out"])
    assert result.exit_code == 1
    assert "store" in result.output and "s3://bucket/prefix" in result.output
