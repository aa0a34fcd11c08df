"""The editor's pronunciation page over HTTP: the words lint finds in a pasted article,
the voice saying a word now and as a respelling would have it (WAV, from the clip cache),
and saving to the publication's lexicon with the form token, recorded with who saved it."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse

import pytest

pytest.importorskip("fastapi", reason="needs narrator[service]")

from helpers.servers import NoQueue, editor_session, post_form, signed_in, start_uvicorn

from narrator.service.app import create_app
from narrator.settings import load_settings

TOKENS = "first-token-123,second-token-456"
ARTICLE = "Harbour board meets\n\nIts chair, Ines Wrzoskiewicz, said the ferries would run later in August.\n"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pronunciation")
    settings = load_settings({"out": tmp / "out", "api_tokens": TOKENS, "cache_dir": tmp / "c"}, environ={}, cwd=tmp)
    url, stop = start_uvicorn(create_app(settings, NoQueue()))
    yield url, tmp / "out"
    stop()


def test_the_page_lists_the_hard_words_of_a_pasted_article(service):
    url, _ = service
    opener, csrf = signed_in(url, "second-token-456")
    html = opener.open(url + "/editor/pronunciation", data=urllib.parse.urlencode(
        {"csrf": csrf, "text": ARTICLE}).encode()).read().decode()  # fmt: skip
    assert '<h3 id="word-1">Wrzoskiewicz</h3>' in html
    assert "Hear “Wrzoskiewicz” as said now" in html and 'for="say-Wrzoskiewicz"' in html
    assert "August" not in html.split("words-heading")[1].split("lexicon-heading")[0].split("<h3")[-1]


def test_the_voice_says_a_word_now_and_as_a_respelling(service):
    url, _ = service
    opener, _ = signed_in(url, "first-token-123")
    now = opener.open(url + "/editor/pronunciation/say?word=Wrzoskiewicz")
    assert now.headers["content-type"] == "audio/wav"
    audio = now.read()
    assert audio[:4] == b"RIFF" and len(audio) > 16000  # more than a moment of speech
    respelled = opener.open(url + "/editor/pronunciation/say?" + urllib.parse.urlencode(
        {"word": "Wrzoskiewicz", "spelling": "VOSH-kyeh-vich"})).read()  # fmt: skip
    assert respelled[:4] == b"RIFF" and respelled != audio
    with pytest.raises(urllib.error.HTTPError) as refused:
        opener.open(url + "/editor/pronunciation/say?word=Wrzoskiewicz&spelling=" + urllib.parse.quote("<b>"))
    assert refused.value.code == 422 and b"IPA goes between slashes" in refused.value.read()


def test_saving_needs_the_form_token_and_records_the_editor(service):
    url, out = service
    cookie, csrf = editor_session(url, "second-token-456")
    fields = {"word": "Wrzoskiewicz", "spelling": "VOSH-kyeh-vich", "text": ARTICLE}
    status, _, _ = post_form(url, "/editor/pronunciation/save", fields, cookie, url)
    assert status == 403 and not (out / "lexicon.toml").exists()

    status, _, body = post_form(url, "/editor/pronunciation/save", {**fields, "csrf": csrf}, cookie, url)
    assert status == 200, body
    html = body.decode()
    assert (
        'role="status" class="notice" tabindex="-1" data-focus-on-load>Saved: Wrzoskiewicz said as VOSH-kyeh-vich.'
        in html
    )
    assert "<td>Wrzoskiewicz</td><td>vosh-kyeh-vich</td><td>editor 2</td>" in html
    assert 'Wrzoskiewicz = "vosh-kyeh-vich"' in (out / "lexicon.toml").read_text()
    (change,) = [json.loads(line) for line in (out / ".lexicon-history.jsonl").read_text().splitlines()]
    assert change["editor"] == "editor 2" and change["term"] == "Wrzoskiewicz" and change["at"].endswith("+00:00")
    assert change["old"] is None and change["new"] == {"say": "vosh-kyeh-vich"}
    assert '<h3 id="word-1">Wrzoskiewicz</h3>' not in html  # a saved word is no longer a finding
    opener, _ = signed_in(url, "second-token-456")
    with pytest.raises(urllib.error.HTTPError) as hidden:  # who changed what is not published
        opener.open(url + "/files/.lexicon-history.jsonl")
    assert hidden.value.code == 404
