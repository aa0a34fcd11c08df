"""Retracting acts only on episodes narrator wrote: a folder with a hand-made or foreign
``episode.json``, or a symlink in the output folder, is refused and left as it is."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from helpers.servers import Client, start_uvicorn

from narrator import api
from narrator.cli import cli
from narrator.errors import OutputError
from narrator.settings import load_settings

ARTICLE = "# Bridge repairs start in May\n\nThe council approved the repairs on Monday after a long debate.\n"


@pytest.fixture
def out(tmp_path):
    """An output folder with one real episode, and three names that aren't episodes."""
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    source = tmp_path / "bridge.md"
    source.write_text(ARTICLE)
    episode = api.narrate(source, settings)
    out = settings.out
    (out / "notes").mkdir()
    (out / "notes" / "episode.json").write_text(json.dumps({"title": "my notes", "keep": True}))
    shutil.copytree(episode.directory, out / "copied")  # a valid record, but of another folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "episode.json").write_text("{}")
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)
    return out


def _intact(out) -> None:
    assert json.loads((out / "notes" / "episode.json").read_text())["keep"] is True
    assert (out / "copied" / "episode.json").is_file()
    assert (out / "linked").is_symlink() and (out / "linked" / "episode.json").is_file()
    assert (out / "bridge-repairs-start-in-may" / "episode.json").is_file()


@pytest.mark.parametrize("name", ["notes", "copied", "linked"])
def test_unpublish_refuses_a_name_that_is_not_an_episode(out, name):
    result = CliRunner().invoke(cli, ["unpublish", name, "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {name}: no such episode in {out}"
    _intact(out)


@pytest.mark.parametrize("name", ["notes", "copied", "linked"])
def test_retract_refuses_a_name_that_is_not_an_episode(out, tmp_path, name):
    settings = load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp_path)
    with pytest.raises(OutputError, match="no such episode"):
        api.retract(name, settings)
    _intact(out)


def test_the_service_answers_404_for_a_name_that_is_not_an_episode(out, tmp_path):
    pytest.importorskip("fastapi", reason="needs narrator[service]")
    from narrator.service.app import create_app
    from narrator.service.queues import EmbeddedQueue

    settings = load_settings({"out": out, "voice": "tone", "api_tokens": "tok-secret-1", "cache_dir": tmp_path / "c"},
                             environ={}, cwd=tmp_path)  # fmt: skip
    queue = EmbeddedQueue(settings, workers=1)
    url, stop = start_uvicorn(create_app(settings, queue))
    try:
        client = Client(url, "tok-secret-1")
        for name in ("notes", "copied", "linked"):
            assert client.call("DELETE", f"/v1/episodes/{name}")[0] == 404
        _intact(out)
        assert client.call("DELETE", "/v1/episodes/bridge-repairs-start-in-may")[0] == 200
    finally:
        stop()
        queue.close()
    assert not (out / "bridge-repairs-start-in-may").exists()


def test_narrating_never_takes_the_name_of_a_folder_that_is_not_an_episode(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    mine = settings.out / "bridge-repairs-start-in-may"
    mine.mkdir(parents=True)
    (mine / "notes.txt").write_text("my own notes")
    (settings.out / "ferry-timetable-changes").symlink_to(tmp_path, target_is_directory=True)
    source = tmp_path / "bridge.md"
    source.write_text(ARTICLE)
    episode = api.narrate(source, settings)
    source.write_text(ARTICLE.replace("Bridge repairs start in May", "Ferry timetable changes"))
    ferry = api.narrate(source, settings)
    assert episode.slug.startswith("bridge-repairs-start-in-may-") and ferry.slug.startswith("ferry-timetable-changes-")
    assert (mine / "notes.txt").read_text() == "my own notes"
    assert (settings.out / "ferry-timetable-changes").is_symlink() and (tmp_path / "bridge.md").is_file()
