"""The old home of slugs and atomic writes, kept for modules that still import them from
here: see :mod:`narrator.files` and :mod:`narrator.episodes.slugs`."""

from __future__ import annotations

from .episodes.slugs import MAX_SLUG, slugify
from .files import StagedFolder, clean_staging, ensure_writable, public_mode, staged_folder, umask, write_atomic

__all__ = [
    "MAX_SLUG",
    "StagedFolder",
    "clean_staging",
    "ensure_writable",
    "public_mode",
    "slugify",
    "staged_folder",
    "umask",
    "write_atomic",
]
