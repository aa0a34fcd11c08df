"""Workers on machines that share no disk, measured on loopback: a real Redis, moto's S3
server as the only shared storage, and 1, 2 and 3 `narrator worker` processes, each in
an empty folder of its own (its home, temporary files and clip cache: its "machine").

    python benchmarks/scale.py                          # 30 articles of about 120 words
    python benchmarks/scale.py --articles 8 --words 80 --workers 1 2
    python benchmarks/scale.py --jobs 2                 # synthesis processes per worker

For each worker count, a fresh bucket, a fresh Redis database and fresh machines:
`narrator serve-api --broker ... --store s3://BUCKET/podcast` takes every article at once
(POST /v1/narrations), and the workers (`narrator worker --broker ... --store
s3://BUCKET/podcast`, with cache_url s3://BUCKET/clips) narrate them. Printed:

  articles/min   from the first POST to the last job done
  speed-up       articles/min over the one-worker run's; "per worker" divides it by the
                 worker count (1.0 is linear)
  CPU s/article  CPU time of the workers' process trees (their encoders included) over the
                 articles: flat as workers are added means they add no work of their own,
                 and C cores can then narrate about 60 * C / it articles a minute
  shared CPU     the same for what the workers share on this machine: moto, serve-api and
                 this process (the counting proxy and the polling)
  S3 req/article every request the workers and the service made to the object store
                 (counted by a proxy in front of moto), over the articles: the clip cache's
                 (GET, PUT) and the episode store's (records, slugs, feed, audio)

Then, after the last run, its workers are stopped and a new machine (an empty folder)
narrates a correction of the first article (one word of one paragraph changed): the
characters it synthesised and took from the cache (its episode record), against the
article's first narration and against the same correction on a machine without the
shared cache.

Each machine's cache starts with the voice's own data (benchmarks/run.py's priming), as
from the container image, and none of the articles' clips. Every worker has `--jobs`
synthesis processes (default 1: a worker stands for a one-core machine), so on a
machine with C cores the speed-up can't pass about C. Seconds drift with the machine's
load (printed at the start and the end). Where other processes compete for the cores,
a run with more workers also takes a bigger share of them, and its speed-up can pass
the core count: read the CPU seconds per article then.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
from articles import article, edit_one_paragraph  # noqa: E402
from helpers.s3_fixtures import start_proxy  # noqa: E402
from helpers.servers import Client  # noqa: E402
from run import NARRATOR, _tree, _voice_data, prime  # noqa: E402

TOKEN = "scale-benchmark"
STORE, CACHE = "podcast", "clips"
DEADLINE = 3600.0  # seconds any one wait may last
AWS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port: int, what: str) -> None:
    end = time.monotonic() + 60
    while time.monotonic() < end:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start on port {port}")


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@contextlib.contextmanager
def _process(args: list[str], log: Path, **kwargs) -> Iterator[subprocess.Popen]:
    with log.open("ab") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
    try:
        yield proc
    finally:
        _stop(proc)


def _base_env() -> dict[str, str]:
    """The environment without the caller's NARRATOR_* or AWS_* values, with loopback
    credentials for moto."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NARRATOR_", "AWS_"))}
    return {**env, **AWS}


class Machine:
    """A `narrator worker` in an empty folder of its own, with the voice's data primed."""

    def __init__(self, folder: Path, primed: Path, *, redis: str, endpoint: str, bucket: str, jobs: int,
                 shared_cache: bool = True) -> None:  # fmt: skip
        for name in ("home", "tmp"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        cache = folder / "home" / ".cache"
        _voice_data(primed, cache / "narrator" / "clips")
        self.log = folder / "worker.log"
        env = {**_base_env(), "HOME": str(folder / "home"), "XDG_CACHE_HOME": str(cache), "TMPDIR": str(folder / "tmp"),
               "NARRATOR_S3_ENDPOINT_URL": endpoint, "NARRATOR_JOBS": str(jobs)}  # fmt: skip
        if shared_cache:
            env["NARRATOR_CACHE_URL"] = f"s3://{bucket}/{CACHE}"
        args = [*NARRATOR, "worker", "--broker", redis, "--store", f"s3://{bucket}/{STORE}"]
        self._context = _process(args, self.log, cwd=folder, env=env)
        self.proc = self._context.__enter__()

    def ready(self) -> bool:
        return self.log.exists() and b" ready." in self.log.read_bytes()

    def stop(self) -> None:
        self._context.__exit__(None, None, None)


def _cpu_seconds(procs: list[subprocess.Popen]) -> float:
    """CPU time the process trees have used so far, the children they have waited for
    (the workers' encoders) included."""
    ticks = 0
    for proc in procs:
        for pid in _tree(proc.pid):
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_ready(machines: list[Machine]) -> None:
    end = time.monotonic() + 120
    while not all(m.ready() for m in machines):
        for m in machines:
            if m.proc.poll() is not None:
                raise RuntimeError(f"a worker ended: {m.log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > end:
            raise RuntimeError("workers did not start")
        time.sleep(0.1)


def _wait_all(client: Client, ids: list[str]) -> dict[str, dict]:
    done: dict[str, dict] = {}
    end = time.monotonic() + DEADLINE
    while len(done) < len(ids):
        if time.monotonic() > end:
            raise RuntimeError(f"{len(ids) - len(done)} jobs did not finish")
        # In the order sent, up to the first still pending: jobs are taken in that order,
        # and asking after every job each time would cost the workers' cores.
        for job_id in ids:
            if job_id not in done:
                _, job = client.call("GET", f"/v1/narrations/{job_id}")
                if job["status"] not in ("done", "failed"):
                    break
                done[job_id] = job
        time.sleep(0.5)
    failed = [j for j in done.values() if j["status"] != "done"]
    if failed:
        raise RuntimeError(f"{len(failed)} jobs failed, the first: {failed[0]['error']}")
    return done


def _records(endpoint: str, bucket: str) -> dict[str, dict]:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, **_credentials())
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{STORE}/episodes/"):
        for item in page.get("Contents", []):
            if item["Key"].endswith("/episode.json"):
                record = json.loads(s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read())
                found[record["slug"]] = record
    return found


def _credentials() -> dict[str, str]:
    return {"aws_access_key_id": AWS["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": AWS["AWS_SECRET_ACCESS_KEY"],
            "region_name": AWS["AWS_DEFAULT_REGION"]}  # fmt: skip


def _kind(method: str, path: str) -> str:
    """A request to the object store as the clip cache's or the episode store's."""
    return f"cache {method}" if f"/{CACHE}/" in path or f"prefix={CACHE}" in path else "store"


class Bench:
    def __init__(self, work: Path, args: argparse.Namespace) -> None:
        self.work, self.args = work, args
        self.articles = [article(args.words, seed=100 + n) for n in range(args.articles)]
        self.correction = edit_one_paragraph(self.articles[0])

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        """Redis, moto's S3 server and the counting proxy in front of it."""
        import redis

        redis_port, moto_port = _free_port(), _free_port()
        (self.work / "redis").mkdir()
        with (
            _process(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                      "no", "--dir", str(self.work / "redis")], self.work / "redis.log"),
            _process([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(moto_port)],
                     self.work / "moto.log", env=_base_env()) as self.moto,
        ):  # fmt: skip
            _wait_port(redis_port, "redis-server")
            _wait_port(moto_port, "moto")
            self.redis = f"redis://127.0.0.1:{redis_port}/0"
            self.redis_client = redis.Redis(port=redis_port)
            self.proxy, self.proxy_state = start_proxy(("127.0.0.1", moto_port))
            self.endpoint = f"http://127.0.0.1:{self.proxy.server_address[1]}"
            try:
                yield
            finally:
                self.proxy.shutdown()
                self.proxy.server_close()

    @contextlib.contextmanager
    def service(self, name: str, bucket: str) -> Iterator[Client]:
        import boto3

        boto3.client("s3", endpoint_url=self.endpoint, **_credentials()).create_bucket(Bucket=bucket)
        self.redis_client.flushall()
        port = _free_port()
        folder = self.work / name / "service"
        folder.mkdir(parents=True)
        env = {**_base_env(), "NARRATOR_API_TOKENS": TOKEN, "NARRATOR_S3_ENDPOINT_URL": self.endpoint,
               "NARRATOR_PUBLIC_BASE_URL": "https://audio.example.org/podcast/",
               "NARRATOR_PODCAST_OWNER_EMAIL": "audio@example.org", "HOME": str(folder)}  # fmt: skip
        args = [*NARRATOR, "serve-api", "--port", str(port), "--out", str(folder / "out"), "--broker", self.redis,
                "--store", f"s3://{bucket}/{STORE}"]  # fmt: skip
        with _process(args, self.work / name / "service.log", cwd=folder, env=env) as self.api:
            _wait_port(port, "serve-api")
            yield Client(f"http://127.0.0.1:{port}", TOKEN)

    def machines(self, name: str, bucket: str, count: int, *, shared_cache: bool = True) -> list[Machine]:
        return [Machine(self.work / name / f"machine-{n}", self.primed, redis=self.redis, endpoint=self.endpoint,
                        bucket=bucket, jobs=self.args.jobs, shared_cache=shared_cache)
                for n in range(count)]  # fmt: skip

    def cpu(self, machines: list[Machine]) -> tuple[float, float]:
        """CPU seconds so far of the workers, and of what they share on this machine: moto,
        serve-api, and this process (the proxy that counts requests, and the polling)."""
        own = os.times()
        return _cpu_seconds([m.proc for m in machines]), _cpu_seconds([self.moto, self.api]) + own.user + own.system

    def requests(self, since: int) -> Counter:
        with self.proxy_state.lock:
            log = self.proxy_state.log[since:]
        return Counter(_kind(method, path) for method, path, _ in log)

    def run(self, workers: int) -> dict:
        name, bucket = f"run-{workers}", f"scale-{workers}"
        with self.service(name, bucket) as client:
            machines = self.machines(name, bucket, workers)
            try:
                _wait_ready(machines)
                mark = len(self.proxy_state.log)
                workers_cpu, shared_cpu = self.cpu(machines)
                start = time.perf_counter()
                ids = client.narrate_all(self.articles)
                jobs = _wait_all(client, ids)
                seconds = time.perf_counter() - start
                workers_end, shared_end = self.cpu(machines)
                workers_cpu, shared_cpu = workers_end - workers_cpu, shared_end - shared_cpu
                requests = self.requests(mark)
            finally:
                for m in machines:
                    m.stop()
            records = _records(self.endpoint, bucket)
            first = self._record(records, jobs[ids[0]])
            result = {"workers": workers, "seconds": seconds, "per_minute": 60 * len(ids) / seconds,
                      "cpu": workers_cpu / len(ids), "shared_cpu": shared_cpu / len(ids), "requests": requests,
                      "episodes": len(records),
                      "first": first}  # fmt: skip
            if workers == self.args.workers[-1]:
                result["correction"] = self.correct(client, name, bucket, shared_cache=True)
                result["alone"] = self.correct(client, name, bucket, shared_cache=False)
        return result

    def correct(self, client: Client, name: str, bucket: str, *, shared_cache: bool) -> dict:
        """The first article's correction, narrated by a new machine."""
        label = "correction" if shared_cache else "correction-alone"
        (machine,) = self.machines(f"{name}/{label}", bucket, 1, shared_cache=shared_cache)
        text = self.correction if shared_cache else self.correction.replace(" this ", " that ", 1)
        try:
            _wait_ready([machine])
            mark = len(self.proxy_state.log)
            status, job = client.call("POST", "/v1/narrations", {"markdown": text})
            assert status == 202, job
            done = _wait_all(client, [job["id"]])[job["id"]]
            requests = self.requests(mark)
        finally:
            machine.stop()
        record = self._record(_records(self.endpoint, bucket), done)
        return {**record, "requests": requests}

    @staticmethod
    def _record(records: dict[str, dict], job: dict) -> dict:
        result = job.get("result") or {}
        slug = result.get("slug") or next(iter(records))
        record = records[slug]
        keep = ("characters_synthesised", "characters_from_cache", "engine_calls", "elapsed_seconds")
        return {k: record.get(k) for k in keep}


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _print(results: list[dict], articles: int) -> None:
    base = results[0]["per_minute"]
    head = ("workers", "seconds", "articles/min", "speed-up", "per worker", "CPU s/article", "shared CPU",
            "cache GET", "cache PUT", "store", "all")  # fmt: skip
    widths = [len(h) for h in head]
    print()
    print(" " * (sum(widths[:7]) + 7) + "  S3 requests per article")
    print(" ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    for r in results:
        speed, req = r["per_minute"] / base, r["requests"]
        row = (str(r["workers"]), f"{r['seconds']:.1f}", f"{r['per_minute']:.2f}", f"{speed:.2f}",
               f"{speed / r['workers']:.2f}", f"{r['cpu']:.2f}", f"{r['shared_cpu']:.2f}",
               f"{req['cache GET'] / articles:.1f}", f"{req['cache PUT'] / articles:.1f}",
               f"{req['store'] / articles:.1f}", f"{sum(req.values()) / articles:.1f}")  # fmt: skip
        print(" ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)))
        if r["episodes"] != articles:
            print(f"        ! {r['episodes']} episodes in the store for {articles} articles")
    cores, cpu, shared = os.cpu_count() or 1, results[0]["cpu"], results[0]["shared_cpu"]
    print(f"\nThe workers' CPU per article bounds what C cores can do: about {60 / cpu:.1f} articles/min a core "
          f"if nothing else runs; with the S3 server, the service and the proxy on the same cores "
          f"({shared:.2f} s an article), {60 * cores / (cpu + shared):.1f} a minute on these {cores}.")  # fmt: skip
    last = results[-1]
    first, fix, alone = last["first"], last["correction"], last["alone"]
    total = first["characters_synthesised"] + first["characters_from_cache"]
    print()
    print(f"correction of the first article ({total} characters), on a new machine:")
    print(f"  shared cache:    {fix['characters_synthesised']:>6} characters synthesised, "
          f"{fix['characters_from_cache']} from the cache, {fix['engine_calls']} engine calls, "
          f"{sum(fix['requests'].values())} S3 requests ({fix['requests']['cache GET']} cache GET, "
          f"{fix['requests']['cache PUT']} cache PUT), narrated in {fix['elapsed_seconds']:.1f} s")  # fmt: skip
    print(f"  no shared cache: {alone['characters_synthesised']:>6} characters synthesised, "
          f"narrated in {alone['elapsed_seconds']:.1f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--words", type=int, default=120, help="About how long each article is.")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--jobs", type=int, default=1, help="Synthesis processes per worker.")
    parser.add_argument("--keep", action="store_true", help="Keep the work folder (logs) and print where it is.")
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is not installed (scripts/test.sh installs it)")
    work = Path(tempfile.mkdtemp(prefix="narrator-scale-"))
    try:
        print(f"{args.articles} articles of about {args.words} words; workers {args.workers}, {args.jobs} synthesis "
              f"process(es) each; {os.cpu_count()} cores; load {_load()}", flush=True)  # fmt: skip
        env = {**_base_env(), "HOME": str(work / "prime-home")}
        prime("heart", work, env)
        bench = Bench(work, args)
        bench.primed = work / "prime-heart"
        results = []
        with bench.shared():
            for workers in args.workers:
                results.append(bench.run(workers))
                r = results[-1]
                print(f"  {workers} worker(s): {r['seconds']:.1f} s, {r['per_minute']:.2f} articles/min; "
                      f"load {_load()}", flush=True)  # fmt: skip
        _print(results, args.articles)
        print(f"\nload at the end {_load()}")
    finally:
        if args.keep:
            print(f"work folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
