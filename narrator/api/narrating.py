"""Narrating: an article into an episode, checked when asked, and into every feed."""


from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..episodes.slugs import slugify
from ..episodes.store import EpisodeStore
from ..errors import HeldError
from ..models import Episode, Progress, Status
from ..settings import Settings
from ..support.files import StagedFolder, ensure_writable, writing_in
from ..synth.cache import cache_folder
from ..synth.voices import load_profile, pick_voice, voicing_for
from .episodes import _podcast, _publish, _publish_all, _refuse_broken_feeds, _store
from .reading import _script, read_article

if TYPE_CHECKING:
    from ..episodes.check import CheckReport


# -- narrating ----------------------------------------------------------------------------
@contextlib.contextmanager
def _written(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None,
    fmt: str | None,
    progress: Progress | None,
    status: Status,
) -> Iterator[tuple[Episode, StagedFolder]]:
    """Narrate ``source`` into a staged episode folder, without touching any feed. The
    caller swaps it in; it is committed when the block succeeds and rolled back (the
    previous episode put back, or none) when it fails."""
    # Audio modules load here, not at import, so `narrator script` starts quickly.
    from ..assemble.master import Encoding, master
    from ..episodes.write import Narration, write_new
    from ..synth.cache import clip_cache
    from ..synth.synthesise import Synthesiser, check_voice, default_jobs, script_keys

    started = time.perf_counter()
    load_profile(settings.voice, settings.voices_dir)  # an unknown voice fails before any work
    article = read_article(source, settings, data=data, fmt=fmt)
    # Only now, with an article to narrate, is anything made in the output folder.
    ensure_writable(Path(settings.out))
    store = _store(settings)
    voicing = voicing_for(pick_voice(article, settings.voice, settings.voices_dir), settings.voices_dir)
    check_voice(voicing.engine, voicing.profile)
    voicing.prepare(cache_folder(settings))
    script = _script(article, voicing, settings)
    keys = script_keys(script, voicing)
    encoding = Encoding(bitrate=settings.audio.bitrate, sample_rate=settings.audio.sample_rate,
                        target=settings.audio.loudness)  # fmt: skip
    # The staged folder is rolled back by whatever fails after it is made, closing the clip
    # cache included (its upload and pruning take a while: a worker stopped by SIGTERM then
    # left a whole staged episode behind).
    with contextlib.ExitStack() as staging:
        with clip_cache(settings) as cache:
            # Synthesis runs in the background while finished segments are encoded.
            jobs = settings.jobs or default_jobs()
            with Synthesiser(voicing, cache, keys.tasks, jobs=jobs, progress=progress) as synthesiser:
                audio = master(script, voicing.profile, keys, synthesiser, cache, encoding)
            base = slugify(article.title, fallback=slugify(Path(str(source)).stem, "article"))
            narration = Narration(script=script, encoded=audio, voice=voicing.profile.name,
                                  engine=voicing.engine.name, status=status,
                                  intro_voice=voicing.intro.name if voicing.intro else None,
                                  elapsed_seconds=round(time.perf_counter() - started, 3))  # fmt: skip
            episode, staged = write_new(store, base, narration, settings)
            staging.enter_context(staged)
        yield episode, staged


def narrate(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
    draft: bool = False,
    check: bool = False,
    force: bool = False,
) -> Episode:
    """Narrate ``source`` into ``settings.out/<slug>/`` and rebuild every feed.

    A ``draft`` stays out of feeds until :func:`set_status` publishes it. With
    ``check``, the episode is transcribed first and, if a section is flagged, held back
    from every feed (HeldError) unless ``force`` is given.

    The episode takes its place only when every step before the publish has passed, and
    a publish that fails puts the previous episode back (or none): a failed narration
    leaves nothing a later publish would put in a feed.
    """
    # The stored podcast, the public feeds' rules and the check are checked before any work.
    podcast = _podcast(settings)
    settings = podcast.settings
    if not draft:
        _refuse_broken_feeds(settings)
    if check:
        from ..episodes.check import require_qa

        require_qa()
    held = None
    status: Status = "draft" if draft else "published"
    writes = writing_in(Path(settings.out), cache_folder(settings))
    with writes, _written(source, settings, data=data, fmt=fmt, progress=progress, status=status) as (episode, staged):
        try:
            if check:
                # Listened to where it was written, so the episode in place stays in
                # every feed until the new one has passed.
                report = replace(check_episode(staged.path), episode=str(episode.directory))
                if report.flagged and not force:
                    record = replace(episode.record, status="held", check=report.as_dict())
                    EpisodeStore(Path(settings.out)).write(record, staged.path)
                    episode = replace(episode, record=record)
                    held = "; ".join(f"{s.title}: {s.reason} (WER {s.wer:.0%})" for s in report.sections if s.flagged)
            staged.swap()
            # With an object store, the episode goes into it (its record last) before the feed is rebuilt.
            commit = (episode.record,) if settings.store else ()
            _publish_all(podcast, removing=draft or held is not None, commit=commit)
        except BaseException:
            if staged.swapped:
                staged.rollback()
                if not settings.store:  # an object store lists nothing whose record wasn't written
                    with contextlib.suppress(Exception):  # the folder's feed as it was, if it can be written
                        _publish(podcast, None, removing=True)
            raise
    if settings.store:
        # The object store holds the episode now: this machine keeps nothing of it.
        with contextlib.suppress(Exception):
            EpisodeStore(Path(settings.out)).remove(episode.record.slug)
    if held is not None:
        raise HeldError(f"{episode.directory}: held back from the feed by the check: {held}")
    return episode


def check_episode(folder: Path, *, max_wer: float | None = None) -> CheckReport:
    """Transcribe an episode offline and score each section against its script."""
    from ..episodes.check import DEFAULT_MAX_WER
    from ..episodes.check import check_episode as run

    return run(Path(folder), max_wer=DEFAULT_MAX_WER if max_wer is None else max_wer)


