"""Publish to the output folder itself: it becomes a static podcast site."""

from __future__ import annotations

from pathlib import Path

from ..episodes.store import EpisodeStore
from ..models import PublishResult
from ..settings import Settings
from ..support.files import ensure_writable, write_atomic
from .cover import ensure_cover
from .feed import FEED, same_feed
from .site import base_url, render_site


class LocalPublisher:
    name = "local"

    def public_base(self, settings: Settings) -> str:
        """The URL the folder is served from."""
        return base_url(settings)

    def _rebuild(self, store: EpisodeStore, settings: Settings) -> tuple[bool, int]:
        if not settings.podcast.image:
            # The cover a public publish would send, drawn from the first narration on,
            # so the folder's feed and its preview show the artwork listeners will see.
            ensure_cover(store.out, settings.podcast.title)
        feed, index, count = render_site(store, settings)
        path = store.out / FEED
        old = path.read_text(encoding="utf-8") if path.exists() else None
        changed = not same_feed(old, feed)
        if changed:  # an unchanged feed keeps its lastBuildDate
            write_atomic(path, feed)
        page = store.out / "index.html"
        if not page.exists() or page.read_text(encoding="utf-8") != index:
            write_atomic(page, index)
        return changed, count

    def publish(self, out: Path, settings: Settings) -> PublishResult:
        store = EpisodeStore(ensure_writable(Path(out)))
        with store.lock():
            changed, count = self._rebuild(store, settings)
        return PublishResult(
            target=str(store.out), feed_url=f"{base_url(settings)}{FEED}", episodes=count, feed_changed=changed
        )

    def unpublish(self, slug: str, out: Path, settings: Settings) -> PublishResult:
        store = EpisodeStore(Path(out))
        with store.lock():
            store.remove(slug)
            _, count = self._rebuild(store, settings)
        return PublishResult(
            target=str(store.out),
            feed_url=f"{base_url(settings)}{FEED}",
            episodes=count,
            deleted=(slug,),
            feed_changed=True,
        )
