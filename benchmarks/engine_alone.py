"""The engine alone: synthesise narrator's chunks with a voice's engine and nothing else,
writing the raw 16-bit samples to files. benchmarks/run.py times it as its baseline.

    python benchmarks/engine_alone.py VOICE CHUNKS.json PROCESSES OUTDIR

starts PROCESSES processes at once, process i synthesising every PROCESSES-th chunk from
the i-th into OUTDIR/alone-i.raw, waits for them all, and writes the sample rate to
OUTDIR/alone.rate. One command for all of them, so run.py measures their wall time, CPU
and memory with the same watcher, at the same cost, as it measures narrator's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np


def _one(voice_name: str, chunks_file: str, index: int, stride: int, out: Path) -> int:
    from narrator.synth.engines import load_engine
    from narrator.synth.voices import load_profile

    voice = load_profile(voice_name)
    engine = load_engine(voice.engine)
    chunks = json.loads(Path(chunks_file).read_text())[index::stride]
    rate = 0
    with out.open("wb") as fh:
        for text in chunks:
            clip = engine.synthesise(text, voice)
            fh.write((np.clip(clip.samples, -1, 1) * 32767).astype("<i2").tobytes())
            rate = clip.sample_rate
    return rate


def main() -> None:
    if sys.argv[1] == "--one":  # a worker started by the launcher below
        _, _, voice, chunks, index, stride, out = sys.argv
        print(_one(voice, chunks, int(index), int(stride), Path(out)))
        return
    voice, chunks, processes, outdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    workers = [subprocess.Popen([sys.executable, __file__, "--one", voice, chunks, str(i), str(processes),
                                 str(outdir / f"alone-{i}.raw")], stdout=subprocess.PIPE)
               for i in range(processes)]  # fmt: skip
    rates = [int(w.communicate()[0] or 0) for w in workers]
    if any(w.returncode for w in workers):
        raise SystemExit("the engine alone failed")
    (outdir / "alone.rate").write_text(str(max(rates)))


if __name__ == "__main__":
    main()
