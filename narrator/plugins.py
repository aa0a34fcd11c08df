"""Plugins: engines and publishers are found through entry-point groups, the built-in
ones included, and loaded only when asked for."""

from __future__ import annotations

import functools
import importlib
from importlib import metadata
from typing import Any

from .errors import NarratorError


def registered(group: str, fallback: dict[str, str]) -> dict[str, str]:
    """name -> "module:attribute" for every plugin in ``group``.

    ``fallback`` (the built-in ones) is used only when narrator runs without its
    distribution metadata, from a bare source tree."""
    found: dict[str, str] = {}
    for ep in _entry_points():
        if ep.group == group:
            found.setdefault(ep.name, ep.value)  # the first on the path wins, as imports do
    return found or dict(fallback)


@functools.cache
def _entry_points() -> tuple[metadata.EntryPoint, ...]:
    # Every installed distribution is read to find them: once per process, not per
    # group asked for (a service learns of a plugin installed later when it restarts).
    return tuple(ep for dist in metadata.distributions() for ep in dist.entry_points)


def load_plugin(target: str, *, name: str, what: str, error: type[NarratorError]) -> Any:
    """The object a "module:attribute" target names; ``error`` if it can't be loaded."""
    module_name, _, attr = target.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise error(f"{name}: {what} can't be loaded: {exc}") from exc
