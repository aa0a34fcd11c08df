"""narrator lint: findings before any audio is made, as text or JSON, with exit codes for CI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from narrator.cli import cli


def _lint(tmp_path, text, *args):
    source = tmp_path / "a.md"
    source.write_text(text)
    return CliRunner().invoke(cli, ["lint", str(source), *args])


def test_clean_article_exits_zero(tmp_path):
    result = _lint(tmp_path, "# Bridge reopens\n\nThe old bridge reopened on Feb. 4 after repairs costing $4.2m.\n")
    assert result.exit_code == 0
    assert "nothing to fix" in result.output


def test_findings_exit_three_and_name_what_to_fix(tmp_path):
    text = "# Port news\n\nOfficials in Brekkavik said code X7Q9_22 failed. Mayor Oddgeirsdottir agreed.\n"
    result = _lint(tmp_path, text, "--json")
    assert result.exit_code == 3  # findings: not 2, click's usage error, nor 1, an error
    data = json.loads(result.output)
    found = {(f["kind"], f["text"]) for f in data["findings"]}
    assert ("unknown-name", "Brekkavik") in found
    assert ("unknown-name", "Oddgeirsdottir") in found
    assert any(kind == "unspoken" and "7" in text for kind, text in found)
    assert data["counts"]["unknown-name"] == 2


def test_exit_statuses_tell_a_typo_from_findings_and_errors(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("# Port news\n\nMayor Oddgeirsdottir agreed.\n")
    assert CliRunner().invoke(cli, ["lint", str(source), "--jsno"]).exit_code == 2  # usage
    assert CliRunner().invoke(cli, ["lint", str(tmp_path / "missing.md")]).exit_code == 1  # error
    assert CliRunner().invoke(cli, ["lint", str(source)]).exit_code == 3  # findings
    for command in ("lint", "check"):
        help_text = CliRunner().invoke(cli, [command, "--help"]).output
        assert "3 when" in help_text and "2 on a usage error" in help_text, help_text


def test_names_in_a_lexicon_are_not_reported(tmp_path):
    result = _lint(tmp_path, "# Talks\n\nPeskov spoke to Zelensky in Kyiv about the talks.\n", "--json")
    names = {f["text"] for f in json.loads(result.output)["findings"]}
    assert not names & {"Peskov", "Zelensky", "Kyiv"}


def test_unread_tokens_are_reported_with_why(tmp_path):
    text = "# Port news\n\nThe XQZV board met. Code 7Q9_1 was read. It cost 3¤.\n"
    data = json.loads(_lint(tmp_path, text, "--json").output)
    reasons = {(f["reason"], f["text"]) for f in data["findings"] if f["kind"] == "unspoken"}
    assert ("capitals", "XQZV") in reasons
    assert any(reason == "digits" for reason, _ in reasons)
    assert any(reason == "symbol" and "¤" in text for reason, text in reasons)


def test_known_capitals_and_datelines_are_not_reported(tmp_path):
    text = "# Talks\n\nKYIV (Reuters) - The FBI and NATO met the BBC in LONDON on Monday.\n"
    data = json.loads(_lint(tmp_path, text, "--json").output)
    assert [f for f in data["findings"] if f["kind"] == "unspoken"] == []
