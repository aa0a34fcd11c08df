"""Settings of the podcast the episodes are published in ([podcast] in narrator.toml):
what its feed says about it, where it is served from, and where its player reports."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import MEDIUMS, NAME, URL, Allowed, is_uuid, one_of
from .values import setting as _setting

LOCAL_BASE_URL = "http://localhost:8000/"


@dataclass(frozen=True, kw_only=True)
class PodcastSettings:
    """The podcast the episodes are published in ([podcast] in narrator.toml)."""

    public_base_url: str | None = _setting(
        None,
        "Public URL of the published folder; feed and enclosure URLs start with it "
        f"(default: {LOCAL_BASE_URL} for a folder, the bucket's URL for S3).",
        flat="public_base_url",
        allowed=URL,
    )
    title: str = _setting("narrator", "Feed title ([podcast] title).", allowed=NAME)
    description: str = _setting("Articles read aloud.", "Feed description ([podcast] description).")
    link: str | None = _setting(None, "Publisher's website ([podcast] link); default: public_base_url.", allowed=URL)
    language: str = _setting(
        "en",
        "Feed language ([podcast] language).",
        allowed=Allowed(
            "a language tag such as en or en-GB",
            lambda v: re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", v) is not None,
        ),
    )
    image: str | None = _setting(
        None,
        "Cover art URL, 1400-3000 px square ([podcast] image); default: a generated OUT/cover.jpg.",
        allowed=URL,
    )
    stats_url: str | None = _setting(
        None,
        "Where the player sends listening events, e.g. https://narrator.example.org/events "
        "([podcast] stats_url); none: it sends nothing.",
        allowed=URL,
    )
    category: str = _setting("News", "Apple Podcasts category ([podcast] category).", allowed=NAME)
    explicit: bool = _setting(False, "itunes:explicit ([podcast] explicit).")
    author: str | None = _setting(None, "itunes:author ([podcast] author).")
    owner_name: str | None = _setting(None, "itunes:owner name ([podcast] owner_name).")
    owner_email: str | None = _setting(
        None,
        "itunes:owner e-mail ([podcast] owner_email); Apple Podcasts needs it.",
        allowed=Allowed("an e-mail address", lambda v: re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", v) is not None),
    )
    type: str = _setting("episodic", "itunes:type: episodic or serial.", allowed=one_of("episodic", "serial"))
    locked: bool = _setting(True, "podcast:locked: refuse imports by other hosts ([podcast] locked).")
    medium: str = _setting("podcast", "podcast:medium ([podcast] medium).", allowed=one_of(*MEDIUMS))
    guid: str | None = _setting(
        None,
        "podcast:guid ([podcast] guid); default: made from the feed URL at the first public publish, "
        "then kept in OUT/podcast.toml.",
        allowed=Allowed("a UUID", is_uuid),
    )
