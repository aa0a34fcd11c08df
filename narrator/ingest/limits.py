"""What a read article must be before anything is made from it: no longer than the
settings allow, and with a link a listener's app can open."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import IngestError
from ..models import Article
from ..settings import Settings

_WEB_LINK = re.compile(r"https?://", re.I)


def within_limits(article: Article, settings: Settings, source: str | Path) -> Article:
    """``article`` as it may be narrated. Longer than ``max_article_words`` is refused
    here, before a script is made or anything is synthesised; a link that isn't http or
    https (``javascript:`` in front matter) is dropped."""
    limit = settings.fetch.max_words
    if article.word_count > limit:
        raise IngestError(f"{article.source or source}: {article.word_count} words, more than the {limit} "
                          "max_article_words allows")  # fmt: skip
    if article.url and not _WEB_LINK.match(article.url):
        article = replace(article, url=None)
    return article
