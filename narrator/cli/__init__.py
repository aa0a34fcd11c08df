"""The ``narrator`` command: a thin layer over the library API.

Library errors become one line on stderr, ``error: <input>: <reason>``, and exit
status 1; ``--debug`` shows the traceback instead. Findings (lint, check, an episode
held back by ``--check``) exit with 3, so they can't be mistaken for click's usage
errors (2).
"""

from __future__ import annotations

import signal
from pathlib import Path

import click

from .. import __version__
from ..errors import HeldError, NarratorError
from . import cache, follow, info, lexicon, narrate, publish, service, stats
from .common import FINDINGS

#: Commands that run a server or a worker pool: they handle SIGTERM themselves (uvicorn's
#: graceful shutdown, Celery's warm shutdown), so it keeps its default meaning there.
_OWN_SIGTERM = {"serve-api", "worker"}


class _Group(click.Group):
    def resolve_command(self, ctx: click.Context, args):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and command.name in _OWN_SIGTERM and signal.getsignal(signal.SIGTERM) is _on_sigterm:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        return name, command, rest

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NarratorError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(FINDINGS if isinstance(exc, HeldError) else 1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="narrator")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: ./narrator.toml if present).",
)
@click.option(
    "--voices",
    "voices_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of voice profiles searched before the built-in ones.",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of templates searched before the built-in ones.",
)
@click.option(
    "--lexicons",
    "lexicons_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of pronunciation lexicons searched before the built-in ones.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx, config, voices_dir, templates_dir, lexicons_dir, debug):
    """Turn news articles into narrated audio."""
    ctx.obj = {
        "config": config,
        "debug": debug,
        "overrides": {"voices_dir": voices_dir, "templates_dir": templates_dir, "lexicons_dir": lexicons_dir},
    }


for command in (
    narrate.narrate,
    narrate.script,
    narrate.lint,
    narrate.check,
    lexicon.lexicon,
    info.voices,
    info.config,
    publish.publish,
    publish.unpublish,
    publish.serve,
    publish.embed,
    follow.follow,
    service.serve_api,
    service.worker,
    cache.cache,
    stats.stats,
):
    cli.add_command(command)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main thread is, so it unwinds like Ctrl-C."""


_terminated = False


def _on_sigterm(signum, frame) -> None:
    global _terminated
    _terminated = True
    # Once only: the exit is under way, and a second signal mustn't cut its cleanup short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Terminated


def main() -> None:
    import gc

    from .. import api

    api.start_process()
    # A service manager stops a command with SIGTERM. By default that ends the process
    # at once, leaving temporary folders behind (a --no-cache narration's clips, a
    # preview's rendered feed); as an exception it runs every cleanup on the way out,
    # as Ctrl-C does, and the command then exits with 143 (128 + SIGTERM), as a shell
    # reports a process the signal ended.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # not if the caller ignores it
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        cli(prog_name="narrator")
    except SystemExit:
        if _terminated:
            raise SystemExit(128 + signal.SIGTERM) from None
        raise
    finally:
        # The process ends next and its memory goes with it. Without this, its last
        # garbage collection walks everything still loaded (the voice's dictionaries,
        # the normaliser's tables): 0.05 s, a tenth of re-narrating an edited article.
        gc.freeze()
