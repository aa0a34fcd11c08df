"""Asking someone else's web server politely: every request goes through the guarded
client (:mod:`narrator.ingest.fetch`: address rules, one deadline, a size limit), after
robots.txt has said yes, no sooner after the last request to the same host than
``follow_requests_per_minute`` (or the host's Crawl-delay) allows, and with the
validators of the last answer (If-None-Match, If-Modified-Since), so an unchanged feed
costs one short 304.

A host that answers 429 (or 503 with Retry-After) is left alone until the time it asks
for, at most ``follow_max_backoff``: kept in the follow store, so the next poll, in this
process or another, waits too. robots.txt is kept for a day (RFC 9309): missing (4xx)
allows everything; a server error on it allows nothing until it answers.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import FetchError
from ..ingest.fetch import Response, allow_all, get, public_only
from ..settings import Settings
from .state import FollowState

ROBOTS_FRESH = 24 * 3600.0
#: How long a host that answers 429 without saying how long is left alone.
DEFAULT_PAUSE = 60.0
#: robots.txt is read up to this size (RFC 9309 asks for at least 500 KiB).
ROBOTS_BYTES = 512 * 1024
_ALLOW_ALL = ""  # robots.txt as kept when it is missing
#: The longest Crawl-delay heeded: it is no standard (RFC 9309 leaves it out), and an
#: hour between requests would hold a poll for a day.
MAX_CRAWL_DELAY = 60.0
FEED_TYPES = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
              "application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")  # fmt: skip
PAGE_TYPES = "text/html, application/xhtml+xml;q=0.9, text/*;q=0.8"


class Paused(Exception):
    """The host asked to be left alone until ``until`` (a time.time())."""

    def __init__(self, host: str, until: float) -> None:
        super().__init__(host, until)
        self.host, self.until = host, until

    def __str__(self) -> str:
        when = dt.datetime.fromtimestamp(self.until, dt.UTC).strftime("%H:%M:%S UTC")
        return f"{self.host} asked to be left alone until {when}"


class Disallowed(Exception):
    """robots.txt does not allow the URL."""


class Stopped(Exception):
    """Following was asked to stop while waiting its turn."""


@dataclass(frozen=True)
class Validators:
    """What the last 200 said, to send back: ETag and Last-Modified."""

    etag: str | None = None
    modified: str | None = None

    @classmethod
    def of(cls, response: Response) -> Validators:
        return cls(response.header("etag"), response.header("last-modified"))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for (a number, or an HTTP date), or None."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


class Polite:
    """One process's manners toward the hosts it asks, shared by all its polls."""

    def __init__(self, settings: Settings, state: FollowState, stop: threading.Event | None = None) -> None:
        self.settings = settings
        self.state = state
        self.stop = stop
        self.policy = allow_all if settings.fetch.allow_private_urls else public_only
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}

    # -- the turn of a host ------------------------------------------------------------------
    def paused_until(self, url: str) -> float | None:
        """When the host of ``url`` may be asked again, if it asked for a pause."""
        until = self.state.host(origin(url))[0]
        return until if until > time.time() else None

    def _wait_turn(self, host: str, delay: float) -> None:
        interval = max(60.0 / self.settings.follow.requests_per_minute, delay)
        while True:
            with self._lock:
                wait = self._last.get(host, -interval) + interval - time.monotonic()
                if wait <= 0:
                    self._last[host] = time.monotonic()
                    return
            if self.stop is not None:
                if self.stop.wait(wait):
                    raise Stopped
            else:
                time.sleep(wait)

    def _pause(self, host: str, seconds: float) -> float:
        until = time.time() + min(max(seconds, 0.0), self.settings.follow.max_backoff)
        self.state.pause_host(host, until)
        return until

    def _request(
        self, url: str, headers: dict[str, str], *, delay: float = 0.0, max_bytes: int | None = None
    ) -> Response:
        host = origin(url)
        until = self.paused_until(url)
        if until is not None:
            raise Paused(host, until)
        self._wait_turn(host, delay)
        fetch = self.settings.fetch
        answer = get(url, timeout=fetch.timeout, max_bytes=max_bytes or fetch.max_bytes,
                     headers={"User-Agent": fetch.user_agent, **headers}, policy=self.policy)  # fmt: skip
        asked = retry_after(answer.header("retry-after"), time.time())
        if answer.status == 429 or (answer.status == 503 and asked is not None):
            raise Paused(host, self._pause(host, DEFAULT_PAUSE if asked is None else asked))
        return answer

    # -- robots.txt --------------------------------------------------------------------------
    def _rules(self, host: str) -> urllib.robotparser.RobotFileParser:
        cached = self._robots.get(host)
        if cached and time.time() - cached[0] < ROBOTS_FRESH:
            return cached[1]
        _, text, fetched = self.state.host(host)
        if text is None or fetched is None or time.time() - fetched >= ROBOTS_FRESH:
            answer = self._request(f"{host}/robots.txt", {"Accept": "text/plain"}, max_bytes=ROBOTS_BYTES)
            if answer.status >= 500:
                raise FetchError(f"{host}/robots.txt: HTTP {answer.status} {answer.reason}; nothing is fetched "
                                 "from the host until it answers")  # fmt: skip
            text = answer.body.decode("utf-8", "replace") if answer.status == 200 else _ALLOW_ALL
            self.state.keep_robots(host, text)
            fetched = time.time()
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(text.splitlines())
        self._robots[host] = (fetched, rules)
        return rules

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets narrator fetch ``url``."""
        return self._rules(origin(url)).can_fetch(self.settings.fetch.user_agent, url)

    # -- a GET -------------------------------------------------------------------------------
    def get(self, url: str, validators: Validators | None = None, *, accept: str = PAGE_TYPES) -> Response:
        """``url``'s answer, whatever its status; Paused, Disallowed, Stopped or FetchError
        when it isn't asked."""
        host = origin(url)
        until = self.paused_until(url)
        if until is not None:
            raise Paused(host, until)
        rules = self._rules(host)
        agent = self.settings.fetch.user_agent
        if not rules.can_fetch(agent, url):
            raise Disallowed(url)
        headers = {"Accept": accept}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.modified:
            headers["If-Modified-Since"] = validators.modified
        delay = min(float(rules.crawl_delay(agent) or 0), MAX_CRAWL_DELAY)
        return self._request(url, headers, delay=delay)
