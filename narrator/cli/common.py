"""What every command shares: settings from the group's options and a command's flags,
standard input, and the --format option."""

from __future__ import annotations

import sys

import click

from ..settings import Settings, load_settings

#: Exit status for findings (lint found something, check flagged a section, an episode
#: held back): 1 is an error and 2 click's usage error, so CI can tell the three apart.
FINDINGS = 3

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "text"]),
    help="Treat SOURCE as this format instead of detecting it.",
)


#: The flag each setting given on the command line comes from, so an error names it.
FLAGS = {
    "voices_dir": "--voices",
    "templates_dir": "--templates",
    "lexicons_dir": "--lexicons",
    "out": "--out",
    "voice": "--voice",
    "cache": "--no-cache",
    "jobs": "--jobs",
    "s3_endpoint_url": "--endpoint-url",
    "public_base_url": "--public-base-url",
    "s3_acl": "--acl",
}


def settings_from(ctx: click.Context, **flags) -> Settings:
    """The settings in force: the layers below, then the group's options and ``flags``."""
    obj = ctx.find_root().obj or {}
    return load_settings({**obj.get("overrides", {}), **flags}, config_file=obj.get("config"), flags=FLAGS)


def read_stdin(source: str) -> bytes | None:
    return sys.stdin.buffer.read() if source == "-" else None
