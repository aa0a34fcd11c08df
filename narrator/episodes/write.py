"""Write an episode folder all at once: the mastered MP3 with its tags, the transcripts,
the chapters, the player page and ``episode.json``."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..assemble.tags import write_tags
from ..errors import OutputError
from ..models import Article, Episode, EpisodeFiles, EpisodeRecord, Plan, Script, SectionSpan, Status
from ..output import StagedFolder, write_atomic
from ..settings import Settings
from .player import PAGE, TRANSCRIPT_PAGE, render_player, render_transcript
from .store import EpisodeStore, dumps
from .transcript import to_chapters_json, to_json_transcript, to_srt, to_vtt

if TYPE_CHECKING:
    from ..assemble.master import EpisodeAudio

EPISODE_NAMESPACE = uuid.UUID("5f0e8d4c-3b1a-5c7e-9a2d-6e4f8b1c0d93")
HASH_CHARS = 10
#: How alike two versions of an undated article's words must be (the share of word pairs
#: they have in common) to be one article corrected: a changed word in a sentence of ten
#: keeps about 0.7, a different letter on the same subject shares a few "of the"s.
SAME = 0.5
#: How many word pairs' hashes a sketch of an article's words keeps.
SKETCH = 256
#: What a narration run records about itself, not about the episode: kept from the
#: previous run when nothing else changed, so an unchanged episode's files stay as they are.
RUN_FIELDS = ("narrated_at", "elapsed_seconds", "characters_synthesised", "characters_from_cache", "engine_calls")


def _uuid(key: str) -> str:
    return str(uuid.uuid5(EPISODE_NAMESPACE, key))


def _day(when: dt.date | dt.datetime | None) -> str | None:
    return when.date().isoformat() if isinstance(when, dt.datetime) else when.isoformat() if when else None


def _body_digest(article: Article) -> str:
    words = "\n".join(article.paragraphs).encode("utf-8", "surrogatepass")
    return hashlib.sha256(words).hexdigest()


def episode_guid(article: Article) -> str:
    """The guid an article has on its own: from its URL; else its title, author and
    date; else, undated, its title and author (which :func:`choose_guid` tells apart
    from another article's by the words); an article with neither URL nor title (one
    named after its first sentence has none) has nothing stable but its words, so two
    untitled texts never share a guid."""
    if article.url:
        return _uuid(article.url)
    if article.title and not article.title_from_text:
        day = _day(article.published)
        return _uuid(f"{article.title}|{article.author or ''}" + (f"|{day}" if day else ""))
    return _uuid("untitled|" + _body_digest(article))


def _pairs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def _sketch(text: str, frame: str) -> tuple[int, ...]:
    """The words of ``text`` as the smallest :data:`SKETCH` hashes of its word pairs,
    leaving out the pairs of ``frame`` (the introduction and closing: the title, author
    and podcast, the same for any article with this title). Every pair, for an article of
    up to about 250 words."""
    pairs = _pairs(text) - _pairs(frame)
    hashes = {int.from_bytes(hashlib.blake2b(p.encode(), digest_size=8).digest()) for p in pairs}
    return tuple(sorted(hashes)[:SKETCH])


def likeness(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of word pairs two sketches have in common (0 to 1): exact when both
    hold every pair, else estimated from the smallest hashes of the two together."""
    if not a and not b:
        return 1.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union)


def sketch(script: Script) -> tuple[int, ...]:
    """The sketch of ``script``'s body (see :func:`likeness`)."""
    return _sketch(" ".join(p.text for p in script.sections), script.intro.text + "\n" + script.outro.text)


@dataclass(frozen=True)
class Claim:
    """What ``OUT/.slugs/<slug>`` keeps for the article that claimed the slug: its guid,
    and, since guids tell recurring headlines apart, its title and author's guid
    (:func:`family`) and the sketch of its words, so a retracted article narrated again
    is still itself. Claims made before hold the guid alone."""

    guid: str
    family: str = ""
    sketch: tuple[int, ...] | None = None

    def dumps(self) -> str:
        return "\n".join([self.guid, self.family, " ".join(f"{h:016x}" for h in self.sketch or ())]) + "\n"

    @classmethod
    def loads(cls, text: str) -> Claim:
        lines = text.split("\n")
        family = lines[1].strip() if len(lines) > 1 else ""
        try:
            found = tuple(int(h, 16) for h in lines[2].split()) if len(lines) > 2 and family else None
        except ValueError:
            found = None
        return cls(lines[0].strip(), family, found)


def family(article: Article) -> str:
    """The guid of the article's title and author alone: what every episode of a
    recurring headline shares, and the whole guid of one narrated before guids told them
    apart."""
    named = article.title and not article.title_from_text and not article.url
    return _uuid(f"{article.title}|{article.author or ''}") if named else ""


def make_claim(script: Script, guid: str) -> Claim:
    return Claim(guid, family(script.article), sketch(script))


def choose_guid(script: Script, records: Iterable[EpisodeRecord], claims: Iterable[Claim]) -> str:
    """The guid of ``script``'s article among the episodes in ``records`` and the slugs
    ``claims`` hold, so that a corrected article keeps its episode and a recurring
    headline ("Letters to the editor", by the same author) is a new one each time.

    With a URL, or without a title, :func:`episode_guid` says. With a date, the title,
    author and date do: a new date is a new article. Without one, an article whose words
    are close enough to an earlier one's with the same title and author (a correction
    changes a few words; the earlier one may since have been retracted) is that article;
    else it is new, and gets the title and author's guid if nothing holds it yet, else
    one made from its words too. Episodes narrated when the guid was the title and author
    alone, dated or not, are still found by a correction."""
    article = script.article
    legacy = family(article)
    if not legacy:
        return episode_guid(article)
    author = article.author or None
    claims = list(claims)
    ours = sketch(script)
    frame = script.intro.text + "\n" + script.outro.text
    # Earlier articles with this title and author, and the sketches of their words.
    namesakes = {r.guid: _sketch(" ".join(s.text for s in r.sections), frame) for r in records
                 if not r.url and r.title == article.title and (r.author or None) == author}  # fmt: skip
    for claim in claims:
        if claim.family == legacy and claim.sketch is not None:
            namesakes.setdefault(claim.guid, claim.sketch)
    day = _day(article.published)
    if day:
        for record in records:  # the same article narrated under the old rule: its date, or undated, its words
            if record.guid != legacy:
                continue
            undated_alike = not record.published and likeness(ours, namesakes.get(legacy, ())) >= SAME
            if _day(record.published) == day or undated_alike:
                return legacy
        return episode_guid(article)
    scored = sorted(((likeness(ours, theirs), guid) for guid, theirs in namesakes.items()), reverse=True)
    if scored and scored[0][0] >= SAME:
        return scored[0][1]
    if legacy not in {r.guid for r in records} | {c.guid for c in claims}:
        return legacy
    return _uuid(f"{article.title}|{article.author or ''}|{_body_digest(article)}")


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


def write_episode(
    store: EpisodeStore,
    slug: str,
    *,
    encoded: EpisodeAudio,
    script: Script,
    voice: str,
    engine: str,
    settings: Settings,
    status: Status = "published",
    stats: dict[str, Any] | None = None,
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
            episode = write_episode(store, slug, encoded=encoded, script=script, voice=voice, engine=engine,
                                    settings=settings, status=status, stats=stats, guid=guid,
                                    staged=staged)  # fmt: skip
        if not episode.audio.is_file():
            raise OutputError(f"{episode.directory}: episode was not written")
        return episode
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
        voice=voice,
        engine=engine,
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
        status=status,
        **(stats or {}),
    )
    record = _as_before(record, store.read(slug))
    write_atomic(folder / TRANSCRIPT_PAGE, render_transcript(record, plan.cues, settings, script=script))
    write_atomic(folder / PAGE, render_player(record, plan.cues, settings, standalone=True))
    store.write(record, folder)
    final = store.out / slug
    return Episode(
        slug=slug,
        directory=final,
        audio=final / files.audio,
        transcript=final / files.transcript,
        chapters_file=final / files.chapters,  # type: ignore[operator]
        metadata_file=final / "episode.json",
        duration=plan.duration,
        title=title,
        author=article.author,
        published=article.published,
        voice=voice,
        chapters=plan.chapters,
        cues=plan.cues,
        record=record,
    )
