"""Turn the bytes an engine returns (WAV, MP3, raw PCM) into a Clip, with pydub."""

from __future__ import annotations

import io
import warnings

import numpy as np

from ...errors import EngineError
from ...models import Clip


def _pydub():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # pydub warns when ffmpeg is not on PATH
        warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop
        from pydub import AudioSegment

    from ...support.ffmpeg import ffmpeg_path

    AudioSegment.converter = ffmpeg_path()
    return AudioSegment


def _to_clip(segment) -> Clip:
    segment = segment.set_channels(1).set_sample_width(2)
    samples = np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    return Clip(samples=samples, sample_rate=segment.frame_rate)


def decode_wav(data: bytes, *, name: str) -> Clip:
    try:
        return _to_clip(_pydub().from_wav(io.BytesIO(data)))
    except Exception as exc:  # pydub and wave raise several types on bad data
        raise EngineError(f"{name}: engine returned audio that can't be read: {exc}") from exc


def decode_mp3(data: bytes, *, name: str) -> Clip:
    try:
        # The temporary-file path needs only ffmpeg, not ffprobe.
        return _to_clip(_pydub().from_file_using_temporary_files(io.BytesIO(data), format="mp3"))
    except Exception as exc:
        raise EngineError(f"{name}: engine returned audio that can't be read: {exc}") from exc


def decode_pcm16(data: bytes, rate: int) -> Clip:
    samples = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0
    return Clip(samples=samples, sample_rate=rate)
