"""Speech engines, behind one small protocol.

Engines are found through the ``narrator.synth.engines`` entry-point group, the built-in
ones included, and loaded only when asked for. A third-party package adds an engine
by declaring::

    [project.entry-points."narrator.engines"]
    myengine = "mypackage.engine:MyEngine"
"""

from __future__ import annotations

from importlib import metadata
from typing import Protocol, runtime_checkable

from ...errors import EngineError
from ...models import Clip, VoiceProfile

GROUP = "narrator.engines"
# Used only when narrator runs without its distribution metadata (not installed).
_FALLBACK = {
    "hibari": "narrator.synth.engines.hibari:HibariEngine",
    "tone": "narrator.synth.engines.tone:ToneEngine",
    "piper": "narrator.synth.engines.piper:PiperEngine",
    "espeak": "narrator.synth.engines.espeak:EspeakEngine",
    "gtts": "narrator.synth.engines.gtts:GTTSEngine",
    "polly": "narrator.synth.engines.polly:PollyEngine",
}


@runtime_checkable
class TTSEngine(Protocol):
    """Turns one chunk of text into audio with one voice."""

    name: str
    #: The longest text, in characters, that one ``synthesise`` call handles well.
    max_chars: int

    def unavailable(self, voice: VoiceProfile) -> str | None:
        """Why ``voice`` can't run here, or None if it can. Must be quick and offline."""

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        """Audio for ``text``. Raises EngineError on failure."""


def _entry_points() -> dict[str, str]:
    found = {ep.name: ep.value for ep in metadata.entry_points(group=GROUP)}
    return found or dict(_FALLBACK)


def engine_names() -> list[str]:
    return sorted(_entry_points())


def load_engine(name: str) -> TTSEngine:
    """An instance of the engine registered as ``name``."""
    targets = _entry_points()
    if name not in targets:
        raise EngineError(f"{name}: unknown engine (known engines: {', '.join(sorted(targets))})")
    module_name, _, attr = targets[name].partition(":")
    try:
        import importlib

        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise EngineError(f"{name}: engine can't be loaded: {exc}") from exc
    return factory()
