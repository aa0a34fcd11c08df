from pathlib import Path

import pytest

from narrator.errors import ConfigError
from narrator.settings import load_settings, setting_fields


def test_layers_defaults_file_env_flags(tmp_path):
    (tmp_path / "narrator.toml").write_text('voice = "tone"\nbitrate = 128\nout = "episodes"\n')
    settings = load_settings({"bitrate": 192}, environ={"NARRATOR_OUT": "/srv/audio"}, cwd=tmp_path)
    assert settings.voice == "tone" and settings.source_of("voice").endswith("narrator.toml")
    assert settings.out == Path("/srv/audio") and settings.source_of("out") == "NARRATOR_OUT"
    assert settings.bitrate == 192 and settings.source_of("bitrate") == "flag"
    assert settings.loudness == -16.0 and settings.source_of("loudness") == "default"


def test_flags_that_were_not_given_do_not_mask_lower_layers(tmp_path):
    settings = load_settings({"voice": None}, environ={"NARRATOR_VOICE": "tone"}, cwd=tmp_path)
    assert settings.voice == "tone"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("bitrate = 32\n", "bitrate must be 64 to 320"),
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("disclosure = 'perhaps'\n", "expected true or false"),
        ("bitrate = [\n", "invalid TOML"),
    ],
)
def test_bad_config_names_the_file_and_the_reason(tmp_path, toml, message):
    (tmp_path / "narrator.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(environ={}, cwd=tmp_path)
    assert "narrator.toml" in str(info.value)


def test_bad_environment_value_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="NARRATOR_BITRATE"):
        load_settings(environ={"NARRATOR_BITRATE": "fast"}, cwd=tmp_path)


def test_every_setting_is_documented_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for field in setting_fields():
        assert f"`{field.name}`" in readme, field.name
        assert f"NARRATOR_{field.name.upper()}" in readme, field.name
