"""Write an episode folder all at once: the mastered MP3 with its tags, the transcripts,
the chapters, the player page and ``episode.json``."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..assemble.tags import write_tags
from ..errors import OutputError
from ..models import Article, Episode, EpisodeFiles, EpisodeRecord, Plan, Script, SectionSpan, Status
from ..settings import Settings
from ..support.files import StagedFolder, write_atomic
from .guids import episode_guid
from .player import PAGE, TRANSCRIPT_PAGE, render_player, render_transcript
from .slugs import claim
from .store import Store, dumps
from .transcript import to_chapters_json, to_json_transcript, to_srt, to_vtt

if TYPE_CHECKING:
    from ..assemble.master import EpisodeAudio

HASH_CHARS = 10
#: What a narration run records about itself, not about the episode: kept from the
#: previous run when nothing else changed, so an unchanged episode's files stay as they are.
RUN_FIELDS = ("narrated_at", "elapsed_seconds", "characters_synthesised", "characters_from_cache", "engine_calls")


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hashed_files(slug: str, version: str) -> EpisodeFiles:
    """The episode's file names: the slug and the first characters of its version."""
    stem = f"{slug}-{version[:HASH_CHARS]}"
    return EpisodeFiles(
        audio=f"{stem}.mp3",
        transcript=f"{stem}.vtt",
        srt=f"{stem}.srt",
        json_transcript=f"{stem}.transcript.json",
        chapters=f"{stem}.chapters.json",
        page=PAGE,
        transcript_page=TRANSCRIPT_PAGE,
    )


def describe(article: Article, settings: Settings) -> str:
    """The episode's description: the article's first paragraph and the disclosure."""
    first = article.paragraphs[0] if article.paragraphs else ""
    if len(first) > 400:
        first = first[:400].rsplit(" ", 1)[0] + "…"
    disclosure = settings.disclosure_text if settings.disclosure else ""
    return " ".join(part for part in (first, disclosure) if part)


def _sections(script: Script, plan: Plan) -> tuple[SectionSpan, ...]:
    """Each part's time span and spoken text, for checking the audio against the script."""
    spoken = [p for p in script.parts if p.utterances]
    out = []
    for i, (part, chapter) in enumerate(zip(spoken, plan.chapters, strict=True)):
        end = plan.chapters[i + 1].start if i + 1 < len(plan.chapters) else plan.duration
        out.append(SectionSpan(title=chapter.title, start=chapter.start, end=round(end, 3), text=part.text))
    return tuple(out)


def _as_before(record: EpisodeRecord, previous: EpisodeRecord | None) -> EpisodeRecord:
    """``record`` with ``previous``'s run details when nothing else differs, so an
    unchanged narration leaves ``episode.json``, its pages and an undated episode's date
    in the feed as they were."""
    if previous is None:
        return record
    kept = replace(record, **{name: getattr(previous, name) for name in RUN_FIELDS})
    return kept if dumps(kept) == dumps(previous) else record


@dataclass(frozen=True, kw_only=True)
class Narration:
    """What a narration run made and how: everything an episode folder is written from
    besides the settings."""

    script: Script
    encoded: EpisodeAudio
    voice: str
    engine: str
    status: Status = "published"
    intro_voice: str | None = None
    elapsed_seconds: float | None = None


def write_episode(
    store: Store,
    slug: str,
    narration: Narration,
    settings: Settings,
    *,
    guid: str | None = None,
    staged: StagedFolder | None = None,
) -> Episode:
    """Write ``OUT/slug/`` all at once: MP3 with ID3 tags, transcripts, chapters, page and
    record. An earlier episode with the same slug is replaced only when all is written,
    and files whose bytes don't change are left as they were.

    With ``staged``, the files are written into it and the caller swaps it in (after
    checking it, say) and commits it or rolls it back; the Episode names the files where
    they will be."""
    if staged is None:
        with StagedFolder(store.out, slug) as staged:
            episode = write_episode(store, slug, narration, settings, guid=guid, staged=staged)
        if not episode.audio.is_file():
            raise OutputError(f"{episode.directory}: episode was not written")
        return episode
    script, encoded = narration.script, narration.encoded
    article = script.article
    plan = encoded.plan
    title = article.title or slug.replace("-", " ").capitalize()
    audio_settings = settings.audio
    folder = staged.path
    audio = folder / f"{slug}.mp3"
    mastered = encoded.write(audio)
    disclosure = settings.disclosure_text if settings.disclosure else None
    description = describe(article, settings)
    write_tags(
        audio,
        title=title,
        author=article.author,
        album=settings.podcast.title,
        published=article.published,
        comment=description,
        disclosure=disclosure,
        chapters=plan.chapters,
        duration=plan.duration,
        artwork=audio_settings.artwork,
    )
    # Files are named after the audio's content, so a corrected episode never
    # reuses a URL a client may have cached or be resuming a download from.
    version = _file_sha256(audio)[:16]
    files = hashed_files(slug, version)
    audio = audio.rename(folder / files.audio)
    write_atomic(folder / files.transcript, to_vtt(plan.cues))
    write_atomic(folder / files.srt, to_srt(plan.cues))  # type: ignore[operator]
    write_atomic(folder / files.json_transcript, to_json_transcript(plan.cues))  # type: ignore[operator]
    write_atomic(folder / files.chapters, to_chapters_json(plan.chapters, title=title))  # type: ignore[operator]
    record = EpisodeRecord(
        slug=slug,
        guid=guid or episode_guid(article),
        version=version,
        title=title,
        files=files,
        duration=round(plan.duration, 3),
        bytes=audio.stat().st_size,
        author=article.author,
        published=article.published,
        language=article.language,
        url=article.url,
        source=article.source,
        format=article.format,
        description=description,
        voice=narration.voice,
        engine=narration.engine,
        loudness_lufs=round(mastered.loudness, 1),
        true_peak_dbtp=round(mastered.true_peak, 1),
        bitrate_kbps=audio_settings.bitrate,
        sample_rate=audio_settings.sample_rate,
        words=article.word_count,
        characters_synthesised=encoded.characters_synthesised,
        characters_from_cache=encoded.characters_cached,
        engine_calls=encoded.engine_calls,
        disclosure=disclosure,
        chapters=plan.chapters,
        sections=_sections(script, plan),
        narrated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        status=narration.status,
        intro_voice=narration.intro_voice,
        elapsed_seconds=narration.elapsed_seconds,
    )
    record = _as_before(record, store.read(slug))
    write_atomic(folder / TRANSCRIPT_PAGE, render_transcript(record, plan.cues, settings, script=script))
    write_atomic(folder / PAGE, render_player(record, plan.cues, settings, standalone=True))
    store.write(record, folder)
    return store.episode(record, plan.cues)


def write_new(store: Store, base: str, narration: Narration, settings: Settings) -> tuple[Episode, StagedFolder]:
    """Claim the slug of ``script``'s article (``base``, unless it is an episode already:
    see :func:`~narrator.episodes.slugs.claim`) and write its episode into a staged
    folder, as :func:`write_episode` does; the caller swaps it in."""
    slug, guid = claim(store, base, narration.script)
    staged = StagedFolder(store.out, slug)
    try:
        episode = write_episode(store, slug, narration, settings, guid=guid, staged=staged)
        return episode, staged
    except BaseException:
        staged.rollback()
        raise
