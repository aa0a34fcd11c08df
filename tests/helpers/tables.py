"""Checks shared by the table tests."""

import pytest


def answers_as_dict(table, entries, key) -> None:
    """``table`` answers ``get``, ``in`` and ``[]`` for ``key`` as the dict ``entries`` does."""
    assert table.get(key) == entries.get(key)
    assert (key in table) == (key in entries)
    if key in entries:
        assert table[key] == entries[key]
    else:
        with pytest.raises(KeyError):
            table[key]
