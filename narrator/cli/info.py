"""Commands that describe the installation: voices and settings."""

from __future__ import annotations

import json

import click

from .. import api
from ..settings import setting_specs
from .common import settings_from


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the voices as JSON.")
@click.pass_context
def voices(ctx, as_json):
    """List voice profiles, their engines, and whether they can run here."""
    rows = [
        {
            "name": v.profile.name,
            "engine": v.profile.engine,
            "language": v.profile.language,
            "description": v.profile.description,
            "available": v.available,
            "reason": v.reason,
            "default": v.default,
        }
        for v in api.voices(settings_from(ctx))
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        status = "available" if row["available"] else f"unavailable: {row['reason']}"
        mark = "*" if row["default"] else " "
        click.echo(f"{mark} {row['name']:<12} {row['engine']:<8} {row['language']:<6} {status}  {row['description']}")


@click.command()
@click.option("--show", is_flag=True, help="Print every setting, its value and where it came from.")
@click.option("--json", "as_json", is_flag=True, help="With --show, print JSON.")
@click.pass_context
def config(ctx, show, as_json):
    """Show the settings in force (secrets are never shown)."""
    settings = settings_from(ctx)
    rows = [{"name": n, "value": None if v is None else str(v), "source": s} for n, v, s in settings.items()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not show:
        click.echo("Use --show to print the settings. Settings:")
        for spec in setting_specs():
            click.echo(f"  {spec.name:<16} NARRATOR_{spec.name.upper():<18} {spec.help}")
        return
    for row in rows:
        click.echo(f"{row['name']:<16} = {row['value']!s:<40} ({row['source']})")
