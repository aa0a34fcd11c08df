"""The engine alone: synthesise every Nth chunk of a script file with a voice's engine
and nothing else, writing the raw 16-bit samples to a file. benchmarks/run.py starts
as many of these at once as narrator uses for synthesis, as its baseline.

    python benchmarks/engine_alone.py VOICE CHUNKS.json INDEX STRIDE OUT.raw
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np


def main() -> None:
    voice_name, chunks_file, index, stride, out = sys.argv[1:6]
    from narrator.synth.engines import load_engine
    from narrator.synth.voices import load_profile

    voice = load_profile(voice_name)
    engine = load_engine(voice.engine)
    chunks = json.loads(Path(chunks_file).read_text())[int(index) :: int(stride)]
    with open(out, "wb") as fh:
        for text in chunks:
            clip = engine.synthesise(text, voice)
            fh.write((np.clip(clip.samples, -1, 1) * 32767).astype("<i2").tobytes())
    print(clip.sample_rate if chunks else 0)


if __name__ == "__main__":
    main()
