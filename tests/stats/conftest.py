"""One episode narrated with the default voice, shared by the stats tests that need a
real one; each test copies its folder."""

from __future__ import annotations

import pytest

from narrator import api
from narrator.settings import load_settings

ARTICLE = "# Bridge repairs start in May\n\nThe council approved the repairs on Monday.\n"


@pytest.fixture(scope="package")
def narrated(tmp_path_factory):
    """The output folder holding the episode, and its record."""
    root = tmp_path_factory.mktemp("narrated")
    (root / "bridge.md").write_text(ARTICLE)
    settings = load_settings({"out": root / "out", "cache_dir": root / "clips"}, environ={}, cwd=root)
    record = api.narrate(root / "bridge.md", settings).record
    return root / "out", record
