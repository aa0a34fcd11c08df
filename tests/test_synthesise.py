"""The engines through their protocol, with the real default voice on short text."""

import numpy as np
import pytest

from narrator.engines import TTSEngine, engine_names, load_engine
from narrator.errors import EngineError, VoiceError
from narrator.models import VoiceProfile
from narrator.voices import list_profiles, load_profile


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
    with pytest.raises(VoiceError, match=r"robot: unknown voice \(known voices: heart, tone\)"):
        load_profile("robot")


def test_user_voices_folder_comes_first(tmp_path):
    (tmp_path / "heart.toml").write_text('name = "heart"\nengine = "hibari"\nvoice = "heart"\nspeed = 1.3\n')
    profiles = {p.name: p for p in list_profiles(tmp_path)}
    assert profiles["heart"].speed == 1.3 and "tone" in profiles
