"""Where a narration's peak memory comes from: `narrator narrate` on an article, with its
process tree's memory sampled every 50 ms, split into narrator's own process and the
encoders (ffmpeg), beside what narrator holds at that moment.

    python benchmarks/memory_profile.py                       # 1k, 5k, 10k words, --no-cache
    python benchmarks/memory_profile.py --sizes 10000 --repeat 3 --busy
    python benchmarks/memory_profile.py --text a.txt,b.txt    # paragraphs from text files
    python benchmarks/memory_profile.py --cache               # a cache that holds the voice's data
    python benchmarks/memory_profile.py --sizes 5000 --timeline peak

Printed for each run: wall and CPU seconds; the tree's peak RSS, and at that moment
narrator's own RSS (and its anonymous part: heaps and arrays, not libraries) and the
encoders'; where in the run it came (0 to 1); segments handed to the encoders and not
taken yet ("queued"); clips the voice has finished and narrator has not collected yet
("spoken"); the C allocator's heaps, in use and free over all its arenas, and its blocks
mapped on their own. After the bar, the most of each seen in the run, and how many times
narrator handed free memory back (narrator.support.memory.release) and the CPU seconds that took.

--busy keeps one core busy with another process meanwhile. The allocator's settings can
be weighed without editing narrator: PROFILE_ARENAS (heaps shared by all threads),
PROFILE_KEEP_FREE (MB kept free at a heap's top) and PROFILE_LARGE_BLOCK (KB from which a
block is mapped on its own) set narrator.support.memory's before it applies them.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import article
from run import _counted, _tree

PERIOD = 0.05


def _status(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _sample(pid: int) -> tuple[float, int, int, int, int]:
    """When; RSS of narrator's process and of its other processes (the encoders); how many
    of those; narrator's anonymous RSS. A child caught between vfork and exec is its
    parent: not counted (run._counted)."""
    own, anon = _status(pid, "VmRSS:"), _status(pid, "RssAnon:")
    others = count = 0
    for p in _counted(_tree(pid)):
        if p == pid:
            continue
        others += _status(p, "VmRSS:")
        count += 1
    return time.monotonic(), own, others, count, anon


# -- inside the narrating process ---------------------------------------------------------
class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                      "fsmblks", "uordblks", "fordblks", "keepcost")]  # fmt: skip


def _child(events: Path, argv: list[str]) -> None:
    """Narrate with ``argv`` as the command line's arguments, writing what narrator holds
    to ``events`` every 50 ms."""
    import narrator.assemble.master as master
    import narrator.support.memory as memory
    import narrator.synth.synthesise as synthesise
    from narrator.cli import main

    for name, variable, scale in (("ARENAS", "PROFILE_ARENAS", 1), ("KEEP_FREE", "PROFILE_KEEP_FREE", 1 << 20),
                                  ("LARGE_BLOCK", "PROFILE_LARGE_BLOCK", 1 << 10)):  # fmt: skip
        if os.environ.get(variable):
            setattr(memory, name, int(os.environ[variable]) * scale)
    state: dict = {"queued": 0, "synthesisers": [], "releases": 0, "release_seconds": 0.0}
    lock = threading.Lock()
    put, encode = master._Encoders.put, master._Encoders._encode

    def counted_put(self, group):
        with lock:
            state["queued"] += len(group)
        put(self, group)

    def counted_encode(self, group):
        with lock:
            state["queued"] -= len(group)
        encode(self, group)

    master._Encoders.put, master._Encoders._encode = counted_put, counted_encode
    init = synthesise.Synthesiser.__init__

    def kept_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        state["synthesisers"].append(self)

    synthesise.Synthesiser.__init__ = kept_init
    release = getattr(master, "release", None)  # not in every version of narrator
    if release is not None:

        def timed_release() -> None:
            start = time.thread_time()  # CPU seconds: the thread may wait for a heap's lock
            release()
            state["release_seconds"] += time.thread_time() - start
            state["releases"] += 1

        master.release = timed_release
    try:
        mallinfo = ctypes.CDLL(None).mallinfo2
        mallinfo.restype = _MallInfo2
    except (OSError, AttributeError):
        mallinfo = None
    done = threading.Event()

    def sample() -> None:
        with events.open("w") as out:
            while not done.is_set():
                spoken = 0
                for synth in list(state["synthesisers"]):
                    spoken += sum(1 for f in list(synth._pending.values()) if getattr(f, "done", lambda: False)())
                row = {"t": time.monotonic(), "queued": state["queued"], "spoken": spoken}
                if mallinfo is not None:
                    m = mallinfo()
                    row.update(used=m.uordblks, free=m.fordblks, mapped=m.hblkhd)
                out.write(json.dumps(row) + "\n")
                time.sleep(PERIOD)
            out.write(json.dumps({"releases": state["releases"], "release_seconds": state["release_seconds"]}) + "\n")

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    sys.argv = ["narrator", *argv]
    try:
        main()
    finally:
        done.set()
        sampler.join()


# -- outside ------------------------------------------------------------------------------
def _mb(n: float) -> str:
    return f"{n / 1e6:.0f}"


def profile(source: Path, work: Path, cache: Path | None, timeline: str | None) -> dict:
    events = work / "events.jsonl"
    args = ["narrate", str(source)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "NARRATOR_OUT": str(work / "out")}
    if cache is None:
        args.append("--no-cache")
    else:
        env["NARRATOR_CACHE_DIR"] = str(cache)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(events), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    samples = []
    while proc.poll() is None:
        samples.append(_sample(proc.pid))
        time.sleep(PERIOD)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.returncode or not samples:
        raise SystemExit(f"narrate failed: {err.decode()[-2000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    inside = [json.loads(line) for line in events.read_text().splitlines() if line.strip()]
    totals = inside.pop() if inside and "releases" in inside[-1] else {}
    peak_at = max(range(len(samples)), key=lambda i: samples[i][1] + samples[i][2])
    t, own, others, count, anon = samples[peak_at]

    def near(when: float) -> dict:
        return min(inside, key=lambda r: abs(r["t"] - when)) if inside else {}

    if timeline:
        shown = samples[max(0, peak_at - 40) : peak_at + 10] if timeline == "peak" else samples[::10]
        for s in shown:
            r = near(s[0])
            print(f"    {s[0] - samples[0][0]:6.2f}s tree {_mb(s[1] + s[2]):>4} MB: narrator {_mb(s[1]):>4} "
                  f"(anon {_mb(s[4]):>4}), {s[3]} encoders {_mb(s[2]):>3}; queued {r.get('queued', 0):3} "
                  f"spoken {r.get('spoken', 0):3}; heap used {_mb(r.get('used', 0)):>4} free "
                  f"{_mb(r.get('free', 0)):>4} mapped {_mb(r.get('mapped', 0)):>4}")  # fmt: skip
    r = near(t)
    return {
        "wall": wall, "cpu": cpu, "peak": own + others, "own": own, "anon": anon, "encoders": others,
        "processes": count, "at": (t - samples[0][0]) / max(1e-9, samples[-1][0] - samples[0][0]),
        "queued": r.get("queued", 0), "spoken": r.get("spoken", 0), "used": r.get("used", 0),
        "free": r.get("free", 0), "mapped": r.get("mapped", 0),
        "max_queued": max((x["queued"] for x in inside), default=0),
        "max_spoken": max((x["spoken"] for x in inside), default=0),
        "max_free": max((x.get("free", 0) for x in inside), default=0),
        "releases": totals.get("releases", 0), "release_seconds": totals.get("release_seconds", 0.0),
    }  # fmt: skip


def _from_text(paths: list[Path], words: int) -> str:
    """A Markdown article of about ``words`` words made of the paragraphs of ``paths``, in
    turn, as often as it takes."""
    paragraphs = [p.strip() for path in paths for p in path.read_text(errors="replace").split("\n\n") if p.strip()]
    out, count, n = ["# A long report", ""], 0, 0
    while count < words and paragraphs:
        text = " ".join(paragraphs[n % len(paragraphs)].split())
        out += [text, ""]
        count += len(text.split())
        n += 1
    return "\n".join(out)


def _voice_data(work: Path) -> Path:
    """A cache holding only what narrator keeps for the voice itself, as on a machine that
    has narrated before."""
    cache = work / "primed"
    primer = work / "primer.md"
    primer.write_text(article(60, seed=7))
    subprocess.run([sys.executable, "-m", "narrator", "narrate", str(primer)], check=True, capture_output=True,
                   env={**os.environ, "NARRATOR_CACHE_DIR": str(cache), "NARRATOR_OUT": str(work / "out")})  # fmt: skip
    return cache


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="article lengths in words")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each size")
    parser.add_argument("--busy", action="store_true", help="keep one core busy with another process meanwhile")
    parser.add_argument("--cache", action="store_true", help="narrate with a cache that holds the voice's data")
    parser.add_argument("--text", default="", help="comma-separated text files to make the articles from")
    parser.add_argument("--timeline", choices=("peak", "all"), help="print the samples up to the peak, or every tenth")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="narrator-memory-"))
    texts = [Path(p) for p in options.text.split(",") if p]
    primed = _voice_data(work) if options.cache else None
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if options.busy else None
    try:
        print(f"{'words':>6} {'run':>3} {'wall':>6} {'cpu':>6} {'peak':>6} {'python':>6} {'anon':>5} "
              f"{'ffmpeg':>6} {'at':>4} {'queued':>6} {'spoken':>6} {'used':>5} {'free':>5} {'mapped':>6} | "
              f"{'queued':>6} {'spoken':>6} {'free':>5} {'trims':>11}")  # fmt: skip
        for words in [int(n) for n in options.sizes.split(",")]:
            peaks = []
            for attempt in range(options.repeat):
                run_dir = work / f"{words}-{attempt}"
                run_dir.mkdir()
                source = run_dir / "article.md"
                source.write_text(_from_text(texts, words) if texts else article(words, seed=words + attempt))
                cache = None
                if primed is not None:  # the voice's data, not the primer's clips and segments
                    cache = run_dir / "cache"
                    cache.mkdir()
                    for entry in primed.iterdir():
                        if entry.is_dir() and len(entry.name) != 2:
                            subprocess.run(["cp", "-r", str(entry), str(cache)], check=True)
                r = profile(source, run_dir, cache, options.timeline)
                peaks.append(r["peak"])
                print(f"{words:>6} {attempt:>3} {r['wall']:>5.1f}s {r['cpu']:>5.1f}s {_mb(r['peak']):>4}MB "
                      f"{_mb(r['own']):>4}MB {_mb(r['anon']):>3}MB {_mb(r['encoders']):>4}MB {r['at']:>4.2f} "
                      f"{r['queued']:>6} {r['spoken']:>6} {_mb(r['used']):>3}MB {_mb(r['free']):>3}MB "
                      f"{_mb(r['mapped']):>4}MB | {r['max_queued']:>6} {r['max_spoken']:>6} "
                      f"{_mb(r['max_free']):>3}MB {r['releases']:>4} {r['release_seconds']:>5.2f}s",
                      flush=True)  # fmt: skip
            if options.repeat > 1:
                print(f"{'':>6} peaks {_mb(min(peaks))}-{_mb(max(peaks))} MB, median "
                      f"{_mb(statistics.median(peaks))} MB")  # fmt: skip
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    print(f"work files in {work}")


if __name__ == "__main__":
    main()
