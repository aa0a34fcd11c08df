"""The command line: output shapes and one-line errors with a non-zero exit."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.paths import EXAMPLES

from narrator.cli import cli


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def _run(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return _run


def _one_line_error(result, *fragments):
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_script_json_has_the_documented_shape(run):
    result = run("script", str(EXAMPLES / "harbour-strike.txt"), "--json")
    data = json.loads(result.output)
    assert set(data) == {"title", "author", "published", "language", "intro", "sections", "outro"}
    assert set(data["sections"][0]) == {"title", "written", "text"}
    assert data["author"] == "Marta Quell and Owen Farrady"


def test_narrate_json_with_tone_voice(run, tmp_path):
    result = run("narrate", str(EXAMPLES / "night-buses.md"), "--voice", "tone", "--out", str(tmp_path / "o"), "--json")
    data = json.loads(result.output)
    assert set(data) == {"slug", "title", "author", "published", "duration", "status", "audio", "transcript",
                         "chapters", "episode", "page"}  # fmt: skip
    assert Path(data["audio"]).is_file() and data["published"] == "2025-10-02T07:15:00+01:00"
    assert data["status"] == "published" and Path(data["episode"]).parent == Path(data["audio"]).parent


def test_stdin_source(run, tmp_path):
    page = "A title line\nThe council met on Monday and agreed to mend the bridge.\n"
    result = run("script", "-", "--json", input=page)
    assert json.loads(result.output)["sections"][0]["text"].startswith("The council met")


def test_voices_lists_engine_and_availability(run):
    result = run("voices", "--json")
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert rows["heart"]["engine"] == "hibari" and rows["heart"]["available"]
    assert rows["heart"]["default"]


def test_config_show_says_where_values_came_from(run, tmp_path):
    (tmp_path / "narrator.toml").write_text("bitrate = 128\n")
    result = run("config", "--show")
    assert "bitrate" in result.output and "narrator.toml" in result.output


def test_empty_file(run, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    _one_line_error(run("narrate", "empty.txt"), "empty.txt", "empty")


def test_binary_file(run, tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)))
    _one_line_error(run("narrate", "blob.txt"), "blob.txt", "binary")


def test_html_without_article(run, tmp_path):
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    _one_line_error(run("narrate", "nav.html"), "nav.html", "no article text")


def test_unreachable_url(run, closed_port, monkeypatch):
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_URLS", "1")
    _one_line_error(run("narrate", f"http://127.0.0.1:{closed_port}/x"), f"127.0.0.1:{closed_port}", "can't connect")


def test_url_404(run, http_server, monkeypatch):
    monkeypatch.setenv("NARRATOR_ALLOW_PRIVATE_URLS", "1")
    _one_line_error(run("narrate", f"{http_server}/gone.html"), "gone.html", "404")


def test_unknown_voice(run):
    _one_line_error(run("narrate", str(EXAMPLES / "night-buses.md"), "--voice", "robot"), "robot", "unknown voice")


def test_unwritable_output_folder_leaves_nothing(run, tmp_path):
    (tmp_path / "out").write_text("a file where the folder should be")
    result = run("narrate", str(EXAMPLES / "night-buses.md"), "--voice", "tone", "--out", "out")
    _one_line_error(result, "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_failed_narration_leaves_no_partial_episode(run, tmp_path):
    out = tmp_path / "o"
    run("narrate", str(EXAMPLES / "night-buses.md"), "--voice", "tone", "--out", str(out))
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    _one_line_error(run("narrate", "bad.txt", "--voice", "tone", "--out", str(out)), "bad.txt")
    assert sorted(p.name for p in out.iterdir()) == [
        ".narrator.lock",
        ".slugs",  # the names articles hold
        "cover.jpg",  # the podcast's generated artwork
        "feed.xml",
        "index.html",
        "night-buses-return-to-the-river-towns",
        "podcast.toml",
    ]
