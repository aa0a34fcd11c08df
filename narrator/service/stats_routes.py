"""Listening figures on the service: the player's events come in at ``POST /events``
(no token: any page that embeds the player may send them), and the editor's Stats pages
(``/editor/stats``, and ``/editor/stats/<slug>`` for one episode) show them.

The endpoint keeps nothing that names a listener. It answers without a cookie, never
writes the client's address anywhere (the rate limit holds a keyed hash of it, in
memory, in a table of fixed size), and drops what a browser sends with Do Not Track or
Global Privacy Control on. It takes one small JSON event per request, well formed
(:func:`narrator.api.stats.validate_event`) and for an episode that exists, as the
player's ``navigator.sendBeacon`` sends it: as ``text/plain``, which another origin may
post without a preflight, or as ``application/json`` after one. It sits outside /v1/,
whose every route needs a token; the front door (:mod:`.guard`) lets it in as it does
every path it doesn't guard."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import ipaddress
import json
import os
import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import api
from ..api import stats as stats_api
from ..errors import NarratorError
from .api_routes import episode_slug
from .charts import Series, bar_chart
from .context import bearer, service_of
from .editor_routes import page

router = APIRouter()
EVENTS = "/events"
#: The largest event taken, in bytes: the player's are about 120.
EVENT_BYTES = 1024
DAYS = 30
#: What another origin's page may send here, and nothing more (no credentials).
CORS = {"access-control-allow-origin": "*", "access-control-allow-methods": "POST",
        "access-control-allow-headers": "content-type", "access-control-max-age": "86400"}  # fmt: skip


class Limiter:
    """A token bucket per client: ``burst`` events at once, then ``rate`` a second.

    The clients are keyed by a hash of their address under a key made afresh with each
    process (an IPv6 client by its /64, which one household or phone holds), and the
    table keeps the ``clients`` heard from last: its memory is the same after a million
    addresses as after ten thousand. A client pushed out starts again with a full bucket,
    as a new address would."""

    def __init__(self, burst: int = 120, rate: float = 2.0, clients: int = 10_000) -> None:
        self.burst, self.rate, self.clients = float(burst), rate, clients
        self._key = os.urandom(16)
        self._buckets: OrderedDict[bytes, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _client(self, address: str) -> bytes:
        try:
            ip = ipaddress.ip_address(address)
            if ip.version == 6 and not ip.ipv4_mapped:
                address = str(ipaddress.ip_network(f"{ip}/64", strict=False))
        except ValueError:
            pass
        return hashlib.blake2b(address.encode(), key=self._key, digest_size=12).digest()

    def wait(self, address: str) -> float:
        """Take one event from ``address``'s bucket: 0 if it may send it, else the seconds
        until it may send another."""
        client, now = self._client(address), time.monotonic()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.clients:
                    self._buckets.popitem(last=False)  # the client heard from longest ago
                bucket = self._buckets[client] = [self.burst, now]
            else:
                self._buckets.move_to_end(client)
            tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
            if tokens < 1:
                bucket[0] = tokens
                return (1 - tokens) / self.rate
            bucket[0] = tokens - 1
            return 0.0

    def __len__(self) -> int:
        return len(self._buckets)


class Episodes:
    """Which episodes are published, remembered for a minute so a burst of events reads
    each episode's record once; it holds at most ``size`` names, and only of real episodes.
    A draft or held episode is answered as one that doesn't exist: its name stays unknown
    to anyone outside, and an editor's preview isn't counted as listening."""

    def __init__(self, size: int = 4096, ttl: float = 60.0) -> None:
        self.size, self.ttl = size, ttl
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def exists(self, slug: str, settings: Any) -> bool:
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(slug)
            if seen is not None and now - seen < self.ttl:
                return True
        record = api.find_episode(slug, settings)
        if record is None or not record.listed:
            return False
        with self._lock:
            self._seen[slug] = now
            self._seen.move_to_end(slug)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
        return True


_LOCK = threading.Lock()


def _state(request: HTTPRequest) -> Any:
    """The app's limiter and episode cache, made with its first event."""
    state = request.app.state
    if getattr(state, "stats_limiter", None) is None:
        with _LOCK:
            if getattr(state, "stats_limiter", None) is None:
                state.stats_episodes = Episodes()
                state.stats_limiter = Limiter()
    return state


def _answer(status: int, detail: str | None = None, headers: dict[str, str] | None = None) -> Response:
    if detail is None:
        return Response(status_code=status, headers={**CORS, **(headers or {})})
    return JSONResponse({"detail": detail}, status, headers={**CORS, **(headers or {})})


def _private(request: HTTPRequest) -> bool:
    """Whether the browser asks not to be tracked: Do Not Track or Global Privacy Control."""
    return request.headers.get("dnt", "").strip() == "1" or request.headers.get("sec-gpc", "").strip() == "1"


async def _body(request: HTTPRequest) -> bytes | None:
    """The body, or None once it exceeds EVENT_BYTES (read no further)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > EVENT_BYTES:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > EVENT_BYTES:
            return None
    return body


@router.options(EVENTS, include_in_schema=False)
def event_preflight() -> Response:
    return _answer(204)


@router.post(EVENTS, status_code=204, responses={404: {}, 413: {}, 415: {}, 422: {}, 429: {}})
async def listening_event(request: HTTPRequest) -> Response:
    """One event from the player: ``{"episode", "view", "kind", "value"}`` (see the
    README). 204 when counted, and also when it repeats one counted before or the
    browser sent Do Not Track or Global Privacy Control (then it is dropped unread)."""
    if _private(request):
        return _answer(204)
    state = _state(request)
    wait = state.stats_limiter.wait(request.client.host if request.client else "?")
    if wait:
        return _answer(429, "too many events from this client; try again later",
                       {"retry-after": str(int(wait) + 1)})  # fmt: skip
    kind = request.headers.get("content-type", "text/plain").split(";")[0].strip().lower()
    if kind not in ("text/plain", "application/json"):
        return _answer(415, "an event is JSON, sent as text/plain or application/json")
    body = await _body(request)
    if body is None:
        return _answer(413, f"an event is at most {EVENT_BYTES} bytes")
    try:
        event = stats_api.validate_event(json.loads(body))
    except (ValueError, RecursionError):
        return _answer(422, "an event is one JSON object")
    except NarratorError as exc:
        return _answer(422, str(exc))
    settings = service_of(request).settings
    try:
        if not await run_in_threadpool(state.stats_episodes.exists, event.episode, settings):
            return _answer(404, "no such episode")
        store = stats_api.stats_store(settings)
        await run_in_threadpool(store.add_event, event.episode, event.view, event.kind, event.value,
                                dt.datetime.now(dt.UTC))  # fmt: skip
    except NarratorError as exc:
        return _answer(503, f"the event can't be counted now: {exc}", {"retry-after": "60"})
    return _answer(204)


# -- the editor's Stats pages ---------------------------------------------------------------


def _percent(share: float) -> float:
    return round(100 * share, 1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _daily(chart_id: str, figures: Any, what: str) -> dict[str, Any]:
    days = list(figures.days)
    labels = [f"{d.day:%-d %b}" for d in days]
    plays = [d.plays for d in days]
    downloads = [d.downloads for d in days]
    first, last = days[0].day, days[-1].day
    description = (f"{_count(sum(plays), 'play')} and {_count(sum(downloads), 'download')} {what} from "
                   f"{first:%-d %B} to {last:%-d %B %Y}; the busiest day had {_count(max(plays, default=0), 'play')} "
                   f"and {_count(max(downloads, default=0), 'download')}. The table below gives each day.")  # fmt: skip
    chart = bar_chart(chart_id, f"Plays and downloads a day, last {len(days)} days", description, labels,
                      [Series("Plays", plays), Series("Downloads", downloads)], label_every=7,
                      values_shown=False)  # fmt: skip
    rows = [{"day": f"{d.day:%a %-d %b}", "iso": d.day.isoformat(), "plays": d.plays, "downloads": d.downloads}
            for d in reversed(days)]  # fmt: skip
    return {"id": chart_id, "svg": chart, "rows": rows}


def _curve(chart_id: str, episode: Any, title: str) -> dict[str, Any]:
    shares = [_percent(s) for s in episode.curve]
    labels = [f"{10 * (i + 1)}%" for i in range(len(shares))]
    if episode.plays:
        description = (f"Of {episode.plays} plays, {shares[0]:g}% were still listening at 10% of the episode, "
                       f"{shares[4]:g}% at half way and {shares[-1]:g}% at the end. "
                       "The table below gives each tenth.")  # fmt: skip
    else:
        description = "No plays yet, so no one to follow through the episode."
    chart = bar_chart(chart_id, f"Still listening: {title}", description, labels, [Series("Still listening", shares)],
                      percent=True)  # fmt: skip
    return {
        "id": chart_id,
        "svg": chart,
        "rows": [(label, f"{share:.1f}%") for label, share in zip(labels, shares, strict=True)],
    }


def _heard(episode: Any) -> str:
    return "–" if episode.median_heard is None else f"{_percent(episode.median_heard):.1f}%"


@router.get("/editor/stats", include_in_schema=False, dependencies=[Depends(bearer)])
def stats_page(request: HTTPRequest):
    settings = service_of(request).settings
    titles = {e["slug"]: e["title"] for e in service_of(request).episodes()}
    figures = stats_api.listening_figures(settings, days=DAYS)
    episodes = [{"slug": e.episode, "title": titles.get(e.episode, e.episode), "plays": e.plays,
                 "downloads": e.downloads, "completes": e.completes, "heard": _heard(e),
                 "finished": f"{_percent(e.curve[-1]):.1f}%" if e.plays else "–"}
                for e in sorted(figures.episodes, key=lambda e: (-e.plays, -e.downloads, e.episode))]  # fmt: skip
    return page(request, "editor/stats.html.j2", figures=figures, episodes=episodes, episode=None, curve=None,
                daily=_daily("daily", figures, "of every episode"), days=DAYS)  # fmt: skip


@router.get("/editor/stats/{slug}", include_in_schema=False, dependencies=[Depends(bearer)])
def episode_stats_page(request: HTTPRequest, slug: str):
    settings = service_of(request).settings
    record = api.find_episode(episode_slug(slug), settings)
    if record is None:
        raise HTTPException(404, "no such episode")
    figures = stats_api.listening_figures(settings, slug, days=DAYS)
    one = figures.episodes[0]
    episode = {"slug": slug, "title": record.title, "plays": one.plays, "downloads": one.downloads,
               "completes": one.completes, "heard": _heard(one),
               "finished": f"{_percent(one.curve[-1]):.1f}%" if one.plays else "–",
               "speeds": [(f"{speed:g}×", n) for speed, n in one.speeds]}  # fmt: skip
    return page(request, "editor/stats.html.j2", figures=figures, episodes=[], episode=episode,
                curve=_curve("curve", one, record.title), daily=_daily("daily", figures, "of this episode"),
                days=DAYS)  # fmt: skip


def _csv(figures: Any) -> str:
    """One row per episode and day: what a spreadsheet or another analytics tool imports."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["day", "episode", "plays", "downloads"])
    for episode in figures.episodes:
        for day in episode.days:
            writer.writerow([day.day.isoformat(), episode.episode, day.plays, day.downloads])
    return out.getvalue()


@router.get("/editor/stats.{fmt}", include_in_schema=False, dependencies=[Depends(bearer)])
def stats_export(request: HTTPRequest, fmt: str):
    """The figures of the last 30 days for the newsroom's own tools, as JSON or CSV."""
    settings = service_of(request).settings
    if fmt == "json":
        return JSONResponse(stats_api.listening_figures(settings, days=DAYS).as_dict(),
                            headers={"content-disposition": 'attachment; filename="narrator-stats.json"'})  # fmt: skip
    if fmt == "csv":
        return Response(_csv(stats_api.listening_figures(settings, days=DAYS)), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="narrator-stats.csv"'})  # fmt: skip
    raise HTTPException(404, "no such export")
