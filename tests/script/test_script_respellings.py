"""`narrator script` shows a lexicon's respellings as an editor reads them: "Lavrov
(lav-ROFF)" where the voice is given the respelling, the name alone where it is given exact
phonemes; --json keeps the written and the spoken form."""

from __future__ import annotations

import json

from click.testing import CliRunner

from narrator.cli import cli

LEXICON = '[terms]\nLavrov = "lav-ROFF"\nKyiv = { say = "Keev", phonemes = "kˈiɪv" }\n'
ARTICLE = "# Talks\n\nLavrov met officials in Kyiv. Lavrov left.\n"


def _script(tmp_path, *args):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "newsroom.toml").write_text(LEXICON, encoding="utf-8")
    source = tmp_path / "talks.md"
    source.write_text(ARTICLE)
    result = CliRunner().invoke(cli, ["--lexicons", str(tmp_path / "lexicons"), "script", str(source), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_plain_script_shows_the_name_and_the_respelling_the_voice_reads(tmp_path):
    output = _script(tmp_path)
    assert "Lavrov (lav-ROFF) met officials in Kyiv." in output
    assert "Lavrov (lav-ROFF) left." in output
    assert "Keev" not in output and "](/" not in output  # Kyiv is said from its phonemes


def test_json_keeps_the_written_and_the_spoken_form(tmp_path):
    data = json.loads(_script(tmp_path, "--json"))
    assert "lav-ROFF met officials in [Kyiv](/kˈiɪv/)." in data["sections"][0]["text"]
    assert data["sections"][0]["written"].startswith("Lavrov met officials in Kyiv.")


def test_each_lexicon_term_of_a_script_with_its_written_and_spoken_form(tmp_path):
    """What the editor's pronunciation page shows beside a word."""
    from narrator import api
    from narrator.api.reading import pronunciations
    from narrator.settings import load_settings

    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "newsroom.toml").write_text(LEXICON, encoding="utf-8")
    settings = load_settings({"lexicons_dir": tmp_path / "lexicons"}, environ={}, cwd=tmp_path)
    script = api.make_script("-", settings, data=ARTICLE.encode(), fmt="markdown")
    forms = {p["written"]: p for p in pronunciations(script, settings)}
    assert forms["Lavrov"] == {"written": "Lavrov", "spoken": "lav-ROFF", "respelling": "lav-ROFF"}
    assert forms["Kyiv"]["spoken"] == "[Kyiv](/kˈiɪv/)" and forms["Kyiv"]["respelling"] == "Keev"
