"""`narrator script` prints what the voice will say as a reader would read it: the
words as written, not the voice's pronunciation markup; --json keeps the exact input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from narrator.cli import cli

ARTICLE = "# Talks in Kyiv\n\nPeskov spoke to Zelensky about Zaporizhzhia. Prices rose 5%.\n"


def _script(tmp_path, *args):
    source = tmp_path / "talks.md"
    source.write_text(ARTICLE)
    result = CliRunner().invoke(cli, ["script", str(source), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_plain_output_shows_lexicon_words_as_written(tmp_path):
    output = _script(tmp_path)
    assert "](/" not in output and "[Zaporizhzhia]" not in output
    assert "Peskov spoke to Zelensky about Zaporizhzhia." in output
    assert "Prices rose five percent." in output  # still what is said, not what was written
    assert "You have been listening to Talks in Kyiv." in output


def test_json_text_is_still_exactly_what_the_voice_reads(tmp_path):
    data = json.loads(_script(tmp_path, "--json"))
    assert "[Zaporizhzhia](/" in data["sections"][0]["text"]
    assert data["sections"][0]["written"].startswith("Peskov spoke to Zelensky about Zaporizhzhia.")
