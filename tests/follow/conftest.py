"""Fixtures for following: the newsroom on loopback, and settings that may fetch from it."""

from __future__ import annotations

import pytest
from helpers.newsroom import NewsSite

from narrator.settings import with_overrides


@pytest.fixture
def site():
    """The newsroom, with three articles."""
    made = NewsSite()
    yield made
    made.close()


@pytest.fixture
def other_site():
    """A second newsroom on another port: another host, as far as manners go."""
    made = NewsSite(count=0)
    yield made
    made.close()


@pytest.fixture
def follow_settings(tone_settings, tmp_path):
    """The instant test voice, a clip cache of the test's own (so what is synthesised is
    counted from nothing), loopback allowed, and no waiting between requests."""
    return with_overrides(tone_settings, allow_private_urls=True, follow_requests_per_minute=6000,
                          cache_dir=str(tmp_path / "clips"), fetch_timeout=10)  # fmt: skip
