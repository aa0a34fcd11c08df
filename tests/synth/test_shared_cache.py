"""The clip cache shared by machines through an object store: two cache folders (two
"machines") and one bucket on moto's S3 server, with real synthesis and encoding."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.waiting import until

from narrator.api import narrate
from narrator.settings import load_settings

pytestmark = [pytest.mark.slow, pytest.mark.network]

NARRATOR = str(Path(sys.executable).parent / "narrator")

ARTICLE = """# Harbour wall repaired

The harbour wall was repaired over the winter.

Boats can moor on the east side again from Monday.

The work cost less than the council expected.
"""
ORIGINAL = "Boats can moor on the east side again from Monday."
EDITED = "Boats can moor on the west side again from Friday."
CORRECTED = ARTICLE.replace(ORIGINAL, EDITED)


def _machine(tmp_path: Path, name: str, bucket: str | None, endpoint: str, **extra):
    """Settings for one machine: its own output and cache folders, the shared bucket."""
    values = {"out": tmp_path / name / "out", "cache_dir": tmp_path / name / "cache", "s3_endpoint_url": endpoint,
              "jobs": 1, **extra}  # fmt: skip
    if bucket:
        values["cache_url"] = f"s3://{bucket}/clips"
    return load_settings(values, environ={}, cwd=tmp_path)


def _narrate(tmp_path: Path, settings, text: str) -> dict:
    source = tmp_path / "harbour.md"
    source.write_text(text)
    return json.loads(narrate(source, settings).metadata_file.read_text())


def _objects(bucket: str, endpoint: str) -> dict[str, int]:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint)
    return {o["Key"]: o["Size"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_a_correction_on_another_machine_synthesises_only_the_edited_sentence(tmp_path, bucket, moto_endpoint):
    first = _narrate(tmp_path, _machine(tmp_path, "a", bucket, moto_endpoint), ARTICLE)
    assert first["characters_from_cache"] == 0
    sent = _objects(bucket, moto_endpoint)
    assert any(k.endswith(".clip") for k in sent) and any(k.endswith(".part") for k in sent)
    assert all(k.startswith("clips/") for k in sent)

    correction = _narrate(tmp_path, _machine(tmp_path, "b", bucket, moto_endpoint), CORRECTED)
    assert correction["engine_calls"] == 1
    assert correction["characters_synthesised"] == len(EDITED)
    assert correction["characters_from_cache"] == first["characters_synthesised"] - len(ORIGINAL)
    # The edited sentence went back to the store: a third machine synthesises nothing.
    again = _narrate(tmp_path, _machine(tmp_path, "c", bucket, moto_endpoint), CORRECTED)
    assert again["characters_synthesised"] == 0 and again["engine_calls"] == 0


def test_without_a_shared_cache_the_other_machine_synthesises_the_whole_article(tmp_path, bucket, moto_endpoint):
    first = _narrate(tmp_path, _machine(tmp_path, "a", bucket, moto_endpoint), ARTICLE)
    alone = _narrate(tmp_path, _machine(tmp_path, "b", None, moto_endpoint), CORRECTED)
    assert alone["characters_from_cache"] == 0
    assert alone["characters_synthesised"] == first["characters_synthesised"] - len(ORIGINAL) + len(EDITED)


def test_two_machines_sending_the_same_clips_at_once_leave_them_whole(tmp_path, bucket, moto_endpoint):
    import boto3

    source = tmp_path / "harbour.md"
    source.write_text(ARTICLE)
    runs = []
    for name in ("a", "b"):
        env = {**os.environ, "NARRATOR_CACHE_URL": f"s3://{bucket}/clips", "NARRATOR_S3_ENDPOINT_URL": moto_endpoint,
               "NARRATOR_CACHE_DIR": str(tmp_path / name / "cache"), "NARRATOR_JOBS": "1"}  # fmt: skip
        runs.append(subprocess.Popen([NARRATOR, "narrate", str(source), "--out", str(tmp_path / name / "out")],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))  # fmt: skip
    for run in runs:
        assert run.wait(300) == 0, run.stderr.read().decode()
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    for key in _objects(bucket, moto_endpoint):
        answer = s3.get_object(Bucket=bucket, Key=key)
        assert hashlib.sha256(answer["Body"].read()).hexdigest() == answer["Metadata"]["sha256"]
    third = _narrate(tmp_path, _machine(tmp_path, "c", bucket, moto_endpoint), ARTICLE)
    assert third["characters_synthesised"] == 0


def test_damaged_objects_count_as_misses_and_are_sent_again_whole(tmp_path, bucket, moto_endpoint):
    import boto3

    first = _narrate(tmp_path, _machine(tmp_path, "a", bucket, moto_endpoint), ARTICLE)
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    whole = {}
    for key in _objects(bucket, moto_endpoint):
        answer = s3.get_object(Bucket=bucket, Key=key)
        data = answer["Body"].read()
        whole[key] = hashlib.sha256(data).hexdigest()
        # Cut short at an even length, with the whole object's hash: a clip's header and
        # sample count still look right, and only the hash tells.
        s3.put_object(Bucket=bucket, Key=key, Body=data[: len(data) // 4 * 2], Metadata=answer["Metadata"])

    second = _narrate(tmp_path, _machine(tmp_path, "b", bucket, moto_endpoint), ARTICLE)
    assert second["characters_synthesised"] == first["characters_synthesised"]
    for key, digest in whole.items():
        assert hashlib.sha256(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest() == digest


def test_a_store_that_is_down_costs_one_warning_and_the_narration_goes_on(tmp_path, closed_port, aws_env, caplog):
    settings = _machine(tmp_path, "a", "nowhere", f"http://127.0.0.1:{closed_port}")
    with caplog.at_level(logging.WARNING, logger="narrator.synth.shared_cache"):
        record = _narrate(tmp_path, settings, ARTICLE)
    assert record["characters_synthesised"] > 0
    warnings = [r for r in caplog.records if r.name == "narrator.synth.shared_cache"]
    assert len(warnings) == 1 and "shared clip cache unavailable" in warnings[0].getMessage()
    # The machine's own cache still works: narrating again (into another folder, so the
    # record is this run's) synthesises nothing.
    again = _machine(tmp_path, "a", "nowhere", f"http://127.0.0.1:{closed_port}", out=tmp_path / "again")
    assert _narrate(tmp_path, again, ARTICLE)["characters_synthesised"] == 0


# -- pruning ------------------------------------------------------------------------------
def _fill(bucket: str, endpoint: str, sizes: dict[str, int]) -> None:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint)
    for name, size in sizes.items():
        s3.put_object(Bucket=bucket, Key=name, Body=b"x" * size)


def _prune(bucket: str, endpoint: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NARRATOR_S3_ENDPOINT_URL": endpoint}
    return subprocess.run([NARRATOR, "cache", "prune", "--to", f"s3://{bucket}/clips", *args, "--json"],
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip


def test_prune_by_size_removes_the_oldest_first_and_leaves_other_objects(bucket, moto_endpoint):
    old = {f"clips/{'a' * 63}{n}.clip": 1000 for n in range(3)}
    _fill(bucket, moto_endpoint, old)
    start = time.time()
    until(lambda: int(time.time()) > int(start), "the next second", seconds=5)  # the store's clock counts seconds
    new = {f"clips/{'b' * 63}{n}.part": 1000 for n in range(2)}
    _fill(bucket, moto_endpoint, {**new, "clips/notes.txt": 5000, f"other/{'c' * 64}.clip": 5000})

    done = _prune(bucket, moto_endpoint, "--max-size", "2.5kB")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["removed"] == 3
    assert set(_objects(bucket, moto_endpoint)) == {*new, "clips/notes.txt", f"other/{'c' * 64}.clip"}


def test_prune_by_age_removes_only_what_is_older(bucket, moto_endpoint):
    _fill(bucket, moto_endpoint, {f"clips/{'d' * 64}.clip": 10})
    kept = _prune(bucket, moto_endpoint, "--older-than", "1h")
    assert kept.returncode == 0, kept.stderr
    assert json.loads(kept.stdout) | {"target": ""} == {"target": "", "removed": 0, "removed_bytes": 0, "kept": 1,
                                                         "kept_bytes": 10}  # fmt: skip
    start = time.time()
    until(lambda: time.time() > start + 1.05, "a second to pass", seconds=5)
    gone = _prune(bucket, moto_endpoint, "--older-than", "0s")
    assert json.loads(gone.stdout)["removed"] == 1 and _objects(bucket, moto_endpoint) == {}


def test_prune_says_what_to_give(tmp_path):
    done = subprocess.run([NARRATOR, "cache", "prune", "--to", "s3://bucket/clips"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "error: s3://bucket/clips: say what to prune: --older-than, --max-size or both\n"
