"""Listening figures: the player's events and the podcast's downloads, counted without
keeping anything that names a listener.

- :mod:`.store`: the counts, in ``OUT/.stats/stats.sqlite3``;
- :mod:`.events`: what a well-formed event from the player is;
- :mod:`.figures`: the figures read back (plays, downloads, the completion curve);
"""

from .events import Event, validate_event
from .figures import DayFigures, EpisodeFigures, StatsFigures
from .store import StatsStore

__all__ = ["DayFigures", "EpisodeFigures", "Event", "StatsFigures", "StatsStore", "validate_event"]
