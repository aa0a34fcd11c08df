"""The generated cover: there from the first narration, in the folder's own feed and its
preview, uploaded to S3 only when it changed, and named the same in the docs and help."""

from __future__ import annotations

import re
import threading
import urllib.request
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from helpers.paths import ROOT

from narrator import api
from narrator.cli import cli
from narrator.publish.cover import COVER
from narrator.settings import load_settings

STORY = "---\ntitle: Night ferry returns\ndate: 2025-03-01\n---\n\nThe night ferry returns in May.\n"


def _narrate(tmp_path, **more):
    source = tmp_path / "ferry.md"
    source.write_text(STORY)
    settings = load_settings({"out": tmp_path / "out", "voice": "tone", **more}, environ={}, cwd=tmp_path)
    api.narrate(source, settings)
    return settings


def _image(feed: bytes) -> str | None:
    match = re.search(rb'<itunes:image href="([^"]+)"', feed)
    return match.group(1).decode() if match else None


def test_the_first_narration_draws_the_cover_and_the_folder_feed_shows_it(tmp_path):
    settings = _narrate(tmp_path)
    out = Path(settings.out)
    assert (out / COVER).is_file()
    assert _image((out / "feed.xml").read_bytes()) == f"http://localhost:8000/{COVER}"
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.feed.image.href.endswith(COVER)


def test_the_preview_feed_shows_the_cover_at_the_address_it_is_served_from(tmp_path):
    settings = _narrate(tmp_path)
    server, base = api.preview_server(settings, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        feed = urllib.request.urlopen(f"{base}feed.xml", timeout=10).read()
        image = _image(feed)
        assert image == f"{base}{COVER}"
        with urllib.request.urlopen(image, timeout=10) as response:
            assert response.headers["Content-Type"] == "image/jpeg"
            assert response.read()[:3] == b"\xff\xd8\xff"
    finally:
        server.shutdown()
        server.server_close()


def test_a_configured_image_is_used_and_nothing_is_drawn(tmp_path):
    settings = _narrate(tmp_path, podcast_image="https://example.org/art.jpg")
    out = Path(settings.out)
    assert not (out / COVER).exists()
    assert _image((out / "feed.xml").read_bytes()) == "https://example.org/art.jpg"


def test_publishing_again_to_s3_does_not_upload_the_cover_again(tmp_path, bucket, fault_proxy):
    proxy, state = fault_proxy
    settings = _narrate(tmp_path, s3_endpoint_url=proxy, public_base_url="https://audio.example.org/p/",
                        podcast_owner_email="audio@example.org")  # fmt: skip
    target = f"s3://{bucket}/p"

    def cover_puts() -> int:
        return sum(1 for method, path, _ in state.log if method == "PUT" and "/cover-" in path)

    first = api.publish(settings, target=target)
    assert cover_puts() == 1 and any("cover-" in key for key in first.uploaded)
    again = api.publish(settings, target=target)
    assert cover_puts() == 1, [e for e in state.log if "cover" in e[1]]
    assert again.uploaded == () and again.deleted == ()


@pytest.mark.parametrize("place", ["README.md", "help"])
def test_the_docs_and_the_help_name_the_cover_that_is_drawn(place):
    text = (
        (ROOT / "README.md").read_text(encoding="utf-8")
        if place == "README.md"
        else CliRunner().invoke(cli, ["config"]).output
    )
    assert "cover.png" not in text
    assert f"OUT/{COVER}" in text


def test_checking_the_cover_on_each_narration_does_not_load_pillow(tmp_path):
    # Every narration rebuilds the feed and checks the cover is drawn for the title;
    # reading its title from the JPEG header costs nothing, where Pillow's import costs
    # a narration 20 ms.
    import subprocess
    import sys

    settings = _narrate(tmp_path)
    code = (
        "import sys\nfrom narrator import api\nfrom narrator.settings import load_settings\n"
        f"settings = load_settings({{'out': {str(settings.out)!r}, 'voice': 'tone'}}, environ={{}})\n"
        f"api.narrate({str(tmp_path / 'ferry.md')!r}, settings)\n"
        "print('PIL' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.strip() == "False", result.stderr
