"""``narrator follow``: narrate the articles of feeds, news sitemaps and lists of article
URLs, and keep their episodes in step, once or on a timer."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from .. import api
from .common import Duration, settings_from

#: Lines printed for what a poll did to an article; failures go to stderr as errors.
_SHOWN = ("narrated", "updated", "retracted", "gone")


class _Status:
    """One line on a terminal's stderr saying what the poll is doing, rewritten in place."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.shown = False

    def show(self, what: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        count = f"[{done + 1}/{total}] " if total else ""
        width = shutil.get_terminal_size((80, 24)).columns - 1
        sys.stderr.write("\r\x1b[K" + (count + what)[:width])
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


def _source_options(**given) -> dict:
    """The options given for SOURCE, as a source's keys (those left out are not stored)."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in given.items()
            if value not in (None, (), False)}  # fmt: skip


@click.command(short_help="Narrate the new and changed articles of feeds, news sitemaps and lists of URLs.")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: output).")
@click.option("--every", type=Duration(), metavar="DURATION",
              help="Poll again every DURATION (30s, 10m, 1h) until stopped (Ctrl-C, SIGTERM).")  # fmt: skip
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A TOML file of sources: [[source]] tables, each with its url and options of its own.")  # fmt: skip
@click.option("--kind", type=click.Choice(["feed", "rss", "atom", "json", "sitemap", "urls"]),
              help="What SOURCE must be; anything else is an error.")  # fmt: skip
@click.option("--voice", help="Voice profile for SOURCE's articles (default: the voice setting).")
@click.option("--draft", is_flag=True, help="Keep SOURCE's new episodes as drafts, out of the feed.")
@click.option("--backfill", type=click.IntRange(0, 10_000),
              help="Articles SOURCE's first poll narrates at most, the newest (default: follow_backfill).")  # fmt: skip
@click.option("--max-age", "max_age_days", type=click.FloatRange(0, 36_500), metavar="DAYS",
              help="Leave articles dated more than DAYS days ago (default: follow_max_age_days).")  # fmt: skip
@click.option("--category", "categories", multiple=True,
              help="Narrate only articles in this category or tag (may be repeated).")  # fmt: skip
@click.option("--exclude-category", "exclude_categories", multiple=True,
              help="Leave articles in this category or tag (may be repeated).")  # fmt: skip
@click.option("--match", "urls", multiple=True, metavar="PATTERN",
              help="Narrate only articles whose URL matches PATTERN, * for any text (may be repeated).")  # fmt: skip
@click.option("--exclude", "exclude_urls", multiple=True, metavar="PATTERN",
              help="Leave articles whose URL matches PATTERN (may be repeated).")  # fmt: skip
@click.option("--retract-removed", is_flag=True, help="Retract an article's episode when it leaves SOURCE.")
@click.option("--retract-gone", is_flag=True, help="Retract an article's episode when its page answers 404 or 410.")
@click.option("--forget", is_flag=True, help="Stop following SOURCE; its episodes stay.")
@click.option("--json", "as_json", is_flag=True, help="Print each poll's result as one line of JSON.")
@click.pass_context
def follow(ctx, sources, out, every, sources_file, forget, as_json, **options):
    """Narrate the new and changed articles of each SOURCE: an RSS, Atom or JSON feed, a
    news sitemap (or sitemap index), or a list of article URLs one a line (a URL or a
    file).

    Each SOURCE is followed from then on with the options given; with none, every source
    OUT follows is polled. A source's first poll narrates only its newest articles (see
    --backfill); later ones, each new article. A corrected article is narrated again into
    its episode. Exit status: 0, or 1 if a source or an article failed (with --every, it
    keeps polling).
    """
    settings = settings_from(ctx, out=out)
    if forget:
        if not sources:
            raise click.UsageError("--forget needs the SOURCE to stop following")
        for source in sources:
            if not api.forget_source(source, settings):
                click.echo(f"error: {source}: not followed in {settings.out}", err=True)
                ctx.exit(1)
        return
    given = _source_options(**options)
    if given and not sources:
        raise click.UsageError("source options (--draft, --category, --match...) apply to the SOURCE given with them")
    status = _Status(enabled=not as_json and sys.stderr.isatty())
    failed = False
    polls = api.follow([{"url": s, **given} for s in sources], settings, sources_file=sources_file, every=every,
                       watch=status.show)  # fmt: skip
    try:
        for result in polls:
            status.clear()
            if as_json:
                click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
            else:
                for source in result.sources:
                    if source.status in ("paused", "elsewhere"):  # another machine follows the store's sources
                        click.echo(f"note: {source.error}", err=True)
                    for article in source.articles:
                        if article.action in _SHOWN:
                            click.echo(f"{article.action}: {article.title or article.url}"
                                       + (f" ({article.slug})" if article.slug else ""))  # fmt: skip
            sys.stdout.flush()
            for line in result.errors:
                click.echo(f"error: {line}", err=True)
                failed = True
    except KeyboardInterrupt:
        status.clear()
        if every is None:
            raise
        return  # --every stops here, as `serve` does: what was under way is left for the next poll
    finally:
        status.clear()
    if failed and every is None:
        ctx.exit(1)
