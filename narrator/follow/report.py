"""What a poll did, source by source and article by article: for the command line's
output (``--json`` prints :meth:`PollResult.as_dict`) and for the service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

#: What became of an article: a new episode; its episode narrated again; its episode
#: retracted; its page gone (404, 410) and the episode left; never to be narrated (a
#: filter, robots.txt); failed; left for a later poll (its host asked for a pause).
Action = Literal["narrated", "updated", "retracted", "gone", "skipped", "failed", "deferred"]
#: How a source's poll went: read; unchanged since the last poll (304, or the same
#: bytes); failed; its host asked for a pause; not due yet (backing off after errors);
#: not polled here, as another machine holds the object store's lease (``store``).
SourceStatus = Literal["read", "unchanged", "failed", "paused", "not due", "elsewhere"]


@dataclass(frozen=True, kw_only=True)
class ArticleResult:
    url: str
    action: Action
    title: str | None = None
    slug: str | None = None
    guid: str | None = None
    #: The episode's status (published, draft, held), for a narrated or updated one.
    status: str | None = None
    audio: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(kw_only=True)
class SourceResult:
    source: str
    status: SourceStatus = "read"
    #: What the source is: rss, atom, json, sitemap, sitemap-index or urls.
    kind: str | None = None
    #: Articles it lists now, and how many of them it lists for the first time.
    listed: int = 0
    new: int = 0
    error: str | None = None
    #: Errors in part of it (a sitemap of an index) that didn't stop the rest.
    warnings: list[str] = field(default_factory=list)
    articles: list[ArticleResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "kind": self.kind,
            "listed": self.listed,
            "new": self.new,
            "error": self.error,
            "warnings": list(self.warnings),
            "articles": [a.as_dict() for a in self.articles],
        }


@dataclass(frozen=True, kw_only=True)
class PollResult:
    """One poll of every source due."""

    started: dt.datetime
    finished: dt.datetime
    sources: tuple[SourceResult, ...]
    #: Asked to stop before the poll was over: what is not done is left for the next one.
    stopped: bool = False

    @property
    def errors(self) -> list[str]:
        """One line for each source that failed, and each article that did."""
        lines = [s.error for s in self.sources if s.error and s.status == "failed"]
        lines += [w for s in self.sources for w in s.warnings]
        lines += [f"{a.url}: {a.reason}" for s in self.sources for a in s.articles if a.action == "failed"]
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat(),
            "stopped": self.stopped,
            "sources": [s.as_dict() for s in self.sources],
        }
