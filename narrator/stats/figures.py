"""The figures the stats store gives: per episode, and day by day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

#: The tenths of an episode the player reports reaching, in percent.
DECILES = tuple(range(10, 101, 10))


@dataclass(frozen=True)
class DayFigures:
    """One day's plays and downloads."""

    day: dt.date
    plays: int
    downloads: int


@dataclass(frozen=True)
class EpisodeFigures:
    """An episode's figures over the days asked for."""

    episode: str
    plays: int
    downloads: int
    completes: int
    #: The share of plays still listening at 10%, 20% ... 100% of the episode.
    curve: tuple[float, ...]
    #: The median share of the episode heard (0..1), to the tenth; None without plays.
    median_heard: float | None
    #: (speed, listens that chose it), slowest first.
    speeds: tuple[tuple[float, int], ...]
    days: tuple[DayFigures, ...]


@dataclass(frozen=True)
class StatsFigures:
    """The figures of the days ``start`` to ``end`` (both counted, UTC)."""

    start: dt.date
    end: dt.date
    #: Every day's plays and downloads, of all the episodes asked for, days without any as zeros.
    days: tuple[DayFigures, ...]
    episodes: tuple[EpisodeFigures, ...]

    @property
    def plays(self) -> int:
        return sum(d.plays for d in self.days)

    @property
    def downloads(self) -> int:
        return sum(d.downloads for d in self.days)

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready values (dates as ISO 8601 text)."""

        def days(items: tuple[DayFigures, ...]) -> list[dict[str, Any]]:
            return [{"day": d.day.isoformat(), "plays": d.plays, "downloads": d.downloads} for d in items]

        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "plays": self.plays,
            "downloads": self.downloads,
            "days": days(self.days),
            "episodes": [
                {
                    **{k: v for k, v in asdict(e).items() if k not in ("days", "speeds", "curve")},
                    "curve": {str(d): share for d, share in zip(DECILES, e.curve, strict=True)},
                    "speeds": {f"{speed:g}": n for speed, n in e.speeds},
                    "days": days(e.days),
                }
                for e in self.episodes
            ],
        }


def curve_of(plays: int, reach: Sequence[int]) -> tuple[float, ...]:
    """The share of ``plays`` still listening at each tenth, from how many listens reported
    reaching each. A listen that reached a later tenth passed the earlier ones (it may have
    skipped their reports by seeking), so each share is at least every later one's."""
    if plays <= 0:
        return tuple(0.0 for _ in DECILES)
    shares, best = [], 0
    for count in reversed(reach):
        best = max(best, count)
        shares.append(min(1.0, best / plays))
    return tuple(round(s, 4) for s in reversed(shares))


def median_heard(plays: int, curve: Sequence[float]) -> float | None:
    """The median share heard, to the tenth: the furthest tenth that half the plays reached."""
    if plays <= 0:
        return None
    heard = 0.0
    for decile, share in zip(DECILES, curve, strict=True):
        if share >= 0.5:
            heard = decile / 100
    return heard
