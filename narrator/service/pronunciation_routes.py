"""The editor's pronunciation page, /editor/pronunciation: the words lint found in an
article or an episode, each to hear as the voice says it now and as a respelling or IPA
would have it, and saved to the publication's lexicon (``OUT/lexicon.toml``), each change
recorded with who made it and when."""

from __future__ import annotations

import hmac
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi import Request as HTTPRequest
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from .. import api
from ..errors import NarratorError
from .api_routes import episode_slug
from .context import COOKIE, as_bytes, bearer, service_of
from .editor_routes import FormError, _check_form, page

router = APIRouter()
auth = [Depends(bearer)]
FormText = Annotated[str, Form()]
_WORD = re.compile(r"[^\W\d_][\w'’.-]{0,63}")
TEMPLATE = "editor/pronunciation.html.j2"


def editor_of(request: HTTPRequest) -> str:
    """Who is signed in, for the lexicon's history: which of the service's tokens (by its
    place in ``api_tokens``) the session or bearer token was made from, never the token."""
    service = service_of(request)
    if getattr(request.state, "auth", None) == "session":
        given = as_bytes(request.cookies.get(COOKIE, "")) or b""
        made = [service.session_for(t.encode()).encode() for t in service.tokens]
    else:
        header = request.headers.get("authorization", "")
        given = as_bytes(header.removeprefix("Bearer ").strip()) or b""
        made = [t.encode() for t in service.tokens]
    for n, candidate in enumerate(made, 1):
        if hmac.compare_digest(given, candidate):
            return f"editor {n}"
    return "editor"


def _words(findings: list) -> list[Any]:
    """The findings a pronunciation can fix: words, one each, not digits or symbols."""
    seen: set[str] = set()
    found = []
    for f in findings:
        if _WORD.fullmatch(f.text) and f.text not in seen:
            seen.add(f.text)
            found.append(f)
    return found


def _lexicon_rows(request: HTTPRequest) -> list[dict[str, str]]:
    settings = service_of(request).settings
    last = {c.term: c for c in api.lexicon_history(settings)}
    rows = []
    for e in api.publication_lexicon(settings).entries:
        change = last.get(e.term)
        rows.append({"term": e.term, "said": e.say or f"/{e.ipa or e.phonemes}/",
                     "by": change.editor if change else "", "at": change.at if change else ""})  # fmt: skip
    return rows


def _episodes(request: HTTPRequest) -> list[dict[str, str]]:
    return [{"slug": e["slug"], "title": e["title"]} for e in service_of(request).episodes()]


def _episode_text(request: HTTPRequest, slug: str) -> str:
    settings = service_of(request).settings
    record = api.find_episode(episode_slug(slug), settings)
    if record is None:
        raise HTTPException(404, "no such episode")
    unmark = api.readable(settings)
    return "\n\n".join(unmark(s.text) for s in record.sections)


def _render(request: HTTPRequest, *, episode: str = "", url: str = "", text: str = "", notice: str | None = None,
            error: FormError | None = None, find: bool = True) -> HTMLResponse:  # fmt: skip
    """The page, with the words lint finds in the episode, URL or text given (if any)."""
    settings = service_of(request).settings
    findings = None
    if find and (episode or url.strip() or text.strip()):
        try:
            if episode:
                source, data, fmt = "-", _episode_text(request, episode).encode(), "text"
            elif url.strip():
                if not url.strip().startswith(("http://", "https://")):
                    raise FormError("The URL must start with http:// or https://.", "url")
                source, data, fmt = url.strip(), None, None
            else:
                source, data, fmt = "-", text.encode(), "html" if text.lstrip().startswith("<") else "text"
            _, found = api.lint(source, settings, data=data, fmt=fmt)
            findings = _words(found)
        except FormError as exc:
            error = exc
        except NarratorError as exc:
            error = FormError(str(exc), "url" if url.strip() else "text")
    return page(request, TEMPLATE, status=422 if error else 200, error=str(error) if error else None,
                invalid=error.fields if error else (), episode=episode, url=url, text=text, findings=findings,
                notice=notice, lexicon=_lexicon_rows(request), episodes=_episodes(request))  # fmt: skip


@router.get("/editor/pronunciation", include_in_schema=False, dependencies=auth)
def pronunciation_page(request: HTTPRequest, episode: str = ""):
    return _render(request, episode=episode)


@router.post("/editor/pronunciation", include_in_schema=False, dependencies=auth)
def find_words(request: HTTPRequest, episode: FormText = "", url: FormText = "", text: FormText = "",
               csrf: FormText = ""):  # fmt: skip
    _check_form(request, csrf)
    if sum(bool(v.strip()) for v in (episode, url, text)) > 1:
        return _render(request, episode=episode, url=url, text=text,
                       error=FormError("Choose an episode, give a URL or paste the article: one of them.",
                                       "episode", "url", "text"), find=False)  # fmt: skip
    if not (episode or url.strip() or text.strip()):
        return _render(request, error=FormError("Choose an episode, give a URL or paste the article.", "episode"),
                       find=False)  # fmt: skip
    return _render(request, episode=episode, url=url, text=text)


@router.get("/editor/pronunciation/say", include_in_schema=False, dependencies=auth)
async def say(request: HTTPRequest, word: str, spelling: str = ""):
    """The voice saying ``word`` in a short sentence (WAV), as it would now or as
    ``spelling`` would have it: from the clip cache once said."""
    try:
        audio = await run_in_threadpool(api.say_word, service_of(request).settings, word, spelling or None)
    except NarratorError as exc:
        return Response(str(exc), status_code=422, media_type="text/plain; charset=utf-8")
    return Response(audio, media_type="audio/wav", headers={"cache-control": "private, max-age=3600"})


@router.post("/editor/pronunciation/save", include_in_schema=False, dependencies=auth)
def save(request: HTTPRequest, word: FormText = "", spelling: FormText = "", episode: FormText = "",
         url: FormText = "", text: FormText = "", csrf: FormText = ""):  # fmt: skip
    _check_form(request, csrf)
    try:
        change = api.save_pronunciation(service_of(request).settings, word, spelling, editor_of(request))
    except NarratorError as exc:
        return _render(request, episode=episode, url=url, text=text, error=FormError(str(exc), f"say-{word}"))
    notice = f"Saved: {change.term} said as {spelling.strip()}." if change.new else f"Removed: {change.term}."
    return _render(request, episode=episode, url=url, text=text, notice=notice)
