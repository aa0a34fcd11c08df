"""The `narrator follow` command: sources from the command line or a sources file (a file of
article URLs among them), remembered by the output folder until forgotten; one line per
episode made, or one JSON object per poll; errors in one line, with exit status 1."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from narrator.cli import cli


@pytest.fixture
def run(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name, value in {"VOICE": "tone", "ALLOW_PRIVATE_URLS": "true", "FOLLOW_REQUESTS_PER_MINUTE": "6000",
                        "CACHE_DIR": str(tmp_path / "clips"), "OUT": str(tmp_path / "out")}.items():  # fmt: skip
        monkeypatch.setenv(f"NARRATOR_{name}", value)

    def invoke(*args: str):
        return CliRunner(mix_stderr=False).invoke(cli, ["follow", *args], catch_exceptions=False)

    return invoke


@pytest.mark.network
def test_a_sources_file_is_followed_and_remembered_until_forgotten(site, run, tmp_path):
    site.stories = site.stories[:2]
    harbour, library = site.stories
    urls = tmp_path / "courier.txt"
    urls.write_text(f"# today's stories\n{site.url(harbour)}\n")
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nurl = "courier.txt"\n\n[[source]]\nurl = "{site.url("/atom.xml")}"\n'
        'categories = ["Education"]\ndraft = true\n'
    )
    result = run("--sources", "sources.toml")
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.splitlines()) == [f"narrated: {harbour.title} ({harbour.slug})",
                                                  f"narrated: {library.title} ({library.slug})"]  # fmt: skip

    # With no SOURCE, every source the folder follows is polled: nothing new.
    result = run("--json")
    assert result.exit_code == 0, result.output
    poll = json.loads(result.stdout)
    assert {s["source"]: (s["status"], s["articles"]) for s in poll["sources"]} == {
        str(urls): ("unchanged", []), site.url("/atom.xml"): ("unchanged", [])}  # fmt: skip

    assert run("--forget", "courier.txt").exit_code == 0
    assert run("--forget", site.url("/atom.xml")).exit_code == 0
    result = run()
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "follows no source yet" in result.stderr


@pytest.mark.network
def test_a_failing_source_is_an_error_line_and_exit_status_1(site, run):
    site.stories = site.stories[:1]
    site.documents["/feed.xml"] = b"<!doctype html><html><body>Our newsroom</body></html>"
    result = run(site.url("/feed.xml"), site.url("/urls.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"error: {site.url('/feed.xml')}: an HTML page, not a feed, a sitemap or a list of URLs\n"
    assert result.stdout == f"narrated: {site.stories[0].title} ({site.stories[0].slug})\n"


def test_options_for_a_source_need_a_source_and_durations_are_checked(run):
    assert run("--draft").exit_code == 2
    result = run("https://news.example/feed", "--every", "soon")
    assert result.exit_code == 2 and "'soon' is not a duration such as 30s, 10m or 1h" in result.stderr
    result = run("https://news.example/feed", "--voice", "robot")
    assert result.exit_code == 1 and "robot" in result.stderr
