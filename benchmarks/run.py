"""narrator's benchmarks, measured in one run on this machine.

    python benchmarks/run.py                    # heart and joe at 1k, 5k and 10k words
    python benchmarks/run.py --quick            # 1,000 words, three runs each, medians
    python benchmarks/run.py --voices heart --sizes 1000,10000 --repeat 3
    python benchmarks/run.py --voices heart --repeat 3 --skip-options --busy   # one core kept busy

Work files (episodes, caches: 2-3 GB for a full run) are removed at the end; --keep keeps them.

On an idle 2-core machine the full run takes about 35 minutes, most of it Piper's joe
(the engine alone runs twice per size, in one process and in as many as narrator uses);
--quick about 5. On a busy machine, several times that.

Every figure is a ratio against something measured in the same run, because on a shared
machine the seconds drift with the load and the ratios much less.

  baseline  the engine alone on the same chunks in as many processes as narrator runs
            syntheses at once (--jobs, default one per core), plus ffmpeg alone encoding
            the same audio with narrator's encoder settings; and, as before, the engine
            alone in one process plus the encoder. Each is timed by the same watcher as
            narrator (it samples memory and CPU every 30 ms, and that costs a few percent
            of the machine), so neither side pays for the measuring alone
  cold      `narrator narrate` in a fresh process, with none of the article's clips or segments
            in the cache / baseline (target <= 1.0). The cache does hold what narrator keeps
            for the voice itself (its dictionaries in a form quick to load), as on any machine
            that has narrated before; what making it costs, once, is printed beside;
            also its CPU seconds over the baseline's, which the load of a shared machine
            disturbs far less than wall time
  edit      narrating again after a one-sentence change in one paragraph / cold (target <= 0.2)
  unchanged narrating the same article again / cold (target <= 0.1)
  warm      the same edit and unchanged narrations in one long-lived process that has
            narrated the article once (benchmarks/warm.py), as the service's workers do:
            no interpreter to start and no voice to load; shown beside, not judged
  memory    peak resident memory of the whole process tree during the cold run (target <= 350 MB at
            every length, in every run: the highest of the runs is judged): RSS summed over
            processes, so pages they share count once for each, and PSS, which shares them out;
            and the same for a cold run with --no-cache, which reads the voice's data from its
            own files, not the cache's quicker copies
  per 1k    cold seconds per 1,000 words, at each length (target: flat or falling)

narrator's modules are compiled to bytecode first, as installing a wheel does. --busy keeps
one core busy with another process for the whole run (narrator and baseline alike), as
on a machine doing something else.

Then: `narrator script` start-up, and the ways to run two syntheses at once weighed
against each other (benchmarks/synth_options.py).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import article, edit_one_paragraph

HERE = Path(__file__).resolve().parent
RSS_TARGET = 350  # MB, the whole process tree, at every length and in every run
NARRATOR = [sys.executable, "-m", "narrator"]


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return pids


def _space(pid: int) -> tuple[int, str, int, int, int] | None:
    """A process's parent, its program, where its stack and heap start and the size of its
    address space. None if it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None
    # fields[1] is the parent; vsize, startstack and start_brk are stat's 23, 28 and 47
    return int(fields[1]), exe, int(fields[25]), int(fields[44]), int(fields[20])


def _counted(tree: list[int]) -> list[int]:
    """The processes of a tree whose memory is their own. A child caught between vfork and
    exec (narrator starting ffmpeg) runs in its parent's address space and reports the
    parent's memory as its own: it runs the same program, its stack and heap start where
    the parent's do, and its size is the parent's, give or take what the parent's other
    threads map meanwhile. Its RSS, read a moment before or after the parent's, can differ:
    comparing RSS counted it as a second copy of narrator now and then (a peak 250 MB
    too high)."""
    spaces = {p: _space(p) for p in tree}
    out = []
    for p in tree:
        mine = spaces.get(p)
        parent = spaces.get(mine[0]) if mine else None
        if mine and parent and mine[1:4] == parent[1:4] and abs(mine[4] - parent[4]) < parent[4] // 20:
            continue
        out.append(p)
    return out


def _memory(pid: int) -> tuple[int, int]:
    """Resident (RSS) and proportional (PSS) memory of a process tree, in bytes; a child
    between vfork and exec is its parent, counted once (:func:`_counted`)."""
    rss = pss = 0
    for p in _counted(_tree(pid)):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return rss, pss


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ticks(pid: int) -> int:
    """CPU time a process has used so far, in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def run(args: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time, CPU seconds, peak tree RSS and PSS of a command.

    CPU seconds are those of the processes waited for (rusage), or, when more, those seen
    in /proc while they ran: worker processes started by a forkserver are not narrator's
    children, and rusage misses them."""
    cpu, start = _cpu(), time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0]
    seen: dict[int, int] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            rss, pss = _memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            for p in _tree(proc.pid):
                seen[p] = max(seen.get(p, 0), _ticks(p))
            time.sleep(0.03)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()[-2000:]}")
    sampled = sum(seen.values()) / os.sysconf("SC_CLK_TCK")
    return {"wall": elapsed, "cpu": max(_cpu() - cpu, sampled), "rss": peak[0], "pss": peak[1]}


def baseline(source: Path, voice: str, jobs: int, work: Path) -> dict[str, float]:
    """The engine alone on narrator's chunks in ``jobs`` processes and in one, and ffmpeg
    alone encoding the audio as narrator does: seconds (wall and CPU), seconds of audio."""
    from narrator.api import make_script
    from narrator.settings import load_settings
    from narrator.support.ffmpeg import ffmpeg_path

    script = make_script(source, load_settings({"voice": voice}, environ={}))
    chunks = work / "chunks.json"
    chunks.write_text(json.dumps([c for p in script.parts for u in p.utterances for c in u.chunks]))
    result = {}
    # Measured through run(), as narrator is: the same watcher samples their memory and
    # CPU, and costs them the same share of the machine.
    for label, n in (("engine_n", jobs), ("engine_1", 1)):
        m = run([sys.executable, str(HERE / "engine_alone.py"), voice, str(chunks), str(n), str(work)])
        result[label], result[f"{label}_cpu"], result[f"{label}_rss"] = m["wall"], m["cpu"], m["rss"]
    rate = int((work / "alone.rate").read_text())
    raw = work / "alone-0.raw"  # the one-process run wrote every chunk
    result["audio"] = raw.stat().st_size / 2 / rate
    m = run([ffmpeg_path(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(raw),
             "-ar", "44100", "-ac", "1", "-codec:a", "libmp3lame", "-b:a", "96k", "-compression_level", "7",
             "-f", "mp3", str(work / "alone.mp3")])  # fmt: skip
    result["encode"], result["encode_cpu"] = m["wall"], m["cpu"]
    return result


def _voice_data(primed: Path, cache: Path) -> None:
    """Copy what the cache keeps for the voice itself (its dictionaries in a form quick
    to load, the words they hold), but no clips or segments, from ``primed`` into a new
    cache: a new article on a machine that has narrated before."""
    cache.mkdir(parents=True, exist_ok=True)
    for entry in primed.iterdir():
        if entry.is_dir() and not re.fullmatch(r"[0-9a-f]{2}", entry.name):
            shutil.copytree(entry, cache / entry.name)


def prime(voice: str, work: Path, env: dict[str, str]) -> float:
    """Narrate two short articles into an empty cache, and return how much longer the
    first took: the cost of making the voice's data, once per cache."""
    cache_env = {**env, "NARRATOR_CACHE_DIR": str(work / f"prime-{voice}"), "NARRATOR_OUT": str(work / "prime-out")}
    seconds = []
    for seed in (7, 8):
        source = work / f"prime-{voice}-{seed}.md"
        source.write_text(article(60, seed=seed))
        seconds.append(run([*NARRATOR, "narrate", str(source), "--voice", voice], cache_env)["wall"])
    return seconds[0] - seconds[1]


def _once(voice: str, words: int, jobs: int, work: Path, env: dict[str, str], attempt: int) -> dict:
    source = work / f"{voice}-{words}-{attempt}.md"
    source.write_text(article(words, seed=words))
    base = baseline(source, voice, jobs, work)
    folder = work / f"{voice}-{words}-{attempt}"
    _voice_data(work / f"prime-{voice}", folder / "cache")
    cache_env = {**env, "NARRATOR_CACHE_DIR": str(folder / "cache"), "NARRATOR_OUT": str(folder / "out"),
                 "NARRATOR_JOBS": str(jobs)}  # fmt: skip
    args = [*NARRATOR, "narrate", str(source), "--voice", voice]
    cold = run(args, cache_env)
    no_cache = run([*args, "--no-cache"], cache_env)
    source.write_text(edit_one_paragraph(source.read_text()))
    edit = run(args, cache_env)
    same = run(args, cache_env)
    warm = _warm(voice, words, jobs, work, env, attempt)
    return {**base, "baseline": base["engine_n"] + base["encode"], "cold": cold["wall"], "cold_cpu": cold["cpu"],
            "edit": edit["wall"], "unchanged": same["wall"], "rss": cold["rss"], "pss": cold["pss"],
            "no_cache_rss": no_cache["rss"], "no_cache_cold": no_cache["wall"],
            "warm_edit": warm["edit"], "warm_unchanged": warm["unchanged"]}  # fmt: skip


def _warm(voice: str, words: int, jobs: int, work: Path, env: dict[str, str], attempt: int) -> dict[str, float]:
    """The same narrations in one long-lived process (benchmarks/warm.py), as a service
    worker makes them: the voice is loaded by the first, and the edit pays for no start."""
    folder = work / f"warm-{voice}-{words}-{attempt}"
    source = folder / "article.md"
    _voice_data(work / f"prime-{voice}", folder / "cache")
    source.write_text(article(words, seed=words))
    warm_env = {**env, "NARRATOR_CACHE_DIR": str(folder / "cache"), "NARRATOR_OUT": str(folder / "out"),
                "NARRATOR_JOBS": str(jobs)}  # fmt: skip
    out = subprocess.run([sys.executable, str(HERE / "warm.py"), voice, str(source)], env=warm_env,
                         capture_output=True, text=True)  # fmt: skip
    if out.returncode:
        raise SystemExit(f"warm.py failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def narration(voice: str, sizes: list[int], jobs: int, work: Path, env: dict[str, str], repeat: int) -> list[dict]:
    rows = []
    first = prime(voice, work, env)
    print(f"\n{voice}: narration against the baseline ({jobs} synthesis jobs; median of {repeat})")
    print(f"(the first narration with an empty cache also makes the voice's data: {first:+.2f} s, once per cache)")
    print(f"{'words':>6} {'audio':>6} {'engine×1':>9} {f'engine×{jobs}':>9} {'encode':>7} {'baseline':>9} "
          f"{'cold':>7} {'÷base':>6} {'÷1proc':>7} {'cpu÷base':>8} {'edit':>6} {'÷cold':>6} {'same':>6} "
          f"{'÷cold':>6} {'peak RSS':>9} {'PSS':>7} {'s/1k w':>7} {f'engine×{jobs} RSS':>14}")  # fmt: skip
    for words in sizes:
        runs = [_once(voice, words, jobs, work, env, attempt) for attempt in range(repeat)]
        row = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        for key, over in (("cold", "baseline"), ("edit", "cold"), ("unchanged", "cold"), ("warm_edit", "cold"),
                          ("warm_unchanged", "cold")):  # fmt: skip
            ratios = [r[key] / r[over] for r in runs]
            row[f"{key}_ratio"] = statistics.median(ratios)
            row[f"{key}_spread"] = (min(ratios), max(ratios))
        row.update(voice=voice, words=words)
        row["rss_max"] = max(max(r["rss"], r["no_cache_rss"]) for r in runs)  # judged: every run counts
        base_cpu = row["engine_n_cpu"] + row["encode_cpu"]
        rows.append(row)
        print(f"{words:>6} {row['audio']:>5.0f}s {row['engine_1']:>8.1f}s {row['engine_n']:>8.1f}s "
              f"{row['encode']:>6.1f}s {row['baseline']:>8.1f}s {row['cold']:>6.1f}s {row['cold_ratio']:>6.2f} "
              f"{row['cold'] / (row['engine_1'] + row['encode']):>7.2f} {row['cold_cpu'] / base_cpu:>8.2f} "
              f"{row['edit']:>5.1f}s {row['edit_ratio']:>6.2f} "
              f"{row['unchanged']:>5.1f}s {row['unchanged_ratio']:>6.2f} "
              f"{row['rss'] / 1e6:>7.0f}MB {row['pss'] / 1e6:>5.0f}MB {row['cold'] / words * 1000:>7.2f}"
              f"{row['engine_n_rss'] / 1e6:>12.0f}MB")  # fmt: skip
        peaks = "  ".join(f"{r['rss'] / 1e6:.0f}/{r['no_cache_rss'] / 1e6:.0f}" for r in runs)
        print(f"{'':>6} peak RSS of each run, cached voice data/--no-cache: {peaks} MB "
              f"({_mark(row['rss_max'] / 1e6, RSS_TARGET)}: {RSS_TARGET} MB)")  # fmt: skip
        print(f"{'':>6} in one long-lived process, as the service's workers narrate: edit {row['warm_edit']:.1f}s "
              f"({row['warm_edit_ratio']:.2f} of cold), unchanged {row['warm_unchanged']:.1f}s "
              f"({row['warm_unchanged_ratio']:.2f})")  # fmt: skip
        if repeat > 1:
            spread = "  ".join(f"{k} {row[f'{k}_spread'][0]:.2f}-{row[f'{k}_spread'][1]:.2f}"
                               for k in ("cold", "edit", "unchanged"))  # fmt: skip
            print(f"{'':>6} spread of the ratios over {repeat} runs: {spread}")
    return rows


def _mark(value: float, target: float) -> str:
    return "ok" if value <= target else "MISS"


def verdict(rows: list[dict]) -> None:
    heart = [r for r in rows if r["voice"] == "heart"]
    if not heart:
        return
    print("\ntargets (default voice):")
    for r in heart:
        print(f"  {r['words']:>6} words: cold {r['cold_ratio']:.2f} ({_mark(r['cold_ratio'], 1.0)})"
              f"  edit {r['edit_ratio']:.2f} ({_mark(r['edit_ratio'], 0.2)})"
              f"  unchanged {r['unchanged_ratio']:.2f} ({_mark(r['unchanged_ratio'], 0.1)})"
              f"  peak {r['rss_max'] / 1e6:.0f} MB RSS at most ({_mark(r['rss_max'] / 1e6, RSS_TARGET)}), "
              f"{r['pss'] / 1e6:.0f} MB PSS")  # fmt: skip
    per = [r["cold"] / r["words"] * 1000 for r in heart]
    if len(per) > 1:
        flat = all(b <= a * 1.1 for a, b in pairwise(per))
        print(f"  seconds per 1,000 words: {' -> '.join(f'{p:.2f}' for p in per)} ({'ok' if flat else 'MISS'}: "
              "flat or falling, within 10 %)")


def options(source: Path) -> None:
    print(f"\ntwo syntheses at once, default voice, {source.stem} (synthesis only)")
    print(f"{'option':<14} {'wall':>7} {'CPU':>7} {'peak RSS':>9} {'peak PSS':>9}")
    for option in ("threads", "sessions", "processes", "worker+main", "fork-shared"):
        m = run([sys.executable, str(HERE / "synth_options.py"), option, str(source)])
        print(f"{option:<14} {m['wall']:>6.1f}s {m['cpu']:>6.1f}s {m['rss'] / 1e6:>7.0f}MB {m['pss'] / 1e6:>7.0f}MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000-word articles only, three runs each")
    parser.add_argument("--sizes", default="", help="article lengths in words, e.g. 1000,5000 (default: 1k, 5k, 10k)")
    parser.add_argument("--voices", default="heart,joe", help="voices to narrate with (default: heart,joe)")
    parser.add_argument("--jobs", type=int, default=0, help="synthesis jobs (default: narrator's, one per core)")
    parser.add_argument("--repeat", type=int, default=0,
                        help="runs of each size, medians printed (default: 3 with --quick, 1 otherwise)")
    parser.add_argument("--skip-options", action="store_true", help="don't weigh the ways to run two syntheses")
    parser.add_argument("--busy", action="store_true", help="keep one core busy with another process meanwhile")
    parser.add_argument("--keep", action="store_true", help="keep the work files (2-3 GB for a full run) to look at")
    options_ = parser.parse_args()
    from narrator.synth.synthesise import default_jobs

    jobs = options_.jobs or default_jobs()
    # Installing a wheel compiles its modules; a source checkout (or PYTHONDONTWRITEBYTECODE)
    # would otherwise have narrator compile its own ~100 modules on every run, while the
    # engine it is compared with loads compiled ones.
    import narrator

    compileall.compile_dir(Path(narrator.__file__).parent, quiet=1)
    sizes = [1000] if options_.quick else [1000, 5000, 10000]
    if options_.sizes:
        sizes = [int(n) for n in options_.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="narrator-bench-"))
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    load = os.getloadavg()[0]
    cpu = platform.processor() or platform.machine()
    busy = " (busy: read the ratios, not the seconds)" if load > 1 else ""
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at the start{busy}")
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if options_.busy else None
    if burner is not None:
        print("another process keeps one core busy throughout")
    try:
        _measure(options_, sizes, jobs, work, env, burner)
    finally:
        if options_.keep:
            print(f"work files in {work}")
        else:  # a full run leaves 2-3 GB of episodes and caches: run after run, a disk fills
            shutil.rmtree(work, ignore_errors=True)


def _measure(options_, sizes: list[int], jobs: int, work: Path, env: dict[str, str], burner) -> None:
    try:
        rows = []
        for voice in options_.voices.split(","):
            rows += narration(voice, sizes, jobs, work, env, options_.repeat or (3 if options_.quick else 1))
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()
    verdict(rows)

    source = work / "startup.md"
    source.write_text(article(1000, seed=1))
    times = [run([*NARRATOR, "script", str(source)], env)["wall"] for _ in range(5)]
    print(f"\nstart-up: narrator script, 1,000 words: median {statistics.median(times):.2f} s of 5 runs")
    if not options_.skip_options:
        options_source = work / "options.md"
        options_source.write_text(article(1000 if options_.quick else 3000, seed=3))
        options(options_source)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
