"""A newsroom on loopback for following: articles that change between polls, served as
pages and listed by every kind of source (RSS, Atom, JSON Feed, news sitemap, sitemap
index, a list of URLs), with ETags, robots.txt, answers that can be made to fail or wait,
and a log of every request and its answer. The articles are written for these tests (and
benchmarks/follow.py serves its own through it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import http.server
import json
import threading
import time
from dataclasses import dataclass, field, replace
from email.utils import format_datetime
from xml.sax.saxutils import escape

BASE_DATE = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.UTC)
ATOM = "http://www.w3.org/2005/Atom"

# fmt: off
STORIES = [
    ("Harbour ferry returns after winter repairs", "Mara Quell", ["Transport"], [
        "The harbour ferry returned to service on Monday after eleven weeks of repairs to its engines and hull.",
        "Passengers queued at the old quay before dawn, and the first crossing left four minutes early.",
        "The operator said the timetable would stay the same through the spring, with two extra evening runs.",
    ]),
    ("Library extends opening hours for exam season", "Tomas Brell", ["Education"], [
        "The central library will stay open until midnight for the next six weeks, its board announced.",
        "Students had asked for quiet space after two study halls closed for building work last month.",
        "Volunteers from the university will staff the reading rooms on weekday evenings.",
    ]),
    ("Council approves new cycle lanes on the river road", "Ines Varga", ["Transport", "Council"], [
        "The council voted to build protected cycle lanes along the full length of the river road.",
        "Work will start in the summer and close one lane of traffic at a time to keep buses moving.",
        "Shop owners on the road asked for loading bays, and the plan now includes six of them.",
    ]),
    ("Orchard growers expect an early apple harvest", "Pell Amsey", ["Farming"], [
        "Growers in the valley expect to pick apples two weeks earlier than usual after a warm spring.",
        "The growers' union said the crop looked healthy, though late frost could still thin the blossom.",
        "Pickers from the coast towns have already been offered contracts for the first weeks of August.",
    ]),
    ("Night market opens in the old tram depot", "Dara Holm", ["Culture"], [
        "A night market opened in the old tram depot on Friday, with forty stalls selling food and crafts.",
        "The depot stood empty for a decade before the city leased it to a group of local traders.",
        "Organisers plan to open every Friday and Saturday evening until the end of October.",
    ]),
    ("Water company finishes replacing lead pipes", "Ruth Okafor", ["Utilities"], [
        "The water company said it had replaced the last of the lead pipes in the eastern districts.",
        "The work took three years and reached more than nine thousand homes, some of them a century old.",
        "Residents can ask for a free test of their tap water until the end of the year.",
    ]),
]
# fmt: on


@dataclass
class Story:
    """An article of the newsroom: its page is /news/<slug>.html."""

    slug: str
    title: str
    author: str
    categories: list[str]
    paragraphs: list[str]
    published: dt.datetime
    updated: dt.datetime | None = None
    private: bool = False  # under /private/, which robots.txt may forbid
    listed: bool = True  # in the feeds; its page is served either way

    @property
    def path(self) -> str:
        return f"/{'private' if self.private else 'news'}/{self.slug}.html"

    def page(self, url: str) -> bytes:
        paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(self.title)} | The Valley Courier</title>
<link rel="canonical" href="{url}">
<meta name="author" content="{html.escape(self.author)}">
<meta property="article:published_time" content="{self.published.isoformat()}">
</head><body>
<header><a href="/">The Valley Courier</a></header>
<main><article>
<h1>{html.escape(self.title)}</h1>
<p class="byline">By {html.escape(self.author)}</p>
{paragraphs}
</article></main>
<footer>The Valley Courier, all rights reserved.</footer>
</body></html>""".encode()


def stories(count: int = 3) -> list[Story]:
    """The first ``count`` stories, an hour apart, the last the newest."""
    out = []
    for i, (title, author, cats, paragraphs) in enumerate(STORIES[:count]):
        slug = title.lower().replace(" ", "-")
        out.append(Story(slug, title, author, list(cats), list(paragraphs), BASE_DATE + dt.timedelta(hours=i)))
    return out


@dataclass
class Answer:
    """A forced answer for a path: a status, headers, and a body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class NewsSite:
    """The newsroom's server. Change ``stories``, ``answers``, ``documents``, ``robots``
    between polls; ``holds`` makes a path wait until its event is set."""

    def __init__(self, count: int = 3) -> None:
        self.stories: list[Story] = stories(count)
        self.answers: dict[str, Answer] = {}
        self.documents: dict[str, bytes] = {}  # raw documents served as they are
        self.holds: dict[str, threading.Event] = {}
        self.robots = "User-agent: *\nAllow: /\n"
        self.requests: list[tuple[str, dict[str, str]]] = []
        #: (time.monotonic(), host, path, status) of each answer, as it was sent.
        self.answered: list[tuple[float, str, str, int]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with site.lock:
                    site.requests.append((self.path, dict(self.headers)))
                hold = site.holds.get(self.path)
                if hold is not None:
                    hold.wait(60)
                status, headers, body = site.answer(self.path)
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if status in (200, 304):
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                with site.lock:
                    site.answered.append((time.monotonic(), self.headers.get("Host", ""), self.path, status))

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        for event in self.holds.values():
            event.set()
        self.server.shutdown()
        self.server.server_close()

    # -- what the site says ------------------------------------------------------------------
    def url(self, path_or_story: str | Story) -> str:
        path = path_or_story.path if isinstance(path_or_story, Story) else path_or_story
        return self.base + path

    def story(self, title_start: str) -> Story:
        return next(s for s in self.stories if s.title.startswith(title_start))

    def edit(self, story: Story, **changes) -> Story:
        """Change a story as a newsroom corrects one: its updated time moves on."""
        index = self.stories.index(story)
        updated = (story.updated or story.published) + dt.timedelta(minutes=30)
        self.stories[index] = replace(story, updated=updated, **changes)
        return self.stories[index]

    def add(self, title: str, paragraphs: list[str], *, author: str = "Lio Strand", categories=("Local",),
            private: bool = False) -> Story:  # fmt: skip
        newest = max(s.published for s in self.stories) if self.stories else BASE_DATE
        story = Story(title.lower().replace(" ", "-"), title, author, list(categories), paragraphs,
                      newest + dt.timedelta(hours=1), private=private)  # fmt: skip
        self.stories.append(story)
        return story

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if path in self.answers:
            forced = self.answers[path]
            return forced.status, forced.headers, forced.body
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        if path in self.documents:
            return 200, {"Content-Type": "application/xml"}, self.documents[path]
        for story in self.stories:
            if story.path == path:
                return 200, {"Content-Type": "text/html; charset=utf-8"}, story.page(self.url(story))
        feeds = {"/rss.xml": (self.rss, "application/rss+xml"), "/atom.xml": (self.atom, "application/atom+xml"),
                 "/feed.json": (self.json_feed, "application/feed+json"),
                 "/news-sitemap.xml": (self.news_sitemap, "application/xml"),
                 "/urls.txt": (self.url_list, "text/plain")}  # fmt: skip
        if path in feeds:
            make, ctype = feeds[path]
            return 200, {"Content-Type": ctype}, make().encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def newest_first(self) -> list[Story]:
        """The stories the feeds list, newest first."""
        return sorted((s for s in self.stories if s.listed), key=lambda s: s.published, reverse=True)

    def rss(self) -> str:
        items = "".join(
            f"<item><title>{escape(s.title)}</title><link>{self.url(s)}</link>"
            f'<guid isPermaLink="true">{self.url(s)}</guid><pubDate>{format_datetime(s.published)}</pubDate>'
            + (f"<atom:updated>{s.updated.isoformat()}</atom:updated>" if s.updated else "")
            + "".join(f"<category>{escape(c)}</category>" for c in s.categories)
            + f"<description>{escape(s.paragraphs[0])}</description></item>"
            for s in self.newest_first()
        )
        channel = f"<channel><title>The Valley Courier</title><link>{self.base}/</link>{items}</channel>"
        return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="{ATOM}">{channel}</rss>'

    def atom(self) -> str:
        entries = "".join(
            f"<entry><title>{escape(s.title)}</title><id>tag:courier,2025:{s.slug}</id>"
            f'<link rel="alternate" href="{self.url(s)}"/><published>{s.published.isoformat()}</published>'
            f"<updated>{(s.updated or s.published).isoformat()}</updated>"
            + "".join(f'<category term="{escape(c)}"/>' for c in s.categories)
            + f"<summary>{escape(s.paragraphs[0])}</summary></entry>"
            for s in self.newest_first()
        )
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>The Valley Courier</title><id>tag:courier,2025:feed</id>{entries}</feed>")  # fmt: skip

    def json_feed(self) -> str:
        items = [{"id": s.slug, "url": self.url(s), "title": s.title, "date_published": s.published.isoformat(),
                  "date_modified": (s.updated or s.published).isoformat(), "tags": s.categories,
                  "content_text": "\n\n".join(s.paragraphs)} for s in self.newest_first()]  # fmt: skip
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "The Valley Courier",
                           "items": items})  # fmt: skip

    def news_sitemap(self) -> str:
        urls = "".join(
            f"<url><loc>{self.url(s)}</loc><lastmod>{(s.updated or s.published).isoformat()}</lastmod>"
            f"<news:news><news:publication><news:name>The Valley Courier</news:name><news:language>en"
            f"</news:language></news:publication><news:publication_date>{s.published.isoformat()}"
            f"</news:publication_date><news:title>{escape(s.title)}</news:title>"
            f"<news:keywords>{escape(', '.join(s.categories))}</news:keywords></news:news></url>"
            for s in self.newest_first()
        )
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')  # fmt: skip

    def url_list(self) -> str:
        return "# The Valley Courier\n" + "".join(self.url(s) + "\n" for s in self.newest_first())

    # -- what the site was asked ---------------------------------------------------------------
    def asked(self, prefix: str = "/") -> list[str]:
        """The paths asked for, in order, that start with ``prefix``."""
        with self.lock:
            return [path for path, _ in self.requests if path.startswith(prefix)]

    def forget_requests(self) -> None:
        with self.lock:
            self.requests.clear()
            self.answered.clear()
