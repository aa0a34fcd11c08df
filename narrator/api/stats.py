"""Listening figures: the player's events counted, access logs imported as downloads, and
the figures read back, for the editor's Stats page and ``narrator stats``."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from ..errors import StatsError
from ..settings import Settings
from ..stats import DayFigures, EpisodeFigures, Event, StatsFigures, StatsStore, validate_event
from .episodes import find_episode, list_episodes

__all__ = [
    "DayFigures",
    "EpisodeFigures",
    "Event",
    "StatsFigures",
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


def record_event(data: Any, settings: Settings, *, at: dt.datetime | None = None) -> bool:
    """Count one event the player sent (a decoded JSON object); False if it was counted
    before. StatsError if it is malformed or its episode doesn't exist."""
    event = validate_event(data)
    if find_episode(event.episode, settings) is None:
        raise StatsError(f"{event.episode}: no such episode")
    when = at or dt.datetime.now(dt.UTC)
    return stats_store(settings).add_event(event.episode, event.view, event.kind, event.value, when)


def listening_figures(
    settings: Settings, episode: str | None = None, *, days: int = 30, today: dt.date | None = None
) -> StatsFigures:
    """The figures of the last ``days`` days: of ``episode``, or of every episode in the
    output folder (those without any listed with zeros). StatsError for an unknown episode."""
    if episode is not None and find_episode(episode, settings) is None:
        raise StatsError(f"{episode}: no such episode")
    include = () if episode is not None else [r.slug for r in list_episodes(settings)]
    return stats_store(settings).figures(episode, days, today, include=include)
