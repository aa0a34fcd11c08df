"""Ingest: files, URLs and stdin in each format, and every kind of bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.paths import EXAMPLES

from narrator.api import read_article
from narrator.errors import FetchError, IngestError
from narrator.ingest.sources import detect_format, ingest
from narrator.settings import with_overrides


def test_markdown_headings_become_sections_and_urls_are_never_spoken(settings):
    article = read_article(EXAMPLES / "night-buses.md", settings)
    assert article.title == "Night buses return to the river towns"
    assert article.author == "Colm Ashdown"
    assert article.published == dt.datetime(2025, 10, 2, 7, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # BST
    assert article.author == "Colm Ashdown"  # not the transport desk
    assert [s.title for s in article.sections] == [None, "What changes", "What riders say"]
    text = " ".join(article.paragraphs)
    assert "http" not in text and "night-bus.jpg" not in text
    assert "public consultation drew" in text  # link text kept, target dropped
    assert "Buses leave every 40 minutes between midnight and 5 a.m." in article.paragraphs
    assert any(p.startswith('"I was walking an hour home') for p in article.paragraphs)


def test_html_body_and_metadata_with_the_pages_time_zone(settings):
    article = read_article(EXAMPLES / "library-hours.html", settings)
    assert article.title == "Library extends evening hours"
    assert article.author == "Noor Haddad"
    assert article.published == dt.datetime(2025, 9, 18, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert article.language == "en"
    text = " ".join(article.paragraphs)
    assert "Most read" not in text and "All rights reserved" not in text
    assert "Road closures" not in text and "(Photo:" not in text
    assert [s.title for s in article.sections] == [None, "How it is paid for"]


def test_url_is_fetched_from_a_real_server(settings, http_server):

    settings = with_overrides(settings, allow_private_urls=True)  # the test server is on loopback
    article = read_article(f"{http_server}/library-hours.html", settings)
    assert article.title == "Library extends evening hours"
    assert article.url == f"{http_server}/library-hours.html"


def test_url_that_answers_404_is_a_clear_error(settings, http_server):

    settings = with_overrides(settings, allow_private_urls=True)
    with pytest.raises(FetchError, match=r"/missing.html: HTTP 404"):
        ingest(f"{http_server}/missing.html", settings)


def test_url_that_cannot_be_reached_is_a_clear_error(settings, closed_port):

    settings = with_overrides(settings, allow_private_urls=True)
    url = f"http://127.0.0.1:{closed_port}/article"
    with pytest.raises(FetchError, match=f"{url}: can't connect"):
        ingest(url, settings)


def test_empty_file_is_refused(settings, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n ")
    with pytest.raises(IngestError, match=r"empty\.txt: empty"):
        ingest(path, settings)


def test_binary_file_is_refused(settings, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match=r"photo\.txt: binary data"):
        ingest(path, settings)


def test_missing_file_is_refused(settings, tmp_path):
    with pytest.raises(IngestError, match=r"nope\.txt: no such file"):
        ingest(tmp_path / "nope.txt", settings)


def test_folder_is_refused(settings, tmp_path):
    with pytest.raises(IngestError, match="is a folder"):
        ingest(tmp_path, settings)


def test_html_page_with_no_article_is_refused(settings, tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/b'>About</a></nav></body></html>")
    with pytest.raises(IngestError, match=r"menu\.html: no article text found"):
        read_article(path, settings)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings_is_decoded(settings, tmp_path, encoding):
    body = (
        "Café owners in Saint-Étienne said the new rules were “unworkable”, and the mayor agreed "
        "to meet them on Friday to discuss the café terraces."
        if encoding != "latin-1"
        else "Café owners in Saint-Étienne said the new rules were unworkable, and the mayor agreed "
        "to meet them on Friday to discuss the café terraces."
    )
    path = tmp_path / "cafe.txt"
    path.write_bytes(f"Cafés win a reprieve\n{body}\n".encode(encoding))
    article = read_article(path, settings)
    assert article.paragraphs == (body,)


def test_stdin_data_is_read_and_format_detected(settings):
    data = b"# Ferry timetable changes\n\nThe ferry will leave ten minutes earlier from Monday, the operator said.\n"
    article = read_article("-", settings, data=data)
    assert article.format == "markdown"
    assert article.title == "Ferry timetable changes"


def test_format_can_be_forced(settings, tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(
        "<html><body><article><h1>Museum reopens</h1>"
        "<p>The museum reopens on Saturday after a year of repairs to its roof, the trust said.</p>"
        "<p>Entry will be free for the first week, and the cafe will open a month later.</p>"
        "</article></body></html>"
    )
    assert read_article(path, settings, fmt="html").format == "html"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.html", b"", "html"),
        ("a.md", b"", "markdown"),
        ("a.txt", b"", "text"),
        ("noext", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("noext", b"# Title\n\n## Part\n\nText", "markdown"),
        ("noext", b"Just some words on a line.", "text"),
    ],
)
def test_format_detection(name, data, expected):
    assert detect_format(name, data) == expected


def test_private_addresses_are_refused_unless_allowed(settings, http_server):
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        ingest(f"{http_server}/library-hours.html", settings)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" + bytes(200), "a PDF file"),
        ("story.txt", b"%PDF-1.4\n1 0 obj << /Length 44 >> stream\nBT (Hello) Tj ET\nendstream", "a PDF file"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG image"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "a JPEG image"),
        ("story.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(20) + b"word/document.xml" + bytes(64), "a Word document"),
        ("story.zip", b"PK\x03\x04\x14\x00\x00\x00" + bytes(20) + b"a.txt" + bytes(64), "a zip archive"),
        ("clip.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" + bytes(64), "an audio file"),
    ],
    ids=["pdf", "pdf-named-txt", "png", "jpeg", "docx", "zip", "mp3"],
)
def test_binary_files_are_named_for_what_they_are(settings, tmp_path, name, data, kind):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        ingest(path, settings)
    assert str(caught.value) == f"{path}: {kind}; narrator reads HTML, Markdown and plain text"
