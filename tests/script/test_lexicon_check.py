"""narrator lexicon check: each entry heard with and without it, and a verdict."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.script.lexicon_check import HeardBefore, heard_term, similarity, sound_key

# One entry that says its name as English spelling would have it heard (Lavrov said
# "lav-roff"), one that says another name entirely (heard as "Gregory", not "Peskov").
LEXICON = """[terms]
Lavrov = { say = "lav-roff", phonemes = "lævɹˈɔf" }
Peskov = { say = "gregory", phonemes = "ɡɹˈɛɡəɹi" }
"""


def test_the_heard_word_is_compared_by_sound_not_spelling():
    assert sound_key("Pescov") == sound_key("Peskov")
    assert similarity("zadirajni", "Zadorozhnyy") == 1.0
    assert similarity("gregory", "Peskov") < 0.5
    assert heard_term("The talks with {term} ended late.", " The talks with Lev Roth ended late.") == "lev roth"
    assert heard_term("{term} spoke to reporters on Monday.", "Pescov spoke to reporters on Monday.") == "pescov"


def test_what_was_heard_is_kept_by_audio_and_recogniser_and_a_damaged_file_is_heard_again(tmp_path):
    clip, other = tmp_path / "a.clip", tmp_path / "b.clip"
    clip.write_bytes(b"NRC1 some audio")
    other.write_bytes(b"NRC1 other audio")
    kept = tmp_path / "heard.json"
    kept.write_text("{not json", encoding="utf-8")
    before = HeardBefore(kept, "whisper tiny.en 0.1.0")
    assert before.get(before.key(clip)) is None
    before.put(before.key(clip), " Peskov spoke to reporters on Monday.")
    before.save()
    again = HeardBefore(kept, "whisper tiny.en 0.1.0")
    assert again.get(again.key(clip)) == " Peskov spoke to reporters on Monday."
    assert again.get(again.key(other)) is None
    newer = HeardBefore(kept, "whisper base.en 0.2.0")
    assert newer.get(newer.key(clip)) is None  # another recogniser listens again


@pytest.mark.slow
def test_a_two_entry_lexicon_gets_a_table_of_verdicts(tmp_path, monkeypatch):
    pytest.importorskip("faster_whisper", reason="needs narrator[qa]")
    from narrator.episodes import check

    transcribed = []
    transcribe = check.transcribe

    def counted(*args, **kwargs):  # the real recogniser, counted
        transcribed.append(1)
        return transcribe(*args, **kwargs)

    monkeypatch.setattr(check, "transcribe", counted)
    lexicon = tmp_path / "two.toml"
    lexicon.write_text(LEXICON, encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = CliRunner().invoke(cli, ["lexicon", "check", str(lexicon)], env=env)
    assert result.exit_code == 3, result.output  # an entry hurts
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:3]}
    assert result.output.splitlines()[0].split()[:2] == ["term", "said"]
    assert rows["Peskov"][-1] == "hurts"
    # An entry that says the name as spelled is heard near it in every sentence. Whether it
    # then helps, or hurts a little against the bare name, depends on the recogniser's
    # build and the machine's CPU ("Lavroff" on one, "Lev Roth" on another).
    assert rows["Lavrov"][2] == "100%" and float(rows["Lavrov"][4]) >= 0.8
    assert float(rows["Peskov"][4]) < 0.5

    assert len(transcribed) == 12  # two entries, three sentences each, with and without
    # Run again, the check hears the same clips as before without listening to them again.
    again = CliRunner().invoke(cli, ["lexicon", "check", str(lexicon), "--json"], env=env)
    assert len(transcribed) == 12, again.output
    checks = {c["term"]: c for c in json.loads(again.output)}
    assert checks["Peskov"]["verdict"] == "hurts"
    assert checks["Peskov"]["similarity_with"] < checks["Peskov"]["similarity_without"]
    assert len(checks["Peskov"]["with_entry"]) == 3 and all(h["heard"] for h in checks["Lavrov"]["without_entry"])
