"""Listening figures: the player's events counted, access logs imported as downloads, and
the figures read back, for the editor's Stats page and ``narrator stats``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import StatsError
from ..settings import Settings
from ..stats import DayFigures, EpisodeFigures, Event, StatsFigures, StatsStore, validate_event
from ..stats.downloads import ImportResult
from .episodes import find_episode, list_episodes

__all__ = [
    "DayFigures",
    "EpisodeFigures",
    "Event",
    "ImportResult",
    "StatsFigures",
    "figures",
    "figures_csv",
    "import_downloads",
    "listening_figures",
    "record_event",
    "stats_store",
    "validate_event",
]

_stores: dict[Path, StatsStore] = {}
_lock = threading.Lock()


def stats_store(settings: Settings) -> StatsStore:
    """The output folder's stats store, one a process (its connections are kept open)."""
    path = Path(settings.out).resolve()
    with _lock:
        store = _stores.get(path)
        if store is None or not store.path.exists():
            store = _stores[path] = StatsStore.for_output(path)
        return store


def record_event(event: Event | Mapping[str, Any], settings: Settings, at: dt.datetime | None = None) -> bool:
    """Count one event of the player; False if it was counted before.

    A decoded JSON object is checked first (StatsError if it is malformed or its episode
    doesn't exist); an :class:`Event` is taken as one its caller has checked so."""
    if not isinstance(event, Event):
        event = validate_event(event)
        if find_episode(event.episode, settings) is None:
            raise StatsError(f"{event.episode}: no such episode")
    when = at or dt.datetime.now(dt.UTC)
    return stats_store(settings).add_event(event.episode, event.view, event.kind, event.value, when)


def figures(
    settings: Settings,
    episode: str | None = None,
    days: int = 30,
    today: dt.date | None = None,
    *,
    include: Iterable[str] | None = None,
) -> StatsFigures:
    """The figures of the last ``days`` days (UTC): of ``episode`` (StatsError if there is no
    such episode), or of every episode with any, and those in ``include`` (by default every
    episode of the output folder) with zeros."""
    if not Path(settings.out).is_dir():
        raise StatsError(f"{settings.out}: no such output folder")
    if episode is not None and find_episode(episode, settings) is None:
        raise StatsError(f"{episode}: no such episode")
    if episode is None and include is None:
        include = [r.slug for r in list_episodes(settings)]
    return stats_store(settings).figures(episode, days, today, include=include or ())


listening_figures = figures


def figures_csv(settings: Settings, episode: str | None = None, days: int = 30, today: dt.date | None = None) -> str:
    """The counts behind :func:`figures` as CSV, a row a day and episode with any: day,
    episode, plays, downloads, completes, and how many listens reached each tenth."""
    shown = figures(settings, episode, days, today, include=())
    rows = stats_store(settings).daily_rows(shown.start, shown.end, episode)
    out = io.StringIO()
    columns = ["day", "episode", "plays", "downloads", "completes", *(f"reached_{d}" for d in range(10, 101, 10))]
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def import_downloads(source: str, settings: Settings, *, today: dt.date | None = None) -> ImportResult:
    """Count the downloads of the folder's episodes in the access logs at ``source``: a log
    file (``narrator serve``'s, nginx's or Apache's combined log), a folder of logs, or
    ``s3://bucket/prefix`` holding S3 server access logs or CloudFront standard logs. A log
    imported before counts nothing again."""
    from ..stats.downloads import import_logs, s3_client

    s3 = s3_client(settings.s3.endpoint_url, settings.s3.timeout) if source.startswith("s3://") else None
    return import_logs(source, stats_store(settings), list_episodes(settings), today=today, s3=s3)
