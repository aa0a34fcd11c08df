"""How a newsroom turns listening figures on: `narrator serve --access-log` writes what
`narrator stats import` reads, and the stats_url setting gives the player somewhere to
send its events (without it, the embed names nowhere and the player sends nothing)."""

from __future__ import annotations

import http.client
import shutil
import threading

from narrator import api
from narrator.settings import load_settings


def test_the_preview_servers_access_log_imports_as_a_download(narrated, tmp_path):
    out, record = narrated
    shutil.copytree(out, tmp_path / "out")
    settings = load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)
    log = tmp_path / "access.log"
    server, _ = api.preview_server(settings, "127.0.0.1", 0, quiet=True, access_log=log)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
        connection.request("GET", f"/{record.slug}/{record.files.audio}", headers={"User-Agent": "Overcast/3.0"})
        response = connection.getresponse()
        assert response.status == 200 and len(response.read()) == record.bytes
        connection.close()
    finally:
        server.shutdown()
        server.server_close()
    assert api.stats.import_downloads(str(log), settings).downloads == 1


def test_the_player_reports_only_where_stats_url_says(narrated, tmp_path):
    out, record = narrated
    plain = api.embed(record.slug, load_settings({"out": out}, environ={}, cwd=tmp_path), None)
    assert "data-stats=" not in plain
    url = "https://narrator.example.org/events"
    settings = load_settings({"out": out}, environ={"NARRATOR_PODCAST_STATS_URL": url}, cwd=tmp_path)
    assert f'data-stats="{url}"' in api.embed(record.slug, settings, None)
