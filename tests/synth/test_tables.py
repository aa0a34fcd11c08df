"""Sharded tables answer every lookup as the dict they were made from."""

import pytest
from helpers.tables import answers_as_dict
from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.synth import tables

_keys = st.text(max_size=12)
_values = st.one_of(st.text(max_size=8), st.dictionaries(st.text(max_size=4), st.floats(allow_nan=False), max_size=3))


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=300), st.lists(_keys, max_size=40))
def test_a_sharded_table_answers_as_the_dict(entries, probes):
    table = tables._table(tables._shard(entries))
    assert isinstance(table, tables.ShardedTable)
    for key in [*entries, *probes]:
        answers_as_dict(table, entries, key)
    assert table.get(3) is None and 3 not in table
    assert len(table) == len(entries)
    assert dict(table.items()) == entries


def test_large_dicts_at_the_top_or_one_level_down_are_sharded_and_the_rest_kept():
    big = {f"word{i}": f"w{i}" for i in range(tables.LARGE)}
    data = {"weights": big, "tags": ["NN", "VB"], "small": {"a": 1}}
    loaded = tables.loads(tables.dumps(data))
    assert isinstance(loaded["weights"], tables.ShardedTable)
    assert loaded["tags"] == ["NN", "VB"] and loaded["small"] == {"a": 1}
    assert loaded["weights"].get("word17") == "w17" and dict(loaded["weights"]) == big
    top = tables.loads(tables.dumps(big))
    assert isinstance(top, tables.ShardedTable) and top["word5"] == "w5"
    assert tables.loads(tables.dumps([1, 2])) == [1, 2]


@pytest.mark.parametrize("damage", [b"", b"not a table", "flip"])
def test_a_damaged_table_is_refused_when_opened(damage):
    good = tables.dumps({f"k{i}": i for i in range(tables.LARGE)})
    data = bytearray(good)
    if damage == "flip":
        data[len(data) // 2] ^= 1
    else:
        data = bytearray(damage)
    with pytest.raises(ValueError):
        tables.loads(bytes(data))
