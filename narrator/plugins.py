"""Plugins: engines and publishers are found through entry-point groups, the built-in
ones included, and loaded only when asked for."""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import Any

from .errors import NarratorError


def registered(group: str, fallback: dict[str, str]) -> dict[str, str]:
    """name -> "module:attribute" for every plugin in ``group``.

    ``fallback`` (the built-in ones) is used only when narrator runs without its
    distribution metadata, from a bare source tree."""
    found = {ep.name: ep.value for ep in metadata.entry_points(group=group)}
    return found or dict(fallback)


def load_plugin(target: str, *, name: str, what: str, error: type[NarratorError]) -> Any:
    """The object a "module:attribute" target names; ``error`` if it can't be loaded."""
    module_name, _, attr = target.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise error(f"{name}: {what} can't be loaded: {exc}") from exc
