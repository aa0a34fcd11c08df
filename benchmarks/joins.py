"""Draw the decoded waveform around every join between encoded segments, to look for clicks.

    python benchmarks/joins.py                       # the default voice, 1,000 words
    python benchmarks/joins.py --voice joe --words 3000 --out joins/

Narrates a benchmark article through the real pipeline, joins the MP3, decodes it with
ffmpeg and writes one PNG per join, the join marked in red: above, a second either side at
full scale (the end of one sentence, the pause, the start of the next); below, 50 ms
either side magnified a thousand times (-60 dBFS fills the height), where a click
would stand out. The loudest sample within 20 ms of each join is printed too.
"""

from __future__ import annotations

import argparse
import struct
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import article


def _png(path: Path, pixels: np.ndarray) -> None:
    """A minimal RGB PNG writer (no imaging library needed)."""
    height, width, _ = pixels.shape
    raw = b"".join(b"\0" + pixels[y].astype(np.uint8).tobytes() for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6))
                     + chunk(b"IEND", b""))  # fmt: skip


def _panel(samples: np.ndarray, mark: int, scale: float, width: int, height: int) -> np.ndarray:
    """Min-max waveform of ``samples``, sample ``mark`` as a red line; ``scale`` is full height."""
    pixels = np.full((height, width, 3), 255, np.uint8)
    mid = height // 2
    pixels[mid, :] = (200, 200, 200)
    for x, col in enumerate(np.array_split(samples, width)):
        if not len(col):
            continue
        top = int(mid - np.clip(col.max() / scale, -1, 1) * (mid - 4))
        bottom = int(mid - np.clip(col.min() / scale, -1, 1) * (mid - 4))
        pixels[min(top, bottom) : max(top, bottom) + 1, x] = (20, 60, 160)
    pixels[:, min(width - 1, int(mark / max(1, len(samples)) * width))] = (220, 30, 30)
    return pixels


def plot(samples: np.ndarray, join: int, rate: int, path: Path, width: int = 900) -> None:
    """Two panels around ``join``: a second either side at full scale, 50 ms either side x1000."""
    wide = samples[max(0, join - rate) : join + rate]
    near = samples[max(0, join - rate // 20) : join + rate // 20]
    top = _panel(wide, min(join, rate), 1.0, width, 200)
    bottom = _panel(near, min(join, rate // 20), 0.001, width, 200)
    gap = np.full((8, width, 3), 255, np.uint8)
    _png(path, np.concatenate([top, gap, bottom]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="heart")
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None, help="folder for the PNGs (default: a temporary one)")
    options = parser.parse_args()

    from narrator.api.reading import _script, read_article
    from narrator.assemble.master import Encoding, master
    from narrator.settings import load_settings
    from narrator.support.ffmpeg import decode
    from narrator.synth.cache import ClipCache
    from narrator.synth.synthesise import Synthesiser, default_jobs, script_keys
    from narrator.synth.voices import load_profile, voicing_for

    work = Path(tempfile.mkdtemp(prefix="narrator-joins-"))
    out = options.out or work / "png"
    out.mkdir(parents=True, exist_ok=True)
    source = work / "article.md"
    source.write_text(article(options.words, seed=options.words))
    settings = load_settings({"voice": options.voice}, environ={})
    voicing = voicing_for(load_profile(options.voice))
    script = _script(read_article(source, settings), voicing, settings)
    keys = script_keys(script, voicing)
    cache = ClipCache(work / "cache", 10**10)
    encoding = Encoding(bitrate=96, sample_rate=44100, target=-16.0)
    with Synthesiser(voicing, cache, keys.tasks, jobs=default_jobs()) as synthesiser:
        audio = master(script, voicing.profile, keys, synthesiser, cache, encoding)
    mp3 = work / "episode.mp3"
    audio.write(mp3)
    rate = 44100
    samples = decode(mp3, rate)
    pos = 0
    print(f"{len(audio.parts) - 1} joins in {len(samples) / rate:.0f} s of audio; PNGs in {out}")
    for n, part in enumerate(audio.parts[:-1], start=1):
        pos += part.span.count * part.samples_per_frame
        join = pos - audio.parts[0].delay - 529  # where the next segment's frames start, as decoded
        near = np.abs(samples[join - rate // 50 : join + rate // 50]).max()
        path = out / f"join-{n:02d}.png"
        plot(samples, join, rate, path)
        level = 20 * np.log10(max(near, 1e-9))
        before = max(c.end for c in audio.plan.cues if c.end <= join / rate)
        after = min(c.start for c in audio.plan.cues if c.start >= join / rate)
        print(f"join {n:2d} at {join / rate:8.3f} s (sentences end {join / rate - before:.2f} s before it and start "
              f"{after - join / rate:.2f} s after): loudest sample within 20 ms {level:6.1f} dBFS  {path}")


if __name__ == "__main__":
    main()
