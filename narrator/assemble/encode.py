"""Encode: each segment of an episode into MP3 frames of its own with ffmpeg's LAME, and
the episode's MP3 joined from those frames under one Info header.

A segment's frames decode on their own: LAME starts every stream with an empty bit
reservoir, and each segment begins and ends in the silence between paragraphs, so the
decoder's overlap between the last frame of one segment and the first of the next adds
nothing audible. The Info header at the front carries the frame and byte counts and the
encoder delay and padding of the whole, so players that trim them (gapless decoders)
and players that don't both see the same timeline as the transcript, shifted by the
same 25 ms the encoder always adds.
"""

from __future__ import annotations

import contextlib
import os
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError
from ..support.ffmpeg import ffmpeg_path

# bitrate_index -> kbit/s, for MPEG-1 and for MPEG-2/2.5 Layer III
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by version bits


@dataclass(frozen=True)
class FrameHeader:
    version: int  # 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
    rate: int
    mono: bool
    size: int  # bytes, header included

    @property
    def samples(self) -> int:
        return 1152 if self.version == 3 else 576

    @property
    def side_info(self) -> int:
        if self.version == 3:
            return 17 if self.mono else 32
        return 9 if self.mono else 17


def read_header(data: bytes, pos: int = 0) -> FrameHeader:
    (word,) = struct.unpack_from(">I", data, pos)
    version, layer = (word >> 19) & 3, (word >> 17) & 3
    index, rate_index = (word >> 12) & 15, (word >> 10) & 3
    if word >> 21 != 0x7FF or layer != 1 or version == 1 or index in (0, 15) or rate_index == 3:
        raise AudioError(f"not an MPEG Layer III frame at byte {pos}")
    bitrate = _BITRATES[1 if version == 3 else 2][index] * 1000
    rate = _RATES[version][rate_index]
    padding = (word >> 9) & 1
    size = (144 if version == 3 else 72) * bitrate // rate + padding
    return FrameHeader(version=version, rate=rate, mono=(word >> 6) & 3 == 3, size=size)


# -- the Info (Xing) header and its LAME extension ----------------------------------------
_FRAMES, _BYTES, _TOC, _QUALITY = 1, 2, 4, 8


@dataclass(frozen=True)
class InfoHeader:
    """Where the fields of an Info frame are, and what the encoder wrote in them."""

    frame: bytes
    xing: int  # offset of "Info"
    lame: int  # offset of the LAME extension (encoder string)
    delay: int
    padding: int
    music_crc: int
    frames: int | None  # the frame and byte counts it records, if it records them
    size: int | None


def read_info(frame: bytes) -> InfoHeader:
    header = read_header(frame)
    xing = 4 + header.side_info
    if frame[xing : xing + 4] not in (b"Info", b"Xing"):
        raise AudioError("the encoder wrote no Info header")
    (flags,) = struct.unpack_from(">I", frame, xing + 4)
    pos = xing + 8
    frames = size = None
    if flags & _FRAMES:
        (frames,) = struct.unpack_from(">I", frame, pos)
        pos += 4
    if flags & _BYTES:
        (size,) = struct.unpack_from(">I", frame, pos)
        pos += 4
    lame = pos + 100 * bool(flags & _TOC) + 4 * bool(flags & _QUALITY)
    d = frame[lame + 21 : lame + 24]
    (music_crc,) = struct.unpack_from(">H", frame, lame + 32)
    return InfoHeader(
        frame=frame, xing=xing, lame=lame, delay=(d[0] << 4) | (d[1] >> 4), padding=((d[1] & 15) << 8) | d[2],
        music_crc=music_crc, frames=frames, size=size,
    )  # fmt: skip


def _info_frame(template: InfoHeader, *, frames: int, size: int, delay: int, padding: int, music_crc: int) -> bytes:
    """The template's Info frame with the joined stream's counts, delay, padding and CRCs."""
    out = bytearray(template.frame)
    x = template.xing
    struct.pack_into(">I", out, x + 4, _FRAMES | _BYTES | _TOC | (struct.unpack_from(">I", out, x + 4)[0] & _QUALITY))
    struct.pack_into(">II", out, x + 8, frames, size)
    out[x + 16 : x + 116] = bytes(min(255, i * 256 // 100) for i in range(100))  # CBR: bytes grow with time
    lame = template.lame
    out[lame + 21 : lame + 24] = bytes([delay >> 4, ((delay & 15) << 4) | (padding >> 8), padding & 255])
    struct.pack_into(">IH", out, lame + 28, size, music_crc)
    out[lame + 34 : lame + 36] = b"\0\0"
    struct.pack_into(">H", out, lame + 34, crc16(bytes(out[:190])))  # as ffmpeg writes it
    return bytes(out)


# -- CRC-16 (ARC), as in the LAME tag, and joining two CRCs without the data ---------------
def _table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xA001 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _table()


def crc16(data: bytes, crc: int = 0) -> int:
    for byte in data:
        crc = (crc >> 8) ^ _TABLE[(crc ^ byte) & 0xFF]
    return crc


def _apply(op: list[int], value: int) -> int:
    out, bit = 0, 0
    while value:
        if value & 1:
            out ^= op[bit]
        value >>= 1
        bit += 1
    return out


def crc16_combine(first: int, second: int, second_length: int) -> int:
    """CRC of A + B from CRC(A), CRC(B) and len(B): the CRC is linear, so A's CRC is carried
    through len(B) zero bytes (a 16×16 bit matrix raised to that power) and added to B's."""
    step = [(1 << i >> 8) ^ _TABLE[(1 << i) & 0xFF] for i in range(16)]  # one zero byte
    result = first
    n = second_length
    while n:
        if n & 1:
            result = _apply(step, result)
        step = [_apply(step, v) for v in step]
        n >>= 1
    return result ^ second


# -- encoding one segment -------------------------------------------------------------------
@dataclass(frozen=True)
class EncodedPart:
    """A segment as MP3: its audio frames (no Info frame) and what joining needs."""

    frames: bytes
    count: int
    samples_per_frame: int
    rate: int
    delay: int
    padding: int
    music_crc: int
    info: bytes  # the Info frame the encoder wrote, a template for the joined file


def _output(bitrate: int, sample_rate: int, name: str) -> list[str]:
    """ffmpeg's options for one segment's MP3. LAME's quality 7 (compression_level) is
    about twice as fast as its default and indistinguishable for speech at these bitrates.
    The Info header is written only to a file ffmpeg can seek in."""
    return [
        "-ar", str(sample_rate), "-ac", "1", "-codec:a", "libmp3lame", "-b:a", f"{bitrate}k",
        "-compression_level", "7", "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3", name,
    ]  # fmt: skip


_FFMPEG = ("-hide_banner", "-loglevel", "error", "-y")
_ANY_TIME = contextlib.nullcontext()  # ffmpeg may run whenever it is called


def _failed(stderr: bytes) -> AudioError:
    errors = stderr.decode(errors="replace").strip()
    return AudioError(f"MP3 encoding failed: {errors or 'ffmpeg exited with an error'}")


def _input(rate: int, name: str) -> list[str]:
    return ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", name]


def _parsed(data: bytes) -> EncodedPart:
    first = read_header(data)
    info = read_info(data[: first.size])
    frames = data[first.size :]
    return EncodedPart(
        frames=frames, count=_frame_count(info, frames), samples_per_frame=first.samples, rate=first.rate,
        delay=info.delay, padding=info.padding, music_crc=info.music_crc, info=data[: first.size],
    )  # fmt: skip


def encode_part(
    pcm: Iterable[bytes], rate: int, *, bitrate: int, sample_rate: int, folder: Path,
    slot: contextlib.AbstractContextManager = _ANY_TIME,
) -> EncodedPart:  # fmt: skip
    """Encode 16-bit mono PCM at ``rate``, streamed in, to constant-bitrate mono MP3 at
    ``sample_rate``: ffmpeg writes it to a file in ``folder``, read back as frames. ffmpeg
    runs while ``slot`` is held."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".encode-", suffix=".mp3")
    os.close(fd)
    command = [ffmpeg_path(), *_FFMPEG, *_input(rate, "-"), *_output(bitrate, sample_rate, name)]
    try:
        with slot:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
            assert process.stdin is not None and process.stderr is not None
            try:
                for block in pcm:
                    process.stdin.write(block)
                process.stdin.close()
            except BrokenPipeError:
                pass
            errors = process.stderr.read()
            if process.wait() != 0:
                raise _failed(errors)
        data = Path(name).read_bytes()
    finally:
        Path(name).unlink(missing_ok=True)
    return _parsed(data)


def encode_parts(
    pcms: Sequence[tuple[Iterable[bytes], int]], *, bitrate: int, sample_rate: int, folder: Path,
    slot: contextlib.AbstractContextManager = _ANY_TIME,
) -> list[EncodedPart]:  # fmt: skip
    """Encode several segments, each 16-bit mono PCM at its own rate, in one ffmpeg
    process: every input goes to an output with an encoder of its own (and a thread of
    its own), so each MP3 has the same bytes a process of its own would make, without
    starting ffmpeg for each (about 15 ms of CPU, a fifth of encoding a paragraph). One
    segment is streamed in; several are written to temporary files first, one after
    another, before ``slot`` is taken: ffmpeg runs while it is held."""
    if len(pcms) == 1:
        data, rate = pcms[0]
        return [encode_part(data, rate, bitrate=bitrate, sample_rate=sample_rate, folder=folder, slot=slot)]
    with tempfile.TemporaryDirectory(dir=folder, prefix=".encode-") as tmp:
        inputs, outputs = [], []
        for n, (data, rate) in enumerate(pcms):
            raw = Path(tmp) / f"{n}.raw"
            with raw.open("wb") as fh:
                for block in data:
                    fh.write(block)
            inputs += _input(rate, str(raw))
            outputs += ["-map", f"{n}:a", *_output(bitrate, sample_rate, str(Path(tmp) / f"{n}.mp3"))]
        with slot:
            result = subprocess.run([ffmpeg_path(), *_FFMPEG, *inputs, *outputs], capture_output=True, check=False)
        if result.returncode != 0:
            raise _failed(result.stderr)
        return [_parsed((Path(tmp) / f"{n}.mp3").read_bytes()) for n in range(len(pcms))]


def _frame_count(info: InfoHeader, frames: bytes) -> int:
    """How many frames follow the Info frame: as it records them, when its byte count
    shows it describes these frames; else counted, header by header."""
    if info.frames and info.size == len(info.frame) + len(frames):
        return info.frames
    return count_frames(frames)


def count_frames(frames: bytes) -> int:
    pos = count = 0
    while pos < len(frames):
        pos += read_header(frames, pos).size
        count += 1
    if pos != len(frames):
        raise AudioError("MP3 data ends inside a frame")
    return count


# -- joining ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PartSpan:
    """Where a part's frames are: in a file, from an offset, and what they hold."""

    path: Path
    offset: int
    size: int
    count: int
    padding: int
    music_crc: int


def join(parts: list[PartSpan], info: bytes, path: Path, *, delay: int) -> int:
    """Write the MP3 made of ``parts`` in order to ``path``, behind one Info frame built
    from ``info`` (any part's); returns its size in bytes."""
    if not parts:
        raise AudioError(f"{path}: no audio to write")
    template = read_info(info)
    frames = sum(p.count for p in parts)
    size = len(info) + sum(p.size for p in parts)
    music_crc = parts[0].music_crc
    for p in parts[1:]:
        music_crc = crc16_combine(music_crc, p.music_crc, p.size)
    header = _info_frame(template, frames=frames, size=size, delay=delay, padding=parts[-1].padding,
                         music_crc=music_crc)  # fmt: skip
    with path.open("wb") as out:
        out.write(header)
        for p in parts:
            try:
                with p.path.open("rb") as fh:
                    fh.seek(p.offset)
                    data = fh.read(p.size)
            except OSError as exc:
                raise AudioError(f"{p.path}: can't read an encoded segment: {exc.strerror}") from None
            if len(data) != p.size:
                raise AudioError(f"{p.path}: encoded segment is shorter than recorded")
            out.write(data)
    return size
