"""Where the built-in voice profiles, pronunciation lexicons and templates live.

In a wheel they are package data under ``narrator/_data``; in a source checkout they
are the top-level ``voices/``, ``lexicons/`` and ``templates/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # narrator/


def builtin_dir(name: str) -> Path:
    """The built-in folder ``name`` ("voices", "lexicons" or "templates")."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
