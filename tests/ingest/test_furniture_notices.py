"""Site notices around an article are not read, even when readability keeps them with the body:
a disclaimer ("The views expressed ... are not necessarily those of ..."), the comment form's
small print ("Comments are moderated ...", "There are currently no comments for this story"),
a wire service's reprint line, a bare "Last updated at ..." line. Prose that mentions views or
comments is read."""

from __future__ import annotations

from lxml import html as lxml_html

from narrator.ingest.furniture import is_site_notice
from narrator.ingest.readers.html import agree

BODY = [
    "The county's bus company will run an extra late service on Fridays from the start of next month.",
    "Drivers had asked for the change after complaints about crowded last buses from the town centre.",
    "A spokesman said the views expressed by passengers at two public meetings had shaped the timetable.",
    "There were no comments from the council, which pays for two of the routes, on Monday night.",
]
NOTICES = [
    "The views expressed in the articles are not necessarily those of the Valley Times and we accept no "
    "responsibility for them.",
    "Comments are moderated by our editors, so there may be a delay between submission and publication.",
    "- there are currently no comments for this story -",
    "Distributed by Valley Media. This material may not be published, broadcast, rewritten or redistributed.",
    "Reproduction in whole or in part without permission is prohibited.",
    "Last updated at 8:37 AM on 18/01/08",
]


def test_site_notices_are_furniture_and_prose_that_mentions_the_same_words_is_not():
    assert all(is_site_notice(line) for line in NOTICES)
    assert not any(is_site_notice(line) for line in BODY)


def test_site_notices_both_extractors_keep_are_not_read():
    blocks = [("p", text) for text in [NOTICES[5], *BODY, *NOTICES[:5]]]
    page = lxml_html.fromstring(f"<html><body><div>{''.join(f'<p>{t}</p>' for _, t in blocks)}</div></body></html>")
    assert agree(blocks, lambda: blocks, lambda: [], page) == [("p", text) for text in BODY]
