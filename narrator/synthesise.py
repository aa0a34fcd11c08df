"""Synthesise: every chunk of the script through the voice's engine."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .engines import TTSEngine
from .errors import EngineError, VoiceError
from .models import Clip, Script, VoiceProfile

Progress = Callable[[int], None]


def check_voice(engine: TTSEngine, voice: VoiceProfile) -> None:
    reason = engine.unavailable(voice)
    if reason:
        raise VoiceError(f"{voice.name}: voice can't run here: {reason}")


def synthesise_script(
    script: Script,
    engine: TTSEngine,
    voice: VoiceProfile,
    *,
    progress: Progress | None = None,
) -> tuple[tuple[Clip, ...], ...]:
    """One clip per utterance, grouped by script part (intro, sections, outro)."""
    check_voice(engine, voice)
    parts = []
    for part in script.parts:
        clips = []
        for utterance in part.utterances:
            pieces = [engine.synthesise(text, voice) for text in utterance.chunks]
            rates = {p.sample_rate for p in pieces}
            if len(rates) != 1:
                raise EngineError(f"{engine.name}: clips came back at different sample rates")
            samples = np.concatenate([p.samples for p in pieces]).astype(np.float32, copy=False)
            clips.append(Clip(samples=samples, sample_rate=rates.pop()))
            if progress:
                progress(1)
        parts.append(tuple(clips))
    return tuple(parts)
