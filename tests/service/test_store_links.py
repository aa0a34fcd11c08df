"""The links the service gives for an episode kept in an object store: the episode list's
audio and page, and a finished job's files, are the store's public URLs, where listeners
fetch them; the service keeps none of the files to serve under /files/."""

from __future__ import annotations

import json
import urllib.request

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import Client, start_uvicorn

from narrator.service.app import create_app
from narrator.service.queues import make_queue
from narrator.settings import load_settings

TOKEN = "store-links-token"
ARTICLE = "# Harbour wall repaired\n\nThe harbour wall was repaired over the winter.\n"


def _run(tmp_path, *, publish: bool = True, **values):
    """Narrate ARTICLE with the service's own workers; the finished job and the episode list."""
    settings = load_settings({"out": tmp_path / "service", "api_tokens": TOKEN, "cache_dir": tmp_path / "cache",
                              "podcast_owner_email": "audio@example.org", **values},
                             environ={}, cwd=tmp_path)  # fmt: skip
    queue = make_queue(settings)
    url, stop = start_uvicorn(create_app(settings, queue))
    client = Client(url, TOKEN)
    try:
        _, job = client.call("POST", "/v1/narrations", {"markdown": ARTICLE, "publish": publish})
        done = client.wait(job["id"], deadline=180)
        _, listed = client.call("GET", "/v1/episodes")
    finally:
        stop()
        queue.close()
    assert done["status"] == "done", done["error"]
    (episode,) = listed["episodes"]
    return url, done["result"], episode


def _record(endpoint: str, bucket: str, prefix: str) -> dict:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint)
    key = f"{prefix}episodes/harbour-wall-repaired/episode.json"
    return json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_links_to_an_episode_in_the_store_are_its_public_urls(tmp_path, bucket, moto_endpoint):
    _, result, episode = _run(tmp_path, store=f"s3://{bucket}/news", s3_endpoint_url=moto_endpoint,
                              public_base_url="https://audio.example.org/news/")  # fmt: skip
    keys = _record(moto_endpoint, bucket, "news/")["keys"]
    public = {kind: "https://audio.example.org/news/" + key.removeprefix("news/") for kind, key in keys.items()}
    assert episode["audio"] == public["audio"] and episode["audio"].endswith(".mp3")
    assert episode["page"] == public["page"]
    # The job's result keeps its documented fields, and adds where each file is.
    assert {"audio", "transcript", "chapters", "episode", "page"} <= result.keys()
    assert result["urls"]["audio"] == public["audio"]
    assert result["urls"]["transcript"] == public["transcript"]
    assert result["urls"]["page"] == public["page"]
    assert result["urls"]["episode"] == "https://audio.example.org/news/episodes/harbour-wall-repaired/episode.json"


def test_without_a_public_base_url_the_links_are_the_bucket_own_and_fetch_the_files(tmp_path, bucket, moto_endpoint):
    # A draft: a feed with the bucket's loopback URLs would be refused. Its files are
    # uploaded public-read, so a listener fetches them without credentials.
    _, result, episode = _run(tmp_path, publish=False, store=f"s3://{bucket}/pod", s3_endpoint_url=moto_endpoint,
                              s3_acl="public-read")  # fmt: skip
    base = f"{moto_endpoint}/{bucket}/pod/"
    assert episode["audio"].startswith(base) and episode["page"].startswith(base)
    audio = _fetch(episode["audio"])
    assert audio[:3] == b"ID3" or audio[:2] == b"\xff\xfb"
    assert b"Harbour wall repaired" in _fetch(episode["page"])
    assert _fetch(result["urls"]["audio"]) == audio


def test_in_the_output_folder_the_links_stay_the_service_own(tmp_path):
    _, result, episode = _run(tmp_path)
    assert episode["audio"] == f"/files/harbour-wall-repaired/{episode['audio'].rsplit('/', 1)[1]}"
    assert episode["page"] == "/files/harbour-wall-repaired/index.html"
    assert result["audio"] == episode["audio"].removeprefix("/files/")  # as documented: relative to the folder
    assert result["urls"]["audio"] == episode["audio"]
    assert result["urls"]["page"] == episode["page"]
    assert (tmp_path / "service" / result["urls"]["audio"].removeprefix("/files/")).is_file()  # what /files/ serves
