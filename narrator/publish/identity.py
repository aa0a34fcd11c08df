"""The podcast's identity, kept in the output folder as ``OUT/podcast.toml``.

A site's title, description, base URL, artwork, owner, category, language and
``podcast:guid`` are written there at its first publish, and every later rebuild uses
them, whatever folder the command runs from and whatever ``narrator.toml`` it finds.
A setting given explicitly (in a config file, the environment or a flag) that differs
from the stored one is an error unless the caller asks to update the podcast; one the
podcast doesn't have yet is added to it. So a preview, a worker or an editor in
another working folder can't silently re-brand a live feed.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

from ..errors import ConfigError
from ..settings import SPECS, PodcastSettings, Settings, check_value, read_toml, with_overrides
from ..support.files import write_atomic

IDENTITY = "podcast.toml"
#: The PodcastSettings field -> its flat setting name.
FLAT = {spec.attr: spec.name for spec in SPECS.values() if spec.group == "podcast"}
_HEADER = (
    "# This podcast's identity: every rebuild of this folder's feed uses it.\n"
    "# Change it with `narrator publish OUT --update-podcast` and the new settings.\n"
)


class SharedStore(Protocol):
    """Where a podcast shared by many machines keeps its identity (an object store)."""

    def identity_text(self) -> str | None: ...

    def write_identity_text(self, text: str, changed: Callable[[str | None], bool]) -> None: ...


@dataclass(frozen=True)
class Identity:
    """The settings with the stored podcast applied, and what the file should hold."""

    settings: Settings
    stored: dict[str, Any] | None  # the file's contents, None when there is none yet
    wanted: dict[str, Any]  # what the file should hold after this publish

    @property
    def changed(self) -> bool:
        return self.stored != self.wanted


def read_identity(out: Path, store: SharedStore | None = None) -> dict[str, Any] | None:
    """The stored identity of the podcast in ``out`` (or in the object store ``store``),
    or None if it has none yet."""
    if store is not None:
        text = store.identity_text()
        if text is None:
            return None
        where = f"{store}/{IDENTITY}"
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: invalid podcast identity: {exc}") from None
        return _checked(data, where)
    path = Path(out) / IDENTITY
    if not path.is_file():
        return None
    return _checked(read_toml(path, "the podcast's identity"), path)


def _checked(data: dict[str, Any], path: Path | str) -> dict[str, Any]:
    known = {f.name for f in fields(PodcastSettings)}
    unknown = sorted(set(data) - known)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}{hint}")
    for key, value in data.items():  # a hand-edited file is checked like narrator.toml
        check_value(FLAT[key], value, str(path), key)
    return data


def resolve(
    settings: Settings, out: Path, *, update: bool = False, strict: bool = True, store: SharedStore | None = None
) -> Identity:
    """``settings`` with the podcast stored in ``out`` (or in ``store``) applied.

    With ``strict``, an explicit setting that differs from the stored value is a
    ConfigError naming each one, unless ``update``; without it, the stored value wins
    silently (for previews and retractions, which must never be blocked)."""
    stored = read_identity(out) if store is None else read_identity(out, store)
    podcast = settings.podcast
    values: dict[str, Any] = {}
    conflicts = []
    for f in fields(PodcastSettings):
        flat = FLAT[f.name]
        current = getattr(podcast, f.name)
        if stored is None or f.name not in stored:
            values[f.name] = current  # a podcast's first publish, or a value it never had
            continue
        old = stored[f.name]
        explicit = settings.source_of(flat) != "default"
        if explicit and current != old and current is not None:
            if update:
                values[f.name] = current
                continue
            if strict:
                conflicts.append(f"{flat} is {old!r} here but {current!r} in {settings.source_of(flat)}")
        values[f.name] = old
    if conflicts:
        raise ConfigError(
            f"{f'{store}/{IDENTITY}' if store is not None else Path(out) / IDENTITY}: {'; '.join(conflicts)}; "
            "pass --update-podcast to `narrator publish` to change the podcast"
        )
    changes = {FLAT[name]: value for name, value in values.items() if value != getattr(podcast, name)}
    merged = with_overrides(settings, **changes) if changes else settings
    wanted = {name: value for name, value in values.items() if value is not None}
    return Identity(settings=merged, stored=stored, wanted=wanted)


def _parsed(text: str | None) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text) if text is not None else None
    except tomllib.TOMLDecodeError:
        return {}  # damaged: not what was read


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def write_identity(
    out: Path, values: dict[str, Any], store: SharedStore | None = None, *, read: dict[str, Any] | None = None
) -> None:
    """Store the podcast's identity in ``out`` (or in ``store``), all at once. In a store
    shared by many machines, an identity that is no longer the one ``read`` was changed
    by another machine meanwhile, and is kept."""
    lines = [f"{name} = {_toml_value(values[name])}" for name in (f.name for f in fields(PodcastSettings))
             if values.get(name) is not None]  # fmt: skip
    text = _HEADER + "\n".join(lines) + "\n"
    if store is not None:
        store.write_identity_text(text, changed=lambda current: _parsed(current) != read)
    else:
        write_atomic(Path(out) / IDENTITY, text)
