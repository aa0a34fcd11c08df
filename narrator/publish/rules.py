"""What Apple Podcasts (and so most directories) refuse in a feed, checked before a
feed goes anywhere the public can reach: URLs that only work on this machine, no
owner e-mail, no artwork."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

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
