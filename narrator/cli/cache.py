"""Commands for the clip cache shared by machines."""

from __future__ import annotations

import json
import re

import click

from ..api.caching import prune_shared_cache
from .common import Duration, settings_from

_BYTES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


#: An age, its unit in either case and always written: a bare number is no age.
_AGE = Duration("smhdwSMHDW", bare=False, least=0.0, example="30d, 12h or 90m")


class _Size(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx):
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*", str(value).lower())
        if not found:
            self.fail(f"{value!r} is not a size such as 20GB or 500MB", param, ctx)
        return int(float(found[1]) * _BYTES[found[2]])


@click.group()
def cache():
    """The clip cache shared by machines (cache_url)."""


@cache.command()
@click.option("--to", "target", help="The shared cache, s3://bucket/prefix (default: the cache_url setting).")
@click.option("--older-than", type=_AGE, help="Remove what was sent longer ago than this, e.g. 30d or 12h.")
@click.option("--max-size", type=_Size(), help="Then remove the oldest until the rest fit, e.g. 20GB (1 GB = 10^9 B).")
@click.option("--endpoint-url", help="S3-compatible endpoint, e.g. for MinIO or R2.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def prune(ctx, target, older_than, max_size, endpoint_url, as_json):
    """Remove clips and segments from the shared cache, by age, by size or both.

    Workers never prune the shared cache themselves; run this from a scheduled job.
    A worker that wants a removed clip synthesises it again and sends it back."""
    settings = settings_from(ctx, s3_endpoint_url=endpoint_url)
    result = prune_shared_cache(settings, to=target, older_than=older_than, max_bytes=max_size)
    if as_json:
        click.echo(json.dumps({"target": result.url, "removed": result.removed, "removed_bytes": result.removed_bytes,
                               "kept": result.kept, "kept_bytes": result.kept_bytes}))  # fmt: skip
        return
    click.echo(f"{result.url}: removed {result.removed} objects ({result.removed_bytes / 1e6:.1f} MB), "
               f"kept {result.kept} ({result.kept_bytes / 1e6:.1f} MB)")  # fmt: skip
