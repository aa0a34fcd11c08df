"""``narrator stats``: the listening figures of the output folder, and ``narrator stats
import`` to count the downloads in access logs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..api import stats as stats_api
from ..api.stats import StatsFigures
from .common import settings_from

OUT = click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder of the episodes.")


class _Stats(click.Group):
    """``narrator stats [EPISODE]`` shows the figures; ``narrator stats import SOURCE`` imports."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_Stats)
def stats():
    """Listening figures: plays, downloads and how far listeners got.

    `narrator stats [EPISODE]` shows them (the same as `narrator stats show`);
    `narrator stats import SOURCE` counts the downloads in access logs."""


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    )


def _text(figures: StatsFigures, episode: str | None) -> str:
    days = (figures.end - figures.start).days + 1
    lines = [f"Listening figures, {figures.start} to {figures.end} ({days} days, UTC)", ""]
    rows = [["Episode", "Plays", "Downloads", "Finished", "Median heard"]]
    for one in sorted(figures.episodes, key=lambda e: (-e.plays, -e.downloads, e.episode)):
        finished = _share(one.curve[-1]) if one.plays else "-"
        rows.append([one.episode, str(one.plays), str(one.downloads), finished, _share(one.median_heard)])
    if episode is None:
        rows.append(["Total", str(figures.plays), str(figures.downloads), "", ""])
    lines += [_table(rows), ""]
    if episode is not None and figures.episodes:
        one = figures.episodes[0]
        curve = [["Still listening at", *(f"{d}%" for d in range(10, 101, 10))],
                 ["Share of plays", *(_share(s) if one.plays else "-" for s in one.curve)]]  # fmt: skip
        lines += [_table(curve), ""]
        if one.speeds:
            lines += ["Speeds: " + ", ".join(f"{speed:g}x {n}" for speed, n in one.speeds), ""]
    lines.append(_table([["Day", "Plays", "Downloads"]]
                        + [[d.day.isoformat(), str(d.plays), str(d.downloads)] for d in figures.days]))  # fmt: skip
    return "\n".join(lines)


@stats.command()
@click.argument("episode", required=False)
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 3660), help="Days to show, to today.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the daily counts as CSV, a row a day and episode.")
@OUT
@click.pass_context
def show(ctx, episode, days, as_json, as_csv, out):
    """Show the plays, downloads and completion of EPISODE, or of every episode."""
    if as_json and as_csv:
        raise click.UsageError("--json and --csv: choose one")
    settings = settings_from(ctx, out=out)
    if as_csv:
        click.echo(stats_api.figures_csv(settings, episode, days), nl=False)
        return
    figures = stats_api.figures(settings, episode, days)
    if as_json:
        click.echo(json.dumps(figures.as_dict(), indent=2))
    else:
        click.echo(_text(figures, episode))


@stats.command(name="import")
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print what was imported as JSON.")
@OUT
@click.option("--endpoint-url", help="S3-compatible endpoint for s3:// sources.")
@click.pass_context
def import_(ctx, source, as_json, out, endpoint_url):
    """Count the downloads in access logs: SOURCE is a log file (narrator serve's, or a
    web server's combined log), a folder of them, or s3://bucket/prefix holding S3 server
    access logs or CloudFront standard logs. A log imported before counts nothing again."""
    settings = settings_from(ctx, out=out, s3_endpoint_url=endpoint_url)
    result = stats_api.import_downloads(source, settings)
    if as_json:
        click.echo(json.dumps({"source": result.source, "logs": result.logs, "already_imported": result.already,
                               "requests": result.requests, "downloads": result.downloads}, indent=2))  # fmt: skip
        return
    click.echo(f"{source}: {result.logs} logs ({result.already} imported before), {result.requests} requests, "
               f"{result.downloads} downloads counted")  # fmt: skip
