"""Listening figures end to end on a real narrated episode: narrator serve's access log
imported as downloads, the player's events counted through the API, and `narrator stats`
showing them as a table, as JSON and as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import http.client
import io
import json
import shutil
import threading

import pytest
from click.testing import CliRunner

from narrator import api
from narrator.api import stats as stats_api
from narrator.cli import cli
from narrator.errors import StatsError
from narrator.publish.serve import make_server
from narrator.settings import load_settings

OVERCAST = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)"
POCKETCASTS = "PocketCasts/7.50"


@pytest.fixture
def folder(narrated, tmp_path):
    out, record = narrated
    shutil.copytree(out, tmp_path / "out")
    settings = load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)
    return settings, record


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def fetch(server, path: str, agent: str, ranges: list[tuple[int, int]]) -> None:
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        for start, end in ranges:
            connection.request("GET", path, headers={"User-Agent": agent, "Range": f"bytes={start}-{end}"})
            response = connection.getresponse()
            response.read()
            assert response.status == 206
    finally:
        connection.close()


def test_serve_logs_ranges_that_import_as_one_download(folder, tmp_path):
    settings, record = folder
    log = tmp_path / "logs" / "access.log"
    server = make_server(settings.out, port=0, quiet=True, access_log=log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        path = f"/{record.slug}/{record.files.audio}"
        size = record.bytes
        quarter = size // 4
        # An app fetches the whole (short) episode in four ranges; another only its first half.
        fetch(server, path, OVERCAST, [(i * quarter, (i + 1) * quarter - 1) for i in range(3)] + [(3 * quarter, size)])
        fetch(server, path, POCKETCASTS, [(0, size // 2)])
        fetch(server, "/feed.xml", OVERCAST, [(0, 100)])
    finally:
        server.shutdown()
        server.server_close()
    assert record.duration < 60  # so the whole file is the minute a download needs

    result = api.stats.import_downloads(str(log), settings)
    assert (result.requests, result.downloads) == (6, 1)
    assert api.stats.import_downloads(str(log.parent), settings).downloads == 0  # imported before

    shown = run("stats", "--json", "--days", "7", "--out", str(settings.out))
    assert shown.exit_code == 0, shown.output
    figures = json.loads(shown.output)
    assert figures["downloads"] == 1
    assert [(e["episode"], e["downloads"]) for e in figures["episodes"]] == [(record.slug, 1)]
    assert figures["days"][-1] == {"day": dt.datetime.now(dt.UTC).date().isoformat(), "plays": 0, "downloads": 1}


def test_a_listen_at_2x_to_the_end_shows_in_json_csv_and_the_table(folder):
    settings, record = folder
    view = "f3a9c2d1e0b4"
    events = [{"kind": "play"}, *({"kind": "progress", "value": t} for t in range(10, 101, 10)),
              {"kind": "complete"}, {"kind": "speed", "value": 2}]  # fmt: skip
    for event in events:
        assert stats_api.record_event({"episode": record.slug, "view": view, **event}, settings) is True
    assert stats_api.record_event({"episode": record.slug, "view": view, "kind": "play"}, settings) is False
    with pytest.raises(StatsError, match="no such episode"):
        stats_api.record_event({"episode": "not-an-episode", "view": view, "kind": "play"}, settings)

    as_json = run("stats", record.slug, "--json", "--out", str(settings.out))
    assert as_json.exit_code == 0, as_json.output
    (episode,) = json.loads(as_json.output)["episodes"]
    assert (episode["plays"], episode["completes"], episode["median_heard"]) == (1, 1, 1.0)
    assert episode["curve"]["100"] == 1.0 and episode["speeds"] == {"2": 1}

    as_csv = run("stats", "--csv", "--out", str(settings.out))
    assert as_csv.exit_code == 0, as_csv.output
    (row,) = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert row["day"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert (row["episode"], row["plays"], row["completes"], row["reached_100"], row["downloads"]) == (
        record.slug, "1", "1", "1", "0")  # fmt: skip

    table = run("stats", record.slug, "--out", str(settings.out))
    assert table.exit_code == 0, table.output
    assert record.slug in table.output and "Still listening at" in table.output and "2x 1" in table.output


def test_every_episode_is_listed_with_zeros_and_a_total(folder):
    settings, record = folder
    table = run("stats", "--days", "3", "--out", str(settings.out))
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert any(line.split()[:3] == [record.slug, "0", "0"] for line in lines)
    assert any(line.split() == ["Total", "0", "0"] for line in lines)
    assert sum(1 for line in lines if line[:4].isdigit()) == 3  # one row a day


def test_errors_are_one_line(folder, tmp_path):
    settings, _ = folder
    unknown = run("stats", "no-such-story", "--out", str(settings.out))
    assert (unknown.exit_code, unknown.output) == (1, "error: no-such-story: no such episode\n")
    missing = run("stats", "import", str(tmp_path / "nowhere.log"), "--out", str(settings.out))
    assert missing.exit_code == 1
    assert missing.output == f"error: {tmp_path / 'nowhere.log'}: no such log file or folder\n"
    both = run("stats", "--json", "--csv", "--out", str(settings.out))
    assert both.exit_code == 2
