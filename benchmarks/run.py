"""narrator's benchmarks, measured in one run on this machine.

    python benchmarks/run.py            # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # 1,000 words only

Each figure is a ratio against a baseline measured in the same run:

  a  cold end-to-end: `narrator narrate` in a fresh process with an empty cache,
     divided by the engine called directly on the same script in one process plus
     ffmpeg encoding the same audio to MP3 on its own (target <= 1.0);
  b  warm re-narration after a one-paragraph edit, as a fraction of cold (<= 0.15);
  c  startup: `narrator script` on a 1,000-word article (<= 0.5 s);
  d  peak memory of the whole process tree narrating 10,000 words (<= 400 MB);
  e  growth: cold wall time per 1,000 words at 1k, 5k and 10k words (flat = linear);
  f  parallel synthesis on this machine: one onnxruntime thread, two threads, two processes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import article, edit_one_paragraph

NARRATOR = [sys.executable, "-m", "narrator"]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak memory of the whole process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {err.decode()[-2000:]}")
    return elapsed, peak


def baseline(source: Path, voice_name: str, workdir: Path) -> tuple[float, float, float]:
    """The engine alone on the same chunks, in one process, then ffmpeg alone on the audio.

    Returns (synthesis seconds, encoding seconds, audio seconds)."""
    import numpy as np

    from narrator.api import make_script
    from narrator.ffmpeg import ffmpeg_path
    from narrator.settings import load_settings
    from narrator.synth.engines import load_engine
    from narrator.synth.voices import load_profile

    settings = load_settings({"voice": voice_name}, environ={})
    script = make_script(source, settings)
    voice = load_profile(voice_name)
    start = time.perf_counter()
    engine = load_engine(voice.engine)
    clips = [engine.synthesise(c, voice) for p in script.parts for u in p.utterances for c in u.chunks]
    synth = time.perf_counter() - start
    rate = clips[0].sample_rate
    pcm = (np.concatenate([c.samples for c in clips]) * 32767).astype("<i2").tobytes()
    raw = workdir / "baseline.raw"
    raw.write_bytes(pcm)
    start = time.perf_counter()
    subprocess.run([ffmpeg_path(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(raw),
                    "-ar", "44100", "-ac", "1", "-codec:a", "libmp3lame", "-b:a", "96k", str(workdir / "b.mp3")],
                   check=True)  # fmt: skip
    encode = time.perf_counter() - start
    return synth, encode, len(pcm) / 2 / rate


def parallel_synthesis(source: Path, workdir: Path) -> list[tuple[str, float]]:
    """hibari on the same chunks: 1 thread, 2 onnxruntime threads, 2 worker processes."""
    from narrator.api import make_script
    from narrator.settings import load_settings
    from narrator.synth.cache import ClipCache
    from narrator.synth.synthesise import synthesise_script
    from narrator.synth.voices import load_profile, read_profile, voicing_for

    script = make_script(source, load_settings({"voice": "heart"}, environ={}))
    heart = load_profile("heart")
    two_threads = workdir / "heart2.toml"
    two_threads.write_text(heart.path.read_text().replace("[pauses]", "[options]\nthreads = 2\n\n[pauses]"))
    rows = []
    setups = [
        ("1 process, 1 thread", heart, 1),
        ("1 process, 2 threads", read_profile(two_threads), 1),
        ("2 processes, 1 thread each", heart, 2),
    ]
    for label, voice, jobs in setups:
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            synthesise_script(script, voicing_for(voice), cache=ClipCache(Path(cache), 0), jobs=jobs)
            rows.append((label, time.perf_counter() - start))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000-word articles only")
    parser.add_argument("--voices", default="heart,joe", help="voices for the cold runs (default: heart,joe)")
    options = parser.parse_args()
    sizes = [1000] if options.quick else [1000, 5000]
    voices = options.voices.split(",")
    work = Path(tempfile.mkdtemp(prefix="narrator-bench-"))
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}

    cpu = platform.processor() or platform.machine()
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("a/b  cold and warm narration")
    print(f"{'voice':<6} {'words':>6} {'audio':>7} {'engine':>7} {'encode':>7} {'cold':>7} {'ratio a':>8} "
          f"{'warm':>6} {'ratio b':>8}")  # fmt: skip
    for voice in voices:
        for words in sizes:
            source = work / f"{voice}-{words}.md"
            source.write_text(article(words, seed=words))
            synth, encode, audio = baseline(source, voice, work)
            cache_env = {**env, "NARRATOR_CACHE_DIR": str(work / f"cache-{voice}-{words}"),
                         "NARRATOR_OUT": str(work / "out")}  # fmt: skip
            cold, _ = run([*NARRATOR, "narrate", str(source), "--voice", voice], cache_env)
            source.write_text(edit_one_paragraph(source.read_text()))
            warm, _ = run([*NARRATOR, "narrate", str(source), "--voice", voice], cache_env)
            print(f"{voice:<6} {words:>6} {audio:>6.0f}s {synth:>6.1f}s {encode:>6.1f}s {cold:>6.1f}s "
                  f"{cold / (synth + encode):>8.2f} {warm:>5.1f}s {warm / cold:>8.2f}")  # fmt: skip

    source = work / "startup.md"
    source.write_text(article(1000, seed=1))
    times = [run([*NARRATOR, "script", str(source)], env)[0] for _ in range(5)]
    print(f"\nc    startup: narrator script, 1,000 words: median {statistics.median(times):.2f} s of 5 runs")

    if not options.quick:
        print("\nd/e  memory and growth (heart, cold cache)")
        print(f"{'words':>6} {'audio':>7} {'wall':>7} {'s per 1k words':>15} {'peak RSS':>10}")
        for words in (1000, 5000, 10000):
            source = work / f"growth-{words}.md"
            source.write_text(article(words, seed=7 + words))
            genv = {**env, "NARRATOR_CACHE_DIR": str(work / f"gcache-{words}"), "NARRATOR_OUT": str(work / "gout")}
            wall, peak = run([*NARRATOR, "narrate", str(source), "--voice", "heart"], genv)
            import json

            meta = json.loads(next((work / "gout").glob(f"council-report-number-{7 + words}/episode.json")).read_text())
            print(f"{words:>6} {meta['duration']:>6.0f}s {wall:>6.1f}s {wall / words * 1000:>15.2f} "
                  f"{peak / 1e6:>8.0f} MB")  # fmt: skip

    print("\nf    parallel synthesis (hibari, 1,000 words)")
    for label, seconds in parallel_synthesis(work / "startup.md", work):
        print(f"     {label:<28} {seconds:>6.2f} s")


if __name__ == "__main__":
    main()
