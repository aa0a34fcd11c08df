"""The clip cache shared by machines: pruning it, which is never done while narrating."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..settings import Settings

if TYPE_CHECKING:
    from ..synth.shared_cache import PruneResult


def prune_shared_cache(
    settings: Settings, *, to: str | None = None, older_than: float | None = None, max_bytes: int | None = None
) -> PruneResult:
    """Remove from the shared cache ``to`` (default: the ``cache_url`` setting) the clips
    and segments sent more than ``older_than`` seconds ago, then the oldest others until
    the rest fit in ``max_bytes``. Workers that want a removed one make it again."""
    from ..synth.shared_cache import prune_store

    url = to or settings.cache_url
    if not url:
        raise ConfigError("cache prune: give --to s3://bucket/prefix (or set NARRATOR_CACHE_URL)")
    if older_than is None and max_bytes is None:
        raise ConfigError(f"{url}: say what to prune: --older-than, --max-size or both")
    return prune_store(url, settings, older_than=older_than, max_bytes=max_bytes)
