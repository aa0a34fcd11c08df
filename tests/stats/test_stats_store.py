"""The stats store: the player's events counted into exact daily figures, repeats counted
once, raw events gone after a day, and the rule for a well-formed event."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import stat
from collections import Counter

import pytest

from narrator.errors import NarratorError, StatsError
from narrator.stats import StatsStore, validate_event

DAY1 = dt.date(2026, 3, 1)
DAY2 = dt.date(2026, 3, 2)
NOON = dt.time(12, tzinfo=dt.UTC)


def _listen(store: StatsStore, episode: str, view: str, reached: int, at: dt.datetime, speed: float | None = None):
    store.add_event(episode, view, "play", None, at)
    for tenth in range(10, reached + 1, 10):
        store.add_event(episode, view, "progress", tenth, at)
    if reached == 100:
        store.add_event(episode, view, "complete", None, at)
    if speed:
        store.add_event(episode, view, "speed", speed, at)


def test_a_listen_to_the_end_at_2x_is_one_play_reaching_100_percent(tmp_path):
    store = StatsStore.for_output(tmp_path)
    at = dt.datetime.combine(DAY1, NOON)
    _listen(store, "the-story", "view-0001", 100, at, speed=2.0)
    figures = store.figures(days=7, today=DAY1)
    (episode,) = figures.episodes
    assert (episode.episode, episode.plays, episode.completes) == ("the-story", 1, 1)
    assert episode.curve == (1.0,) * 10
    assert episode.median_heard == 1.0
    assert episode.speeds == ((2.0, 1),)
    assert [d.plays for d in figures.days] == [0] * 6 + [1]
    assert figures.as_dict()["episodes"][0]["curve"]["100"] == 1.0


def test_the_store_lives_in_a_dotted_folder_a_web_server_can_read(tmp_path):
    store = StatsStore.for_output(tmp_path)
    assert store.path == tmp_path / ".stats" / "stats.sqlite3"
    assert store.path.stat().st_mode & stat.S_IROTH
    assert (tmp_path / ".stats").stat().st_mode & stat.S_IXOTH
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_repeated_event_counts_once(tmp_path):
    store = StatsStore.for_output(tmp_path)
    at = dt.datetime.combine(DAY1, NOON)
    assert store.add_event("a", "view-0001", "play", None, at) is True
    assert store.add_event("a", "view-0001", "play", None, at + dt.timedelta(minutes=5)) is False
    assert store.add_event("a", "view-0001", "progress", 10, at) is True
    assert store.add_event("a", "view-0001", "progress", 10, at) is False
    assert store.add_event("a", "view-0001", "progress", 20, at) is True
    assert store.add_event("a", "view-0002", "play", None, at) is True
    assert store.figures(today=DAY1).episodes[0].plays == 2


def test_raw_events_are_kept_a_day_and_an_older_one_is_refused(tmp_path):
    store = StatsStore.for_output(tmp_path)
    at = dt.datetime.combine(DAY1, NOON)
    store.add_event("a", "view-0001", "play", None, at)
    store.add_event("a", "view-0002", "play", None, at + dt.timedelta(hours=25))
    with sqlite3.connect(store.path) as db:
        views = [row[0] for row in db.execute("SELECT view FROM events")]
    assert views == ["view-0002"]
    # Its repeat could no longer be told from a new play: not counted.
    assert store.add_event("a", "view-0001", "play", None, at) is False
    assert [d.plays for d in store.figures(days=2, today=DAY2).days] == [1, 1]


def test_a_seek_past_some_tenths_still_counts_them_as_passed(tmp_path):
    store = StatsStore.for_output(tmp_path)
    at = dt.datetime.combine(DAY1, NOON)
    store.add_event("a", "view-0001", "play", None, at)
    store.add_event("a", "view-0001", "progress", 10, at)
    store.add_event("a", "view-0001", "progress", 60, at)  # sought from 15% to 55%
    store.add_event("a", "view-0002", "play", None, at)
    (episode,) = store.figures(today=DAY1).episodes
    assert episode.curve == (0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0)
    assert episode.median_heard == 0.6


def test_figures_of_one_episode_and_of_an_episode_without_any(tmp_path):
    store = StatsStore.for_output(tmp_path)
    at = dt.datetime.combine(DAY1, NOON)
    _listen(store, "a", "view-0001", 30, at)
    _listen(store, "b", "view-0002", 100, at)
    assert [e.episode for e in store.figures(today=DAY1).episodes] == ["a", "b"]
    only = store.figures("b", today=DAY1)
    assert [e.episode for e in only.episodes] == ["b"] and only.plays == 1
    none = store.figures("c", today=DAY1)
    assert none.episodes[0].plays == 0 and none.episodes[0].median_heard is None
    assert [e.episode for e in store.figures(today=DAY1, include=["c"]).episodes] == ["a", "b", "c"]


@pytest.mark.parametrize(
    "event",
    [
        None,
        [],
        "play",
        {},
        {"episode": "a", "view": "view-0001"},
        {"episode": "A B", "view": "view-0001", "kind": "play"},
        {"episode": "../x", "view": "view-0001", "kind": "play"},
        {"episode": "a", "view": "short", "kind": "play"},
        {"episode": "a", "view": "view 0001", "kind": "play"},
        {"episode": "a", "view": "view-0001", "kind": "pause"},
        {"episode": "a", "view": "view-0001", "kind": "play", "value": 3},
        {"episode": "a", "view": "view-0001", "kind": "progress"},
        {"episode": "a", "view": "view-0001", "kind": "progress", "value": 15},
        {"episode": "a", "view": "view-0001", "kind": "progress", "value": 110},
        {"episode": "a", "view": "view-0001", "kind": "progress", "value": True},
        {"episode": "a", "view": "view-0001", "kind": "progress", "value": "10"},
        {"episode": "a", "view": "view-0001", "kind": "speed", "value": float("nan")},
        {"episode": "a", "view": "view-0001", "kind": "speed", "value": 16},
        {"episode": "a", "view": "view-0001", "kind": "play", "ip": "192.0.2.1"},
    ],
)
def test_a_malformed_event_is_refused_with_a_narrator_error(event):
    with pytest.raises(StatsError) as caught:
        validate_event(event)
    assert isinstance(caught.value, NarratorError)
    assert "\n" not in str(caught.value)


def test_a_well_formed_event():
    event = validate_event({"episode": "a-b-2", "view": "Zx_9-abcdEF", "kind": "speed", "value": 1.5})
    assert (event.episode, event.view, event.kind, event.value) == ("a-b-2", "Zx_9-abcdEF", "speed", 1.5)
    assert validate_event({"episode": "a", "view": "view-0001", "kind": "progress", "value": 30.0}).value == 30.0
    assert validate_event({"episode": "a", "view": "view-0001", "kind": "play", "value": None}).value is None


def test_ten_thousand_events_with_repeats_bursts_and_malformed_ones_give_exact_daily_counts(tmp_path):
    rng = random.Random(25)
    episodes = ["first-story", "second-story", "third-story"]
    expected_plays: Counter = Counter()
    expected_reach: Counter = Counter()
    expected_completes: Counter = Counter()
    expected_speeds: Counter = Counter()
    sent: list[tuple[dt.datetime, object]] = []
    n = 0
    while len(sent) < 10_000:
        n += 1
        day = rng.choice([DAY1, DAY2])
        at = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.randrange(60), tzinfo=dt.UTC))
        episode = rng.choice(episodes)
        view = f"view-{n:06d}"
        reached = rng.choice([0, 10, 30, 50, 90, 100, 100])
        speed = rng.choice([None, None, 1.5, 2.0])
        listen = [{"episode": episode, "view": view, "kind": "play"}]
        listen += [
            {"episode": episode, "view": view, "kind": "progress", "value": t} for t in range(10, reached + 1, 10)
        ]
        if reached == 100:
            listen.append({"episode": episode, "view": view, "kind": "complete"})
        if speed:
            listen.append({"episode": episode, "view": view, "kind": "speed", "value": speed})
        expected_plays[episode, day] += 1
        for t in range(10, reached + 1, 10):
            expected_reach[episode, t] += 1
        expected_completes[episode] += reached == 100
        if speed:
            expected_speeds[episode, speed] += 1
        for event in listen:
            sent.append((at, event))
            if rng.random() < 0.2:  # a repeat, or a burst of them
                sent.extend([(at, dict(event))] * rng.randint(1, 5))
            if rng.random() < 0.05:
                sent.append((at, {**event, "value": "lots"}))
            if rng.random() < 0.02:
                sent.append((at, {**event, "view": "x"}))
    sent.sort(key=lambda pair: pair[0])  # they arrive in time order; a repeat right after its event

    store = StatsStore.for_output(tmp_path)
    refused = 0
    for at, raw in sent:
        try:
            event = validate_event(raw)
        except StatsError:
            refused += 1
            continue
        store.add_event(event.episode, event.view, event.kind, event.value, at)
    assert refused > 0

    figures = store.figures(days=2, today=DAY2)
    by_name = {e.episode: e for e in figures.episodes}
    assert set(by_name) == set(episodes)
    for name, episode in by_name.items():
        assert [d.plays for d in episode.days] == [expected_plays[name, DAY1], expected_plays[name, DAY2]]
        assert episode.plays == expected_plays[name, DAY1] + expected_plays[name, DAY2]
        assert episode.completes == expected_completes[name]
        assert episode.curve == tuple(round(expected_reach[name, t] / episode.plays, 4) for t in range(10, 101, 10))
        assert dict(episode.speeds) == {s: expected_speeds[name, s] for s in (1.5, 2.0)}
    assert figures.plays == sum(expected_plays.values())
