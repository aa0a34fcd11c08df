"""A followed source and what it asks of its articles: where it is, what it is expected
to be, which of its articles to narrate (categories and tags, URL patterns, how far back)
and how (voice, draft or published, output folder, what to do when one goes away).

A source is given as a URL or a file path alone, or as a table of these keys (a
``[[source]]`` in a sources file, a JSON object from the service); every value is checked
as it is read, and an error names the source and the key."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings, read_toml
from .parse import EXPECTED, Item

_WEB = re.compile(r"https?://", re.I)


@dataclass(frozen=True, kw_only=True)
class SourceConfig:
    """One source to follow."""

    #: An http(s) URL, or the absolute path of a file.
    url: str
    #: What it must be (rss, atom, json, feed, sitemap, urls), or None to take what it is.
    kind: str | None = None
    draft: bool = False
    voice: str | None = None
    out: str | None = None
    #: None takes the follow_backfill and follow_max_age_days settings.
    backfill: int | None = None
    max_age_days: float | None = None
    #: Narrate only articles in one of these categories or tags (any, when empty)...
    categories: tuple[str, ...] = ()
    #: ...and none of these.
    exclude_categories: tuple[str, ...] = ()
    #: Narrate only articles whose URL matches one of these patterns (``*`` any text)...
    urls: tuple[str, ...] = ()
    #: ...and none of these.
    exclude_urls: tuple[str, ...] = ()
    #: Retract an article's episode when the article leaves the source...
    retract_removed: bool = False
    #: ...or when its page answers 404 or 410.
    retract_gone: bool = False

    @property
    def is_url(self) -> bool:
        return bool(_WEB.match(self.url))

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape, without the defaults."""
        defaults = SourceConfig(url=self.url)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()
                if k == "url" or v != getattr(defaults, k)}  # fmt: skip

    def wants(self, item: Item) -> str | None:
        """Why ``item`` is not to be narrated, or None if it is."""
        cats = {c.casefold() for c in item.categories}
        if self.categories and not cats & {c.casefold() for c in self.categories}:
            return "not in " + ", ".join(self.categories)
        barred = cats & {c.casefold() for c in self.exclude_categories}
        if barred:
            return f"in {sorted(barred)[0]}"
        if self.urls and not any(fnmatch.fnmatchcase(item.url, p) for p in self.urls):
            return "its URL matches none of " + ", ".join(self.urls)
        for pattern in self.exclude_urls:
            if fnmatch.fnmatchcase(item.url, pattern):
                return f"its URL matches {pattern}"
        return None

    def settings_for(self, settings: Settings) -> Settings:
        """The settings its articles are narrated with: its own voice and folder."""
        from dataclasses import replace

        changes: dict[str, Any] = {}
        if self.voice:
            changes["voice"] = self.voice
        if self.out:
            changes["out"] = Path(self.out)
        return replace(settings, **changes) if changes else settings


def _where(url: str) -> str:
    """A source's URL, or its file as an absolute path (so it has one name wherever the
    command runs)."""
    url = url.strip()
    if _WEB.match(url):
        return url
    return str(Path(url).expanduser().resolve())


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {key} must be a list of text, got {value!r}"[:300])
    return tuple(v.strip() for v in value)


_BOOLS = ("draft", "retract_removed", "retract_gone")
_LISTS = ("categories", "exclude_categories", "urls", "exclude_urls")


def make_source(value: str | Mapping[str, Any], where: str | None = None) -> SourceConfig:
    """A SourceConfig from a URL or path, or from a table of its keys; ConfigError names
    ``where`` it came from (or the source) and the key."""
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where or 'source'}: a source must be a URL, a path or a table, got {value!r}"[:300])
    url = value.get("url")
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where or 'source'}: url must be a feed's URL or a file's path, got {url!r}"[:300])
    where = where or url
    known = {f.name for f in fields(SourceConfig)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    checked: dict[str, Any] = {"url": _where(url)}
    for key, raw in value.items():
        if key == "url" or raw is None:
            continue
        if key in _BOOLS:
            if not isinstance(raw, bool):
                raise ConfigError(f"{where}: {key} must be true or false, got {raw!r}"[:300])
            checked[key] = raw
        elif key in _LISTS:
            checked[key] = _strings(raw, key, where)
        elif key == "kind":
            if raw not in EXPECTED:
                raise ConfigError(f"{where}: kind must be one of {', '.join(EXPECTED)}, got {raw!r}"[:300])
            checked[key] = raw
        elif key in ("voice", "out"):
            if not isinstance(raw, str) or not raw.strip():
                raise ConfigError(f"{where}: {key} must be text, not empty, got {raw!r}"[:300])
            checked[key] = str(Path(raw).expanduser().resolve()) if key == "out" else raw.strip()
        elif key == "backfill":
            if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw <= 10_000:
                raise ConfigError(f"{where}: backfill must be a whole number from 0 to 10000, got {raw!r}"[:300])
            checked[key] = raw
        elif key == "max_age_days":
            if not isinstance(raw, int | float) or isinstance(raw, bool) or not 0 <= raw <= 36_500:
                raise ConfigError(f"{where}: max_age_days must be a number from 0 to 36500, got {raw!r}"[:300])
            checked[key] = float(raw)
    return SourceConfig(**checked)


def read_sources_file(path: Path) -> list[SourceConfig]:
    """The sources of a TOML file of ``[[source]]`` tables."""
    data = read_toml(Path(path), "sources file", invalid="TOML")
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no sources: write each as a [[source]] table with a url")
    return [make_source(table, f"{path}: source {i}") for i, table in enumerate(tables, 1)]


def unique(sources: Iterable[SourceConfig]) -> list[SourceConfig]:
    """Each source once, the last given of any URL winning."""
    return list({s.url: s for s in sources}.values())
