"""Every setting is checked where it is read: its type and its range, in one line that
names where the value came from (the file and its key, the environment variable, or the
flag) and what is allowed; an unknown name gets a "did you mean"."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from narrator.cli import cli
from narrator.errors import ConfigError
from narrator.settings import GROUPS, SPECS, Settings, load_settings


def _load_toml(tmp_path, text):
    (tmp_path / "narrator.toml").write_text(text, encoding="utf-8")
    return load_settings(environ={}, cwd=tmp_path)


def _error(fn, *args, **kwargs) -> str:
    with pytest.raises(ConfigError) as info:
        fn(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("jobs = -3\n", "jobs must be a whole number from 0 to 64, got -3"),
        ('bitrate = "fast"\n', "bitrate must be a whole number from 64 to 320, got 'fast'"),
        (
            "[audio]\nbitrate = 128.5\n",
            "[audio] bitrate must be a whole number from 64 to 320, got 128.5",
        ),
        ("[fetch]\ntimeout = -1\n", "[fetch] timeout must be a number of seconds more than 0, got -1"),
        ("fetch_timeout = inf\n", "fetch_timeout must be a number of seconds more than 0, got inf"),
        ("loudness = nan\n", "loudness must be a number from -40 to -5, got nan"),
        ("voice = 3\n", "voice must be text, not empty, got 3"),
        ("out = ['a']\n", "out must be a path, got ['a']"),
        ('links = "all"\n', "links must be one of brief, omit, got 'all'"),
        (
            "sample_rate = 8000\n",
            "sample_rate must be one of 22050, 24000, 32000, 44100, 48000, got 8000",
        ),
        ('[podcast]\ntype = "daily"\n', "[podcast] type must be one of episodic, serial, got 'daily'"),
        ('public_base_url = "audio.example.org"\n', "public_base_url must be an http(s) URL"),
        ('timezone = "Mars/Olympus"\n', "timezone must be a time zone name such as Europe/Paris"),
        ("audio = 5\n", "audio must be a table of settings ([audio]), got 5"),
    ],
)
def test_a_bad_value_in_the_file_names_the_file_the_key_and_what_is_allowed(tmp_path, toml, expected):
    message = _error(_load_toml, tmp_path, toml)
    assert message.startswith(f"{tmp_path / 'narrator.toml'}: {expected}"), message


def test_a_bad_environment_value_names_the_variable_and_what_is_allowed(tmp_path):
    message = _error(load_settings, environ={"NARRATOR_BITRATE": "fast"}, cwd=tmp_path)
    assert message == "NARRATOR_BITRATE: must be a whole number from 64 to 320, got 'fast'"
    message = _error(load_settings, environ={"NARRATOR_JOBS": "-3"}, cwd=tmp_path)
    assert message == "NARRATOR_JOBS: must be a whole number from 0 to 64, got '-3'"


def test_a_bad_flag_names_the_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["publish", str(tmp_path), "--public-base-url", "ftp://example.org/"])
    assert result.exit_code == 1
    assert result.output == "error: --public-base-url: must be an http(s) URL, got 'ftp://example.org/'\n"


@pytest.mark.parametrize(
    ("toml", "suggestion"),
    [
        ("bitrat = 128\n", "unknown setting 'bitrat' (did you mean 'bitrate'?)"),
        ("[audio]\nbitrat = 128\n", "unknown setting 'bitrat' in [audio] (did you mean 'bitrate'?)"),
        ("[podcats]\ntitle = 'x'\n", "unknown setting 'podcats' (did you mean 'podcast'?)"),
        ("publsh_to = 's3://b/p'\n", "unknown setting 'publsh_to' (did you mean 'publish_to'?)"),
    ],
)
def test_an_unknown_setting_gets_a_did_you_mean(tmp_path, toml, suggestion):
    message = _error(_load_toml, tmp_path, toml)
    assert message == f"{tmp_path / 'narrator.toml'}: {suggestion}"


def test_an_unknown_override_gets_a_did_you_mean(tmp_path):
    message = _error(load_settings, {"bitrat": 128}, environ={}, cwd=tmp_path)
    assert message == "unknown setting 'bitrat' (did you mean 'bitrate'?)"


def test_the_cli_shows_a_bad_setting_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "narrator.toml").write_text("jobs = -3\n")
    result = CliRunner().invoke(cli, ["config", "--show"])
    assert result.exit_code == 1
    path = tmp_path / "narrator.toml"
    assert result.output == f"error: {path}: jobs must be a whole number from 0 to 64, got -3\n"


def test_every_default_is_allowed():
    load_settings(environ={}, config_file=None, cwd=None)
    assert Settings() == load_settings(environ={})


# -- any TOML value, for any setting ------------------------------------------------------
def _toml(value) -> str:
    """A value written as TOML (the strategy below makes only values TOML has)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):  # a JSON string is a TOML basic string, DEL aside
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in value.items()) + "}"


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | _text
    | st.sampled_from(["", "0", "1", "true", "no", "64", "-3", "1e400", "https://x.org/", "UTC", "brief", "serial"])
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(dt.UTC))
    | st.times()
)
_values = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3), max_leaves=6
)
_keys = st.sampled_from(sorted(SPECS)).map(lambda name: (name, None)) | st.sampled_from(
    [(f.attr, group) for group in GROUPS for f in SPECS.values() if f.group == group]
)


@hsettings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=_keys, value=_values)
def test_any_toml_value_for_any_setting_loads_or_names_the_key(tmp_path, key, value):
    name, group = key
    text = _toml(value)
    toml = f"{name} = {text}\n" if group is None else f"[{group}]\n{name} = {text}\n"
    path = tmp_path / "narrator.toml"
    path.write_text(toml, encoding="utf-8")
    try:
        load_settings(environ={}, cwd=tmp_path)
    except ConfigError as exc:
        message = str(exc)
        assert "\n" not in message
        shown = f"[{group}] {name}" if group else name
        assert message.startswith(f"{path}: {shown} must be "), message
