"""The cache of object bodies by ETag: a body is given back only for the ETag it was read
with, a newer version replaces an older one, and the byte budget holds."""

from __future__ import annotations

import os

from narrator.support.object_cache import ObjectCache


def test_a_body_comes_back_only_for_the_etag_it_was_read_with():
    cache = ObjectCache()
    cache.put("b", "episodes/a/episode.json", '"1"', b"first")
    assert cache.get("b", "episodes/a/episode.json", '"1"') == b"first"
    assert cache.get("b", "episodes/a/episode.json", '"2"') is None  # changed since
    assert cache.get("b", "episodes/a/episode.json", None) is None  # listed without an ETag
    assert cache.get("other", "episodes/a/episode.json", '"1"') is None


def test_a_newer_version_replaces_the_older_and_a_deleted_key_is_forgotten():
    cache = ObjectCache()
    cache.put("b", "k", '"1"', b"first")
    cache.put("b", "k", '"2"', b"second")
    assert cache.get("b", "k", '"1"') is None and cache.get("b", "k", '"2"') == b"second"
    cache.forget("b", "k")
    assert cache.get("b", "k", '"2"') is None


def test_the_least_recently_used_go_first_when_the_budget_is_spent():
    cache = ObjectCache(budget=10_000)
    bodies = {f"k{n}": os.urandom(3_000) for n in range(5)}  # random bytes don't compress
    for key, body in bodies.items():
        cache.put("b", key, '"e"', body)
        cache.get("b", "k0", '"e"')  # k0 is used all along
    kept = [key for key in bodies if cache.get("b", key, '"e"') is not None]
    assert "k0" in kept and len(kept) == 3 and "k1" not in kept
