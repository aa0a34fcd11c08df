"""Commands for the podcast: publish, unpublish, serve a preview, embed the player."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import api
from .common import settings_from

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


def _publish_settings(ctx, out, endpoint_url, public_base_url, acl):
    return settings_from(ctx, out=out, s3_endpoint_url=endpoint_url, public_base_url=public_base_url, s3_acl=acl)


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


@click.command()
@click.argument("out", type=click.Path(path_type=Path), default=None, required=False)
@_s3_options
@click.option("--force", is_flag=True, help="Publish even a feed Apple Podcasts would refuse (no owner e-mail...).")
@click.option(
    "--update-podcast",
    is_flag=True,
    help="Change the podcast stored in OUT/podcast.toml to the settings given (title, base URL...).",
)
@click.pass_context
def publish(ctx, out, target, endpoint_url, public_base_url, acl, as_json, force, update_podcast):
    """Publish the episodes in OUT (default: output) and rebuild the feed.

    Without --to, OUT itself becomes a static podcast site (feed.xml, index.html).
    The podcast's identity is kept in OUT/podcast.toml from the first publish on.
    """
    settings = _publish_settings(ctx, out, endpoint_url, public_base_url, acl)
    _print_result(api.publish(settings, target=target, force=force, update_podcast=update_podcast), as_json)


@click.command()
@click.argument("slug")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: output).")
@_s3_options
@click.pass_context
def unpublish(ctx, slug, out, target, endpoint_url, public_base_url, acl, as_json):
    """Retract the episode SLUG and rebuild the feed without it."""
    settings = _publish_settings(ctx, out, endpoint_url, public_base_url, acl)
    _print_result(api.unpublish(slug, settings, target=target), as_json)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path), default=None, required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets phones on the network subscribe.",
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--access-log",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append a line a request to this file, in the combined log format, for `narrator stats import`.",
)
@click.pass_context
def serve(ctx, out, host, port, access_log):
    """Preview OUT (default: output) over HTTP, with byte ranges for seeking.

    The folder is never written to: the feed is rendered for this server's address.
    """
    settings = settings_from(ctx, out=out)
    server, base = api.preview_server(settings, host, port, access_log=access_log)
    click.echo(f"Serving {settings.out} at {base} (feed: {base}feed.xml); Ctrl-C stops.", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@click.command()
@click.argument("slug")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: output).")
@click.option("--base-url", help="Public URL of the output folder (default: the public_base_url setting).")
@click.pass_context
def embed(ctx, slug, out, base_url):
    """Print the accessible player snippet for episode SLUG, for a CMS to paste."""
    click.echo(api.embed(slug, settings_from(ctx, out=out), base_url), nl=False)
