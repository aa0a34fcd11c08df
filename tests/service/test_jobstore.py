"""The embedded job store (SQLite in the output folder) and the sweep for what killed
narrations leave behind."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

from narrator.service.jobs import Request, new_job
from narrator.service.stores import SqliteJobStore
from narrator.support.files import clean_staging


def _job(n: int, kind: str = "text"):
    return new_job(Request(kind=kind, content=f"Article number {n}."))


def test_the_same_article_finds_its_job_until_that_job_failed(tmp_path):
    store = SqliteJobStore(tmp_path)
    first = store.create(_job(1))
    assert store.create(_job(1)).id == first.id
    assert store.create(_job(1), reuse=lambda existing: False).id != first.id  # e.g. its episode was retracted
    store.update(first.id, status="failed", error="no article text found")
    again = store.create(_job(1))
    assert again.id != first.id and store.get(first.id).status == "failed"


def test_each_queued_job_is_claimed_by_one_worker_only(tmp_path):
    store = SqliteJobStore(tmp_path)
    ids = {store.create(_job(n)).id for n in range(40)}
    claimed: list[tuple[str, str]] = []

    def work(name: str) -> None:
        own = SqliteJobStore(tmp_path)  # connections of its own, as a worker process has
        while (job := own.claim(name)) is not None:
            claimed.append((job.id, name))

    threads = [threading.Thread(target=work, args=(f"host:{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(job_id for job_id, _ in claimed) == sorted(ids)
    assert all(store.get(job_id).worker == name and store.get(job_id).attempts == 1 for job_id, name in claimed)


def test_a_worker_that_lost_its_job_can_no_longer_change_it(tmp_path):
    store = SqliteJobStore(tmp_path)
    job = store.create(_job(1))
    old = store.claim("host:1")
    assert store.requeue(old)  # its worker died: back in the queue
    new = store.claim("host:2")
    assert new.id == job.id and new.attempts == 2
    assert store.update(job.id, owner="host:1", status="done") is None  # the old worker wakes up too late
    assert store.update(job.id, owner="host:2", progress=0.5).progress == 0.5
    assert not store.requeue(old)  # nor can its job be requeued in its name
    assert store.get(job.id).status == "running" and store.get(job.id).worker == "host:2"


def test_the_store_survives_a_process_that_dies_mid_write(tmp_path):
    store = SqliteJobStore(tmp_path)
    kept = store.create(_job(1))
    script = ("import os, sys\nfrom narrator.service.stores import SqliteJobStore\n"
              "from narrator.service.jobs import Request, new_job\n"
              "s = SqliteJobStore(sys.argv[1])\n"
              "with s._write() as db:\n"
              "    db.execute(\"UPDATE jobs SET status = 'done'\")\n"
              "    os.kill(os.getpid(), 9)\n")  # fmt: skip
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=False)
    assert store.get(kept.id).status == "queued"  # the half-done transaction left no trace
    assert store.claim("host:1").id == kept.id


def test_leftover_staging_folders_go_and_live_ones_stay(tmp_path):
    dead = tmp_path / ".dead-story.abc123.tmp"
    live = tmp_path / ".live-story.def456.tmp"
    old_trash = tmp_path / ".gone-story.ghi789.old"
    for folder in (dead, live, old_trash):
        folder.mkdir()
        (folder / "part.mp3").write_bytes(b"\0" * 10)
    stale_file = tmp_path / ".feed.xml.jkl.tmp"
    stale_file.write_text("half a feed")
    live_file = tmp_path / ".feed.xml.mno.tmp"
    live_file.write_text("a feed being written")
    a_minute_ago = time.time() - 120
    for path in (dead, live, old_trash, stale_file, live_file):
        os.utime(path, (a_minute_ago, a_minute_ago))
    held = [os.open(path, os.O_RDONLY) for path in (live, live_file)]  # as their writers hold them
    for fd in held:
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        removed = clean_staging(tmp_path)
    finally:
        for fd in held:
            os.close(fd)
    assert sorted(p.name for p in removed) == sorted(p.name for p in (dead, old_trash, stale_file))
    assert live.exists() and live_file.exists()
    assert not dead.exists() and not old_trash.exists() and not stale_file.exists()


def test_a_temporary_file_left_by_a_killed_write_goes_at_once(tmp_path):
    """A feed write killed mid-way leaves its temporary file; the next sweep removes it
    without waiting for it to age, because no process holds it any more."""
    killed_before_renaming = (
        "import os, sys, pathlib\n"
        "from narrator.support.files import write_atomic\n"
        "os.replace = lambda *a: os.kill(os.getpid(), 9)\n"
        "write_atomic(pathlib.Path(sys.argv[1]) / 'feed.xml', '<rss/>')\n"
    )
    child = subprocess.run([sys.executable, "-c", killed_before_renaming, str(tmp_path)], timeout=60)
    left = list(tmp_path.glob(".feed.xml.*.tmp"))
    assert child.returncode == -9 and len(left) == 1
    os.utime(left[0], (time.time() - 2, time.time() - 2))  # past the grace of a just-made file
    assert clean_staging(tmp_path) == left and not left[0].exists()
