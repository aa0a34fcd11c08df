"""The five engines behind the one protocol. Offline engines synthesise for real; the two
online services are replaced by fakes of their HTTP endpoints only, as the names say."""

from __future__ import annotations

import base64
import http.server
import json
import shutil
import subprocess
import threading
import typing

import numpy as np
import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from narrator.models import VoiceProfile
from narrator.support.ffmpeg import ffmpeg_path
from narrator.synth.engines import load_engine
from narrator.synth.engines.gtts import GTTSEngine
from narrator.synth.voices import list_profiles, load_profile


def _speech_like(clip, min_seconds=0.5):
    assert clip.duration > min_seconds
    assert np.abs(clip.samples).max() > 0.05
    assert np.isfinite(clip.samples).all()


def test_piper_joe_speaks_offline():
    voice = load_profile("joe")
    engine = load_engine("piper")
    if engine.unavailable(voice):
        pytest.skip(engine.unavailable(voice))
    clip = engine.synthesise("The ferry leaves at noon.", voice)
    assert clip.sample_rate == 22050
    _speech_like(clip)


def test_piper_reports_a_missing_model(tmp_path):
    voice = VoiceProfile(name="x", engine="piper", voice=str(tmp_path / "nope.onnx"))
    assert "no Piper model" in load_engine("piper").unavailable(voice)


@pytest.mark.skipif(not (shutil.which("espeak-ng") or shutil.which("espeak")), reason="espeak-ng not installed")
def test_espeak_speaks_offline():
    voice = load_profile("espeak")
    clip = load_engine("espeak").synthesise("The ferry leaves at noon.", voice)
    _speech_like(clip)


def _mp3_tone(seconds=1.0) -> bytes:
    return subprocess.run(
        [ffmpeg_path(), "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=300:duration={seconds}",
         "-codec:a", "libmp3lame", "-f", "mp3", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip


def test_gtts_with_google_endpoint_mocked(monkeypatch):
    """Google's TTS endpoint can't be reached from here, so it alone is faked."""
    audio = base64.b64encode(_mp3_tone()).decode()
    seen = []

    def fake_send(self, request, **kwargs):
        assert request.url.startswith("https://translate.google.com/")
        seen.append(request.body)
        response = requests.Response()
        response.status_code = 200
        response._content = f')]}}\'\n\n[["wrb.fr","jQ1olc","[\\"{audio}\\"]",null,null,null,"generic"]]'.encode()
        response._content_consumed = True
        response.request = request
        return response

    monkeypatch.setattr(requests.Session, "send", fake_send)
    voice = load_profile("gtts")
    clip = GTTSEngine(probe=lambda host: True).synthesise("The ferry leaves at noon.", voice)
    assert seen and "ferry" in requests.utils.unquote(seen[0])
    assert 0.8 < clip.duration < 1.1  # one second of audio, at the profile's 1.1x pace
    assert np.abs(clip.samples).max() > 0.1


def test_gtts_says_clearly_when_google_is_unreachable():
    reason = GTTSEngine(probe=lambda host: False).unavailable(load_profile("gtts"))
    assert reason == "needs Google's endpoint translate.google.com, which can't be reached (offline?)"


class _FakePolly(http.server.BaseHTTPRequestHandler):
    requests: typing.ClassVar[list] = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append((self.path, body))
        pcm = (np.sin(np.arange(16000) / 16000 * 2 * np.pi * 220) * 8000).astype("<i2").tobytes()
        self.send_response(200)
        self.send_header("Content-Type", "audio/pcm")
        self.send_header("Content-Length", str(len(pcm)))
        self.end_headers()
        self.wfile.write(pcm)


def test_polly_with_aws_endpoint_mocked(monkeypatch, tmp_path):
    """Amazon Polly can't be reached from here, so its endpoint alone is faked on loopback."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakePolly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}"
        (tmp_path / "p.toml").write_text(
            'name = "p"\nengine = "polly"\nvoice = "Joanna"\nspeed = 1.1\n'
            f'[options]\nengine = "neural"\nregion = "eu-west-1"\nendpoint_url = "{endpoint}"\n'
        )
        voice = load_profile("p", tmp_path)
        engine = load_engine("polly")
        assert engine.unavailable(voice) is None
        clip = engine.synthesise("Fish & chips < £5.", voice)
    finally:
        server.shutdown()
    path, body = _FakePolly.requests[-1]
    assert path == "/v1/speech"
    assert body["TextType"] == "ssml" and body["Engine"] == "neural" and body["OutputFormat"] == "pcm"
    assert body["Text"] == '<speak><prosody rate="110%">Fish &amp; chips &lt; £5.</prosody></speak>'
    assert clip.sample_rate == 16000 and abs(clip.duration - 1.0) < 0.01


def test_polly_refuses_text_over_its_limit(monkeypatch, tmp_path):
    from narrator.errors import EngineError

    voice = VoiceProfile(name="p", engine="polly", voice="Joanna")
    with pytest.raises(EngineError, match="over Polly's limit"):
        load_engine("polly").synthesise("x" * 3001, voice)


def test_voices_lists_all_five_engines_offline_with_google_unreachable(monkeypatch, tmp_path):
    """On a machine without internet: Google's endpoint is made unreachable, and there are
    no AWS credentials."""
    from click.testing import CliRunner

    from narrator.cli import cli
    from narrator.synth.engines import gtts

    monkeypatch.setattr(gtts, "_reachable", lambda host: False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    rows = {r["name"]: r for r in json.loads(CliRunner().invoke(cli, ["voices", "--json"]).output)}
    assert {r["engine"] for r in rows.values()} >= {"hibari", "piper", "espeak", "gtts", "polly"}
    assert rows["heart"]["available"] and rows["joe"]["available"]
    assert not rows["gtts"]["available"] and "can't be reached" in rows["gtts"]["reason"]
    assert not rows["polly-joanna"]["available"] and "no AWS credentials" in rows["polly-joanna"]["reason"]
    text = CliRunner().invoke(cli, ["voices"]).output
    assert "unavailable: needs Google's endpoint" in text


def test_every_built_in_profile_loads():
    names = {p.name for p in list_profiles()}
    assert names >= {"heart", "joe", "espeak", "gtts", "polly-joanna", "tone"}


def test_a_long_lived_process_loads_the_default_voice_once():
    """A service worker narrates one article after another: each narration makes its own
    engine, and they all speak with the one model loaded first."""
    voice = load_profile("heart")
    first = load_engine("hibari")
    _speech_like(first.synthesise("The first story of the day.", voice))
    second = load_engine("hibari")
    assert second is not first
    _speech_like(second.synthesise("The second story of the day.", voice))
    assert second._model(voice) is first._model(voice)


def test_the_default_voice_loads_its_data_from_copies_in_the_cache_and_speaks_the_same(tmp_path, monkeypatch):
    """The voice's dictionaries and its model are kept in the clip cache in a form
    quicker to load; a voice loaded from those copies, or from damaged ones, says a
    sentence exactly as the one loaded from hibari's own files."""
    from narrator.synth.engines.hibari import HibariEngine

    voice = load_profile("heart")
    text = "The harbour board met on Tuesday."

    def fresh_engine():
        monkeypatch.setattr(HibariEngine, "_models", {})  # as in a new process
        engine = load_engine("hibari")
        engine.use_cache(tmp_path)
        return engine

    made = fresh_engine().synthesise(text, voice)  # reads hibari's files, writes the copies
    copies = sorted((tmp_path / "hibari").iterdir())
    assert [c.name.split("-")[0] for c in copies] == [
        "heart", "lexicon_us_gold", "lexicon_us_silver", "tagger", "tokenizer_exceptions",
    ]  # fmt: skip
    from_copies = fresh_engine().synthesise(text, voice)
    assert np.array_equal(from_copies.samples, made.samples)

    for copy in copies:
        copy.write_bytes(b"not marshal data")
    from_damaged = fresh_engine().synthesise(text, voice)
    assert np.array_equal(from_damaged.samples, made.samples)
    assert all(c.read_bytes() != b"not marshal data" for c in copies)  # made again

    for copy in copies:  # one byte changed inside a shard that may not be read for a while
        data = bytearray(copy.read_bytes())
        data[len(data) // 2] ^= 0x5A
        copy.write_bytes(bytes(data))
    from_flipped = fresh_engine().synthesise(text, voice)
    assert np.array_equal(from_flipped.samples, made.samples)


def test_the_dictionary_words_a_script_needs_come_from_a_copy_in_the_cache(tmp_path):
    from narrator.synth.words import known_words

    engine = load_engine("hibari")
    words = engine.known_words()
    assert "harbour" in words or "harbor" in words
    assert known_words(engine, tmp_path) == words  # made
    (copy,) = (tmp_path / "words").iterdir()
    assert known_words(engine, tmp_path) == words  # read back
    copy.write_bytes(b"\xff\xfe not text")
    assert known_words(engine, tmp_path) == words  # damaged: asked again
    assert known_words(engine, None) == words  # no cache


@given(st.lists(st.text(max_size=6), max_size=30), st.text(max_size=6))
def test_a_sorted_word_list_answers_as_a_set_would(words, probe):
    from narrator.synth.words import SortedWords

    listed = SortedWords(sorted(set(words)))
    assert (probe in listed) == (probe in set(words))
    assert set(listed) == set(words) and len(listed) == len(set(words))
    assert listed | {"extra"} == set(words) | {"extra"}


def test_the_default_voice_plans_no_memory_for_each_sentence_length_and_speaks_the_same(monkeypatch):
    """onnxruntime plans memory for each shape of input it sees, and every sentence has a
    length of its own: the plans are never reused and only hold memory (about 35 MB at
    10,000 words, benchmarks/memory_profile.py). Without them the voice says a sentence
    exactly as hibari does with them."""
    from narrator.synth.engines.hibari import HibariEngine, _import_hibari

    monkeypatch.setattr(HibariEngine, "_models", {})  # as in a new process
    voice = load_profile("heart")
    engine = load_engine("hibari")
    text = "Pilots at the harbour voted to end their strike, which began in early March."
    ours = engine.synthesise(text, voice)
    model = engine._model(voice)
    assert model.sess.get_session_options().enable_mem_pattern is False

    hibaris_own = _import_hibari()(voice="heart", threads=1)  # its default session options
    assert hibaris_own.sess.get_session_options().enable_mem_pattern is True
    theirs = np.asarray(hibaris_own(text, speed=voice.speed, seed=0), dtype=np.float32)
    assert np.array_equal(ours.samples, theirs)


def test_piper_plans_no_memory_for_each_sentence_length_and_speaks_the_same():
    """The same for Piper, whose plans held about 110 MB more over 200 sentences."""
    voice = load_profile("joe")
    engine = load_engine("piper")
    if engine.unavailable(voice):
        pytest.skip(engine.unavailable(voice))
    from piper import PiperVoice

    from narrator.synth.engines.piper import model_path

    text = "Pilots at the harbour voted to end their strike, which began in early March."
    ours = engine.synthesise(text, voice)
    path = model_path(voice)
    assert engine._voices[path].session.get_session_options().enable_mem_pattern is False

    with_plans = load_engine("piper")
    with_plans._voices[path] = PiperVoice.load(path)  # Piper's own session options
    assert with_plans._voices[path].session.get_session_options().enable_mem_pattern is True
    assert np.array_equal(ours.samples, with_plans.synthesise(text, voice).samples)
