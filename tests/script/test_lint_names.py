"""narrator lint reports the names the voice is likely to say wrong, and not the common
names it says well: each finding says why, how likely, and what the voice is given."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrator.cli import cli

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _lint(path: Path) -> dict:
    result = CliRunner().invoke(cli, ["lint", str(path), "--json"])
    assert result.exit_code in (0, 3), result.output
    return json.loads(result.output)


def _names(data: dict) -> set[str]:
    return {f["text"] for f in data["findings"] if f["kind"] == "unknown-name"}


def _score(tmp_path: Path, name: str) -> tuple[int, int]:
    """(true findings, false findings) for a file of hard and common sentences: a hard
    sentence counts when its name is reported, a common one when any word of it is."""
    lines = [line.split("|", 2) for line in (DATA / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]  # fmt: skip
    sentences = [(kind.strip(), target.strip(), text.strip()) for kind, target, text in lines]
    assert [kind for kind, _, _ in sentences].count("hard") == 30 and len(sentences) == 60
    source = tmp_path / "names.md"
    source.write_text("# Names in the news\n\n" + "\n\n".join(text for _, _, text in sentences) + "\n")
    found = _names(_lint(source))
    true = sum(kind == "hard" and target in found for kind, target, _ in sentences)
    false = sum(kind == "common" and bool(found & set(re.findall(r"[\w'’]+", text))) for kind, _, text in sentences)
    return true, false


@pytest.mark.parametrize("name", ["names_tuning.txt", "names_holdout.txt"])
def test_hard_names_are_found_and_common_names_are_not(tmp_path, name):
    true, false = _score(tmp_path, name)
    assert true >= 27 and false <= 3, (true, false)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_bundled_examples_flag_no_common_first_names(example):
    data = _lint(EXAMPLES / example)
    assert not _names(data) & {"Marta", "Noor", "Colm", "Jo", "Owen", "Petra", "Tom"}, data["findings"]


def test_every_finding_says_why_how_likely_and_what_is_said(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("# Port news\n\nCoach Marek Wrzeszczyński praised Bram Ruijsdonk. Code X7Q9_22 failed.\n")
    findings = _lint(source)["findings"]
    assert {f["text"] for f in findings} >= {"Wrzeszczyński", "Ruijsdonk"}
    for f in findings:
        assert f["reason"] and 0 < f["score"] <= 1 and f["spoken"], f
    reasons = {f["text"]: f["reason"] for f in findings}
    assert "not in the voice's dictionary" in reasons["Ruijsdonk"] and "'ij'" in reasons["Ruijsdonk"]
    assert "'ń'" in reasons["Wrzeszczyński"]


def test_a_dateline_in_capitals_is_judged_as_the_name_the_script_says(tmp_path):
    """Lint and script agree: VALTERA, said "Valtera", is no "can't be said"; a capital
    run in the shape of another language is reported as the name the voice is given."""
    source = tmp_path / "a.md"
    source.write_text("# Strike\n\nVALTERA, March 14 - Workers walked out. SZCZEBRZESZYN, March 15 - They returned.\n")
    findings = _lint(source)["findings"]
    assert [f for f in findings if f["kind"] == "unspoken"] == []
    script = CliRunner().invoke(cli, ["script", str(source)]).output
    assert "Valtera, March fourteenth" in script
    reported = [f for f in findings if f["kind"] == "unknown-name"]
    assert [f["text"] for f in reported] == ["Szczebrzeszyn"]
    assert reported[0]["spoken"] in script


def test_text_output_gives_the_reason(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("# Port news\n\nThe wrestler Levan Mtskhvarishvili took the bronze medal.\n")
    result = CliRunner().invoke(cli, ["lint", str(source)])
    assert result.exit_code == 3
    line = next(line for line in result.output.splitlines() if "Mtskhvarishvili" in line)
    assert "not in the voice's dictionary" in line and "rare in English" in line


def test_a_lower_threshold_lists_every_name_the_dictionary_lacks(tmp_path):
    """What the editor's pronunciation page asks for: English-shaped names too, ranked."""
    from narrator import api
    from narrator.settings import load_settings

    settings = load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)
    text = b"# Port news\n\nOwen Farrady met Taras Zhuravskyi at the quay.\n"
    _, default = api.lint("-", settings, data=text, fmt="markdown")
    _, every = api.lint("-", settings, data=text, fmt="markdown", min_score=0)
    assert [f.text for f in default] == ["Zhuravskyi"]
    scores = {f.text: f.score for f in every}
    assert set(scores) >= {"Farrady", "Zhuravskyi"} and scores["Farrady"] < scores["Zhuravskyi"]
