"""Following sources: feeds, news sitemaps and lists of URLs polled, their articles kept in step."""


from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..settings import Settings
from .episodes import find_episode, list_episodes, publish_everywhere, retract
from .narrating import narrate
from .reading import read_article

if TYPE_CHECKING:
    from ..follow.report import PollResult


# -- following sources --------------------------------------------------------------------
def follow(sources: Iterable[str | Mapping[str, Any]], settings: Settings, **options: Any) -> Iterator[PollResult]:
    """Poll feeds, news sitemaps and lists of URLs (with none given, all the folder follows)
    once or ``every`` seconds, narrating new articles and keeping episodes in step with
    changed ones; yields each poll's result (see :func:`narrator.follow.run.follow_sources`)."""
    from ..follow.run import Actions, follow_sources

    actions = Actions(read=read_article, narrate=narrate, retract=retract, find=find_episode, episodes=list_episodes,
                      publish=publish_everywhere)
    return follow_sources(sources, settings, actions, **options)


def forget_source(source: str, settings: Settings) -> bool:
    """Stop following ``source`` (its URL or path); its episodes stay. False if it wasn't followed."""
    from ..follow.run import forget

    return forget(source, settings)
