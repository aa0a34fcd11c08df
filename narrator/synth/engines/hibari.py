"""hibari: a small offline voice distilled from Kokoro, bundled in its wheel."""

from __future__ import annotations

import gzip
import json
import re
import threading
from functools import cache
from importlib import util
from pathlib import Path

from ...errors import EngineError, VoiceError
from ...models import Clip, VoiceProfile
from . import Engine

# Only this voice ships in the wheel; the others download on first use.
BUNDLED = frozenset({"heart"})


# hibari reads a word's phonemes inline as Markdown-like [word](/phonemes/).
_MARKUP = re.compile(r"\[([^\]]+)\]\(/[^)]*/\)")


@cache
def _dictionary() -> frozenset[str]:
    """Words hibari has a dictionary pronunciation for (its gold and silver lexicons)."""
    try:
        import hibari
    except ImportError:
        return frozenset()
    assets = Path(hibari.__file__).parent / "assets"
    words: set[str] = set()
    for name in ("lexicon_us_gold.json.gz", "lexicon_us_silver.json.gz"):
        try:
            with gzip.open(assets / name, "rt", encoding="utf-8") as fh:
                words.update(json.load(fh))
        except (OSError, ValueError):
            continue
    return frozenset(words)


class HibariEngine(Engine):
    name = "hibari"
    phonemes = "misaki"
    initialisms = "caps"  # "AI" and "A.I." are heard as letters; "A I" as "the eye"
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

    def mark(self, word: str, phonemes: str) -> str:
        return f"[{word}](/{phonemes}/)"

    def unmark(self, text: str) -> str:
        return _MARKUP.sub(lambda m: m.group(1), text)

    def known_words(self) -> frozenset[str]:
        return _dictionary()

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
