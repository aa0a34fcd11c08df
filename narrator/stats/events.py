"""The one rule for a listening event the player sends: what is well formed."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..episodes.store import valid_slug
from ..errors import StatsError
from .figures import DECILES

KINDS = ("play", "progress", "complete", "speed")
#: A page view's id: random, made by the player, never stored beyond a day.
_VIEW = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
SPEEDS = (0.25, 4.0)  # the slowest and fastest speed a player offers
#: The fields an event may have; any other is refused, so nothing else can ride along.
FIELDS = {"episode", "view", "kind", "value"}


@dataclass(frozen=True)
class Event:
    """A well-formed listening event (whether its episode exists is the caller's to check)."""

    episode: str
    view: str
    kind: str
    value: float | None = None


def validate_event(data: Any) -> Event:
    """``data`` (a decoded JSON object) as an :class:`Event`, or StatsError saying what is wrong.

    ``kind`` is ``play``, ``progress`` (``value`` 10, 20 ... 100: the tenth reached),
    ``complete`` or ``speed`` (``value`` the speed chosen, 0.25 to 4); ``view`` is the page
    view's random id (8 to 64 letters, digits, ``-`` or ``_``)."""
    if not isinstance(data, dict):
        raise StatsError("event: not a JSON object")
    extra = set(data) - FIELDS
    if extra:
        raise StatsError(f"event: unknown field {sorted(map(str, extra))[0][:40]!r}")
    episode, view, kind, value = (data.get(k) for k in ("episode", "view", "kind", "value"))
    if not isinstance(episode, str) or not valid_slug(episode):
        raise StatsError("event: episode is not an episode's name")
    if not isinstance(view, str) or not _VIEW.match(view):
        raise StatsError(f"{episode}: event: view is not a page view's id")
    if kind not in KINDS:
        raise StatsError(f"{episode}: event: kind is not one of {', '.join(KINDS)}")
    if kind in ("play", "complete"):
        if value is not None:
            raise StatsError(f"{episode}: event: a {kind} has no value")
        return Event(episode, view, kind)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise StatsError(f"{episode}: event: a {kind} needs a number")
    if kind == "progress" and (value != int(value) or int(value) not in DECILES):
        raise StatsError(f"{episode}: event: progress is one of 10, 20 ... 100")
    if kind == "speed" and not SPEEDS[0] <= value <= SPEEDS[1]:
        raise StatsError(f"{episode}: event: speed is between {SPEEDS[0]:g} and {SPEEDS[1]:g}")
    return Event(episode, view, kind, round(float(value), 2))
