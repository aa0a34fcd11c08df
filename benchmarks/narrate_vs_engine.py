"""End-to-end narration time against the engine's own synthesis time, in one run.

    python benchmarks/narrate_vs_engine.py [ARTICLE ...]

For each article (default: the bundled examples) it measures, on this machine:
  engine   hibari called directly on exactly the chunks narrator would send it
           (model load included), the floor for any pipeline on this engine;
  narrate  narrator.narrate() end to end: ingest, clean, script, synthesis,
           stitching, loudness, MP3 encoding and writing the episode folder.
and prints the ratio narrate / engine. 1.00 would mean the pipeline costs nothing
beyond synthesis.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _engine_baseline(script, speed: float) -> tuple[float, float]:
    start = time.perf_counter()
    from hibari import Hibari

    tts = Hibari()
    seconds = 0.0
    for part in script.parts:
        for utterance in part.utterances:
            for chunk in utterance.chunks:
                seconds += len(tts(chunk, speed=speed, seed=0)) / tts.sample_rate
    return time.perf_counter() - start, seconds


def main(paths: list[str]) -> None:
    from narrator.pipeline import make_script, narrate
    from narrator.settings import load_settings
    from narrator.voices import load_profile

    articles = paths or [str(p) for p in sorted((ROOT / "examples").iterdir())]
    voice = load_profile("heart")
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_version()}")
    print(f"{'article':<42} {'words':>6} {'audio s':>8} {'engine s':>9} {'narrate s':>10} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as out:
        settings = load_settings({"out": out, "voice": "heart"})
        for path in articles:
            script = make_script(path, settings)
            engine_time, audio_seconds = _engine_baseline(script, voice.speed)
            start = time.perf_counter()
            narrate(path, settings)
            total = time.perf_counter() - start
            name = Path(path).name[:42]
            words = script.article.word_count
            print(
                f"{name:<42} {words:>6} {audio_seconds:>8.1f} {engine_time:>9.2f} {total:>10.2f} "
                f"{total / engine_time:>6.2f}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
