"""The engines through their protocol, with the real default voice on short text."""

import typing

import numpy as np
import pytest

from narrator.errors import EngineError, VoiceError
from narrator.models import VoiceProfile
from narrator.synth.engines import TTSEngine, engine_names, load_engine
from narrator.synth.voices import list_profiles, load_profile, voicing_for


def test_built_in_engines_are_registered_through_entry_points():
    assert {"hibari", "tone"} <= set(engine_names())
    assert isinstance(load_engine("hibari"), TTSEngine)


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(EngineError, match="nope: unknown engine"):
        load_engine("nope")


def test_default_voice_speaks_offline():
    voice = load_profile("heart")
    engine = load_engine(voice.engine)
    assert engine.unavailable(voice) is None
    clip = engine.synthesise("The ferry leaves at noon.", voice)
    assert clip.sample_rate == 24000
    assert 0.8 < clip.duration < 4.0
    assert np.abs(clip.samples).max() > 0.05  # speech, not silence


def test_voice_that_needs_a_download_is_reported_unavailable():
    engine = load_engine("hibari")
    voice = VoiceProfile(name="fable", engine="hibari", voice="fable")
    assert "not bundled" in engine.unavailable(voice)


def test_unknown_voice_lists_the_known_ones():
    with pytest.raises(
        VoiceError, match=r"robot: unknown voice \(known voices: espeak, gtts, heart, joe, polly-joanna, tone\)"
    ):
        load_profile("robot")


def test_user_voices_folder_comes_first(tmp_path):
    (tmp_path / "heart.toml").write_text('name = "heart"\nengine = "hibari"\nvoice = "heart"\nspeed = 1.3\n')
    profiles = {p.name: p for p in list_profiles(tmp_path)}
    assert profiles["heart"].speed == 1.3 and "tone" in profiles


def test_intro_and_titles_can_have_their_own_voice(tmp_path):
    from narrator.models import Article, Section
    from narrator.script import build_script
    from narrator.settings import load_settings
    from narrator.synth.cache import ClipCache
    from narrator.synth.synthesise import Synthesiser, script_keys

    (tmp_path / "anchor.toml").write_text(
        'name = "anchor"\nengine = "tone"\nvoice = "sine"\nlanguage = "any"\nspeed = 1.0\nintro_voice = "host"\n'
    )
    (tmp_path / "host.toml").write_text('name = "host"\nengine = "tone"\nvoice = "sine"\nspeed = 2.0\n')
    voicing = voicing_for(load_profile("anchor", tmp_path), tmp_path)
    assert voicing.intro is not None and voicing.intro.name == "host"
    article = Article(
        title="T", sections=(Section(title="A much longer section heading", paragraphs=("Body text here.",)),)
    )
    script = build_script(article, load_settings(environ={}, cwd=tmp_path))
    planned = script_keys(script, voicing)
    body = script.sections[0]
    assert [u.kind for u in body.utterances] == ["heading", "text"]
    with Synthesiser(voicing, ClipCache(tmp_path / "c", 10**9), planned.tasks) as synthesiser:
        synthesiser.request([k for part in planned.keys for utt in part for k in utt])
        heading_clip, text_clip = [[synthesiser.clip(k) for k in utt] for utt in planned.keys[1]]
    # The host speaks twice as fast: the heading's clip is half the length a body voice would make.
    per_char = lambda ref, text: ref[0].samples / len(text)  # noqa: E731
    assert per_char(heading_clip, body.utterances[0].spoken) < 0.6 * per_char(text_clip, body.utterances[1].spoken)


def test_a_german_article_with_only_english_voices_fails_clearly(tmp_path):
    from narrator.errors import VoiceError
    from narrator.models import Article, Section
    from narrator.settings import load_settings
    from narrator.synth.voices import pick_voice

    article = Article(source="zeitung.txt", language="de", sections=(Section(paragraphs=("Text.",)),))
    expected = r"zeitung.txt: the article is in 'de' and no voice speaks it \(voices: espeak \(en-US\), gtts"
    with pytest.raises(VoiceError, match=expected):
        settings = load_settings(environ={}, cwd=tmp_path)
        pick_voice(article, settings.voice, settings.voices_dir)


class BareEngine:
    """A third-party engine that implements the protocol's members and nothing more: no
    ``Engine`` base and no ``use_cache``."""

    name = "bare"
    max_chars = 280
    concurrency = "none"
    version = "1"
    phonemes = None
    initialisms = "caps"

    def unavailable(self, voice):
        return None

    def synthesise(self, text, voice):
        from narrator.synth.engines.tone import ToneEngine

        return ToneEngine().synthesise(text, voice)

    def mark(self, word, phonemes):
        return word

    def unmark(self, text):
        return text

    def known_words(self):
        return frozenset()


class KeepingEngine(BareEngine):
    """One that keeps data of its own, and notes where it was told to."""

    name = "keeping"
    folders: typing.ClassVar[list] = []

    def use_cache(self, folder):
        KeepingEngine.folders.append(folder)


@pytest.mark.parametrize("engine", ["bare", "keeping"])
def test_an_engine_with_or_without_use_cache_narrates_and_one_with_it_is_given_the_cache_folder(
    engine, tmp_path, monkeypatch
):
    from narrator.api import narrate
    from narrator.settings import load_settings
    from narrator.synth import engines

    real = engines._engines
    targets = {"bare": f"{__name__}:BareEngine", "keeping": f"{__name__}:KeepingEngine"}
    monkeypatch.setattr(engines, "_engines", lambda: {**real(), **targets})
    monkeypatch.setattr(KeepingEngine, "folders", [])
    (tmp_path / "plain.toml").write_text(f'name = "plain"\nengine = "{engine}"\nvoice = "x"\nlanguage = "any"\n')
    source = tmp_path / "a.md"
    source.write_text("# Ferry\n\nThe ferry leaves at noon.\n")
    settings = load_settings({"out": tmp_path / "out", "voice": "plain", "voices_dir": tmp_path, "cache": False,
                              "cache_dir": tmp_path / "cache", "jobs": 1}, environ={}, cwd=tmp_path)  # fmt: skip
    episode = narrate(source, settings)
    assert episode.audio.stat().st_size > 1000
    assert KeepingEngine.folders == ([tmp_path / "cache"] if engine == "keeping" else [])


def test_progress_counts_the_chunks_to_synthesise_then_each_one_done(tmp_path):
    from narrator.models import Article, Section
    from narrator.script import build_script
    from narrator.settings import load_settings
    from narrator.synth.cache import ClipCache
    from narrator.synth.synthesise import Synthesiser, script_keys

    voicing = voicing_for(load_profile("tone"))
    article = Article(title="T", sections=(Section(paragraphs=("One sentence. Another one. A third.",)),))
    script = build_script(article, load_settings(environ={}, cwd=tmp_path))
    planned = script_keys(script, voicing)
    keys = list(dict.fromkeys(k for part in planned.keys for utt in part for k in utt))
    cache = ClipCache(tmp_path / "c", 10**9)
    with Synthesiser(voicing, cache, planned.tasks) as synthesiser:  # the first sentence already cached
        synthesiser.request(keys[:1])
        synthesiser.clip(keys[0])
    calls: list[tuple[int, int]] = []
    with Synthesiser(voicing, cache, planned.tasks, progress=lambda *c: calls.append(c)) as synthesiser:
        synthesiser.request(keys)
        for key in keys:
            synthesiser.clip(key)
    n = len(keys) - 1
    assert n >= 3 and calls == [(done, n) for done in range(n + 1)]


def test_a_profile_leaving_keys_out_takes_the_voice_profiles_defaults(tmp_path):
    from narrator.errors import ConfigError
    from narrator.synth.voices import read_profile

    path = tmp_path / "calm.toml"
    path.write_text('engine = "tone"\n[pauses]\nparagraph = 0.9\n')
    assert read_profile(path) == VoiceProfile(name="calm", engine="tone", voice="calm", paragraph_pause=0.9, path=path)
    path.write_text('voice = "x"\n')
    with pytest.raises(ConfigError, match=r"calm\.toml: voice profile needs 'engine'"):
        read_profile(path)
    path.write_text('engine = "tone"\nspeed = "fast"\n')
    with pytest.raises(ConfigError, match=r"calm\.toml: invalid voice profile"):
        read_profile(path)
