"""CMS webhooks under /v1/hooks: a post published or edited in Ghost or WordPress becomes
a narration job like a followed source's article. They carry no bearer token (a CMS
can't send one); each is signed with a secret of its own instead, checked in constant
time before the body is read as JSON, and is off until its secret is set.

The post is known by its URL (its canonical URL when it has one): the episode is that
URL's, so an edited post, or a corrected title, is narrated again into the same episode,
which keeps its status (published or draft). It is narrated from the HTML the hook
carries, with nothing fetched; a post without HTML or text is read from its URL, under
the same address rules as any article URL.

- **Ghost** (``POST /v1/hooks/ghost``, for the ``post.published`` and
  ``post.published.edited`` events): ``{"post": {"current": {...}, "previous": {...}}}``,
  signed in ``X-Ghost-Signature: sha256=<hex>, t=<milliseconds>``.
- **WordPress** (``POST /v1/hooks/wordpress``, from a webhook plugin): ``{"post": {"id",
  "guid", "link", "title", "content", "date_gmt", "modified_gmt", "author", "status"}}``
  with the REST API post object's names (``title``, ``content`` and ``guid`` as text or
  as ``{"rendered": text}``; ``author`` a name, ``{"name": ...}``, or an id, which is left
  out), signed as the service's own callbacks are: ``X-Narrator-Signature: sha256=<hex>``,
  the HMAC-SHA256 of the body under ``follow_wordpress_secret``.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import time
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from .. import api
from .context import Service, service_of
from .jobs import Request

router = APIRouter(prefix="/v1/hooks")
#: How far a Ghost signature's timestamp may be from now, in seconds: Ghost signs once
#: and retries within seconds, so an older one is a replay.
GHOST_TOLERANCE = 300.0
MAX_URL = 2000


def _ghost_signed(body: bytes, header: str | None, secret: str, now: float) -> None:
    """Check Ghost's signature. Ghost (ghost/core/core/server/services/webhooks/
    webhook-trigger.js in TryGhost/Ghost) sends ``X-Ghost-Signature: sha256=<hex>, t=<ts>``,
    where ts is Date.now() in milliseconds and hex is the HMAC-SHA256, keyed with the
    webhook's secret, of the JSON body followed by ts as decimal digits."""
    if not header:
        raise HTTPException(401, "X-Ghost-Signature is missing")
    parts = dict(p.strip().partition("=")[::2] for p in header.split(","))
    given, stamp = parts.get("sha256", ""), parts.get("t", "")
    if not stamp.isdigit() or not given:
        raise HTTPException(401, "X-Ghost-Signature must be sha256=<hex>, t=<milliseconds>")
    expected = hmac.new(secret.encode(), body + stamp.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode("latin-1", "replace"), expected.encode()):
        raise HTTPException(401, "X-Ghost-Signature does not match the body")
    if abs(now - int(stamp) / 1000) > GHOST_TOLERANCE:
        raise HTTPException(401, f"X-Ghost-Signature is more than {GHOST_TOLERANCE:g} seconds old")


def _narrator_signed(body: bytes, header: str | None, secret: str) -> None:
    if not header:
        raise HTTPException(401, "X-Narrator-Signature is missing")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(header.strip().encode("latin-1", "replace"), expected.encode()):
        raise HTTPException(401, "X-Narrator-Signature does not match the body")


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(422, "the body is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("post"), dict):
        raise HTTPException(422, 'the body must be an object with a "post" object')
    return data


def _text(value: Any, name: str) -> str:
    """A field as text: a string, or WordPress's ``{"rendered": ...}``; "" when absent."""
    if isinstance(value, dict):
        value = value.get("rendered")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise HTTPException(422, f"post.{name} must be text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise HTTPException(422, f"post.{name} is not valid Unicode text") from None
    return value


def _url(value: Any, name: str) -> str:
    url = _text(value, name).strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) > MAX_URL or any(c.isspace() for c in url):
        raise HTTPException(422, f"post.{name} must be the post's http:// or https:// URL")
    return url


def document(url: str, title: str, body: str, *, author: str = "", published: str = "") -> str:
    """The post as a page the HTML reader takes: its title, byline and date in the head,
    its HTML as the article."""
    head = [f"<title>{html.escape(title)}</title>", f'<link rel="canonical" href="{html.escape(url)}">']
    if author:
        head.append(f'<meta name="author" content="{html.escape(author)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{html.escape(published)}">')
    return ('<!doctype html><html><head><meta charset="utf-8">' + "".join(head) + "</head><body><article>"
            f"<h1>{html.escape(title)}</h1>{body}</article></body></html>")  # fmt: skip


def _gmt(when: str) -> str:
    """WordPress's ``date_gmt`` is UTC without saying so."""
    when = when.strip()
    return when + "+00:00" if when and when[-1].isdigit() and "+" not in when[10:] else when


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _submit(service: Service, url: str, page: str | None) -> JSONResponse:
    """Narrate the post: a job like a followed article's, for the episode of ``url``."""
    existing = api.article_episode(url, service.settings)
    publish = existing.status == "published" if existing else not service.settings.follow.hooks_draft
    if page is None:  # nothing to read in the hook: the post's page, fetched under the usual rules
        request = Request(kind="url", content=url, publish=publish)
    else:
        request = Request(kind="html", content=page, publish=publish, url=url)
    job, created = service.submit(request)
    return JSONResponse({**job, "url": url}, status_code=202 if created else 200)


def _ignored(why: str) -> JSONResponse:
    return JSONResponse({"ignored": why}, status_code=200)


@router.post("/ghost", status_code=202)
async def ghost_hook(request: HTTPRequest):
    """A Ghost post published or edited (events ``post.published``,
    ``post.published.edited``): narrated into the episode of its URL."""
    service = service_of(request)
    secret = service.settings.follow.ghost_secret
    if not secret:
        raise HTTPException(404, "the Ghost webhook is off: set follow_ghost_secret")
    body = await request.body()
    _ghost_signed(body, request.headers.get("x-ghost-signature"), secret, time.time())
    post = _json(body)["post"].get("current")
    if not post:
        return _ignored("the post has no current version (it was deleted)")
    if not isinstance(post, dict):
        raise HTTPException(422, "post.current must be an object")
    status = post.get("status", "published")
    if status != "published":
        return _ignored(f"the post is {str(status)[:40]}, not published")
    url = _url(post.get("canonical_url") or post.get("url"), "current.url")
    title = _text(post.get("title"), "current.title").strip()
    authors = post.get("authors") if isinstance(post.get("authors"), list) else []
    names = [a.get("name") for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    content = _text(post.get("html"), "current.html") or _paragraphs(_text(post.get("plaintext"), "current.plaintext"))
    published = _text(post.get("published_at"), "current.published_at")
    page = document(url, title, content, author=" and ".join(names), published=published) if content.strip() else None
    return await run_in_threadpool(_submit, service, url, page)


@router.post("/wordpress", status_code=202)
async def wordpress_hook(request: HTTPRequest):
    """A WordPress post published or updated, in the shape of the REST API's post
    object: narrated into the episode of its ``link``."""
    service = service_of(request)
    secret = service.settings.follow.wordpress_secret
    if not secret:
        raise HTTPException(404, "the WordPress webhook is off: set follow_wordpress_secret")
    body = await request.body()
    _narrator_signed(body, request.headers.get("x-narrator-signature"), secret)
    post = _json(body)["post"]
    status = post.get("status", "publish")
    if status != "publish":
        return _ignored(f"the post is {str(status)[:40]}, not published")
    url = _url(post.get("link"), "link")
    title = _text(post.get("title"), "title").strip()
    author = post.get("author")
    name = author.get("name") if isinstance(author, dict) else author
    content = _text(post.get("content"), "content")
    page = document(url, title, content, author=name if isinstance(name, str) else "",
                    published=_gmt(_text(post.get("date_gmt"), "date_gmt"))) if content.strip() else None  # fmt: skip
    return await run_in_threadpool(_submit, service, url, page)
