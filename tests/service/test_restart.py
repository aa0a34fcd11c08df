"""The service's own job queue across restarts: ``narrator serve-api`` as a real
process, killed with SIGKILL in the middle of a batch and started again, or stopped with
SIGTERM while jobs run. Every posted article ends as exactly one episode."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.waiting import until

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import Client

TOKEN = "restart-token"
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "NARRATOR_API_TOKENS": TOKEN, "NARRATOR_VOICE": "tone",
           "NARRATOR_CACHE_DIR": str(tmp / "cache"), "NARRATOR_JOBS": "1"}  # fmt: skip
    log = (tmp / "service.log").open("a")
    proc = subprocess.Popen([sys.executable, "-m", "narrator", "serve-api", "--out", str(tmp / "out"),
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)  # fmt: skip
    log.close()
    until(lambda: _answers(port) or proc.poll() is not None, "the service to start", seconds=60, every=0.02)
    assert proc.poll() is None, (tmp / "service.log").read_text()[-3000:]
    return proc


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _counts(client: Client, ids: list[str]) -> dict[str, int]:
    """How many of the jobs are in each status, as the API tells it."""
    counts: dict[str, int] = {}
    for job_id in ids:
        status, job = client.call("GET", f"/v1/narrations/{job_id}")
        key = job["status"] if status == 200 else f"HTTP {status}"
        counts[key] = counts.get(key, 0) + 1
    return counts


def _descendants(pid: int) -> set[int]:
    """Every process started, directly or not, by ``pid``."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _article(n: int) -> str:
    body = " ".join(f"The council published notice {n} on Monday, part {k}, about road repairs." for k in range(6))
    return f"# Council notice number {n}\n\n{body}\n\nWork starts in May and lasts six weeks.\n"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob(".*.tmp"))


@pytest.mark.slow
def test_twenty_articles_survive_two_sigkills_mid_batch(tmp_path):
    out, port = tmp_path / "out", _free_port()
    client = Client(f"http://127.0.0.1:{port}", TOKEN)
    proc = _serve(tmp_path, port)
    try:
        ids = client.narrate_all([_article(n) for n in range(20)])

        # SIGKILL of the service alone, then of its whole process group; each time
        # while jobs are running, and each time started again.
        for done_before, kill in ((3, lambda p: os.kill(p, signal.SIGKILL)),
                                  (10, lambda p: os.killpg(p, signal.SIGKILL))):  # fmt: skip
            until(lambda n=done_before: (c := _counts(client, ids)).get("done", 0) >= n and c.get("running", 0) >= 1,
                  f"{done_before} jobs done and one running",
                  seconds=120, every=0.1)  # fmt: skip
            started = _descendants(proc.pid)
            assert started, "the service has no worker processes"
            kill(proc.pid)
            proc.wait(10)
            # Workers whose service died stop by themselves, and everything they started.
            until(lambda s=started: not any(_alive(p) for p in s), "the orphaned workers to stop",
                  seconds=20, every=0.02)  # fmt: skip
            proc = _serve(tmp_path, port)

        jobs = [client.wait(job_id, deadline=120) for job_id in ids]
        assert [j["status"] for j in jobs] == ["done"] * 20, [j["error"] for j in jobs if j["error"]]
        # Posting an article again finds its finished job.
        assert client.call("POST", "/v1/narrations", {"markdown": _article(0)}) == (200, jobs[0])
        until(lambda: not _leftovers(out), f"the leftovers of killed narrations to go: {_leftovers(out)}",
              seconds=30, every=0.02)  # fmt: skip
    finally:
        _stop(proc)

    records = [json.loads(p.read_text()) for p in sorted(out.glob("*/episode.json"))]
    assert len(records) == 20 and len({r["slug"] for r in records}) == 20
    assert {j["result"]["slug"] for j in jobs} == {r["slug"] for r in records}
    feed = (out / "feed.xml").read_text()
    assert feed.count("<item>") == 20
    guids = [line for line in feed.splitlines() if "<guid" in line]
    assert len(guids) == 20 and len(set(guids)) == 20


@pytest.mark.slow
def test_sigterm_stops_the_workers_and_requeues_their_jobs(tmp_path):
    out, port = tmp_path / "out", _free_port()
    client = Client(f"http://127.0.0.1:{port}", TOKEN)
    proc = _serve(tmp_path, port)
    long = "\n\n".join(f"Paragraph {k}: the harbour board met on Monday to discuss the cranes." for k in range(30))
    try:
        ids = [client.call("POST", "/v1/narrations", {"markdown": f"# Harbour report {n}\n\n{long}\n"})[1]["id"]
               for n in range(3)]  # fmt: skip
        until(lambda: _counts(client, ids).get("running", 0) >= 1, "a job to start", seconds=60, every=0.1)
        started = _descendants(proc.pid)
        workers = {p for p in started if b"spawn_main" in _cmdline(p)}
        assert workers, "the service has no worker processes"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) in (0, -signal.SIGTERM)  # uvicorn ends by the signal it stopped for
        assert not [p for p in workers if _alive(p)], "worker processes outlived the service"
        # Python's own helper (the resource tracker) goes when it sees its parent is gone.
        until(lambda: not any(_alive(p) for p in started), "every process the service started to stop",
              seconds=10, every=0.02)  # fmt: skip

        proc = _serve(tmp_path, port)
        jobs = [client.wait(job_id, deadline=120) for job_id in ids]
        assert [j["status"] for j in jobs] == ["done"] * 3
    finally:
        _stop(proc)
    assert len(list(out.glob("*/episode.json"))) == 3


def _running(store, job_id: str, attempt: int):
    job = store.get(job_id)
    return job if job.status == "running" and job.attempts == attempt and job.worker else None


def _kill_worker(store, job_id: str, attempt: int) -> None:
    """SIGKILL the worker process running try ``attempt`` of the job."""
    os.kill(int(_running(store, job_id, attempt).worker.rsplit(":", 1)[1]), signal.SIGKILL)


def _one_worker_queue(tmp_path):
    from narrator.service.queues import EmbeddedQueue
    from narrator.settings import load_settings

    settings = load_settings({"out": tmp_path / "out", "voice": "tone", "cache_dir": tmp_path / "cache", "jobs": 1},
                             environ={}, cwd=tmp_path)  # fmt: skip
    return EmbeddedQueue(settings, workers=1)


def _long_job(queue, title: str, sentence: str, paragraphs: int):
    """A job for an article long enough to be caught mid-narration."""
    from narrator.service.jobs import Request, new_job

    body = "\n\n".join(f"Paragraph {k}: {sentence}." for k in range(paragraphs))
    return queue.store.create(new_job(Request(kind="markdown", content=f"# {title}\n\n{body}\n")))


@pytest.mark.slow
def test_a_worker_killed_mid_job_is_replaced_and_the_job_done_once(tmp_path):
    queue = _one_worker_queue(tmp_path)
    try:
        job = _long_job(queue, "Crane report", "the harbour board met on Monday to discuss the cranes", 30)
        queue.submit(job.id)
        until(lambda: _running(queue.store, job.id, 1), "the job to start", seconds=60, every=0.02)
        _kill_worker(queue.store, job.id, 1)
        until(lambda: queue.store.get(job.id).status in ("done", "failed"), "the job to be done again",
              seconds=120, every=0.02)  # fmt: skip
    finally:
        queue.close()
    done = queue.store.get(job.id)
    assert done.status == "done" and done.attempts == 2
    assert [p.name for p in (tmp_path / "out").glob("*/episode.json")] == ["episode.json"]


@pytest.mark.slow
def test_an_article_whose_worker_keeps_dying_fails_after_three_tries(tmp_path):
    from narrator.service.queues import MAX_ATTEMPTS

    queue = _one_worker_queue(tmp_path)
    try:
        job = _long_job(queue, "Ferry report", "the ferry board met on Monday to discuss the timetable", 60)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            until(lambda a=attempt: _running(queue.store, job.id, a), f"try {attempt} to start", seconds=60, every=0.02)
            _kill_worker(queue.store, job.id, attempt)
        until(lambda: queue.store.get(job.id).status == "failed", "the job to fail", seconds=30, every=0.02)
    finally:
        queue.close()
    assert queue.store.get(job.id).error == "the worker stopped 3 times while narrating this article"
