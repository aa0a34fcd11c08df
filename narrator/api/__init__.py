"""The library API, and the only orchestration in narrator: the CLI, the HTTP service
and the job workers call these functions and nothing below them.

ingest -> clean -> script -> master (synthesise while assembling) -> episode -> publish

The rule for a new episode lives in :func:`narrate` (:mod:`.narrating`): write it (as a draft if asked),
listen to it if asked and hold it back when the check flags it, then rebuild every
feed it belongs to.
"""

from .episodes import (
    embed,
    find_episode,
    list_episodes,
    preview_server,
    publish,
    publish_everywhere,
    retract,
    set_status,
    unpublish,
    unpublished,
)
from .following import (
    SourcePolling,
    add_source,
    article_episode,
    episode_of,
    follow,
    followed_source,
    followed_sources,
    forget_source,
    pause_source,
    source_id,
)
from .narrating import check_episode, narrate
from .pronunciation import check_lexicon, lexicon_history, publication_lexicon, save_pronunciation, say_word
from .reading import lint, make_script, read_article, readable, start_process, voice_names, voices
from .service import callback_refusal, clean_leftovers, is_episode_slug, send_callback
from .stats import listening_figures, record_event, stats_store, validate_event

__all__ = [
    "SourcePolling",
    "add_source",
    "article_episode",
    "callback_refusal",
    "check_episode",
    "check_lexicon",
    "clean_leftovers",
    "embed",
    "episode_of",
    "find_episode",
    "follow",
    "followed_source",
    "followed_sources",
    "forget_source",
    "is_episode_slug",
    "lexicon_history",
    "lint",
    "list_episodes",
    "listening_figures",
    "make_script",
    "narrate",
    "pause_source",
    "preview_server",
    "publication_lexicon",
    "publish",
    "publish_everywhere",
    "read_article",
    "readable",
    "record_event",
    "retract",
    "save_pronunciation",
    "say_word",
    "send_callback",
    "set_status",
    "source_id",
    "start_process",
    "stats_store",
    "unpublish",
    "unpublished",
    "validate_event",
    "voice_names",
    "voices",
]
