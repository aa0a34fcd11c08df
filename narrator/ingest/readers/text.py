"""Plain text copied from a news page: find the article among the page furniture.

The page arrives as lines: menus, a headline, a byline, captions, the body, then
related stories and footers. Each line is labelled from what it looks like on its own
(see :mod:`narrator.ingest.furniture`), and the body is the longest run of prose lines, with
short headings allowed inside it. Metadata comes from the lines around that run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...models import Article, Section
from ...text.dates import find_date
from .. import furniture as F

_BULLET = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+")
_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_QUOTED = re.compile(r"^[\"“‘'](.{8,})[\"”’']$")

PROSE, HEADING, HEADLINE, CLOCK = "prose", "heading", "headline", "clock"
BYLINE, DATELINE, TIMESTAMP, ROLE, FURNITURE, JUNK = (
    "byline",
    "dateline",
    "timestamp",
    "role",
    "furniture",
    "junk",
)
# Labels that neither belong to the body nor interrupt it.
_TRANSPARENT = {FURNITURE, BYLINE, DATELINE, TIMESTAMP, ROLE}
_METADATA = {BYLINE, DATELINE, TIMESTAMP, ROLE}


@dataclass(frozen=True)
class _Block:
    text: str
    label: str


def tidy_line(line: str) -> str:
    """One line with invisible and control characters dropped and spaces collapsed."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    line = "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch)[0] != "C")
    return _WS.sub(" ", line).strip()


def _paragraphs(text: str) -> list[str]:
    """Paragraphs: one per line, or, for hard-wrapped text, one per blank-line block."""
    groups: list[list[str]] = [[]]
    for line in text.splitlines():
        line = tidy_line(line)
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    wrapped = [line for g in groups if len(g) > 1 for line in g[:-1]]
    hard_wrapped = (
        len(groups) >= 3
        and wrapped
        and sum(len(g) > 1 for g in groups) >= max(1, len(groups) // 4)
        and sum(not F.ends_like_sentence(line) for line in wrapped) >= len(wrapped) * 0.6
        and sum(len(line) for line in wrapped) / len(wrapped) < 100
    )
    if hard_wrapped:
        return [" ".join(g) for g in groups]
    return [line for g in groups for line in g]


def _label(line: str) -> str:
    n = len(F.words(line))
    if n <= 25 and F.parse_byline(line):
        return BYLINE
    if F.is_clock(line):
        return CLOCK
    if F.is_timestamp(line):
        return TIMESTAMP
    if F.is_role(line):
        return ROLE
    if F.is_furniture(line):
        return FURNITURE
    if F.looks_glued(line):
        return JUNK
    body = _BULLET.sub("", line)
    if (F.ends_like_sentence(body) and len(F.words(body)) >= 6) or n >= 25:
        return PROSE
    if _BULLET.match(line) and len(F.words(body)) >= 3:
        return PROSE
    if n <= 16 and not F.ends_like_sentence(line) and F.is_dateline(line):
        return DATELINE
    if line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"“‘'":
        return HEADING if n <= 10 else HEADLINE
    return JUNK


def _relabel(blocks: list[_Block]) -> list[_Block]:
    """Labels that depend on neighbours: names above job titles, repeated pull quotes."""
    prose = " ".join(b.text for b in blocks if b.label == PROSE)
    out = list(blocks)
    for i, block in enumerate(blocks):
        if block.label == ROLE and i > 0 and blocks[i - 1].label == HEADING:
            name = F.clean_name(blocks[i - 1].text)
            if name and len(F.words(name)) == len(F.words(blocks[i - 1].text)):
                out[i - 1] = _Block(blocks[i - 1].text, BYLINE)
        quoted = _QUOTED.match(block.text)
        if block.label in (HEADING, HEADLINE) and quoted and quoted.group(1) in prose:
            out[i] = _Block(block.text, FURNITURE)
    return out


def _prose_follows(blocks: list[_Block], i: int) -> bool:
    for block in blocks[i + 1 :]:
        if block.label in _TRANSPARENT or block.label in (HEADING, CLOCK):
            continue
        return block.label == PROSE
    return False


def _runs(blocks: list[_Block]) -> list[tuple[int, int]]:
    """(start, end) spans of prose, end exclusive, each starting and ending on prose."""
    runs: list[tuple[int, int]] = []
    start = last = None
    for i, block in enumerate(blocks):
        if block.label == PROSE:
            if start is None:
                start = i
            last = i
        elif block.label in _TRANSPARENT:
            continue
        elif block.label in (HEADING, CLOCK) and start is not None and _prose_follows(blocks, i):
            continue  # a subheading inside the body
        elif start is not None:
            runs.append((start, last + 1))
            start = None
    if start is not None:
        runs.append((start, last + 1))
    return runs


def _weight(blocks: list[_Block], run: tuple[int, int]) -> int:
    return sum(len(F.words(b.text)) for b in blocks[run[0] : run[1]] if b.label == PROSE)


def _prose_count(blocks: list[_Block], run: tuple[int, int]) -> int:
    return sum(1 for b in blocks[run[0] : run[1]] if b.label == PROSE)


def _substantial(blocks: list[_Block], run: tuple[int, int]) -> bool:
    return _prose_count(blocks, run) >= 2 and _weight(blocks, run) >= 50


def _body_span(blocks: list[_Block]) -> tuple[int, int] | None:
    runs = _runs(blocks)
    if not runs:
        return None
    best = max(range(len(runs)), key=lambda k: _weight(blocks, runs[k]))
    start, end = runs[best]
    # A run cut off by one stray line (a pull quote, an inline promo) is still the
    # article if it has substance; a lone paragraph after a headline is a teaser.
    for k in range(best + 1, len(runs)):
        gap = [b for b in blocks[end : runs[k][0]] if b.label not in _TRANSPARENT]
        if len(gap) > 2 or not _substantial(blocks, runs[k]):
            break
        end = runs[k][1]
    for k in range(best - 1, -1, -1):
        gap = [b for b in blocks[runs[k][1] : start] if b.label not in _TRANSPARENT]
        if len(gap) > 1 or not _substantial(blocks, runs[k]):
            break
        start = runs[k][0]
    return _live_start(blocks, start), _trim_teaser(blocks, start, end)


def _live_start(blocks: list[_Block], start: int) -> int:
    """On a live page the first update's time and headline belong to the body."""
    i = start - 1
    while i >= 0 and blocks[i].label in (HEADING, CLOCK, *_TRANSPARENT):
        if blocks[i].label == CLOCK:
            return i
        i -= 1
    return start


def _trim_teaser(blocks: list[_Block], start: int, end: int) -> int:
    """Drop a trailing "headline + one paragraph" when a glued credit line follows it."""
    after = next((b for b in blocks[end:] if b.label != FURNITURE), None)
    if after is None or after.label != JUNK:
        return end
    prose = [i for i in range(start, end) if blocks[i].label == PROSE]
    if len(prose) < 3:
        return end
    heading = prose[-1] - 1
    while heading > start and blocks[heading].label in _TRANSPARENT:
        heading -= 1
    return heading if blocks[heading].label == HEADING else end


def _is_title_candidate(block: _Block) -> bool:
    return block.label in (HEADING, HEADLINE) and len(F.words(block.text)) >= 3


def _followed_by_metadata(blocks: list[_Block], i: int) -> bool:
    """A headline sits above its byline or date, perhaps with a standfirst between."""
    prose_seen = 0
    for block in blocks[i + 1 :]:
        if block.label in _METADATA:
            return True
        if block.label == FURNITURE:
            if find_date(block.text):
                return True
            continue
        if block.label == PROSE and prose_seen == 0:
            prose_seen += 1
            continue
        return False
    return False


def _title(blocks: list[_Block], start: int) -> tuple[str | None, int]:
    """The headline above the body: the nearest one followed by a byline or date."""
    candidates = [i for i in range(start - 1, -1, -1) if _is_title_candidate(blocks[i])]
    if not candidates:
        return None, -1
    chosen = next((i for i in candidates if _followed_by_metadata(blocks, i)), candidates[0])
    # A standfirst without a full stop looks like a headline; the title sits right above it.
    above = blocks[chosen - 1] if chosen > 0 else None
    if above and _is_title_candidate(above) and any(w.islower() for w in F.words(above.text)):
        chosen -= 1
    return blocks[chosen].text.rstrip(" :"), chosen


def _author(blocks: list[_Block], start: int, end: int) -> str | None:
    order = [*range(start - 1, -1, -1), *range(start, len(blocks))]
    for i in order:
        block = blocks[i]
        if block.label == BYLINE or (i >= end and block.label == FURNITURE):
            name = F.parse_byline(block.text) or (F.clean_name(block.text) if block.label == BYLINE else None)
            if name:
                return name
    return None


def _published(blocks: list[_Block], start: int, end: int, title_at: int):
    """The date in the byline, else the nearest dated line below, then above, the title."""
    header = range(start - 1, -1, -1)
    top = range(start, min(end, start + 6))  # a standfirst may come before the date line

    def dated(i: int) -> bool:
        label = blocks[i].label
        return label in (DATELINE, TIMESTAMP) or (
            label == FURNITURE and F.is_dateline(blocks[i].text)  # not a caption's date
        )

    order = [i for i in [*header, *top] if blocks[i].label == BYLINE]
    order += [i for i in header if i > title_at and dated(i)]
    order += [i for i in top if dated(i)]
    order += [i for i in header if i <= title_at and dated(i)]
    order += [i for i in header if i <= title_at and blocks[i].label in (HEADING, HEADLINE, JUNK)]
    for i in order:
        if len(F.words(blocks[i].text)) <= 30:
            found = find_date(blocks[i].text)
            if found:
                return found[0]
    return None


def _sections(blocks: list[_Block], start: int, end: int) -> tuple[Section, ...]:
    sections: list[Section] = []
    titles: list[str] = []
    paragraphs: list[str] = []
    for block in blocks[start:end]:
        if block.label in _TRANSPARENT or block.label == JUNK:
            continue
        if block.label in (HEADING, CLOCK, HEADLINE):
            if paragraphs:
                sections.append(Section(title=". ".join(titles) or None, paragraphs=tuple(paragraphs)))
                titles, paragraphs = [], []
            titles.append(block.text.rstrip(" :."))
            continue
        paragraphs.append(_BULLET.sub("", block.text))
    if paragraphs:
        sections.append(Section(title=". ".join(titles) or None, paragraphs=tuple(paragraphs)))
    return tuple(sections)


def read_text(text: str, *, source: str = "") -> Article:
    """An article from plain text, with page furniture left behind."""
    blocks = _relabel([_Block(line, _label(line)) for line in _paragraphs(text)])
    span = _body_span(blocks)
    if span is None:
        return Article(source=source, format="text")
    start, end = span
    title, title_at = _title(blocks, start)
    return Article(
        title=title,
        author=_author(blocks, start, end),
        published=_published(blocks, start, end, title_at),
        source=source,
        format="text",
        sections=_sections(blocks, start, end),
    )
