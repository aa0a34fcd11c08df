"""The engines through their protocol, with the real default voice on short text."""

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
