"""W3C PLS lexicons: `narrator lexicon export` then `import` gives the same lexicon, a PLS
file written in the shape of the specification's examples imports, and a broken one is
refused in one line naming the file."""

from __future__ import annotations

import string

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrator.cli import cli
from narrator.text.lexicon import Entry, Lexicon, lexicon_toml, read_lexicon
from narrator.text.pls import parse_pls, pls_bytes

# In the shape of the PLS 1.0 specification's examples (section 4): a lexicon in the IPA,
# a lexeme with two graphemes, an alias, a phoneme in another alphabet, and a lexeme with
# both a phoneme and an alias.
HAND_WRITTEN = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0"
      xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xsi:schemaLocation="http://www.w3.org/2005/01/pronunciation-lexicon
        http://www.w3.org/TR/2007/CR-pronunciation-lexicon-20071212/pls.xsd"
      alphabet="ipa" xml:lang="en-GB">
  <meta name="author" content="Desk"/>
  <lexeme>
    <grapheme>Kyiv</grapheme>
    <grapheme>Kiev</grapheme>
    <phoneme>ˈkiːɪv</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Lavrov</grapheme>
    <alias>lav-ROFF</alias>
  </lexeme>
  <lexeme>
    <grapheme>Peskov</grapheme>
    <phoneme alphabet="x-sampa">"pjEskOf</phoneme>
    <phoneme>ˈpjeskəf</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Zelensky</grapheme>
    <phoneme>zəˈlɛnski</phoneme>
    <alias>zeh-LEN-skee</alias>
  </lexeme>
</lexicon>
"""


def _invoke(*args):
    return CliRunner().invoke(cli, [*args])


def test_a_hand_written_pls_file_imports(tmp_path):
    source = tmp_path / "desk.pls"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    target = tmp_path / "desk.toml"
    result = _invoke("lexicon", "import", str(source), "--to", str(target))
    assert result.exit_code == 0, result.output
    entries = {e.term: e for e in read_lexicon(target).entries}
    assert entries["Kyiv"] == Entry("Kyiv", ipa="ˈkiːɪv") and entries["Kiev"] == Entry("Kiev", ipa="ˈkiːɪv")
    assert entries["Lavrov"] == Entry("Lavrov", say="lav-ROFF")
    assert entries["Peskov"] == Entry("Peskov", ipa="ˈpjɛskɔf")  # the first, from X-SAMPA
    assert entries["Zelensky"] == Entry("Zelensky", say="zeh-LEN-skee", ipa="zəˈlɛnski")


def test_import_into_a_lexicon_keeps_its_other_terms_and_prints_toml_without_to(tmp_path):
    source = tmp_path / "desk.pls"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    target = tmp_path / "desk.toml"
    target.write_text('[terms]\nHegseth = "heg-seth"\nLavrov = "lav-rov"\n')
    assert _invoke("lexicon", "import", str(source), "--to", str(target)).exit_code == 0
    entries = {e.term: e for e in read_lexicon(target).entries}
    assert entries["Hegseth"].say == "heg-seth" and entries["Lavrov"].say == "lav-ROFF"
    printed = _invoke("lexicon", "import", str(source))
    assert printed.exit_code == 0 and 'Lavrov = "lav-ROFF"' in printed.output


def test_export_writes_pls_that_imports_as_the_same_lexicon(tmp_path):
    out = tmp_path / "newsroom.pls"
    result = _invoke("lexicon", "export", "newsroom", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert b'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"' in out.read_bytes()
    back = tmp_path / "back.toml"
    assert _invoke("lexicon", "import", str(out), "--to", str(back)).exit_code == 0
    from narrator.text.lexicon import find_lexicon

    assert read_lexicon(back) == read_lexicon(find_lexicon("newsroom"))
    printed = _invoke("lexicon", "export")  # the configured lexicon, to stdout
    assert printed.exit_code == 0 and "<grapheme>Kharkiv</grapheme>" in printed.output


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("<lexicon", "malformed PLS"),
        ('<?xml version="1.0"?><rss version="2.0"/>', "not a PLS lexicon"),
        ('<!DOCTYPE lexicon [<!ENTITY a "aaaa">]><lexicon/>', "DTD"),
        (HAND_WRITTEN.replace("<alias>lav-ROFF</alias>", ""), "lexeme 'Lavrov' has no <alias> or <phoneme>"),
        (HAND_WRITTEN.replace('"pjEskOf', '"pj_hEskOf'), "lexeme 'Peskov': X-SAMPA"),
        (HAND_WRITTEN.replace('alphabet="x-sampa"', 'alphabet="x-arpabet"'), "lexeme 'Peskov'"),
    ],
    ids=["unclosed", "not-pls", "entities", "no-pronunciation", "xsampa-symbol", "unknown-alphabet"],
)
def test_malformed_pls_is_one_line_naming_the_file(tmp_path, text, says):
    source = tmp_path / "broken.pls"
    source.write_text(text, encoding="utf-8")
    result = _invoke("lexicon", "import", str(source))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {source}: ") and says in lines[0], result.output


_TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff"), min_size=1
    )
    .map(str.strip)
    .filter(bool)
)
_PHONEMES = st.text(st.sampled_from(list("ˈˌːəɪʊɛæɑɔʌθðʃʒŋɹɡʤʧ" + string.ascii_lowercase)), min_size=1)


@st.composite
def _lexicons(draw) -> Lexicon:
    terms = draw(st.lists(_TEXT, min_size=0, max_size=8, unique=True))
    entries = []
    for term in terms:
        say = draw(st.one_of(st.none(), _TEXT))
        phonemes, ipa = draw(st.one_of(st.none(), _PHONEMES)), draw(st.one_of(st.none(), _PHONEMES))
        if not (say or phonemes or ipa):
            say = term
        entries.append(Entry(term=term, say=say, phonemes=phonemes, ipa=ipa))
    return Lexicon(entries=tuple(entries), case_sensitive=draw(st.booleans()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lexicons())
def test_any_lexicon_survives_pls(lexicon):
    assert parse_pls(pls_bytes(lexicon), "x.pls") == lexicon


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_lexicons())
def test_any_lexicon_survives_its_toml(tmp_path, lexicon):
    path = tmp_path / "x.toml"
    path.write_text(lexicon_toml(lexicon), encoding="utf-8")
    assert read_lexicon(path) == lexicon


def test_a_lexicon_for_other_services_has_only_the_standard_alphabets():
    lexicon = Lexicon(
        entries=(Entry("Kyiv", say="Keev", phonemes="kˈiɪv", ipa="ˈkiːɪv"), Entry("Hibari", phonemes="hˈi"))
    )
    data = pls_bytes(lexicon, "en-GB", private=False)
    assert b"x-misaki" not in data and b'xml:lang="en-GB"' in data
    assert parse_pls(data, "x.pls") == Lexicon(entries=(Entry("Kyiv", say="Keev", ipa="ˈkiːɪv"),))


def test_export_for_another_service_and_a_clear_error_where_it_cant_write(tmp_path):
    out = tmp_path / "polly.pls"
    result = _invoke("lexicon", "export", "newsroom", "--standard", "--language", "en-GB", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert b"x-misaki" not in data and b'xml:lang="en-GB"' in data and b"<alias>kar-keev</alias>" in data
    result = _invoke("lexicon", "export", "-o", str(tmp_path / "missing" / "x.pls"))
    assert result.exit_code == 1 and result.output.startswith(f"error: {tmp_path / 'missing' / 'x.pls'}: ")
