"""The episode store: records round-trip, old episode.json files still load, statuses
decide what is listed, and slugs narrator could not have made are refused."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from helpers.paths import DATA

from narrator.episodes import store
from narrator.episodes.store import EpisodeStore
from narrator.errors import OutputError

SCHEMA1 = DATA / "episodes" / "schema1-episode.json"
SLUG = "ferry-timetable-changes-for-winter"


def _folder(out, data: dict, slug: str = SLUG):
    folder = out / slug
    folder.mkdir(parents=True)
    (folder / "episode.json").write_text(json.dumps({**data, "slug": slug}))
    (folder / data["files"]["audio"]).write_bytes(b"ID3")
    return folder


def test_an_episode_written_before_the_schema_number_still_loads():
    record = store.loads(SCHEMA1.read_bytes())
    assert record is not None and record.slug == SLUG and record.status == "published"
    assert record.published == dt.datetime(2025, 11, 3, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert record.files.audio == f"{SLUG}.mp3" and record.files.chapters == f"{SLUG}.chapters.json"
    assert [c.title for c in record.chapters] == ["Introduction", "Ferry timetable changes for winter", "Closing"]
    assert record.sections[1].text.startswith("The island ferry")
    assert record.bytes == 162733 and record.engine_calls == 9 and record.characters_synthesised == 411


@pytest.mark.parametrize(
    ("marks", "status"),
    [({"held": True, "check": {"draft": True}}, "draft"), ({"held": True, "check": {"flagged": True}}, "held")],
)
def test_old_held_and_draft_marks_become_statuses(tmp_path, marks, status):
    data = {**json.loads(SCHEMA1.read_text()), **marks}
    _folder(tmp_path, data)
    episodes = EpisodeStore(tmp_path)
    assert episodes.get(SLUG).status == status
    assert episodes.listed() == [] and [r.slug for r in episodes.all()] == [SLUG]


def test_a_record_round_trips_with_its_schema_number(tmp_path):
    record = store.loads(SCHEMA1.read_bytes())
    assert record is not None
    text = store.dumps(record)
    assert json.loads(text)["schema"] == store.SCHEMA and json.loads(text)["status"] == "published"
    assert store.loads(text) == record


def test_status_changes_are_written_and_listed(tmp_path):
    _folder(tmp_path, json.loads(SCHEMA1.read_text()))
    episodes = EpisodeStore(tmp_path)
    episodes.set_status(SLUG, "draft")
    assert episodes.listed() == [] and "held" not in (tmp_path / SLUG / "episode.json").read_text()
    episodes.set_status(SLUG, "held", {"flagged": True})
    assert episodes.get(SLUG).check == {"flagged": True}
    assert episodes.set_status(SLUG, "published").check is None
    assert [r.slug for r in episodes.listed()] == [SLUG]


def test_half_written_and_foreign_folders_are_not_episodes(tmp_path):
    data = json.loads(SCHEMA1.read_text())
    _folder(tmp_path, data, ".ferry.tmp")  # a folder still being staged
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "episode.json").write_text("{not json")
    missing_audio = _folder(tmp_path, data, "no-audio")
    (missing_audio / data["files"]["audio"]).unlink()
    assert EpisodeStore(tmp_path).all() == []


@pytest.mark.parametrize("slug", ["../etc", "a/b", ".hidden", "Upper", "x" * 300, ""])
def test_slugs_narrator_could_not_have_made_are_refused(tmp_path, slug):
    episodes = EpisodeStore(tmp_path)
    assert episodes.read(slug) is None
    with pytest.raises(OutputError, match="no such episode"):
        episodes.get(slug)
    with pytest.raises(OutputError):
        episodes.remove(slug)


def test_newest_first_by_article_date_then_narration(tmp_path):
    data = json.loads(SCHEMA1.read_text())
    _folder(tmp_path, {**data, "published": "2025-01-02"}, "older")
    _folder(tmp_path, {**data, "published": None, "narrated_at": "2026-02-01T10:00:00+00:00"}, "undated")
    shutil.copy(SCHEMA1, tmp_path / "stray.json")
    assert [r.slug for r in EpisodeStore(tmp_path).all()] == ["undated", "older"]
