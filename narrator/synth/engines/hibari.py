"""hibari: a small offline voice distilled from Kokoro, bundled in its wheel."""

from __future__ import annotations

import threading
from importlib import util

from ...errors import EngineError, VoiceError
from ...models import Clip, VoiceProfile

# Only this voice ships in the wheel; the others download on first use.
BUNDLED = frozenset({"heart"})


class HibariEngine:
    name = "hibari"
    phonemes = "misaki"  # inline pronunciations this engine reads (see narrator.text.lexicon)
    concurrency = "process"  # one onnxruntime session per worker beats more threads per session
    max_chars = 280  # hibari splits longer input itself at 400 phonemes; stay below

    def __init__(self) -> None:
        self._models: dict[str, object] = {}
        self._lock = threading.Lock()

    def unavailable(self, voice: VoiceProfile) -> str | None:
        if util.find_spec("hibari") is None:
            return "the hibari-tts package is not installed"
        if voice.voice not in BUNDLED:
            return f"hibari voice {voice.voice!r} is not bundled and would need a download"
        return None

    def _model(self, voice: VoiceProfile):
        with self._lock:
            if voice.voice not in self._models:
                reason = self.unavailable(voice)
                if reason:
                    raise VoiceError(f"{voice.name}: {reason}")
                from hibari import Hibari

                try:
                    threads = int(voice.option("threads", "1") or 1)
                    self._models[voice.voice] = Hibari(voice=voice.voice, threads=threads)
                except Exception as exc:  # onnxruntime reports load failures broadly
                    raise EngineError(f"{voice.name}: hibari can't load: {exc}") from exc
            return self._models[voice.voice]

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        import numpy as np

        tts = self._model(voice)
        try:
            # A fixed seed makes the same text give the same audio, so results cache.
            audio = tts(text, speed=voice.speed, seed=0)  # type: ignore[operator]
        except Exception as exc:
            raise EngineError(f"{voice.name}: hibari failed on {text[:40]!r}: {exc}") from exc
        return Clip(samples=np.asarray(audio, dtype=np.float32), sample_rate=tts.sample_rate)  # type: ignore[attr-defined]
