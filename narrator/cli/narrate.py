"""Commands that read an article: narrate, script, lint, and check a narrated episode."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import api
from .common import FINDINGS, FORMAT, read_stdin, settings_from


@click.command()
@click.argument("source")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: output).")
@click.option("--voice", help="Voice profile name or path (default: heart).")
@FORMAT
@click.option("--no-cache", is_flag=True,
              help="Synthesise every sentence again and keep no clips (the voice's own data is still cached).")
@click.option("--jobs", type=click.IntRange(0, 64), help="Parallel synthesis workers (default: one per core).")
@click.option(
    "--check",
    "run_check",
    is_flag=True,
    help="Listen to the result (needs narrator[qa]); hold it back from the feed if flagged (exit status 3).",
)
@click.option("--force", is_flag=True, help="With --check, publish even a flagged episode.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object and nothing else.")
@click.pass_context
def narrate(ctx, source, out, voice, fmt, no_cache, jobs, run_check, force, as_json):
    """Narrate SOURCE (a file, an http(s) URL, or - for stdin) into OUT/<slug>/."""
    settings = settings_from(ctx, out=out, voice=voice, cache=False if no_cache else None, jobs=jobs)
    data = read_stdin(source)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Narrating", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    show_bar = not as_json and sys.stderr.isatty()
    try:
        episode = api.narrate(source, settings, data=data, fmt=fmt, progress=progress if show_bar else None,
                              check=run_check, force=force)  # fmt: skip
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if as_json:
        click.echo(json.dumps(episode.as_dict(), ensure_ascii=False))
    else:
        minutes, seconds = divmod(round(episode.duration), 60)
        click.echo(f"{episode.audio} ({minutes}:{seconds:02d})")


@click.command()
@click.argument("source")
@FORMAT
@click.option("--json", "as_json", is_flag=True, help="Print the script as JSON.")
@click.pass_context
def script(ctx, source, fmt, as_json):
    """Print exactly what would be spoken for SOURCE, without synthesising.

    Numbers, dates and symbols appear as they will be said, and names as written, with a
    lexicon's respelling after the name where the voice reads the respelling ("Lavrov
    (lav-ROFF)"). --json keeps each section as written and its text exactly as the voice
    reads it, pronunciation markup and all.
    """
    settings = settings_from(ctx)
    result = api.make_script(source, settings, data=read_stdin(source), fmt=fmt)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    # A lexicon's pronunciations are markup for the voice ([Kyiv](/kˈiɪv/) for hibari):
    # a person reads the word it stands for, and a respelling beside it.
    readable = api.readable(settings)
    for part in result.parts:
        heading = {"intro": "[intro]", "outro": "[outro]"}.get(part.kind) or (
            f"[section: {part.title}]" if part.title else "[section]"
        )
        click.echo(heading)
        for utterance in part.utterances:
            click.echo(readable(utterance.spoken))
        click.echo()


@click.command()
@click.argument("source")
@FORMAT
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_context
def lint(ctx, source, fmt, as_json):
    """Check SOURCE before narrating: text that can't be said, and names the voice is likely
    to say wrong (not in its dictionary or any lexicon, spelt unlike English), likeliest first.

    Exit status: 0 when there is nothing to fix, 3 when there are findings, 1 on errors,
    2 on a usage error.
    """
    _, findings = api.lint(source, settings_from(ctx), data=read_stdin(source), fmt=fmt)
    if as_json:
        counts = {kind: sum(f.kind == kind for f in findings) for kind in ("unspoken", "unknown-name")}
        click.echo(json.dumps({"source": source, "counts": counts, "findings": [f.as_dict() for f in findings]},
                              ensure_ascii=False, indent=2))  # fmt: skip
    else:
        # What can't be said first, then names from the likeliest to be said wrong.
        for f in sorted(findings, key=lambda f: (f.kind != "unspoken", -f.score)):
            if f.kind == "unspoken":
                what = f"can't be said ({f.reason})"
            else:
                what = f"may be said wrong ({f.score:.2f}: {f.reason})"
            click.echo(f"{source}: {what}: {f.text!r} in {f.sentence!r}")
        if not findings:
            click.echo(f"{source}: nothing to fix", err=True)
    ctx.exit(FINDINGS if findings else 0)


@click.command()
@click.argument("episode_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--max-wer", type=float, default=0.35, show_default=True, help="Flag a section whose word error rate is above this."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def check(ctx, episode_dir, max_wer, as_json):
    """Transcribe EPISODE_DIR's MP3 offline and score each section against the script.

    Needs narrator[qa]. Exit status: 0 when every section passes, 3 when one is flagged,
    1 on errors, 2 on a usage error.
    """
    report = api.check_episode(episode_dir, max_wer=max_wer)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for s in report.sections:
            status = f"FLAGGED: {s.reason}" if s.flagged else "ok"
            click.echo(f"{s.start:7.1f}s  WER {s.wer:6.1%}  {s.title[:50]:<50}  {status}")
    ctx.exit(FINDINGS if report.flagged else 0)
