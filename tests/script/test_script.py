import datetime as dt

from narrator.models import Article, Section
from narrator.script import build_script
from narrator.settings import load_settings


def _article(**kw):
    base = dict(
        title="Bridge reopens after repairs",
        author="Ana Pérez",
        published=dt.datetime(2025, 3, 4, 9, 15),
        language="en",
        sections=(
            Section(paragraphs=("The bridge reopened on Feb. 4. Buses return next week.",)),
            Section(title="What comes next", paragraphs=("Cyclists get a lane.",)),
        ),
    )
    base.update(kw)
    return Article(**base)


def test_intro_names_title_author_date_and_discloses_ai(tmp_path):
    settings = load_settings(environ={}, cwd=tmp_path)
    intro = build_script(_article(), settings).intro.text
    assert intro.startswith("Bridge reopens after repairs. By Ana Pérez. Published March fourth, twenty twenty-five.")
    assert "AI assistance" in intro  # "AI": the default voice says it as letters; "A I" as "a eye"


def test_a_title_that_ends_a_sentence_itself_is_said_with_one_stop(tmp_path):
    settings = load_settings({"disclosure": False}, environ={}, cwd=tmp_path)
    for title, said in [("Its neighbors are not sure they want them.", "Its neighbors are not sure they want them."),
                        ("Who pays for the bridge?", "Who pays for the bridge?"),
                        ('Mayor: "We will rebuild."', 'Mayor: "We will rebuild."')]:  # fmt: skip
        script = build_script(_article(title=title), settings)
        assert script.intro.written.splitlines()[0] == said
        assert ".." not in script.intro.written and ".," not in script.outro.written
    outro = build_script(_article(title="Its neighbors are not sure."), settings).outro.written
    assert outro == "You have been listening to Its neighbors are not sure, by Ana Pérez."


def test_missing_metadata_is_left_out_not_invented(tmp_path):
    settings = load_settings(environ={}, cwd=tmp_path)
    intro = build_script(_article(author=None, published=None), settings).intro.text
    assert "By" not in intro and "Published" not in intro


def test_disclosure_wording_is_configurable_and_can_be_turned_off(tmp_path):
    custom = load_settings({"disclosure_text": "A computer voice reads this story."}, environ={}, cwd=tmp_path)
    assert "A computer voice reads this story." in build_script(_article(), custom).intro.text
    off = load_settings({"disclosure": False}, environ={}, cwd=tmp_path)
    script = build_script(_article(), off)
    assert "AI" not in script.intro.text and "AI" not in script.outro.text


def test_sections_hold_only_the_article_with_written_and_spoken_forms(tmp_path):
    data = build_script(_article(), load_settings(environ={}, cwd=tmp_path)).as_dict()
    assert [s["title"] for s in data["sections"]] == [None, "What comes next"]
    first = data["sections"][0]
    assert first["written"] == "The bridge reopened on Feb. 4. Buses return next week."
    assert first["text"] == "The bridge reopened on February fourth. Buses return next week."
    assert data["sections"][1]["text"] == "What comes next. Cyclists get a lane."
    assert data["published"] == "2025-03-04T09:15:00"


def test_pauses_grow_from_sentence_to_paragraph_to_section(tmp_path):
    script = build_script(_article(), load_settings(environ={}, cwd=tmp_path))
    pauses = [u.pause for u in script.sections[0].utterances]
    assert pauses == ["sentence", "section"]
    assert script.intro.utterances[-1].pause == "section"


def test_user_templates_come_first_and_can_extend_the_default(tmp_path):
    (tmp_path / "intro.txt.j2").write_text("Good morning.\n{% include 'default/intro.txt.j2' %}")
    settings = load_settings({"templates_dir": tmp_path}, environ={}, cwd=tmp_path)
    intro = build_script(_article(), settings).intro.text
    assert intro.startswith("Good morning. Bridge reopens after repairs.")
