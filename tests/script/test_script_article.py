"""What the script takes from the article beyond its words: the language's order for a
day and a month, and a title that was made from the first sentence, which isn't read."""

from __future__ import annotations

from narrator import api


def _spoken(script) -> str:
    return " ".join(s.text for s in script.sections)


def test_a_day_and_month_after_on_follow_the_articles_language(settings):
    body = "The council will meet again on 3/4 to vote on the new bridge over the river.\n"
    us = api.make_script("us.md", settings, data=("---\ntitle: Council vote\nlanguage: en-US\n---\n\n" + body).encode(),
                         fmt="markdown")  # fmt: skip
    gb = api.make_script("gb.md", settings, data=("---\ntitle: Council vote\nlanguage: en-GB\n---\n\n" + body).encode(),
                         fmt="markdown")  # fmt: skip
    assert "on March fourth" in _spoken(us)
    assert "on the third of April" in _spoken(gb)


def test_an_untitled_text_is_named_by_its_first_sentence_but_the_intro_does_not_read_it(settings):
    text = "The ferry will run again from May, said the harbour master, who expects busy weeks.\n"
    script = api.make_script("text-input", settings, data=text.encode(), fmt="text")
    assert script.article.title and script.article.title.startswith("The ferry will run again from May")
    assert "ferry" not in script.intro.text.lower()
    assert "ferry" in _spoken(script).lower()
