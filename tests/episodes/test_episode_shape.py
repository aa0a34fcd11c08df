"""One episode, one JSON shape: ``narrate --json`` and a narration job's result are the
same object (the job's paths as served under /files/), progress is reported as (done,
total), and every field of a record survives episode.json."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from narrator import api
from narrator.cli import cli
from narrator.episodes.store import dumps, loads
from narrator.models import Chapter, EpisodeFiles, EpisodeRecord, SectionSpan
from narrator.service.jobs import Request, new_job, run_job
from narrator.service.stores import SqliteJobStore
from narrator.settings import load_settings

ARTICLE = "# Library hours extended\n\nThe library will open until nine on weekdays from March.\n"
#: Every key `narrate --json` is documented to print.
DOCUMENTED = {"audio", "duration", "title", "author", "published", "transcript", "chapters", "episode"}


def test_narrate_json_and_a_job_result_are_one_shape(tmp_path):
    source = tmp_path / "library.md"
    source.write_text(ARTICLE)
    out = tmp_path / "out"
    printed = CliRunner().invoke(cli, ["narrate", str(source), "--voice", "tone", "--out", str(out), "--json"])
    assert printed.exit_code == 0, printed.output
    shown = json.loads(printed.output)
    assert set(shown) >= DOCUMENTED and Path(shown["episode"]).name == "episode.json"

    settings = load_settings({"out": out, "voice": "tone"}, environ={}, cwd=tmp_path)
    store = SqliteJobStore(out)
    try:
        job = store.create(new_job(Request(kind="markdown", content=ARTICLE, publish=False)))
        claimed = store.claim("host:1")
        assert claimed is not None and claimed.id == job.id
        result = run_job(claimed, store, settings).result
    finally:
        store.close()
    assert set(result) == set(shown) | {"urls"}  # plus where the service serves each file
    assert result["slug"] == shown["slug"] == "library-hours-extended"
    assert result["status"] == "draft" and shown["status"] == "published"
    for key in ("audio", "transcript", "chapters", "episode", "page"):
        assert result[key] == str(Path(shown[key]).relative_to(out)), key  # under /files/
        assert (out / result[key]).is_file(), key
        assert result["urls"][key] == f"/files/{result[key]}", key


def test_progress_is_done_of_total_from_zero_to_all(tmp_path):
    source = tmp_path / "library.md"
    source.write_text(ARTICLE)
    settings = load_settings({"out": tmp_path / "out", "cache": False}, environ={}, cwd=tmp_path)
    calls: list[tuple[int, int]] = []
    api.narrate(source, settings, progress=lambda done, total: calls.append((done, total)))
    total = calls[0][1]
    assert total > 0 and calls[0] == (0, total) and calls[-1] == (total, total)
    assert {t for _, t in calls} == {total}
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_every_field_of_a_record_survives_episode_json():
    files = EpisodeFiles(audio="a.mp3", transcript="a.vtt", srt="a.srt", json_transcript="a.json", chapters="c.json",
                         page="index.html", transcript_page="transcript.html")  # fmt: skip
    record = EpisodeRecord(
        slug="a", guid="g", version="v1", title="T", files=files, duration=12.5, bytes=2048, author="Ann Lee",
        published=dt.datetime(2025, 3, 4, 7, 15, tzinfo=dt.UTC), language="en-GB", url="https://example.org/a",
        source="a.md", format="markdown", description="D", voice="heart", engine="hibari", intro_voice="joe",
        loudness_lufs=-16.0, true_peak_dbtp=-1.5, bitrate_kbps=96, sample_rate=44100, words=12,
        characters_synthesised=40, characters_from_cache=20, engine_calls=3, elapsed_seconds=1.25, disclosure="AI",
        chapters=(Chapter(start=0.0, title="Intro"),),
        sections=(SectionSpan(title="Intro", start=0.0, end=2.0, text="x"),),
        narrated_at=dt.datetime(2025, 3, 5, 8, 0, tzinfo=dt.UTC), status="held", check={"flagged": True},
        keys={"audio": "episodes/a/a.mp3"},
    )  # fmt: skip
    unset = [f.name for f in dataclasses.fields(EpisodeRecord)
             if getattr(record, f.name) == (None if f.default is dataclasses.MISSING else f.default)]  # fmt: skip
    assert unset == []  # the record above sets every field, so each is checked
    again = loads(dumps(record))
    assert again == record and again.check == record.check and again.keys == record.keys
