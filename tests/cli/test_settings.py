import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.paths import ROOT

from narrator.cli import cli
from narrator.errors import ConfigError
from narrator.settings import load_settings, setting_specs, settings_from_dict, settings_to_dict


def test_layers_defaults_file_env_flags(tmp_path):
    (tmp_path / "narrator.toml").write_text('voice = "tone"\nbitrate = 128\nout = "episodes"\n')
    settings = load_settings({"bitrate": 192}, environ={"NARRATOR_OUT": "/srv/audio"}, cwd=tmp_path)
    assert settings.voice == "tone" and settings.source_of("voice").endswith("narrator.toml")
    assert settings.out == Path("/srv/audio") and settings.source_of("out") == "NARRATOR_OUT"
    assert settings.audio.bitrate == 192 and settings.source_of("bitrate") == "flag"
    assert settings.audio.loudness == -16.0 and settings.source_of("loudness") == "default"


def test_flags_that_were_not_given_do_not_mask_lower_layers(tmp_path):
    settings = load_settings({"voice": None}, environ={"NARRATOR_VOICE": "tone"}, cwd=tmp_path)
    assert settings.voice == "tone"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("bitrate = 32\n", "bitrate must be a whole number from 64 to 320, got 32"),
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("disclosure = 'perhaps'\n", "disclosure must be true or false, got 'perhaps'"),
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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for spec in setting_specs():
        assert f"`{spec.name}`" in readme, spec.name
        assert f"NARRATOR_{spec.name.upper()}" in readme, spec.name


def test_settings_are_grouped_and_a_group_table_means_the_same_as_the_flat_name(tmp_path):
    (tmp_path / "narrator.toml").write_text(
        '[audio]\nbitrate = 128\n[podcast]\ntitle = "Morning Audio"\n[s3]\nacl = "public-read"\n'
        "[fetch]\ntimeout = 5\n[service]\nmax_body_bytes = 1000\n"
    )
    settings = load_settings(environ={"NARRATOR_S3_TIMEOUT": "7"}, cwd=tmp_path)
    assert settings.audio.bitrate == 128 and settings.podcast.title == "Morning Audio"
    assert settings.s3.acl == "public-read" and settings.s3.timeout == 7.0
    assert settings.fetch.timeout == 5.0 and settings.service.max_body_bytes == 1000
    assert settings.source_of("podcast_title").endswith("narrator.toml")
    (tmp_path / "narrator.toml").write_text("[audio]\nspeed = 2\n")
    with pytest.raises(ConfigError, match=r"unknown setting 'speed' in \[audio\]"):
        load_settings(environ={}, cwd=tmp_path)


def test_where_values_came_from_survives_pickling_and_the_trip_to_a_worker(tmp_path):
    settings = load_settings({"public_base_url": "https://audio.example.org/"}, environ={"NARRATOR_BITRATE": "128"})
    for copy in (
        pickle.loads(pickle.dumps(settings)),
        settings_from_dict(json.loads(json.dumps(settings_to_dict(settings)))),
    ):
        assert copy == settings
        assert copy.podcast.public_base_url == "https://audio.example.org/"
        assert copy.source_of("public_base_url") == "flag" and copy.source_of("bitrate") == "NARRATOR_BITRATE"


SECRETS = {"NARRATOR_API_TOKENS": "tok-3f9a1c", "NARRATOR_WEBHOOK_SECRET": "hook-77d2e0"}


def test_secrets_never_travel_to_a_worker():
    settings = load_settings(environ=SECRETS)
    message = json.dumps(settings_to_dict(settings))
    assert "tok-3f9a1c" not in message and "hook-77d2e0" not in message
    received = settings_from_dict(json.loads(message))
    assert received.service.api_tokens is None and received.service.webhook_secret is None
    worker_own = load_settings(environ={"NARRATOR_WEBHOOK_SECRET": "hook-on-worker"})
    assert received.with_secrets_of(worker_own).service.webhook_secret == "hook-on-worker"


def test_secrets_are_never_shown(monkeypatch):
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert "tok-3f9a1c" not in repr(settings) and "hook-77d2e0" not in repr(settings)
    for args in (["config", "--show"], ["config", "--show", "--json"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "tok-3f9a1c" not in result.output and "hook-77d2e0" not in result.output
        assert "api_tokens" in result.output and "********" in result.output
