"""Pronunciation lexicons: whole words, case, user folder first, shown by narrator script."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.errors import ConfigError
from narrator.synth.engines import load_engine
from narrator.text.lexicon import Entry, Lexicon, load_lexicons, read_lexicon


def _lexicon(case_sensitive=True):
    return Lexicon(
        entries=(Entry("Kyiv", say="Keev", phonemes="kˈiɪv", ipa="ˈkiːɪv"), Entry("Nguyen", say="win")),
        case_sensitive=case_sensitive,
    )


def test_whole_words_only():
    assert _lexicon().apply("Kyiv and Kyivan and Kyiv's mayor", None) == "Keev and Kyivan and Keev's mayor"


def test_case_sensitivity_is_configurable():
    assert _lexicon(case_sensitive=True).apply("KYIV kyiv Kyiv", None) == "KYIV kyiv Keev"
    assert _lexicon(case_sensitive=False).apply("KYIV kyiv", None) == "Keev Keev"


def test_each_engine_gets_the_notation_it_reads():
    text = "Mr Nguyen flew to Kyiv."
    hibari, piper, tone = load_engine("hibari"), load_engine("piper"), load_engine("tone")
    assert _lexicon().apply(text, hibari) == "Mr win flew to [Kyiv](/kˈiɪv/)."
    assert _lexicon().apply(text, piper) == "Mr win flew to [[ ˈkiːɪv ]]."
    assert _lexicon().apply(text, tone) == "Mr win flew to Keev."  # no inline phonemes: the respelling
    assert hibari.unmark(_lexicon().apply(text, hibari)) == "Mr win flew to Kyiv."


def test_user_lexicons_are_found_before_the_built_in_ones(tmp_path):
    (tmp_path / "newsroom.toml").write_text('[terms]\nLavrov = "lav-rov"\n')
    assert load_lexicons(["newsroom"], tmp_path).apply("Lavrov", None) == "lav-rov"
    assert load_lexicons(["newsroom"]).apply("Lavrov", None) == "lav-roff"


def test_a_voice_lexicon_overrides_the_publication_one(tmp_path):
    (tmp_path / "sports.toml").write_text('[terms]\nLavrov = "lav-rov"\nMbappe = "em-bah-pay"\n')
    merged = load_lexicons(["newsroom", "sports"], tmp_path)
    assert merged.apply("Lavrov Mbappe Peskov", None) == "lav-rov em-bah-pay pess-kof"


def test_bad_lexicon_is_a_clear_error(tmp_path):
    (tmp_path / "bad.toml").write_text("[terms]\nKyiv = 3\n")
    with pytest.raises(ConfigError, match=r"bad\.toml: term 'Kyiv'"):
        read_lexicon(tmp_path / "bad.toml")


def test_script_shows_the_pronunciations(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("# Talks in Kharkiv\n\nPeskov and Hegseth met Zelensky in Kharkiv on Monday.\n")
    data = json.loads(CliRunner().invoke(cli, ["script", str(source), "--json"]).output)
    text = data["sections"][0]["text"]
    assert "[Peskov](/pˈɛskɔf/)" in text and "[Kharkiv](/kˈɑɹkiv/)" in text
    assert "[Hegseth](/hˈɛɡsɛθ/)" in text and "[Zelensky](/zəlˈɛnski/)" in text
