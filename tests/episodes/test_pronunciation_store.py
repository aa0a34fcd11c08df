"""The publication's lexicon in the output folder: what an editor saves is said in the next
narration, each change is recorded with who made it and when, and narrating again
synthesises only the sentences that hold the changed word."""

from __future__ import annotations

from datetime import UTC, datetime

from narrator import api
from narrator.episodes.lexicon_store import HISTORY, LEXICON, lexicon_history, publication_lexicon, save_entry
from narrator.text.lexicon import Entry

ARTICLE = """# Harbour board meets

The harbour board met on Tuesday to agree the summer timetable.
Its chair, Ines Wrzoskiewicz, said the ferries would run later in August.
The board meets again in the autumn.
"""


def test_a_saved_pronunciation_is_kept_with_who_changed_it_and_when(tmp_path):
    out = tmp_path / "out"
    when = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    save_entry(out, "Wrzoskiewicz", Entry("Wrzoskiewicz", say="vrzos-kyeh-vich"), "editor 1", now=when)
    change = save_entry(out, "Wrzoskiewicz", Entry("Wrzoskiewicz", say="vosh-kyeh-vich"), "editor 2")
    assert publication_lexicon(out).entries == (Entry("Wrzoskiewicz", say="vosh-kyeh-vich"),)
    assert "Wrzoskiewicz" in (out / LEXICON).read_text()
    first, second = lexicon_history(out)
    assert (first.editor, first.at, first.old, first.new) == ("editor 1", "2026-05-04T09:30:00+00:00", None,
                                                              {"say": "vrzos-kyeh-vich"})  # fmt: skip
    assert (second.editor, second.old, second.new) == (
        "editor 2",
        {"say": "vrzos-kyeh-vich"},
        {"say": "vosh-kyeh-vich"},
    )
    assert change == second and len((out / HISTORY).read_text().splitlines()) == 2

    save_entry(out, "Wrzoskiewicz", None, "editor 1")
    assert publication_lexicon(out).entries == ()
    assert lexicon_history(out)[-1].new is None


def test_narrating_again_synthesises_only_the_sentences_with_the_saved_word(tmp_path, settings):
    source = tmp_path / "harbour.md"
    source.write_text(ARTICLE)
    api.narrate(source, settings)
    change = api.save_pronunciation(settings, "Wrzoskiewicz", "VOSH-kyeh-vich", "editor 1")
    assert change.new == {"say": "vosh-kyeh-vich"}

    again = api.narrate(source, settings)
    script = api.make_script(source, settings)
    changed = [c for p in script.parts for u in p.utterances if "vosh-kyeh-vich" in u.spoken for c in u.chunks]
    assert len(changed) == 1  # said as saved, in its one sentence
    assert again.record.characters_synthesised == len(changed[0])
    assert again.record.characters_from_cache == script.characters - len(changed[0])
