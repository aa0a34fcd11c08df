"""What a setting's value may be: the rules beyond its type ("a whole number from 64 to
320"), and turning a raw value from TOML, the environment, a flag or a job into the
setting's type, converting only what means the same thing."""

from __future__ import annotations

import math
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def setting(
    default: Any, help: str, *, flat: str | None = None, secret: bool = False, allowed: Allowed | None = None
) -> Any:
    """A declared setting: its default, its help, its flat name if it differs from the
    field's name within its group, whether it is a secret, and what it allows beyond
    its type (a range, a list of values)."""
    metadata = {"help": help, "flat": flat, "secret": secret, "allowed": allowed}
    return field(default=default, repr=not secret, metadata=metadata)


@dataclass(frozen=True)
class Allowed:
    """What a setting accepts beyond its type: ``text`` says it ("a whole number from 64
    to 320"), ``test`` checks a value already of the setting's type."""

    text: str
    test: Callable[[Any], bool]


def whole(low: int, high: int | None = None) -> Allowed:
    if high is None:
        return Allowed(f"a whole number, at least {low}", lambda v: v >= low)
    return Allowed(f"a whole number from {low} to {high}", lambda v: low <= v <= high)


def number(low: float, high: float) -> Allowed:
    return Allowed(f"a number from {low:g} to {high:g}", lambda v: low <= v <= high)


def one_of(*choices: Any) -> Allowed:
    return Allowed(f"one of {', '.join(str(c) for c in choices)}", lambda v: v in choices)


def is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except Exception:  # unknown, malformed, or a path zoneinfo can't open: all mean "no such zone"
        return False
    return True


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


SECONDS = Allowed("a number of seconds more than 0", lambda v: v > 0)
NAME = Allowed("text, not empty", lambda v: bool(v.strip()))
ONE_LINE = Allowed("text on one line", lambda v: v.isprintable())
URL = Allowed("an http(s) URL", lambda v: re.fullmatch(r"https?://[^\s/?#]+[^\s]*", v, re.ASCII) is not None)
ZONE = Allowed("a time zone name such as Europe/Paris", is_zone)
#: The values Podcasting 2.0 defines for podcast:medium.
MEDIUMS = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog")


class Refused(Exception):
    """A raw value that isn't of the setting's type, or not one it allows."""


def typed(kind: str, raw: Any) -> Any:
    """``raw`` (from TOML, the environment, a flag or a job) as a value of ``kind``, or
    Refused. Only what means the same thing is converted: "128" and 128.0 are 128,
    but 128.5 is not a whole number and a list is not a path."""
    optional = kind.endswith(" | None")
    base = kind.removesuffix(" | None")
    if raw is None or (raw == "" and optional):
        if optional:
            return None
        raise Refused
    if base == "Path":
        if isinstance(raw, os.PathLike):
            raw = os.fspath(raw)
        if not isinstance(raw, str) or not raw:
            raise Refused
        try:
            return Path(raw).expanduser()
        except (ValueError, RuntimeError):  # a NUL byte, or a ~user that doesn't exist
            raise Refused from None
    if base == "bool":
        if isinstance(raw, bool):
            return raw
        text = raw.strip().lower() if isinstance(raw, str) else None
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise Refused
    if base == "int":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
            return int(raw)
        if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?\d{1,18}\s*", raw):
            return int(raw)
        raise Refused
    if base == "float":
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise Refused
        try:
            value = float(raw)
        except (ValueError, OverflowError):
            raise Refused from None
        if not math.isfinite(value):
            raise Refused
        return value
    if not isinstance(raw, str):
        raise Refused
    return raw


def shown(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Spec:
    """One declared setting."""

    name: str  # flat name: NARRATOR_<NAME>, flags, top level of narrator.toml
    group: str  # "" for general settings, else the group attribute on Settings
    attr: str  # the field's name in its group
    kind: str  # the annotation as text: "int", "Path | None"...
    default: Any
    help: str
    secret: bool
    allowed: Allowed | None = None

    @property
    def allows(self) -> str:
        """What the setting accepts, in words: "a whole number from 64 to 320"."""
        if self.allowed is not None:
            return self.allowed.text
        return KIND_TEXT[self.kind.removesuffix(" | None")]


KIND_TEXT = {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "text", "Path": "a path"}
