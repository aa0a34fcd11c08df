"""The data that flows between pipeline stages.

Every stage takes and returns these frozen, keyword-only dataclasses, so a stage can't
change what an earlier stage produced and a misspelt field fails loudly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np

PauseKind = Literal["sentence", "paragraph", "section"]
SectionKind = Literal["intro", "body", "outro"]
#: published: in every feed; held: kept out of feeds by a failed check; draft: kept out
#: until an editor publishes it.
Status = Literal["published", "held", "draft"]
STATUSES: tuple[Status, ...] = ("published", "held", "draft")
#: Called with (done, total) as a narration's chunks are synthesised: first (0, total).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, kw_only=True)
class Section:
    """A part of an article: an optional heading and its paragraphs, as written."""

    title: str | None = None
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Article:
    """An article as read from its source; after ``clean``, only its own content."""

    title: str | None = None
    author: str | None = None
    published: dt.date | dt.datetime | None = None
    language: str | None = None
    url: str | None = None
    source: str = ""
    format: str = "text"
    sections: tuple[Section, ...] = ()
    #: True when the article had no title and ``title`` was made from its first sentence:
    #: a name for listings and the feed, not read in the intro nor used as its identity.
    title_from_text: bool = False

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True, kw_only=True)
class Utterance:
    """One sentence: how it is written, what the voice says, and the pause after it.

    ``chunks`` splits ``spoken`` into pieces no longer than the engine's limit; a
    short sentence is one chunk.
    """

    written: str
    spoken: str
    chunks: tuple[str, ...]
    pause: PauseKind = "sentence"
    #: "heading" for a section title, read in the profile's intro voice if it has one.
    kind: Literal["text", "heading"] = "text"


@dataclass(frozen=True, kw_only=True)
class ScriptSection:
    """A part of the script: the intro, one section of the article, or the outro."""

    kind: SectionKind
    title: str | None
    written: str
    utterances: tuple[Utterance, ...]

    @property
    def text(self) -> str:
        """Exactly what the voice will say for this section."""
        return " ".join(u.spoken for u in self.utterances)


@dataclass(frozen=True, kw_only=True)
class Script:
    """Everything that will be spoken, in order."""

    article: Article
    intro: ScriptSection
    sections: tuple[ScriptSection, ...]
    outro: ScriptSection

    @property
    def parts(self) -> tuple[ScriptSection, ...]:
        return (self.intro, *self.sections, self.outro)

    @property
    def characters(self) -> int:
        return sum(len(c) for p in self.parts for u in p.utterances for c in u.chunks)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``narrator script --json``."""
        article = self.article
        return {
            "title": article.title,
            "author": article.author,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
            "intro": self.intro.text,
            "sections": [{"title": s.title, "written": s.written, "text": s.text} for s in self.sections],
            "outro": self.outro.text,
        }


@dataclass(frozen=True, kw_only=True)
class VoiceProfile:
    """A named voice: which engine speaks, how fast, and how long it pauses."""

    name: str
    engine: str
    voice: str
    language: str = "en"
    speed: float = 1.0
    sentence_pause: float = 0.35
    paragraph_pause: float = 0.7
    section_pause: float = 1.2
    description: str = ""
    #: Another profile that reads the intro, section titles and outro.
    intro_voice: str | None = None
    #: A pronunciation lexicon to apply for this voice.
    lexicon: str | None = None
    #: Extra engine options from the profile's [options] table (model path, engine id...).
    options: tuple[tuple[str, str], ...] = ()
    path: Path | None = None

    def option(self, name: str, default: str | None = None) -> str | None:
        return dict(self.options).get(name, default)

    def pause_after(self, kind: PauseKind) -> float:
        return {
            "sentence": self.sentence_pause,
            "paragraph": self.paragraph_pause,
            "section": self.section_pause,
        }[kind]


@dataclass(frozen=True, kw_only=True, eq=False)
class Clip:
    """Mono float32 audio from an engine, in [-1, 1]."""

    samples: np.ndarray
    sample_rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


@dataclass(frozen=True, kw_only=True)
class Cue:
    """One sentence of the transcript and when it is heard, in seconds."""

    start: float
    end: float
    text: str


@dataclass(frozen=True, kw_only=True)
class Chapter:
    """A chapter mark: the intro, or one section of the article."""

    start: float
    title: str


@dataclass(frozen=True)
class ClipRef:
    """A clip stored in the clip cache: where it is and how long it is."""

    path: Path
    samples: int
    rate: int


@dataclass(frozen=True, kw_only=True)
class Plan:
    """The episode's timeline as encoded: transcript cues, chapters and length."""

    rate: int  # of the MP3; ``samples`` counts at this rate
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    samples: int

    @property
    def duration(self) -> float:
        return self.samples / self.rate


@dataclass(frozen=True, kw_only=True)
class Mastered:
    """An encoded episode's measured loudness (LUFS) and true peak (dBTP)."""

    loudness: float
    true_peak: float


@dataclass(frozen=True, kw_only=True)
class SectionSpan:
    """Where one part of the script is heard, and what it says: for checking the audio."""

    title: str
    start: float
    end: float
    text: str


@dataclass(frozen=True, kw_only=True)
class EpisodeFiles:
    """The names of an episode's files inside its folder."""

    audio: str
    transcript: str
    srt: str | None = None
    json_transcript: str | None = None
    chapters: str | None = None
    page: str | None = None
    transcript_page: str | None = None

    def items(self) -> list[tuple[str, str]]:
        """(kind, file name) for every file the episode has."""
        names = ("audio", "transcript", "srt", "json_transcript", "chapters", "page", "transcript_page")
        return [(kind, getattr(self, kind)) for kind in names if getattr(self, kind)]


@dataclass(frozen=True, kw_only=True)
class EpisodeRecord:
    """What ``episode.json`` holds: an episode's metadata, read and written only by
    :mod:`narrator.episodes.store`."""

    slug: str
    guid: str
    version: str  # changes whenever the audio does
    title: str
    files: EpisodeFiles
    duration: float
    bytes: int
    author: str | None = None
    published: dt.date | dt.datetime | None = None
    language: str | None = None
    url: str | None = None
    source: str = ""
    format: str = "text"
    description: str = ""
    voice: str = ""
    engine: str = ""
    intro_voice: str | None = None
    loudness_lufs: float | None = None
    true_peak_dbtp: float | None = None
    bitrate_kbps: int | None = None
    sample_rate: int | None = None
    words: int = 0
    characters_synthesised: int = 0
    characters_from_cache: int = 0
    engine_calls: int = 0
    elapsed_seconds: float | None = None
    disclosure: str | None = None
    chapters: tuple[Chapter, ...] = ()
    sections: tuple[SectionSpan, ...] = ()
    narrated_at: dt.datetime | None = None
    status: Status = "published"
    #: The report of the check that held the episode back, if one did.
    check: Mapping[str, Any] | None = field(default=None, compare=False)
    #: Where a remote store keeps each file, by kind (S3 keys); empty for a folder.
    keys: Mapping[str, str] | None = field(default=None, compare=False)

    @property
    def listed(self) -> bool:
        """Whether the episode belongs in feeds."""
        return self.status == "published"

    def sort_key(self) -> tuple[str, str]:
        when = self.published or self.narrated_at
        return (when.isoformat() if when else "", self.slug)


@dataclass(frozen=True, kw_only=True)
class Episode:
    """A narrated episode: its record, and where it lives (``OUT/<slug>/``, made by
    :meth:`narrator.episodes.store.EpisodeStore.episode`)."""

    record: EpisodeRecord
    directory: Path
    metadata_file: Path
    #: The transcript's cues, when the episode was just written.
    cues: tuple[Cue, ...] = field(default=(), repr=False)

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def duration(self) -> float:
        return self.record.duration

    @property
    def audio(self) -> Path:
        return self.directory / self.record.files.audio

    @property
    def transcript(self) -> Path:
        return self.directory / self.record.files.transcript

    @property
    def chapters_file(self) -> Path | None:
        name = self.record.files.chapters
        return self.directory / name if name else None

    @property
    def page(self) -> Path | None:
        name = self.record.files.page
        return self.directory / name if name else None

    def as_dict(self, relative_to: Path | None = None) -> dict[str, Any]:
        """The JSON shape of ``narrate --json`` and of a narration job's result: what the
        episode is, and its files, as paths relative to ``relative_to`` when given."""

        def where(path: Path | None) -> str | None:
            if path is None:
                return None
            return str(path.relative_to(relative_to) if relative_to is not None else path)

        record = self.record
        return {
            "slug": record.slug,
            "title": record.title,
            "author": record.author,
            "published": record.published.isoformat() if record.published else None,
            "duration": round(record.duration, 3),
            "status": record.status,
            "audio": where(self.audio),
            "transcript": where(self.transcript),
            "chapters": where(self.chapters_file),
            "episode": where(self.metadata_file),
            "page": where(self.page),
        }


@dataclass(frozen=True, kw_only=True)
class VoiceInfo:
    """A voice profile, and whether it can run here."""

    profile: VoiceProfile
    reason: str | None  # why it can't run here, or None
    default: bool

    @property
    def available(self) -> bool:
        return self.reason is None


@dataclass(frozen=True, kw_only=True)
class PublishResult:
    """What a publish did: where the feed is, and which files it sent or removed."""

    target: str
    feed_url: str
    episodes: int
    uploaded: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    feed_changed: bool = False
