"""Settings for following sources (``narrator follow``, the service's scheduler and its
CMS webhooks): how much of a new source's archive is narrated, how gently its servers
are asked, how often the service polls, and the webhooks' secrets. Each source may
narrow them (see :mod:`narrator.follow.source`)."""

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
    every: float = setting(
        900.0, "Seconds between polls of each source the HTTP service follows (a source may set its own); a "
        "source that keeps failing waits longer.", allowed=number(10, 7 * 86400),
    )  # fmt: skip
    ghost_secret: str | None = setting(
        None, "The secret of the Ghost webhook that posts to /v1/hooks/ghost; none turns that hook off.",
        secret=True,
    )  # fmt: skip
    wordpress_secret: str | None = setting(
        None, "Key for the HMAC-SHA256 signature (X-Narrator-Signature) of posts to /v1/hooks/wordpress; none "
        "turns that hook off.", secret=True,
    )  # fmt: skip
    hooks_draft: bool = setting(
        False, "Keep a post first narrated from a CMS webhook as a draft until an editor publishes it.",
    )  # fmt: skip
