"""Which episode an article is: its guid, found among the episodes and claims already
made, so that a corrected article keeps its episode and a recurring headline is a new
one each time."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Article, EpisodeRecord, Script

EPISODE_NAMESPACE = uuid.UUID("5f0e8d4c-3b1a-5c7e-9a2d-6e4f8b1c0d93")
#: How alike two versions of an undated article's words must be (the share of word pairs
#: they have in common) to be one article corrected: a changed word in a sentence of ten
#: keeps about 0.7, a different letter on the same subject shares a few "of the"s.
SAME = 0.5
#: How many word pairs' hashes a sketch of an article's words keeps.
SKETCH = 256


def _uuid(key: str) -> str:
    return str(uuid.uuid5(EPISODE_NAMESPACE, key))


def _day(when: dt.date | dt.datetime | None) -> str | None:
    return when.date().isoformat() if isinstance(when, dt.datetime) else when.isoformat() if when else None


def _body_digest(article: Article) -> str:
    words = "\n".join(article.paragraphs).encode("utf-8", "surrogatepass")
    return hashlib.sha256(words).hexdigest()


def episode_guid(article: Article) -> str:
    """The guid an article has on its own: from its URL; else its title, author and
    date; else, undated, its title and author (which :func:`choose_guid` tells apart
    from another article's by the words); an article with neither URL nor title (one
    named after its first sentence has none) has nothing stable but its words, so two
    untitled texts never share a guid."""
    if article.url:
        return _uuid(article.url)
    if article.title and not article.title_from_text:
        day = _day(article.published)
        return _uuid(f"{article.title}|{article.author or ''}" + (f"|{day}" if day else ""))
    return _uuid("untitled|" + _body_digest(article))


def _pairs(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {f"{a} {b}" for a, b in itertools.pairwise(words)}


def _sketch(text: str, frame: str) -> tuple[int, ...]:
    """The words of ``text`` as the smallest :data:`SKETCH` hashes of its word pairs,
    leaving out the pairs of ``frame`` (the introduction and closing: the title, author
    and podcast, the same for any article with this title). Every pair, for an article of
    up to about 250 words."""
    pairs = _pairs(text) - _pairs(frame)
    hashes = {int.from_bytes(hashlib.blake2b(p.encode(), digest_size=8).digest()) for p in pairs}
    return tuple(sorted(hashes)[:SKETCH])


def likeness(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of word pairs two sketches have in common (0 to 1): exact when both
    hold every pair, else estimated from the smallest hashes of the two together."""
    if not a and not b:
        return 1.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union)


def sketch(script: Script) -> tuple[int, ...]:
    """The sketch of ``script``'s body (see :func:`likeness`)."""
    return _sketch(" ".join(p.text for p in script.sections), script.intro.text + "\n" + script.outro.text)


@dataclass(frozen=True)
class Claim:
    """What ``OUT/.slugs/<slug>`` keeps for the article that claimed the slug: its guid,
    and, since guids tell recurring headlines apart, its title and author's guid
    (:func:`family`) and the sketch of its words, so a retracted article narrated again
    is still itself. Claims made before hold the guid alone."""

    guid: str
    family: str = ""
    sketch: tuple[int, ...] | None = None

    def dumps(self) -> str:
        return "\n".join([self.guid, self.family, " ".join(f"{h:016x}" for h in self.sketch or ())]) + "\n"

    @classmethod
    def loads(cls, text: str) -> Claim:
        lines = text.split("\n")
        family = lines[1].strip() if len(lines) > 1 else ""
        try:
            found = tuple(int(h, 16) for h in lines[2].split()) if len(lines) > 2 and family else None
        except ValueError:
            found = None
        return cls(lines[0].strip(), family, found)


def family(article: Article) -> str:
    """The guid of the article's title and author alone: what every episode of a
    recurring headline shares, and the whole guid of one narrated before guids told them
    apart."""
    named = article.title and not article.title_from_text and not article.url
    return _uuid(f"{article.title}|{article.author or ''}") if named else ""


def make_claim(script: Script, guid: str) -> Claim:
    return Claim(guid, family(script.article), sketch(script))


def choose_guid(script: Script, records: Iterable[EpisodeRecord], claims: Iterable[Claim]) -> str:
    """The guid of ``script``'s article among the episodes in ``records`` and the slugs
    ``claims`` hold, so that a corrected article keeps its episode and a recurring
    headline ("Letters to the editor", by the same author) is a new one each time.

    With a URL, or without a title, :func:`episode_guid` says. With a date, the title,
    author and date do: a new date is a new article. Without one, an article whose words
    are close enough to an earlier one's with the same title and author (a correction
    changes a few words; the earlier one may since have been retracted) is that article;
    else it is new, and gets the title and author's guid if nothing holds it yet, else
    one made from its words too. Episodes narrated when the guid was the title and author
    alone, dated or not, are still found by a correction."""
    article = script.article
    legacy = family(article)
    if not legacy:
        return episode_guid(article)
    author = article.author or None
    claims = list(claims)
    ours = sketch(script)
    frame = script.intro.text + "\n" + script.outro.text
    # Earlier articles with this title and author, and the sketches of their words.
    namesakes = {r.guid: _sketch(" ".join(s.text for s in r.sections), frame) for r in records
                 if not r.url and r.title == article.title and (r.author or None) == author}  # fmt: skip
    for claim in claims:
        if claim.family == legacy and claim.sketch is not None:
            namesakes.setdefault(claim.guid, claim.sketch)
    day = _day(article.published)
    if day:
        for record in records:  # the same article narrated under the old rule: its date, or undated, its words
            if record.guid != legacy:
                continue
            undated_alike = not record.published and likeness(ours, namesakes.get(legacy, ())) >= SAME
            if _day(record.published) == day or undated_alike:
                return legacy
        return episode_guid(article)
    scored = sorted(((likeness(ours, theirs), guid) for guid, theirs in namesakes.items()), reverse=True)
    if scored and scored[0][0] >= SAME:
        return scored[0][1]
    if legacy not in {r.guid for r in records} | {c.guid for c in claims}:
        return legacy
    return _uuid(f"{article.title}|{article.author or ''}|{_body_digest(article)}")
