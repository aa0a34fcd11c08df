"""The phrase lists of generic page furniture, read from ``training/phrases/*.toml``.

One file per page region, one phrase a line; the names here are the lists' keys in capitals.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PHRASES = Path(__file__).resolve().parent.parent / "phrases"


def _load(region: str) -> dict[str, list[str]]:
    path = PHRASES / f"{region}.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{path}: {key} must be a list of strings")
    return data


_people = _load("people")
FIRST = _people["first"]
LAST = _people["last"]
USERS = _people["users"]
TOWNS = _people["towns"]
PAPERS = _people["papers"]
BLOG_NAMES = _people["blog_names"]
TECH_SITES = _people["tech_sites"]
AGENCIES = _people["agencies"]
ROLES = _people["roles"]
PHOTO_AGENCIES = _people["photo_agencies"]

_header = _load("header")
NAV_POOL = _header["nav_pool"]
NAV_EXTRA = _header["nav_extra"]
FOREIGN_NAV = _header["foreign_nav"]
COOKIE = _header["cookie"]
PAYWALL = _header["paywall"]
WIDGETS = _header["widgets"]
KICKERS = _header["kickers"]
NOTICES = _header["notices"]

_byline = _load("byline")
BY_WORDS = _byline["by_words"]
ZONES = _byline["zones"]

_body = _load("body")
SHARE = _body["share"]
INLINE_PROMPTS = _body["inline_prompts"]
READ_MORE = _body["read_more"]
CAPTION_SUBJECTS = _body["caption_subjects"]
NEWSLETTER = _body["newsletter"]
SIGNUP_HEADS = _body["signup_heads"]
SIGNUP_PITCHES = _body["signup_pitches"]
SIGNUP_SMALL = _body["signup_small"]
NEWSLETTER_NAMES = _body["newsletter_names"]
RELATED_HEADERS = _body["related_headers"]
READER_ASIDES = _body["reader_asides"]
READER_CLOSERS = _body["reader_closers"]

_comments = _load("comments")
COMMENT_HEADERS = _comments["comment_headers"]
COMMENT_POLICY = _comments["comment_policy"]
COMMENT_ACTIONS = _comments["comment_actions"]
REPLY_FORM = _comments["reply_form"]
FORM_NOTES = _comments["form_notes"]

_sidebar = _load("sidebar")
SIDEBAR_PROSE = _sidebar["sidebar_prose"]
ARCHIVE_MONTHS = _sidebar["archive_months"]
DROPDOWNS = _sidebar["dropdowns"]
INDICES = _sidebar["indices"]
DISCLAIMERS = _sidebar["disclaimers"]
BIOS = _sidebar["bios"]
BIO_JOBS = _sidebar["bio_jobs"]
COUNT_LABELS = _sidebar["count_labels"]

_footer = _load("footer")
TAG_LEADS = _footer["tag_leads"]
FOOTER_LINKS = _footer["footer_links"]
FOOTER_PROSE = _footer["footer_prose"]

# Calendar words stay in code: dates are printed by indexing them with the month and weekday.
MONTHS = "January February March April May June July August September October November December".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
