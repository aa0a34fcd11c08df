"""What Apple Podcasts (and so most directories) refuse in a feed, checked before a
feed goes anywhere the public can reach: URLs that only work on this machine, no
owner e-mail, no artwork."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from ..errors import PublishError
from ..settings import Settings

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_local_url(url: str | None) -> bool:
    """Whether ``url`` can only be reached from this machine (loopback or unspecified)."""
    host = (urlsplit(url or "").hostname or "").lower().rstrip(".")
    if not host or host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def problems(settings: Settings, base: str, *, cover: bool) -> list[str]:
    """Each setting the feed at ``base`` still needs before Apple would list it, with why.

    ``cover`` says a generated cover stands in when ``podcast_image`` is not set."""
    podcast = settings.podcast
    found = []
    if is_local_url(base):
        reason = "is not set" if not podcast.public_base_url else f"is {podcast.public_base_url}"
        found.append(f"public_base_url {reason} (the feed's URLs would start {base}, which only this machine reaches)")
    if not podcast.owner_email:
        found.append("podcast_owner_email is not set (Apple writes to it to verify the podcast)")
    if podcast.image and is_local_url(podcast.image):
        found.append(f"podcast_image is {podcast.image}, which only this machine reaches")
    elif not podcast.image and not cover:
        found.append("podcast_image is not set (cover art of 1400 to 3000 px)")
    if podcast.link and is_local_url(podcast.link):
        found.append(f"podcast_link is {podcast.link}, which only this machine reaches")
    return found


def refuse_broken_feed(settings: Settings, target: str | None) -> None:
    """PublishError naming each missing setting when ``target`` is public (S3, or a base
    URL other than this machine) and its feed would break Apple's rules."""
    from . import load_publisher

    base = load_publisher(target).public_base(settings)
    if target is None and is_local_url(base):
        return  # a folder served on this machine only: a preview, not a public feed
    found = problems(settings, base, cover=True)  # a cover is generated when none is set
    if found:
        raise PublishError(
            f"{target or settings.out}: not publishing a feed Apple Podcasts would refuse: {'; '.join(found)}. "
            f"Set {'it' if len(found) == 1 else 'them'} (narrator.toml, NARRATOR_* or flags), "
            "or pass --force to `narrator publish`"
        )
