"""What the HTTP service needs besides narrating: slugs it may name, leftovers to sweep, and callbacks."""


from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..episodes.store import valid_slug
from ..settings import Settings

if TYPE_CHECKING:
    pass


# -- what the service needs -----------------------------------------------------------------
def is_episode_slug(slug: str) -> bool:
    """True if ``slug`` is a name narrator could have given an episode."""
    return valid_slug(slug)


def clean_leftovers(settings: Settings) -> list[Path]:
    """Remove what narrations that died mid-write left in the output folder (staging
    folders no live process holds); returns what was removed."""
    from ..support.files import clean_staging

    return clean_staging(Path(settings.out))


def _address_policy(settings: Settings):
    from ..ingest.fetch import allow_all, public_only

    return allow_all if settings.fetch.allow_private_urls else public_only


def callback_refusal(url: str, settings: Settings) -> str | None:
    """Why a job may not call ``url`` back (the same rules as article URLs), or None."""
    from ..ingest.fetch import refusal

    return refusal(url, policy=_address_policy(settings))


def send_callback(url: str, body: bytes, headers: Mapping[str, str], settings: Settings, *, timeout: float) -> int:
    """POST ``body`` to ``url`` through the guarded client, within ``timeout`` seconds;
    the answer's status. FetchError if it is refused or doesn't answer."""
    from ..ingest.fetch import post

    headers = {"User-Agent": settings.fetch.user_agent, **headers}
    return post(url, body, headers=headers, timeout=timeout, policy=_address_policy(settings))


