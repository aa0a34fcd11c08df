"""Episode slugs: made from a title, and claimed once by an article, which keeps its slug
from then on."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from anyascii import anyascii

from ..errors import OutputError
from ..models import EpisodeRecord, Script
from ..support.files import write_atomic
from .guids import Claim, choose_guid, make_claim
from .store import EpisodeStore, valid_slug

if TYPE_CHECKING:
    from .s3_store import ObjectStore

MAX_SLUG = 80
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
#: Where the slugs claimed by articles are kept, inside the output folder.
CLAIMS = ".slugs"
CLAIM_ATTEMPTS = 8  # reads of an object store's claims, each after a claim lost to another machine


def slugify(title: str | None, fallback: str = "article") -> str:
    """An ASCII, lowercase, filesystem-safe name: letters, digits and single hyphens."""
    text = anyascii(title or "").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rsplit("-", 1)[0] or text[:MAX_SLUG]
    text = text.strip("-")
    if not text or text in _RESERVED:
        return fallback
    return text


def claim(store: EpisodeStore | ObjectStore, base: str, script: Script) -> tuple[str, str]:
    """The slug and guid for ``script``'s article: the episode it already is (see
    :func:`~narrator.episodes.guids.choose_guid`) keeps both; a new article gets ``base``,
    or ``base`` with a short suffix made from its guid when another article holds
    ``base``. So the same article keeps its slug and two articles never share one.

    Claims are files in ``OUT/.slugs`` holding the guid (and a sketch of the words, see
    :class:`~narrator.episodes.guids.Claim`), made under the store's lock, so two
    narrations running at once can't take the same slug; a retracted article's slug stays
    its own, so its old links never lead to another story. In an object store, claims
    are objects made only if none is there (:meth:`ObjectStore.take_claim`), so workers
    on other machines can't take the same slug either."""
    if not isinstance(store, EpisodeStore):
        return _claim_shared(store, base, script)
    claims = store.out / CLAIMS
    try:
        claims.mkdir(exist_ok=True)
        with store.lock():
            records = store.all()
            claimed = {path.name: Claim.loads(path.read_text(encoding="utf-8"))
                       for path in sorted(claims.iterdir()) if valid_slug(path.name)}  # fmt: skip
            guid = choose_guid(script, records, claimed.values())
            if (held := _held(guid, records, claimed)) is not None:
                return held, guid
            for slug in _names(base, guid):
                # A name nothing holds: never a folder or symlink narrator didn't make.
                if not os.path.lexists(store.out / slug) and not (claims / slug).exists():
                    write_atomic(claims / slug, make_claim(script, guid).dumps())
                    return slug, guid
    except OSError as exc:
        raise OutputError(f"{claims}: can't claim a name for the episode: {exc.strerror or exc}") from None
    raise OutputError(f"{store.out}: every name for {base!r} is taken")


def _held(guid: str, records: list[EpisodeRecord], claimed: Mapping[str, Claim]) -> str | None:
    """The slug already given to the article ``guid``: its episode's, or a claim's."""
    for record in records:
        if record.guid == guid:
            return record.slug
    for name, held in claimed.items():
        if held.guid == guid:
            return name
    return None


def _names(base: str, guid: str) -> tuple[str, ...]:
    """``base``, then ``base`` with ever longer suffixes made from the article's guid."""
    digest = hashlib.sha256(guid.encode()).hexdigest()
    return (base, *(f"{base}-{digest[:n]}" for n in (6, 12, 64)))


def _claim_shared(store: ObjectStore, base: str, script: Script) -> tuple[str, str]:
    """:func:`claim` in an object store: a claim lost to another machine means the
    claims are read again, where that machine's article may turn out to be this one."""
    for _ in range(CLAIM_ATTEMPTS):
        records = store.all()
        claimed = store.claims()
        guid = choose_guid(script, records, claimed.values())
        if (held := _held(guid, records, claimed)) is not None:
            return held, guid
        held_names = set(claimed) | {record.slug for record in records}
        free = [slug for slug in _names(base, guid) if slug not in held_names]
        if not free:
            break
        if store.take_claim(free[0], make_claim(script, guid)):
            return free[0], guid
    raise OutputError(f"{store}: every name for {base!r} is taken")
