"""Episode names: two articles never share an episode folder, and the same article
keeps its own. Real narrations with the instant tone voice."""

from __future__ import annotations

import json
import threading

import feedparser

from narrator import api
from narrator.episodes.slugs import MAX_SLUG
from narrator.settings import load_settings


def _settings(tmp_path):
    return load_settings({"out": tmp_path / "out", "voice": "tone", "cache_dir": tmp_path / "cache"}, environ={},
                         cwd=tmp_path)  # fmt: skip


def _narrate(settings, text: str, fmt: str = "text"):
    return api.narrate(f"{fmt}-input", settings, data=text.encode(), fmt=fmt)


def _feed(settings):
    return feedparser.parse((settings.out / "feed.xml").read_bytes()).entries


def test_two_untitled_texts_get_two_episodes(tmp_path):
    settings = _settings(tmp_path)
    first = _narrate(settings, "The council met on Monday and agreed to repair the old bridge over the river.")
    second = _narrate(settings, "the ferry will run again from May, said the harbour master, who expects busy weeks.")
    # Each is named after its first sentence, and neither takes the other's identity.
    assert first.slug == "the-council-met-on-monday-and-agreed-to-repair"
    assert second.slug == "the-ferry-will-run-again-from-may"
    assert first.record.guid != second.record.guid
    assert len(api.list_episodes(settings)) == 2 and len({e.id for e in _feed(settings)}) == 2


def test_titles_that_slugify_alike_get_their_own_folders(tmp_path):
    settings = _settings(tmp_path)
    body = "\n\nOwners met the mayor on Monday about the new rents in the old town.\n"
    cafe = _narrate(settings, "# Café owners protest" + body, "markdown")
    plain = _narrate(settings, "# Cafe owners protest" + body, "markdown")
    assert cafe.slug == "cafe-owners-protest" and plain.slug != cafe.slug
    assert plain.slug.startswith("cafe-owners-protest-") and len(plain.slug) <= len(cafe.slug) + 7
    titles = {r.slug: r.title for r in api.list_episodes(settings)}
    assert titles == {cafe.slug: "Café owners protest", plain.slug: "Cafe owners protest"}


def test_titles_sharing_their_first_eighty_characters_get_their_own_folders(tmp_path):
    settings = _settings(tmp_path)
    stem = "Regional transport authority announces " + "long " * 10
    first = _narrate(settings, f"# {stem}delays\n\nThe board met on Monday about the timetable.\n", "markdown")
    second = _narrate(settings, f"# {stem}cuts\n\nThe board met on Monday about the budget.\n", "markdown")
    assert len(first.slug) <= MAX_SLUG and first.slug != second.slug
    assert len(api.list_episodes(settings)) == 2


def test_the_same_article_keeps_its_slug_and_its_episode(tmp_path):
    settings = _settings(tmp_path)
    text = "# Café owners protest\n\nOwners met the mayor on Monday about the new rents.\n"
    other = _narrate(settings, "# Cafe owners protest\n\nA different story about rents in the old town.\n", "markdown")
    first = _narrate(settings, text, "markdown")
    corrected = _narrate(settings, text.replace("Monday", "Tuesday"), "markdown")
    assert corrected.slug == first.slug != other.slug
    assert len(api.list_episodes(settings)) == 2
    # Even after it was retracted, the name stays the article's: old links never lead to another story.
    api.retract(first.slug, settings)
    assert _narrate(settings, text, "markdown").slug == first.slug


def test_a_corrected_title_keeps_the_episode_of_the_same_url(tmp_path):
    settings = _settings(tmp_path)
    page = "---\ntitle: {title}\nurl: https://news.example/story/41\n---\n\nThe bridge opens on Monday after repairs.\n"
    first = _narrate(settings, page.format(title="Bridge opens Monday"), "markdown")
    second = _narrate(settings, page.format(title="Bridge opens on Monday, a day late"), "markdown")
    assert second.slug == first.slug and len(api.list_episodes(settings)) == 1
    assert [e.title for e in _feed(settings)] == ["Bridge opens on Monday, a day late"]


def test_narrations_running_at_once_never_take_the_same_name(tmp_path):
    settings = _settings(tmp_path)
    texts = [f"Story {word} has no title line and is read anyway on Monday morning, said the desk."
             for word in ("alpha", "bravo", "charlie", "delta")]  # fmt: skip
    slugs = []
    threads = [threading.Thread(target=lambda t=t: slugs.append(_narrate(settings, t.lower()).slug)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(slugs) == 4 and len(set(slugs)) == 4
    records = [json.loads(p.read_text()) for p in settings.out.glob("*/episode.json")]
    assert len(records) == 4 and len({r["guid"] for r in records}) == 4
