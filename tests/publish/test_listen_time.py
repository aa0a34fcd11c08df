"""The site index's "N min listen": rounded to the nearest minute, as news sites do."""

from __future__ import annotations

import json
import re

import pytest

from narrator.api import narrate
from narrator.episodes.store import EpisodeStore
from narrator.publish.site import render_site


@pytest.fixture
def one_episode(tmp_path, tone_settings):
    source = tmp_path / "a.md"
    source.write_text("# Ferry timetable changes\n\nThe morning ferry will leave ten minutes earlier.\n")
    episode = narrate(source, tone_settings)
    return episode.metadata_file, tone_settings


@pytest.mark.parametrize(
    ("duration", "shown"),
    [(40.0, 1), (89.0, 1), (89.4, 1), (89.6, 2), (90.0, 2), (149.0, 2), (150.0, 3), (270.2, 5), (3599.0, 60)],
)
def test_listening_time_is_the_nearest_minute(one_episode, duration, shown):
    # The tone voice makes a short episode; its recorded duration is set to the case's.
    metadata, settings = one_episode
    record = json.loads(metadata.read_text())
    record["duration"] = duration
    metadata.write_text(json.dumps(record))
    _, index, _ = render_site(EpisodeStore(settings.out), settings)
    assert re.findall(r"(\d+) min listen", index) == [str(shown)]
