"""Downloads counted from a replayed access log by the podcast measurement rules: one a
client, episode and day, ranges joined, a minute of audio needed, bots left out, and
nothing that names a listener kept."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from narrator.models import EpisodeFiles, EpisodeRecord
from narrator.stats import StatsStore
from narrator.stats.downloads import import_logs, minute_bytes

DAY1 = dt.date(2026, 3, 1)
DAY2 = dt.date(2026, 3, 2)
KBPS = 64
SECOND = KBPS * 125  # bytes of one second at 64 kbps
TAGS = 3000  # ID3 tags and cover before the audio
# A ten-minute episode's record: the log test needs only its numbers, not its audio.
RECORD = EpisodeRecord(slug="council-vote", guid="g", version="v1", title="Council vote",
                       files=EpisodeFiles(audio="council-vote.mp3", transcript="council-vote.txt"),
                       duration=600.0, bytes=TAGS + 600 * SECOND, bitrate_kbps=KBPS)  # fmt: skip
SIZE = RECORD.bytes
MP3 = "/council-vote/council-vote.mp3"
PHONE = "AppleCoreMedia/1.0.0.20A362 (iPhone; U; CPU OS 16_0 like Mac OS X; en_us)"
OVERCAST = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)"
POCKETCASTS = "PocketCasts/7.50"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def line(ip: str, agent: str, day: dt.date, start: int, end: int, *, path: str = MP3, second: int = 0) -> str:
    """A line of narrator serve's access log: combined format, then the range served."""
    when = f"{day:%d}/{day:%b}/{day:%Y}:08:{second // 60 % 60:02d}:{second % 60:02d} +0000"
    status = 200 if (start, end) == (0, SIZE - 1) else 206
    return (f'{ip} - - [{when}] "GET {path} HTTP/1.1" {status} {end - start + 1} "-" "{agent}" '
            f'"bytes {start}-{end}/{SIZE}"')  # fmt: skip


def in_ranges(ip: str, agent: str, day: dt.date, parts: int) -> list[str]:
    step = -(-SIZE // parts)
    return [line(ip, agent, day, a, min(a + step, SIZE) - 1, second=i) for i, a in enumerate(range(0, SIZE, step))]


def whole(ip: str, agent: str, day: dt.date) -> list[str]:
    return [line(ip, agent, day, 0, SIZE - 1)]


def count(tmp_path, lines: list[str], today: dt.date = DAY2) -> tuple[StatsStore, int]:
    log = tmp_path / "access.log"
    log.write_text("\n".join(lines) + "\n")
    store = StatsStore.for_output(tmp_path / "out")
    result = import_logs(str(log), store, [RECORD], today=today)
    return store, result.downloads


def test_a_minute_of_this_episode_is_its_tags_and_sixty_seconds_at_its_bitrate():
    assert minute_bytes(RECORD) == TAGS + 60 * SECOND


@pytest.mark.parametrize(
    ("case", "lines", "downloads"),
    [
        ("one client, one episode, 40 range requests", in_ranges("203.0.113.5", PHONE, DAY1, 40), 1),
        ("the same client the next day", whole("203.0.113.5", PHONE, DAY1) + whole("203.0.113.5", PHONE, DAY2), 2),
        ("two clients behind one IP", whole("198.51.100.7", OVERCAST, DAY1) + whole("198.51.100.7", POCKETCASTS, DAY1),
         2),
        ("a listed bot", whole("66.249.66.1", GOOGLEBOT, DAY1), 0),
        ("a 10-second partial fetch", [line("192.0.2.9", PHONE, DAY1, 0, TAGS + 10 * SECOND)], 0),
        ("59 seconds, then the same range again", [line("192.0.2.9", PHONE, DAY1, 0, TAGS + 59 * SECOND)] * 2, 0),
        ("a minute in two ranges", [line("192.0.2.9", PHONE, DAY1, 0, TAGS + 30 * SECOND),
                                    line("192.0.2.9", PHONE, DAY1, TAGS + 30 * SECOND, TAGS + 61 * SECOND)], 1),
        ("the feed and the page", [line("192.0.2.9", PHONE, DAY1, 0, SIZE - 1, path="/feed.xml"),
                                   line("192.0.2.9", PHONE, DAY1, 0, SIZE - 1, path="/council-vote/index.html")], 0),
        ("a whole fetch, then again the same day", whole("203.0.113.5", PHONE, DAY1) * 3, 1),
    ],
)  # fmt: skip
def test_downloads_in_a_replayed_access_log(tmp_path, case, lines, downloads):
    store, counted = count(tmp_path, lines)
    assert counted == downloads, case
    assert store.figures(days=2, today=DAY2).downloads == downloads


def test_the_whole_replayed_log_gives_the_right_daily_counts(tmp_path):
    lines = (
        in_ranges("203.0.113.5", PHONE, DAY1, 40)
        + whole("203.0.113.5", PHONE, DAY2)
        + whole("198.51.100.7", OVERCAST, DAY1)
        + whole("198.51.100.7", POCKETCASTS, DAY1)
        + whole("66.249.66.1", GOOGLEBOT, DAY1)
        + [line("192.0.2.9", PHONE, DAY1, 0, TAGS + 10 * SECOND)]
    )
    store, counted = count(tmp_path, lines)
    assert counted == 4
    figures = store.figures(days=2, today=DAY2)
    assert [(d.day, d.downloads) for d in figures.days] == [(DAY1, 3), (DAY2, 1)]
    assert [(e.episode, e.downloads) for e in figures.episodes] == [("council-vote", 4)]


def test_importing_a_log_again_counts_nothing_and_a_grown_log_only_its_new_lines(tmp_path):
    log = tmp_path / "access.log"
    store = StatsStore.for_output(tmp_path / "out")
    log.write_text("\n".join(whole("203.0.113.5", PHONE, DAY1)) + "\n")
    assert import_logs(str(log), store, [RECORD], today=DAY2).downloads == 1
    again = import_logs(str(log), store, [RECORD], today=DAY2)
    assert (again.downloads, again.already) == (0, 1)
    with log.open("a") as fh:
        fh.write(whole("198.51.100.7", OVERCAST, DAY1)[0] + "\n")
        fh.write(line("192.0.2.9", PHONE, DAY1, 0, 100))  # still being written: no newline yet
    assert import_logs(str(log), store, [RECORD], today=DAY2).downloads == 1
    with log.open("a") as fh:
        fh.write("\n")  # the last line is whole now: read, and too short to count
    assert import_logs(str(log), store, [RECORD], today=DAY2).requests == 1
    assert store.figures(days=2, today=DAY2).downloads == 2


def test_ranges_of_one_fetch_split_over_two_imports_are_joined(tmp_path):
    log = tmp_path / "access.log"
    store = StatsStore.for_output(tmp_path / "out")
    log.write_text(line("192.0.2.9", PHONE, DAY2, 0, TAGS + 40 * SECOND) + "\n")
    assert import_logs(str(log), store, [RECORD], today=DAY2).downloads == 0
    with log.open("a") as fh:
        fh.write(line("192.0.2.9", PHONE, DAY2, TAGS + 40 * SECOND, TAGS + 80 * SECOND) + "\n")
    assert import_logs(str(log), store, [RECORD], today=DAY2).downloads == 1


def test_the_stats_store_holds_no_address_and_no_user_agent(tmp_path):
    addresses = ["203.0.113.5", "198.51.100.7", "192.0.2.9", "2001:db8::7"]
    agents = [PHONE, OVERCAST, POCKETCASTS]
    lines = [entry for ip in addresses for agent in agents for entry in whole(ip, agent, DAY2)]
    lines += [line("192.0.2.77", "Castro/2024", DAY2, 0, 100)]  # a partial fetch, kept until it grows
    store, counted = count(tmp_path, lines)
    assert counted == len(addresses) * len(agents)
    db = sqlite3.connect(store.path)
    found = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in db.execute(f"SELECT * FROM {table}"):
            found += [str(value) for value in row]
    text = "\n".join(found)
    db.close()
    wal = store.path.with_name(store.path.name + "-wal")
    raw = store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    for secret in [*addresses, "192.0.2.77", *agents, "Castro", "AppleCoreMedia", "Overcast"]:
        assert secret not in text
        assert secret.encode() not in raw
    assert "council-vote" in text  # what is counted is there


def test_a_log_of_garbage_counts_nothing_and_does_not_fail(tmp_path):
    lines = ["", "not a log", "\x00\x01\x02", '1.2.3.4 - - [99/Foo/2026:99:99:99 +0000] "GET / HTTP/1.1" 200 5',
             '1.2.3.4 - - [01/Mar/2026:08:00:00 +0000] "GET' + " /x" * 10_000 + '" 200 5 "-" "-"',
             line("203.0.113.5", PHONE, DAY1, 0, SIZE - 1)[:60]]  # fmt: skip
    assert count(tmp_path, lines)[1] == 0


def test_the_salt_changes_daily_and_only_the_current_days_is_kept(tmp_path):
    from narrator.stats.salt import ClientHasher

    store = StatsStore.for_output(tmp_path / "out")
    monday = ClientHasher(store, DAY1)
    first = monday.client("203.0.113.5", PHONE, DAY1)
    assert ClientHasher(store, DAY1).client("203.0.113.5", PHONE, DAY1) == first  # one salt all day
    tuesday = ClientHasher(store, DAY2)
    assert tuesday.client("203.0.113.5", PHONE, DAY2) != first
    # Monday's salt is gone: Monday's hashes can't be made again, not even by this store.
    assert ClientHasher(store, DAY2).client("203.0.113.5", PHONE, DAY1) != first
    with sqlite3.connect(store.path) as db:
        salts = db.execute("SELECT value FROM meta WHERE name = 'salt'").fetchall()
    assert [value.split(":")[0] for (value,) in salts] == [DAY2.isoformat()]
