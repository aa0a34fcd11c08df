"""The publication's lexicon in an object store (moto's S3 server): what an editor saves on
one machine is said by a worker on another that shares no folder with it, two editors
saving at once both keep their change, and every change is recorded with who made it."""

from __future__ import annotations

import threading

import boto3
import pytest
from helpers.waiting import until

from narrator import api
from narrator.episodes.lexicon_store import HISTORY, LEXICON
from narrator.settings import load_settings
from narrator.text.lexicon import Entry

ARTICLE = b"""# Harbour board meets

The harbour board met on Tuesday to agree the summer timetable.
Its chair, Ines Wrzoskiewicz, said the ferries would run later in August.
The board meets again in the autumn.
"""


def _settings(machine, store: str, endpoint: str):
    return load_settings(
        {"out": machine / "out", "cache_dir": machine / "cache", "store": store, "s3_endpoint_url": endpoint,
         "public_base_url": "https://audio.example.org/news/", "podcast_owner_email": "audio@example.org"},
        environ={}, cwd=machine,
    )  # fmt: skip


def _spoken(settings) -> str:
    script = api.make_script("harbour.md", settings, data=ARTICLE, fmt="markdown")
    return "\n".join(u.spoken for p in script.parts for u in p.utterances)


def test_a_respelling_saved_on_one_machine_is_said_on_another_with_an_empty_folder(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/news"
    editor, worker = _settings(tmp_path / "a", store, moto_endpoint), _settings(tmp_path / "b", store, moto_endpoint)
    assert "vosh-kyeh-vich" not in _spoken(worker)

    change = api.save_pronunciation(editor, "Wrzoskiewicz", "VOSH-kyeh-vich", "editor 1")
    assert change.new == {"say": "vosh-kyeh-vich"}
    assert "vosh-kyeh-vich" in _spoken(worker)
    assert api.publication_lexicon(worker).entries == (Entry("Wrzoskiewicz", say="vosh-kyeh-vich"),)
    (seen,) = api.lexicon_history(worker)
    assert (seen.editor, seen.term, seen.old, seen.new) == ("editor 1", "Wrzoskiewicz", None, {"say": "vosh-kyeh-vich"})
    # Nothing of it is kept on either machine's disk: the store is its one place.
    assert not list((tmp_path / "a").rglob(LEXICON)) and not list((tmp_path / "a").rglob(HISTORY))

    api.save_pronunciation(editor, "Wrzoskiewicz", None, "editor 2")  # removed: said by the voice again
    assert "vosh-kyeh-vich" not in _spoken(worker)
    assert [c.editor for c in api.lexicon_history(worker)] == ["editor 1", "editor 2"]


def test_editors_saving_at_once_on_two_machines_all_keep_their_change(tmp_path, bucket, moto_endpoint):
    store = f"s3://{bucket}/news"
    machines = [_settings(tmp_path / name, store, moto_endpoint) for name in ("a", "b")]
    words = ["Wrzoskiewicz", "Zadorozhnyy", "Peskov", "Nguyen", "Lavrov", "Hegseth"]
    start = threading.Barrier(len(words))
    failures: list[BaseException] = []

    def save(n: int, word: str) -> None:
        start.wait()
        try:
            api.save_pronunciation(machines[n % 2], word, f"say-{word.lower()}", f"editor {n}")
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=save, args=(n, w)) for n, w in enumerate(words)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    reader = _settings(tmp_path / "c", store, moto_endpoint)
    assert sorted(e.term for e in api.publication_lexicon(reader).entries) == sorted(words)
    history = api.lexicon_history(reader)
    assert sorted(c.term for c in history) == sorted(words)
    assert all(c.old is None for c in history)  # each saw the others' words, not a stale copy of its own


def test_a_save_that_loses_a_race_reads_again_and_keeps_the_other_change(tmp_path, bucket, fault_proxy):
    from helpers.s3_fixtures import Fault

    endpoint, state = fault_proxy
    store = f"s3://{bucket}/race"
    editor = _settings(tmp_path / "a", store, endpoint)
    api.save_pronunciation(editor, "Peskov", "PESS-koff", "editor 1")
    # The store answers the next write of the lexicon as it would if another editor had
    # written it since it was read: 412 Precondition Failed.
    state.faults.append(Fault("PUT", r"/race/lexicon\.toml", 412))
    api.save_pronunciation(editor, "Lavrov", "lav-ROFF", "editor 2")
    assert not state.faults[0].times
    lexicon = api.publication_lexicon(_settings(tmp_path / "b", store, endpoint))
    assert sorted((e.term, e.say) for e in lexicon.entries) == [("Lavrov", "lav-roff"), ("Peskov", "pess-koff")]


def test_the_lexicon_is_read_again_only_when_it_changed(tmp_path, bucket, fault_proxy):
    endpoint, state = fault_proxy
    store = f"s3://{bucket}/etag"
    editor, worker = _settings(tmp_path / "a", store, endpoint), _settings(tmp_path / "b", store, endpoint)
    api.save_pronunciation(editor, "Peskov", "PESS-koff", "editor 1")
    api.publication_lexicon(worker)

    def lexicon_reads():
        return [(m, s) for m, path, s in state.log if path.split("?")[0].endswith("/etag/lexicon.toml")]

    # The proxy logs a request once it has answered it: the first read is logged before
    # the log is cleared, so it can't be counted as the second.
    until(lambda: ("GET", 200) in lexicon_reads(), "the first read's log line", seconds=10)
    state.log.clear()
    assert [e.term for e in api.publication_lexicon(worker).entries] == ["Peskov"]
    reads = until(lexicon_reads, "the lexicon's read", seconds=10)
    assert reads == [("GET", 304)]  # asked whether it changed, not sent again


def test_listing_the_history_again_fetches_only_the_new_changes(tmp_path, bucket, fault_proxy):
    endpoint, state = fault_proxy
    store = f"s3://{bucket}/seen"
    editor, reader = _settings(tmp_path / "a", store, endpoint), _settings(tmp_path / "b", store, endpoint)
    api.save_pronunciation(editor, "Peskov", "PESS-koff", "editor 1")
    api.save_pronunciation(editor, "Lavrov", "lav-ROFF", "editor 2")
    assert [c.term for c in api.lexicon_history(reader)] == ["Peskov", "Lavrov"]

    def history_reads():
        return [p for m, p, _ in state.log if m == "GET" and ".lexicon-history/" in p.split("?")[0]]

    until(lambda: len(history_reads()) >= 2, "the first listing's log lines", seconds=10)  # logged once answered
    api.save_pronunciation(editor, "Nguyen", "win", "editor 1")
    state.log.clear()
    assert [c.term for c in api.lexicon_history(reader)] == ["Peskov", "Lavrov", "Nguyen"]
    # The proxy logs a request once it has answered it; the listing's path is the bucket's.
    fetched = until(history_reads, "the new change's read", seconds=10)
    assert len(fetched) == 1  # the two it had seen are not fetched again


@pytest.mark.parametrize("prefix", ["", "deep/er"])
def test_the_lexicon_and_its_history_are_objects_under_the_store_prefix(tmp_path, bucket, moto_endpoint, prefix):
    store = f"s3://{bucket}/{prefix}" if prefix else f"s3://{bucket}"
    api.save_pronunciation(_settings(tmp_path / "a", store, moto_endpoint), "Peskov", "PESS-koff", "editor 1")
    keys = [o["Key"] for o in boto3.client("s3", endpoint_url=moto_endpoint).list_objects_v2(Bucket=bucket)["Contents"]]
    base = f"{prefix}/" if prefix else ""
    assert f"{base}lexicon.toml" in keys
    assert [k for k in keys if k.startswith(f"{base}.lexicon-history/")]
