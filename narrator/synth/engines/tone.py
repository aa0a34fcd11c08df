"""A test engine: a soft tone as long as the text would take to say. Instant, offline."""

from __future__ import annotations

from ...models import Clip, VoiceProfile
from . import Engine

SAMPLE_RATE = 24000
SECONDS_PER_CHAR = 0.02


class ToneEngine(Engine):
    name = "tone"
    max_chars = 280

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        import numpy as np

        seconds = max(0.1, len(text) * SECONDS_PER_CHAR / voice.speed)
        t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
        fade = np.minimum(1.0, np.minimum(t, t[-1] - t) / 0.02)
        samples = (0.3 * np.sin(2 * np.pi * 440.0 * t) * fade).astype(np.float32)
        return Clip(samples=samples, sample_rate=SAMPLE_RATE)
