"""What a hostile or careless article can't do: be longer than the service will read,
put a script link in the feed, or break out of a transcript cue."""

from __future__ import annotations

import pytest

from narrator import api
from narrator.episodes.transcript import parse_vtt, to_vtt
from narrator.errors import IngestError
from narrator.models import Cue
from narrator.settings import load_settings


def test_an_article_over_the_word_limit_is_refused_in_one_line(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone", "max_article_words": 40}, environ={},
                             cwd=tmp_path)  # fmt: skip
    text = "Budget news\n" + " ".join(["The council spent more on roads this year."] * 8)
    with pytest.raises(IngestError) as info:
        api.narrate("text-input", settings, data=text.encode(), fmt="text")
    message = str(info.value)
    assert "\n" not in message and message.startswith("text-input: 64 words, more than the 40 max_article_words")
    assert not (tmp_path / "out" / "budget-news").exists()
    short = b"Short news\nThe council met on Monday and agreed to repair the old bridge over the river."
    assert api.read_article("-", settings, data=short, fmt="text").word_count <= 40


def test_the_word_limit_is_a_setting(tmp_path):
    assert load_settings(environ={}, cwd=tmp_path).fetch.max_words == 50_000
    settings = load_settings(environ={"NARRATOR_MAX_ARTICLE_WORDS": "900"}, cwd=tmp_path)
    assert settings.fetch.max_words == 900 and settings.source_of("max_article_words") == "NARRATOR_MAX_ARTICLE_WORDS"


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,x",
                                  "vbscript:x", "//evil.example/x"])  # fmt: skip
def test_only_http_links_reach_the_feed(tmp_path, link):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    page = f"---\ntitle: Harbour news\nurl: {link}\n---\n\nThe harbour reopens on Monday.\n"
    episode = api.narrate("story.md", settings, data=page.encode(), fmt="markdown")
    feed = (tmp_path / "out" / "feed.xml").read_text()
    assert link not in feed and link.split(":")[0] + ":" not in feed.replace("https:", "").replace("http:", "")
    assert episode.record.url is None


def test_an_http_link_from_front_matter_is_kept(tmp_path):
    settings = load_settings({"out": tmp_path / "out", "voice": "tone"}, environ={}, cwd=tmp_path)
    page = "---\ntitle: Harbour news\nurl: https://news.example/harbour\n---\n\nThe harbour reopens on Monday.\n"
    assert api.narrate("story.md", settings, data=page.encode(), fmt="markdown").record.url == (
        "https://news.example/harbour"
    )


def test_vtt_cue_text_is_escaped_and_reads_back_the_same():
    said = ["The <script>alert(1)</script> tag & friends", "A --> B, said the <c.loud>speaker</c>", "1 < 2 > 0"]
    cues = tuple(Cue(start=float(n), end=n + 0.9, text=text) for n, text in enumerate(said))
    vtt = to_vtt(cues)
    body = vtt.split("\n\n", 1)[1]
    assert "<" not in body and "-->" not in body.replace(" --> ", "")
    assert "&lt;script&gt;" in body and "&amp; friends" in body
    assert [c.text for c in parse_vtt(vtt)] == said
