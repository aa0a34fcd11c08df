"""A sharded table keeps only a bounded number of its shards unpacked, however many of its
words an article looks up, and answers the same after letting shards go."""

from __future__ import annotations

import marshal
import tracemalloc
import zlib

import numpy as np
import pytest
from helpers.tables import answers_as_dict
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.synth import tables

_keys = st.text(max_size=12)
_values = st.one_of(st.text(max_size=8), st.dictionaries(st.text(max_size=4), st.floats(allow_nan=False), max_size=3))


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(_keys, _values, max_size=300),
    st.lists(_keys, max_size=60),
    st.integers(min_value=1, max_value=6),
)
def test_a_table_with_few_shards_kept_answers_as_the_dict_and_stays_within_its_bound(entries, probes, keep):
    table = tables._table(tables._shard(entries), keep)
    # Every key twice over: shards let go on the way are read again for the second pass.
    for key in [*entries, *probes, *probes, *entries]:
        answers_as_dict(table, entries, key)
        assert table.unpacked() <= keep
    assert dict(table.items()) == entries and len(table) == len(entries)
    assert table.unpacked() <= keep


def _vocabulary(n: int) -> dict[str, str]:
    return {f"word{i:06d}": f"wˈɜːd{i}" for i in range(n)}


def test_looking_up_every_word_of_a_large_table_keeps_a_bounded_part_of_it_unpacked(monkeypatch):
    """The voice's dictionaries stay bounded over a long article: a table looked up for
    every one of its keys holds only the shards its bound allows, in number and memory."""
    # A quarter of the bound and of the table keep their proportions (the table about seven
    # times the bound), in a quarter of the time: memory is traced on every lookup.
    monkeypatch.setattr(tables, "KEEP_BYTES", tables.KEEP_BYTES // 4)
    words = _vocabulary(30_000)
    table = tables.loads(tables.dumps(words))
    assert isinstance(table, tables.ShardedTable)
    stored = marshal.dumps(words)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for word, reading in words.items():
            assert table[word] == reading
        held = tracemalloc.get_traced_memory()[0] - before
        start = tracemalloc.get_traced_memory()[0]
        unpacked = marshal.loads(stored)  # the whole table unpacked, for scale
        whole = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    del unpacked
    assert held < whole / 2
    assert len(stored) > 2 * tables.KEEP_BYTES  # the bound is smaller than the table
    assert table.unpacked() * len(stored) / (table._mask + 1) <= tables.KEEP_BYTES * 1.1
    assert table["word000017"] == "wˈɜːd17"  # let go and read again


@pytest.mark.slow
def test_the_default_voice_says_a_sentence_the_same_while_its_dictionaries_let_shards_go(tmp_path, monkeypatch):
    """Real synthesis with the default voice, once from hibari's own files and once from
    the copies in the cache with their tables keeping only two shards unpacked."""
    from narrator.synth.engines import load_engine
    from narrator.synth.engines.hibari import HibariEngine
    from narrator.synth.voices import load_profile

    voice = load_profile("heart")
    text = "The harbour board met on Tuesday, and the ferries will run late."
    monkeypatch.setattr(HibariEngine, "_models", {})
    own = load_engine("hibari").synthesise(text, voice)

    monkeypatch.setattr(tables, "KEEP_BYTES", 1)
    for _ in range(2):  # the first writes the copies, the second reads them
        monkeypatch.setattr(HibariEngine, "_models", {})
        engine = load_engine("hibari")
        engine.use_cache(tmp_path)
        clip = engine.synthesise(text, voice)
        assert np.array_equal(clip.samples, own.samples)
    g2p = engine._model(voice).g2p._g2p  # type: ignore[attr-defined]
    assert isinstance(g2p.lexicon.golds.d, tables.ShardedTable) and g2p.lexicon.golds.d.unpacked() <= 2


def test_a_table_stored_in_an_earlier_layout_is_refused_so_the_copy_is_made_again():
    earlier = marshal.dumps(("narrator-sharded-table-1", 1, [marshal.dumps({"harbour": "hˈɑːbə"})]))
    with pytest.raises(ValueError):
        tables.loads(zlib.crc32(earlier).to_bytes(4, "big") + earlier)


def test_the_voice_removes_its_copies_in_an_earlier_layout_when_it_makes_new_ones(tmp_path):
    """Copies of the same hibari and Python versions in an earlier layout would otherwise
    stay in the cache folder, which pruning leaves alone; other versions' are kept."""
    import sys

    from hibari.g2p import G2P

    from narrator.synth.engines import hibari

    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    folder = tmp_path / "hibari"
    folder.mkdir()
    earlier = [
        folder / f"tagger-{hibari._version()}-{python}.tables",
        folder / f"tagger-{hibari._version()}-{python}-s2048.tables",
    ]
    other = folder / f"tagger-0.0.1-{python}.tables"
    for path in [*earlier, other]:
        path.write_bytes(b"an earlier copy")
    with hibari._g2p_data_from(tmp_path):
        G2P(british=False)
    names = sorted(p.name for p in folder.iterdir())
    assert f"tagger-{hibari._version()}-{python}-{tables.LAYOUT}.tables" in names
    assert not any(p.exists() for p in earlier) and other.exists()
