"""Publish: put episodes and the feed where listeners can reach them.

Publishers, like engines, are found through an entry-point group,
``narrator.publishers``, the built-in ``local`` and ``s3`` included, and loaded only
when asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import ConfigError
from ..models import PublishResult
from ..plugins import load_plugin, registered
from ..settings import Settings

GROUP = "narrator.publishers"
_BUILTIN = {
    "local": "narrator.publish.local:LocalPublisher",
    "s3": "narrator.publish.s3:S3Publisher",
}


class Publisher(Protocol):
    """Publishes the episodes of an output folder and the feed built from the store."""

    name: str

    def public_base(self, settings: Settings) -> str:
        """The URL the published files are served from, ending in a slash."""
        ...

    def publish(self, out: Path, settings: Settings) -> PublishResult: ...

    def unpublish(self, slug: str, out: Path, settings: Settings) -> PublishResult: ...


def load_publisher(target: str | None) -> Publisher:
    """The publisher for ``target``: None for the output folder itself, ``s3://...`` for S3."""
    targets = registered(GROUP, _BUILTIN)
    scheme = "local" if not target else target.split("://", 1)[0] if "://" in target else ""
    if scheme not in targets:
        raise ConfigError(f"{target}: unknown publish target (use s3://bucket/prefix or nothing)")
    factory = load_plugin(targets[scheme], name=scheme, what="publisher", error=ConfigError)
    return factory(target) if target else factory()
