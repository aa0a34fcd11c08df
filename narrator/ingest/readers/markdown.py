"""Markdown articles: headings become sections; lists and quotes are kept as text;
images, code, tables and link targets are never spoken."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ...models import Article, Section
from ...text.dates import parse_date
from ...text.tidy import tidy_line
from ..bylines import join_names, parse_byline

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Inline patterns are bounded (a link's target to 1,000 characters, no line breaks inside)
# and links are found in one forward pass, so text full of unclosed brackets is read in
# linear time.
_LINKED_IMAGE = re.compile(r"\[!\[[^\]\n]{0,500}\]\([^)\n]{0,1000}\)\]\([^)\n]{0,1000}\)")
_TARGET = re.compile(r"\((?:[^()\n]|\([^()\n]{0,200}\)){0,1000}\)|\[[^\]\n]{0,200}\]")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]{0,2000}>", re.I)
_BARE_URL = re.compile(r"\bhttps?://\S+", re.I)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,500}>")
# Emphasis markers are dropped where they touch a word's edge ("**said**", "_now_"); one
# inside a word ("snake_case", "sh*t") is part of it.
_EMPHASIS = re.compile(r"\*\*|__|~~|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_CODE = re.compile(r"`{1,3}([^`\n]{0,1000})`{1,3}")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_META_KEY = re.compile(r"^(\w[\w-]*)\s*:\s*(.*)$")
_META_ITEM = re.compile(r"^\s*-\s+(.*)$")
# libyaml's safe loader where it is built in (the same answers, faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _links(text: str) -> str:
    """Links become their text and images nothing: ``[text](target)``, ``[text][ref]``,
    ``![alt](src)``. Each search starts where the last one stopped."""
    out: list[str] = []
    i = 0
    while (close := text.find("]", i)) >= 0:
        start = text.rfind("[", i, close)
        target = _TARGET.match(text, close + 1) if start >= 0 else None
        if target is None:
            out.append(text[i : close + 1])
            i = close + 1
            continue
        image = start > i and text[start - 1] == "!"
        out.append(text[i : start - 1] if image else text[i:start])
        if not image:
            out.append(text[start + 1 : close])
        i = target.end()
    out.append(text[i:])
    return "".join(out)


def _inline(text: str) -> str:
    """Markdown inline syntax to plain words: links keep their text, not their target."""
    text = _AUTOLINK.sub("", text)
    text = _links(_LINKED_IMAGE.sub("", text))
    text = _BARE_URL.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "")
    return tidy_line(text)


def _loose_front_matter(block: str) -> dict[str, Any]:
    """``key: value`` lines, and ``- item`` lines under a key with no value, for front
    matter that isn't valid YAML ("title: Night buses: what changes")."""
    meta: dict[str, Any] = {}
    key = None
    for line in block.splitlines():
        item = _META_ITEM.match(line)
        if item and key is not None and isinstance(meta.get(key), list):
            meta[key].append(item.group(1).strip().strip("'\""))
            continue
        kv = _META_KEY.match(line.strip())
        if kv:
            key, value = kv.group(1).lower(), kv.group(2).strip().strip("'\"")
            meta[key] = value or []
    return meta


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter's keys (in lowercase) and values, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        loaded = yaml.load(match.group(1), Loader=_YAML_LOADER)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):  # a bad date in valid syntax too
        loaded = None
    loose = _loose_front_matter(match.group(1))
    if not isinstance(loaded, dict):
        return loose, text[match.end() :]
    meta = {str(k).lower(): v for k, v in loaded.items()}
    for key, value in meta.items():
        if isinstance(value, (bool, int, float)) and isinstance(loose.get(key), str):
            meta[key] = loose[key]  # "title: No" is the word as written, not YAML's false
    return meta, text[match.end() :]


def _text(value: Any) -> str | None:
    """A scalar as text: a title of 1984 is "1984"; lists and mappings are not text."""
    if value is None or isinstance(value, (list, dict, bool)):
        return None
    return tidy_line(str(value)) or None


def _authors(value: Any) -> str | None:
    """One or more names, as a string or a list of strings or ``{name: ...}`` items, joined
    "Priya Raman and Tom Okafor". Lists inside lists are not looked into, so a YAML alias
    bomb costs nothing."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item.get("name") if isinstance(item, dict) else item) for item in items[:50]]
    return join_names(n for n in names if n)


def _published(value: Any) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.date):  # YAML dates and timestamps arrive parsed
        return value
    return parse_date(_text(value))


def read_markdown(text: str, *, source: str = "") -> Article:
    """An article from Markdown, with optional YAML front matter for metadata."""
    meta, body = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    title = _text(meta.get("title"))
    author = next((a for k in ("author", "authors", "byline") if (a := _authors(meta.get(k)))), None)
    published = _published(meta.get("date")) or _published(meta.get("published"))

    sections: list[Section] = []
    section_title: str | None = None
    paragraphs: list[str] = []
    buffer: list[str] = []
    in_fence = False
    lines = body.split("\n")

    def flush() -> None:
        if buffer:
            paragraph = _inline(" ".join(buffer))
            if paragraph:
                paragraphs.append(paragraph)
            buffer.clear()

    def close_section(new_title: str | None) -> None:
        nonlocal section_title, paragraphs
        flush()
        if paragraphs:
            sections.append(Section(title=section_title, paragraphs=tuple(paragraphs)))
        section_title, paragraphs = new_title, []

    for i, line in enumerate(lines):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or _REF_DEF.match(line) or _TABLE_ROW.match(line) or line.startswith("    "):
            if not in_fence and line.startswith("    ") and buffer:
                buffer.append(line.strip())  # a continuation line, not code
            continue
        heading = _HEADING.match(line)
        setext = i + 1 < len(lines) and _SETEXT.match(lines[i + 1]) and line.strip() and not buffer
        if heading or setext:
            level = len(heading.group(1)) if heading else (1 if lines[i + 1].startswith("=") else 2)
            words = _inline(heading.group(2) if heading else line)
            if level == 1 and not sections and not paragraphs and title in (None, words):
                title = words
                close_section(None)
            elif words:
                close_section(words)
            continue
        if _SETEXT.match(line) and i > 0 and lines[i - 1].strip():
            continue  # the underline of a setext heading handled above
        if _RULE.match(line) or not line.strip():
            flush()
            continue
        if _LIST_ITEM.match(line):
            flush()
            buffer.append(_LIST_ITEM.sub("", line))
            flush()
            continue
        if _QUOTE.match(line):
            content = _QUOTE.sub("", line)
            if not content.strip():
                flush()
                continue
            buffer.append(content)
            continue
        buffer.append(line.strip())
    close_section(None)

    if author is None and sections and sections[0].paragraphs:
        first = sections[0].paragraphs[0]
        byline = parse_byline(first) if len(first.split()) <= 20 else None
        if byline:
            author = byline
            if published is None:
                published = parse_date(first)
            rest = sections[0].paragraphs[1:]
            sections[0] = Section(title=sections[0].title, paragraphs=rest)
    return Article(
        title=title,
        author=author,
        published=published,
        language=_text(meta.get("lang")) or _text(meta.get("language")),
        url=_text(meta.get("url")) or _text(meta.get("canonical_url")),
        source=source,
        format="markdown",
        sections=tuple(s for s in sections if s.paragraphs),
    )
