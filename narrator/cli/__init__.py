"""The ``narrator`` command: a thin layer over the library API.

Library errors become one line on stderr, ``error: <input>: <reason>``, and exit
status 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import ConfigError, NarratorError
from ..settings import load_settings, setting_fields

EXAMPLE = "examples/harbour-strike.txt"


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NarratorError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


def _settings(ctx: click.Context, **flags):
    obj = ctx.obj or {}
    return load_settings(
        {**obj.get("overrides", {}), **flags},
        config_file=obj.get("config"),
    )


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


def _read_stdin(source: str) -> bytes | None:
    return sys.stdin.buffer.read() if source == "-" else None


_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "text"]),
    help="Treat SOURCE as this format instead of detecting it.",
)


@cli.command()
@click.argument("source")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: output).")
@click.option("--voice", help="Voice profile name or path (default: heart).")
@_FORMAT
@click.option("--no-cache", is_flag=True, help="Synthesise every sentence again; don't use the clip cache.")
@click.option("--jobs", type=click.IntRange(0, 64), help="Parallel synthesis workers (default: one per core).")
@click.option(
    "--check",
    "run_check",
    is_flag=True,
    help="Listen to the result (needs narrator[qa]); hold it back from the feed if flagged.",
)
@click.option("--force", is_flag=True, help="With --check, publish even a flagged episode.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object and nothing else.")
@click.pass_context
def narrate(ctx, source, out, voice, fmt, no_cache, jobs, run_check, force, as_json):
    """Narrate SOURCE (a file, an http(s) URL, or - for stdin) into OUT/<slug>/."""
    from ..api import narrate as run

    settings = _settings(ctx, out=out, voice=voice, cache=False if no_cache else None, jobs=jobs)
    data = _read_stdin(source)
    show_bar = not as_json and sys.stderr.isatty()
    bar = None
    progress = None
    if show_bar:

        def progress(n: int, _state={"started": False}):  # noqa: B006 - per-call state
            nonlocal bar
            if bar is None:
                bar = click.progressbar(length=n, label="Narrating", file=sys.stderr)
                bar.__enter__()
            else:
                bar.update(n)

    try:
        episode = run(source, settings, data=data, fmt=fmt, progress=progress, update_feed=not run_check)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    report = None
    if run_check:
        from ..check import check_episode
        from ..episodes.write import hold_episode
        from ..publish.local import LocalPublisher

        report = check_episode(episode.directory)
        if report.flagged and not force:
            hold_episode(episode.directory, report.as_dict())
            bad = "; ".join(f"{s.title}: {s.reason} (WER {s.wer:.0%})" for s in report.sections if s.flagged)
            raise NarratorError(f"{episode.directory}: held back from the feed by the check: {bad}")
        LocalPublisher().publish(Path(settings.out), settings)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "audio": str(episode.audio),
                    "duration": round(episode.duration, 3),
                    "title": episode.title,
                    "author": episode.author,
                    "published": episode.published.isoformat() if episode.published else None,
                    "transcript": str(episode.transcript),
                    "chapters": str(episode.chapters_file),
                    "episode": str(episode.metadata_file),
                },
                ensure_ascii=False,
            )
        )
    else:
        minutes, seconds = divmod(round(episode.duration), 60)
        click.echo(f"{episode.audio} ({minutes}:{seconds:02d})")


@cli.command()
@click.argument("source")
@_FORMAT
@click.option("--json", "as_json", is_flag=True, help="Print the script as JSON.")
@click.pass_context
def script(ctx, source, fmt, as_json):
    """Print exactly what would be spoken for SOURCE, without synthesising."""
    from ..api import make_script
    from ..script import script_to_dict

    settings = _settings(ctx)
    result = make_script(source, settings, data=_read_stdin(source), fmt=fmt)
    if as_json:
        click.echo(json.dumps(script_to_dict(result), ensure_ascii=False, indent=2))
        return
    for part in result.parts:
        heading = {"intro": "[intro]", "outro": "[outro]"}.get(part.kind) or (
            f"[section: {part.title}]" if part.title else "[section]"
        )
        click.echo(heading)
        for utterance in part.utterances:
            click.echo(utterance.spoken)
        click.echo()


@cli.command()
@click.argument("source")
@_FORMAT
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_context
def lint(ctx, source, fmt, as_json):
    """Check SOURCE before narrating: text that can't be said, and names no lexicon covers.

    Exit status: 0 when there is nothing to fix, 2 when there are findings, 1 on errors.
    """
    from ..api import lexicon_for, make_script, voice_and_engine
    from ..lint import lint_script

    settings = _settings(ctx)
    result = make_script(source, settings, data=_read_stdin(source), fmt=fmt)
    profile, _ = voice_and_engine(settings)
    findings = lint_script(result, lexicon_for(profile, settings))
    if as_json:
        counts = {kind: sum(f.kind == kind for f in findings) for kind in ("unspoken", "unknown-name")}
        click.echo(json.dumps({"source": source, "counts": counts, "findings": [f.as_dict() for f in findings]},
                              ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for f in findings:
            what = "can't be said" if f.kind == "unspoken" else "not in any lexicon"
            click.echo(f"{source}: {what}: {f.text!r} in {f.sentence!r}")
        if not findings:
            click.echo(f"{source}: nothing to fix", err=True)
    ctx.exit(2 if findings else 0)


@cli.command()
@click.argument("episode_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--max-wer", type=float, default=0.35, show_default=True, help="Flag a section whose word error rate is above this."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def check(ctx, episode_dir, max_wer, as_json):
    """Transcribe EPISODE_DIR's MP3 offline and score each section against the script.

    Needs narrator[qa]. Exit status: 0 when every section passes, 2 when one is flagged.
    """
    from ..check import check_episode

    report = check_episode(episode_dir, max_wer=max_wer)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for s in report.sections:
            status = f"FLAGGED: {s.reason}" if s.flagged else "ok"
            click.echo(f"{s.start:7.1f}s  WER {s.wer:6.1%}  {s.title[:50]:<50}  {status}")
    ctx.exit(2 if report.flagged else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the voices as JSON.")
@click.pass_context
def voices(ctx, as_json):
    """List voice profiles, their engines, and whether they can run here."""
    from ..errors import EngineError
    from ..synth.engines import load_engine
    from ..synth.voices import list_profiles

    settings = _settings(ctx)
    rows = []
    for profile in list_profiles(settings.voices_dir):
        try:
            reason = load_engine(profile.engine).unavailable(profile)
        except EngineError as exc:
            reason = str(exc)
        rows.append(
            {
                "name": profile.name,
                "engine": profile.engine,
                "language": profile.language,
                "description": profile.description,
                "available": reason is None,
                "reason": reason,
                "default": profile.name == settings.voice,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        status = "available" if row["available"] else f"unavailable: {row['reason']}"
        mark = "*" if row["default"] else " "
        click.echo(f"{mark} {row['name']:<12} {row['engine']:<8} {row['language']:<6} {status}  {row['description']}")


@cli.command()
@click.option("--show", is_flag=True, help="Print every setting, its value and where it came from.")
@click.option("--json", "as_json", is_flag=True, help="With --show, print JSON.")
@click.pass_context
def config(ctx, show, as_json):
    """Show the settings in force."""
    settings = _settings(ctx)
    rows = [{"name": n, "value": None if v is None else str(v), "source": s} for n, v, s in settings.items()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not show:
        click.echo("Use --show to print the settings. Settings:")
        for f in setting_fields():
            click.echo(f"  {f.name:<16} NARRATOR_{f.name.upper():<18} {f.metadata['help']}")
        return
    for row in rows:
        click.echo(f"{row['name']:<16} = {row['value']!s:<40} ({row['source']})")


def _publish_settings(ctx, out, endpoint_url, public_base_url, acl):
    return _settings(ctx, out=out, s3_endpoint_url=endpoint_url, public_base_url=public_base_url, s3_acl=acl)


_S3_OPTIONS = [
    click.option("--to", "target", help="Where to publish: s3://bucket/prefix (default: the folder itself)."),
    click.option("--endpoint-url", help="S3-compatible endpoint, e.g. for MinIO or R2."),
    click.option("--public-base-url", help="Public URL the published files are served from."),
    click.option("--acl", help="Canned ACL for uploaded objects, e.g. public-read."),
    click.option("--json", "as_json", is_flag=True, help="Print the result as JSON."),
]


def _s3_options(fn):
    for option in reversed(_S3_OPTIONS):
        fn = option(fn)
    return fn


def _print_result(result, as_json):
    if as_json:
        click.echo(
            json.dumps(
                {
                    "target": result.target,
                    "feed": result.feed_url,
                    "episodes": result.episodes,
                    "uploaded": list(result.uploaded),
                    "deleted": list(result.deleted),
                    "feed_changed": result.feed_changed,
                },
                ensure_ascii=False,
            )
        )
    else:
        click.echo(
            f"{result.feed_url} ({result.episodes} episodes, {len(result.uploaded)} files uploaded, "
            f"{len(result.deleted)} removed)"
        )


@cli.command()
@click.argument("out", type=click.Path(path_type=Path), default=None, required=False)
@_s3_options
@click.pass_context
def publish(ctx, out, target, endpoint_url, public_base_url, acl, as_json):
    """Publish the episodes in OUT (default: output) and rebuild the feed.

    Without --to, OUT itself becomes a static podcast site (feed.xml, index.html).
    """
    from ..publish import load_publisher

    settings = _publish_settings(ctx, out, endpoint_url, public_base_url, acl)
    result = load_publisher(target).publish(Path(settings.out), settings)
    _print_result(result, as_json)


@cli.command()
@click.argument("slug")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: output).")
@_s3_options
@click.pass_context
def unpublish(ctx, slug, out, target, endpoint_url, public_base_url, acl, as_json):
    """Retract the episode SLUG and rebuild the feed without it."""
    from ..publish import load_publisher

    settings = _publish_settings(ctx, out, endpoint_url, public_base_url, acl)
    result = load_publisher(target).unpublish(slug, Path(settings.out), settings)
    _print_result(result, as_json)


@cli.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path), default=None, required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets phones on the network subscribe.",
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.pass_context
def serve(ctx, out, host, port):
    """Preview OUT (default: output) over HTTP, with byte ranges for seeking."""
    from ..publish.local import LocalPublisher
    from ..publish.serve import make_server

    base = f"http://{host if host != '0.0.0.0' else '127.0.0.1'}:{port}/"
    settings = _settings(ctx, out=out)
    if settings.source_of("public_base_url") == "default":
        settings = _settings(ctx, out=out, public_base_url=base)
    LocalPublisher().publish(Path(settings.out), settings)
    server = make_server(Path(settings.out), host, port)
    click.echo(f"Serving {settings.out} at {base} (feed: {base}feed.xml); Ctrl-C stops.", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.argument("slug")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: output).")
@click.option("--base-url", help="Public URL of the output folder (default: the public_base_url setting).")
@click.pass_context
def embed(ctx, slug, out, base_url):
    """Print the accessible player snippet for episode SLUG, for a CMS to paste."""
    from ..episodes.player import embed_snippet

    settings = _settings(ctx, out=out)
    click.echo(embed_snippet(Path(settings.out), slug, settings, base_url), nl=False)


@cli.command("serve-api")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: output).")
@click.option("--broker", help="Send jobs to Celery workers through this Redis URL (default: run them here).")
@click.pass_context
def serve_api(ctx, host, port, out, broker):
    """Run the HTTP API and the editor page (needs narrator[service]).

    Tokens come from NARRATOR_API_TOKENS or api_tokens in narrator.toml.
    """
    try:
        import uvicorn

        from ..service.app import create_app
        from ..service.queues import make_queue
    except ImportError:
        raise ConfigError("serve-api needs the service extra: pip install 'narrator[service]'") from None
    settings = _settings(ctx, out=out, broker=broker)
    if not settings.api_tokens:
        raise ConfigError("serve-api: set NARRATOR_API_TOKENS (or api_tokens); there are no anonymous requests")
    queue = make_queue(settings)
    try:
        uvicorn.run(create_app(settings, queue), host=host, port=port, log_level="info")
    finally:
        queue.close()


@cli.command()
@click.option("--broker", help="Redis URL the service sends jobs to (default: the broker setting).")
@click.option("--concurrency", default=1, show_default=True, type=int, help="Jobs this worker runs at once.")
@click.pass_context
def worker(ctx, broker, concurrency):
    """Run a Celery worker that narrates jobs from the service (needs narrator[service])."""
    try:
        from ..service.queues import celery_app
    except ImportError:
        raise ConfigError("worker needs the service extra: pip install 'narrator[service]'") from None
    settings = _settings(ctx, broker=broker)
    if not settings.broker:
        raise ConfigError("worker: give --broker redis://... (or set NARRATOR_BROKER)")
    app = celery_app(settings.broker, settings.visibility_timeout)
    app.worker_main(["worker", "--loglevel=INFO", f"--concurrency={concurrency}", "-Q", "narrator",
                     "--without-gossip", "--without-mingle"])  # fmt: skip


def main() -> None:
    cli(prog_name="narrator")


if __name__ == "__main__":
    main()
