"""What every command shares: settings from the group's options and a command's flags,
standard input, and the --format option."""

from __future__ import annotations

import re
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


_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


class Duration(click.ParamType):
    """A time such as 30s, 10m, 1h or 1d, in seconds. ``units`` are the suffixes taken;
    with ``bare``, a number alone is seconds; less than ``least`` seconds is refused."""

    name = "duration"

    def __init__(self, units: str = "smhd", *, bare: bool = True, least: float = 1.0, example: str = "30s, 10m or 1h"):
        self.units, self.bare, self.least, self.example = units, bare, least, example

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            return value
        unit = f"[{self.units}]" + ("?" if self.bare else "")
        match = re.fullmatch(rf"\s*(\d+(?:\.\d+)?)\s*({unit})\s*", str(value))
        if not match:
            self.fail(f"{value!r} is not a duration such as {self.example}", param, ctx)
        seconds = float(match[1]) * _SECONDS[match[2].lower() or "s"]
        if seconds < self.least:
            self.fail(f"{value!r} is less than a second", param, ctx)
        return seconds
