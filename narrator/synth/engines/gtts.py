"""gTTS: Google Translate's text-to-speech voice. Needs Google's endpoint, so it is an
option for publishers who accept that, never the default."""

from __future__ import annotations

import socket
from collections.abc import Callable
from importlib import util

from ...errors import EngineError
from ...models import Clip, VoiceProfile
from . import Engine
from .decode import decode_mp3


def _reachable(host: str) -> bool:
    try:
        with socket.create_connection((host, 443), timeout=1.5):
            return True
    except OSError:
        return False


class GTTSEngine(Engine):
    name = "gtts"
    max_chars = 200
    concurrency = "thread"

    def __init__(self, probe: Callable[[str], bool] = _reachable) -> None:
        self._probe = probe

    def _host(self, voice: VoiceProfile) -> str:
        return f"translate.google.{voice.option('tld', 'com')}"

    def unavailable(self, voice: VoiceProfile) -> str | None:
        if util.find_spec("gtts") is None:
            return "the gTTS package is not installed"
        if not self._probe(self._host(voice)):
            return f"needs Google's endpoint {self._host(voice)}, which can't be reached (offline?)"
        return None

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        import io

        from gtts import gTTS, gTTSError

        buffer = io.BytesIO()
        try:
            gTTS(text, lang=voice.voice, tld=voice.option("tld", "com"), slow=False).write_to_fp(buffer)
        except (gTTSError, ValueError, AssertionError) as exc:
            raise EngineError(f"{voice.name}: Google's TTS endpoint failed: {exc}") from exc
        clip = decode_mp3(buffer.getvalue(), name=voice.name)
        if voice.speed != 1.0:
            clip = _speed_up(clip, voice.speed)
        return clip


def _speed_up(clip: Clip, speed: float) -> Clip:
    """gTTS has one pace; change it by resampling (a slight pitch change, like a podcast app)."""
    from math import gcd

    from ...support.fft import scipy_imports

    with scipy_imports():
        from scipy.signal import resample_poly

    up, down = 100, round(100 * speed)
    g = gcd(up, down)
    return Clip(samples=resample_poly(clip.samples, up // g, down // g).astype("float32"), sample_rate=clip.sample_rate)
