"""Ingest: read a source (file, URL or stdin bytes), decode it, detect its format and
parse it into an :class:`~narrator.models.Article`."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import IngestError
from ..models import Article
from ..settings import Settings

FORMATS = ("html", "markdown", "text")
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<meta|<p[ >])", re.I)
_MD_SNIFF = re.compile(r"^(?:#{1,6} \S|---\s*$|\s*[-*+] \S.*|.*\]\(https?://)", re.M)


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source, re.I))


def _fetch(url: str, settings: Settings) -> tuple[bytes, str | None, str | None]:
    """The body, the charset and the media type of a URL that answered 200."""
    from .fetch import allow_all, fetch, public_only

    data, charset, media, _ = fetch(
        url,
        timeout=settings.fetch.timeout,
        max_bytes=settings.fetch.max_bytes,
        user_agent=settings.fetch.user_agent,
        policy=allow_all if settings.fetch.allow_private_urls else public_only,
    )
    return data, charset, media


def _read_file(path: Path, settings: Settings) -> bytes:
    try:
        if path.is_dir():
            raise IngestError(f"{path}: is a folder, not an article file")
        size = path.stat().st_size
        if size > settings.fetch.max_bytes:
            raise IngestError(f"{path}: file is larger than {settings.fetch.max_bytes} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except OSError as exc:
        raise IngestError(f"{path}: can't read: {exc.strerror}") from None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding worth trying."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark has NULs but is text
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(sample) * 0.05


# What a file is, from its first bytes, for the common things people pass by mistake.
_MAGIC = (
    (re.compile(rb"%PDF-"), "a PDF file"),
    (re.compile(rb"\x89PNG\r\n\x1a\n"), "a PNG image"),
    (re.compile(rb"\xff\xd8\xff"), "a JPEG image"),
    (re.compile(rb"GIF8[79]a"), "a GIF image"),
    (re.compile(rb"RIFF....WEBP", re.S), "a WebP image"),
    (re.compile(rb"II\*\x00|MM\x00\*"), "a TIFF image"),
    (re.compile(rb"....ftyp(?:heic|heix|avif|mif1)", re.S), "an image"),
    (re.compile(rb"ID3[\x02-\x04]\x00|\xff[\xe2-\xff]|OggS|fLaC|RIFF....WAVE|....ftypM4A", re.S), "an audio file"),
    (re.compile(rb"....ftyp|\x1aE\xdf\xa3", re.S), "a video file"),
    (re.compile(rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "an Office document"),
    (re.compile(rb"\x1f\x8b|BZh[1-9]|\xfd7zXZ\x00|7z\xbc\xaf\x27\x1c|Rar!"), "a compressed archive"),
)
_ZIPS = (
    (b"word/", "a Word document"),
    (b"ppt/", "a PowerPoint file"),
    (b"xl/", "a spreadsheet"),
    (b"application/epub+zip", "an EPUB book"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
)
_FORMATS_READ = "narrator reads HTML, Markdown and plain text"


def binary_kind(data: bytes) -> str | None:
    """What kind of file ``data`` is ("a PDF file"), if it is a binary one narrator can't read."""
    if data.startswith(b"%PDF-"):
        return "a PDF file"  # some PDFs are nearly all ASCII, so this one is checked first
    if not looks_binary(data):
        return None
    if data.startswith(b"PK\x03\x04"):
        return next((kind for mark, kind in _ZIPS if mark in data), "a zip archive")
    return next((kind for magic, kind in _MAGIC if magic.match(data)), "binary data, not an article")


def decode(data: bytes, *, name: str, charset: str | None = None) -> str:
    """Text from bytes: the declared charset, UTF-8, or the best detected encoding."""
    kind = binary_kind(data)
    if kind:
        raise IngestError(f"{name}: {kind}; {_FORMATS_READ}")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(f"{name}: can't tell how the text is encoded")
    return str(best)


def detect_format(name: str, data: bytes, media_type: str | None = None) -> str:
    """html, markdown or text, from the media type, the extension, then the content."""
    if media_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if media_type == "text/markdown":
        return "markdown"
    suffix = Path(name).suffix.lower() if not is_url(name) else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if _HTML_SNIFF.match(data[:2048].lstrip(b"\xef\xbb\xbf")):
        return "html"
    head = data[:4096].decode("utf-8", errors="ignore")
    if len(_MD_SNIFF.findall(head)) >= 2 or head.startswith("# "):
        return "markdown"
    return "text"


def parse(text: str, *, fmt: str, source: str, url: str | None = None) -> Article:
    """An Article from decoded text of a known format."""
    if fmt == "html":
        from .readers.html import read_html

        return read_html(text, source=source, url=url)
    if fmt == "markdown":
        from .readers.markdown import read_markdown

        return read_markdown(text, source=source)
    if fmt == "text":
        from .readers.text import read_text

        return read_text(text, source=source)
    raise IngestError(f"{source}: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def ingest(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
) -> Article:
    """Read ``source`` (a path, an http(s) URL, or ``-`` with ``data``) into an Article.
    ``data`` given with a URL is that URL's page, fetched already (a followed source's
    article): the URL is still the article's."""
    name = str(source)
    url = None
    charset = media_type = None
    if data is not None:
        url = name if is_url(name) else None
    elif is_url(name):
        url = name
        data, charset, media_type = _fetch(name, settings)
    elif name == "-":
        raise IngestError("-: no data was given on standard input")
    else:
        data = _read_file(Path(name), settings)
    label = "standard input" if name == "-" else name
    if not data.strip():
        raise IngestError(f"{label}: empty, there is no article to read")
    if fmt is not None and fmt not in FORMATS:
        raise IngestError(f"{label}: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    fmt = fmt or detect_format(name, data, media_type)
    text = decode(data, name=label, charset=charset)
    article = parse(text, fmt=fmt, source=label, url=url)
    if url and not article.url:
        article = replace(article, url=url)
    return article
