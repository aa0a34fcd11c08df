"""Which episode an article is: a recurring headline by the same author is a new episode
each day, while a corrected article keeps its episode, its slug and its guid."""

from __future__ import annotations

import json
import uuid

from narrator import api
from narrator.episodes.guids import EPISODE_NAMESPACE

MONDAY = "The council should fix the potholes on Mill Lane before winter sets in and someone is hurt."
TUESDAY = "Thank you for the fine photographs of the regatta, which brought back happy summer memories."


def _letters(body: str, date: str | None = None) -> str:
    front = "---\ntitle: Letters to the editor\nauthor: Ada Reader\n" + (f"date: {date}\n" if date else "") + "---\n"
    return f"{front}\n{body}\n"


def _narrate(tmp_path, settings, text: str):
    source = tmp_path / "letters.md"
    source.write_text(text)
    return api.narrate(source, settings)


def _feed(settings) -> str:
    return (settings.out / "feed.xml").read_text()


def test_two_days_of_letters_without_a_date_are_two_episodes(tmp_path, settings):
    monday = _narrate(tmp_path, settings, _letters(MONDAY))
    tuesday = _narrate(tmp_path, settings, _letters(TUESDAY))
    assert monday.slug != tuesday.slug and monday.record.guid != tuesday.record.guid
    assert monday.directory.is_dir() and tuesday.directory.is_dir()
    assert len(api.list_episodes(settings)) == 2
    feed = _feed(settings)
    assert feed.count("<item>") == 2
    assert monday.record.files.audio in feed and tuesday.record.files.audio in feed


def test_the_same_headline_on_two_dates_is_two_episodes(tmp_path, settings):
    monday = _narrate(tmp_path, settings, _letters(MONDAY, "2025-03-03"))
    tuesday = _narrate(tmp_path, settings, _letters(MONDAY, "2025-03-04"))
    assert monday.slug != tuesday.slug and monday.record.guid != tuesday.record.guid
    assert _feed(settings).count("<item>") == 2


def test_a_one_word_correction_keeps_the_episode(tmp_path, settings):
    first = _narrate(tmp_path, settings, _letters(MONDAY))
    corrected = _narrate(tmp_path, settings, _letters(MONDAY.replace("winter", "autumn")))
    assert (corrected.slug, corrected.record.guid) == (first.slug, first.record.guid)
    assert len(api.list_episodes(settings)) == 1
    assert "autumn" in corrected.record.sections[1].text


def test_a_one_word_correction_of_a_dated_article_keeps_the_episode(tmp_path, settings):
    first = _narrate(tmp_path, settings, _letters(MONDAY, "2025-03-03"))
    corrected = _narrate(tmp_path, settings, _letters(MONDAY.replace("winter", "autumn"), "2025-03-03"))
    assert (corrected.slug, corrected.record.guid) == (first.slug, first.record.guid)
    assert len(api.list_episodes(settings)) == 1


def test_a_correction_still_finds_an_episode_narrated_under_the_title_and_author_rule(tmp_path, settings):
    """Episodes narrated before dates and words told articles apart have a guid made from
    the title and author alone; a correction still finds them."""
    first = _narrate(tmp_path, settings, _letters(MONDAY, "2025-03-03"))
    old_guid = str(uuid.uuid5(EPISODE_NAMESPACE, "Letters to the editor|Ada Reader"))
    record = json.loads((first.directory / "episode.json").read_text())
    record["guid"] = old_guid
    (first.directory / "episode.json").write_text(json.dumps(record))
    (settings.out / ".slugs" / first.slug).write_text(old_guid + "\n")
    corrected = _narrate(tmp_path, settings, _letters(MONDAY.replace("winter", "autumn"), "2025-03-03"))
    assert (corrected.slug, corrected.record.guid) == (first.slug, old_guid)
    assert len(api.list_episodes(settings)) == 1
    another_day = _narrate(tmp_path, settings, _letters(TUESDAY, "2025-03-04"))
    assert another_day.slug != first.slug and another_day.record.guid != old_guid
    assert len(api.list_episodes(settings)) == 2
