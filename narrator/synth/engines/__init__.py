"""Speech engines, behind one small protocol.

Engines are found through the ``narrator.engines`` entry-point group, the built-in
ones included, and loaded only when asked for. A third-party package adds an engine
by declaring::

    [project.entry-points."narrator.engines"]
    myengine = "mypackage.engine:MyEngine"

and subclassing :class:`Engine`, which gives the optional parts sensible defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from ...errors import EngineError
from ...models import Clip, VoiceProfile
from ...plugins import load_plugin, registered

GROUP = "narrator.engines"
_BUILTIN = {
    "hibari": "narrator.synth.engines.hibari:HibariEngine",
    "tone": "narrator.synth.engines.tone:ToneEngine",
    "piper": "narrator.synth.engines.piper:PiperEngine",
    "espeak": "narrator.synth.engines.espeak:EspeakEngine",
    "gtts": "narrator.synth.engines.gtts:GTTSEngine",
    "polly": "narrator.synth.engines.polly:PollyEngine",
}

#: How synthesis may run in parallel: CPU-bound engines in worker processes, engines
#: that wait on a service in threads, or not at all.
Concurrency = Literal["process", "thread", "none"]


@runtime_checkable
class TTSEngine(Protocol):
    """Turns one chunk of text into audio with one voice."""

    name: str
    #: The longest text, in characters, that one ``synthesise`` call handles well.
    max_chars: int
    concurrency: Concurrency
    #: Part of every cached clip's key: change it when the same text would sound different.
    version: str
    #: The phoneme alphabet the engine reads inline ("misaki", "ipa"), or None.
    phonemes: str | None
    #: How to write initialisms so the voice says their letters: "caps" (FBI), "dotted"
    #: (F.B.I.), "spaced", "hyphened" or "names" (see narrator.text.initialisms).
    initialisms: str

    def unavailable(self, voice: VoiceProfile) -> str | None:
        """Why ``voice`` can't run here, or None if it can. Must be quick and offline."""

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        """Audio for ``text``. Raises EngineError on failure."""

    def mark(self, word: str, phonemes: str) -> str:
        """Inline markup that has the engine say ``word`` as ``phonemes`` (in its alphabet)."""

    def unmark(self, text: str) -> str:
        """``text`` with the engine's inline markup reduced to the words it stands for."""

    def known_words(self) -> frozenset[str]:
        """Words the engine has a dictionary pronunciation for; empty if it can't tell."""

    # Optional, and so not a member here (an engine without it is still a TTSEngine):
    # ``use_cache(folder)``, see :class:`KeepsData`.


@runtime_checkable
class KeepsData(Protocol):
    """The optional part of :class:`TTSEngine` for an engine with data of its own that
    loads faster from a copy it makes (:class:`Engine` does nothing)."""

    def use_cache(self, folder: Path) -> None:
        """Keep quicker-to-load copies of the engine's data in ``folder``, the user's cache
        folder (whether or not clips are cached). Called before the engine is used."""


class Engine:
    """Defaults for the optional parts of :class:`TTSEngine`: no parallelism, no inline
    phonemes, no dictionary, no data of its own to keep."""

    name = "engine"
    max_chars = 280
    concurrency: Concurrency = "none"
    version = "1"
    phonemes: str | None = None
    initialisms = "caps"

    def unavailable(self, voice: VoiceProfile) -> str | None:
        return None

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        raise NotImplementedError

    def mark(self, word: str, phonemes: str) -> str:
        return word

    def unmark(self, text: str) -> str:
        return text

    def known_words(self) -> frozenset[str]:
        return frozenset()

    def use_cache(self, folder: Path) -> None:
        return None


def _engines() -> dict[str, str]:
    return registered(GROUP, _BUILTIN)


def engine_names() -> list[str]:
    return sorted(_engines())


def load_engine(name: str) -> TTSEngine:
    """An instance of the engine registered as ``name``."""
    targets = _engines()
    if name not in targets:
        raise EngineError(f"{name}: unknown engine (known engines: {', '.join(sorted(targets))})")
    engine = load_plugin(targets[name], name=name, what="engine", error=EngineError)()
    if not isinstance(engine, TTSEngine):
        raise EngineError(f"{name}: not a speech engine (see narrator.synth.engines.TTSEngine)")
    return engine
