"""Encoded segments in the cache: the MP3 frames of one segment of an episode, with what
joining, timing and loudness need, in one file renamed into place whole.

A ``.part`` file is ``NRP1``, the length of a JSON header, the header, the Info frame the
encoder wrote, the segment's 100 ms loudness steps (float32) and its MP3 frames. A
damaged or unreadable file counts as a miss and is encoded again.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..support.files import write_atomic
from .encode import EncodedPart, PartSpan

MAGIC = b"NRP1"
_HEADER = struct.Struct("<4sI")


@dataclass(frozen=True, kw_only=True)
class PartInfo:
    """An encoded segment: where its frames are, how they decode, and where its sentences
    are inside it."""

    span: PartSpan
    samples_per_frame: int
    rate: int  # of the MP3
    delay: int  # encoder delay, in samples
    info: bytes
    steps: Sequence[float]  # K-weighted mean square per 100 ms, after levelling, before encoding
    peak: float  # sample peak after levelling, dBFS
    gain: float  # dB applied before encoding
    #: Start and end of each utterance in the segment, in seconds from its first sample.
    spans: tuple[tuple[float, float], ...]

    @property
    def duration(self) -> float:
        """Seconds this segment takes in the joined episode: all its frames."""
        return self.span.count * self.samples_per_frame / self.rate


def write_part(
    path: Path, encoded: EncodedPart, *, steps: Sequence[float], peak: float, gain: float,
    spans: list[tuple[float, float]],
) -> PartInfo:  # fmt: skip
    header = {
        "count": encoded.count, "samples_per_frame": encoded.samples_per_frame, "rate": encoded.rate,
        "delay": encoded.delay, "padding": encoded.padding, "music_crc": encoded.music_crc,
        "info": len(encoded.info), "steps": len(steps), "frames": len(encoded.frames),
        "peak": peak, "gain": gain, "spans": spans,
    }  # fmt: skip
    meta = json.dumps(header, separators=(",", ":")).encode()
    steps = array("f", map(float, steps))  # float32, as stored and as read back
    body = _stored(steps)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _HEADER.pack(MAGIC, len(meta)) + meta + encoded.info + body + encoded.frames, durable=False)
    return _info(path, header, _HEADER.size + len(meta), encoded.info, steps)


def read_part(path: Path) -> PartInfo | None:
    """The segment stored at ``path`` (its frames stay on disk), or None if there is none
    or it is damaged."""
    try:
        with path.open("rb") as fh:
            magic, length = _HEADER.unpack(fh.read(_HEADER.size))
            if magic != MAGIC or length > 1 << 24:
                return None
            header = json.loads(fh.read(length))
            info = fh.read(header["info"])
            steps = _float32_from(fh.read(4 * header["steps"]))
            size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError, KeyError, struct.error):
        return None
    start = _HEADER.size + length
    if size != start + header["info"] + 4 * header["steps"] + header["frames"] or len(info) != header["info"]:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used, for the cache's pruning
    return _info(path, header, start, info, steps)


def _stored(steps: array) -> bytes:
    """float32 values as a part stores them, little-endian."""
    if sys.byteorder == "big":
        steps = array("f", steps)
        steps.byteswap()
    return steps.tobytes()


def _float32_from(data: bytes) -> array:
    # Read without numpy: joining cached segments is all an unchanged article needs.
    out = array("f")
    out.frombytes(data)
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _info(path: Path, header: dict, start: int, info: bytes, steps: Sequence[float]) -> PartInfo:
    offset = start + header["info"] + 4 * header["steps"]
    span = PartSpan(path=path, offset=offset, size=header["frames"], count=header["count"],
                    padding=header["padding"], music_crc=header["music_crc"])  # fmt: skip
    return PartInfo(
        span=span, samples_per_frame=header["samples_per_frame"], rate=header["rate"], delay=header["delay"],
        info=info, steps=steps, peak=header["peak"], gain=header["gain"],
        spans=tuple((float(a), float(b)) for a, b in header["spans"]),
    )  # fmt: skip
