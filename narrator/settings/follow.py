"""Settings for following sources (``narrator follow``): how much of a new source's
archive is narrated, and how gently its servers are asked. Each source may narrow them
(see :mod:`narrator.follow.source`)."""

from __future__ import annotations

from dataclasses import dataclass

from .values import SECONDS, number, setting, whole


@dataclass(frozen=True, kw_only=True)
class FollowSettings:
    """Following feeds, news sitemaps and lists of article URLs ([follow] in narrator.toml)."""

    backfill: int = setting(
        10, "Articles the first poll of a source narrates at most, the newest first; the rest of its archive is "
        "left alone.", allowed=whole(0, 10_000),
    )  # fmt: skip
    max_age_days: float = setting(
        0.0, "Articles dated more than this many days ago are never narrated from a source; 0 for any age.",
        allowed=number(0, 36_500),
    )  # fmt: skip
    requests_per_minute: int = setting(
        30, "Requests a minute at most to any one host of a source or its articles (a robots.txt Crawl-delay "
        "can slow them further).", allowed=whole(1, 6000),
    )  # fmt: skip
    max_backoff: float = setting(
        3600.0, "Longest wait, in seconds, before asking again a source that keeps failing or a host that asked "
        "for a pause (429 or 503 with Retry-After).", allowed=SECONDS,
    )  # fmt: skip
