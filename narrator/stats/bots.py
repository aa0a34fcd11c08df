"""User agents that are not listeners: crawlers, monitors, link previews and scripts.

narrator's own list, written for it, of the kinds of client that podcast measurement
guidelines (the IAB Tech Lab's Podcast Measurement Technical Guidelines) say to filter:
search and feed crawlers, uptime and SEO monitors, social networks' link previews, and
HTTP libraries and command-line tools used by scripts. A request whose user agent matches
is never counted as a download.
"""

from __future__ import annotations

import re

#: Each pattern is matched, ignoring case, anywhere in the user agent.
PATTERNS = (
    # Anything that calls itself a bot, crawler, spider or scraper.
    r"bot\b",
    r"bot/",
    r"-bot",
    r"_bot",
    r"crawl",
    r"spider",
    r"scrap(?:er|ing)",
    r"slurp",
    # Search engines and archives that don't say so in those words.
    r"bingpreview",
    r"yandex",
    r"baiduspider",
    r"archive\.org",
    r"ia_archiver",
    r"heritrix",
    r"wayback",
    # Monitors, checkers and SEO tools.
    r"pingdom",
    r"uptime",
    r"statuscake",
    r"site24x7",
    r"monitor",
    r"checker",
    r"lighthouse",
    r"pagespeed",
    r"gtmetrix",
    r"ahrefs",
    r"semrush",
    r"mj12",
    r"dotbot",
    r"screaming frog",
    # Link previews on social networks and chat apps.
    r"facebookexternalhit",
    r"facebookcatalog",
    r"embedly",
    r"preview",
    r"slack-imgproxy",
    r"whatsapp/",
    r"telegrambot",
    r"discordbot",
    r"skypeuripreview",
    r"iframely",
    # Scripts: HTTP libraries and command-line tools, and headless browsers.
    r"^curl/",
    r"^wget",
    r"python-requests",
    r"python-urllib",
    r"^python/",
    r"aiohttp",
    r"httpx",
    r"go-http-client",
    r"^java/",
    r"libwww-perl",
    r"^lwp",
    r"apache-httpclient",
    r"node-fetch",
    r"axios/",
    r"^ruby",
    r"^php",
    r"headlesschrome",
    r"phantomjs",
    r"^mozilla/5\.0$",
    r"^-?$",
    # Feed readers and podcast directories fetching to index, not to listen.
    r"feedfetcher",
    r"feedparser",
    r"podcastindex",
    r"podnews",
    r"itms",
    r"podcastaddict/.*\bfeed",
)
_BOTS = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.IGNORECASE)


def is_bot(user_agent: str | None) -> bool:
    """Whether ``user_agent`` is a crawler, monitor, link preview or script (or says nothing)."""
    return bool(_BOTS.search((user_agent or "").strip()))
