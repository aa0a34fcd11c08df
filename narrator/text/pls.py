"""Pronunciation lexicons in the W3C Pronunciation Lexicon Specification (PLS 1.0).

The format speech services take (``<lexicon>`` of ``<lexeme>``s, each with one or more
``<grapheme>``, and ``<alias>`` or ``<phoneme>``), read into and written from narrator's own
:class:`~narrator.text.lexicon.Lexicon`: an alias is a respelling (``say``), an IPA phoneme
is ``ipa``, and phonemes in X-SAMPA are converted to the IPA. The misaki phonemes hibari
voices read have no PLS alphabet and travel as the private ``x-misaki`` one. Each grapheme
of a lexeme becomes a term of its own; where PLS gives several pronunciations the first of
each kind is kept, as PLS prefers the first.

Parsed with no entities, no DTD and no network: a lexicon has no use for them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from .lexicon import Entry, Lexicon

NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MISAKI = "x-misaki"
_CASE_META = "x-narrator-case-sensitive"
_START_TAG = re.compile(rb"<[A-Za-z_]")

# X-SAMPA symbols and their IPA, longest first where one begins another. Enough for the
# transcriptions of names; anything else is refused rather than guessed.
_XSAMPA = {
    "r\\`": "ɻ", "h\\": "ɦ", "r\\": "ɹ", "j\\": "ʝ", "l\\": "ɺ", "G\\": "ɢ", "N\\": "ɴ", "R\\": "ʀ",
    "3`": "ɝ", "@`": "ɚ", "r`": "ɽ", "n`": "ɳ", "t`": "ʈ", "d`": "ɖ", "s`": "ʂ", "z`": "ʐ", "l`": "ɭ",
    "A": "ɑ", "E": "ɛ", "I": "ɪ", "O": "ɔ", "U": "ʊ", "V": "ʌ", "Q": "ɒ", "@": "ə", "{": "æ", "3": "ɜ",
    "Y": "ʏ", "2": "ø", "9": "œ", "1": "ɨ", "}": "ʉ", "M": "ɯ", "6": "ɐ", "7": "ɤ", "8": "ɵ", "&": "ɶ",
    "T": "θ", "D": "ð", "S": "ʃ", "Z": "ʒ", "N": "ŋ", "R": "ʁ", "G": "ɣ", "J": "ɲ", "L": "ʎ", "4": "ɾ",
    "?": "ʔ", "X": "χ", "P": "ʋ", "B": "β", "C": "ç", "K": "ɬ", "H": "ɥ", "W": "ʍ", "F": "ɱ", "g": "ɡ",
    '"': "ˈ", "%": "ˌ", ":": "ː", "~": "\u0303", "=": "\u0329", ".": ".", " ": " ",
    **{c: c for c in "abcdefhijklmnopqrstuvwxyz" if c != "g"},
}  # fmt: skip
_XSAMPA_SYMBOL = re.compile("|".join(re.escape(s) for s in sorted(_XSAMPA, key=len, reverse=True)))


def xsampa_to_ipa(text: str) -> str | None:
    """``text`` in X-SAMPA written in the IPA, or None if it holds a symbol not converted."""
    out, pos = [], 0
    while pos < len(text):
        m = _XSAMPA_SYMBOL.match(text, pos)
        if m is None:
            return None
        out.append(_XSAMPA[m.group(0)])
        pos = m.end()
    return "".join(out)


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=False)  # fmt: skip


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def parse_pls(data: bytes, name: str | Path) -> Lexicon:
    """The lexicon a PLS document holds; a ConfigError naming ``name`` (and the lexeme)
    for anything that isn't a PLS lexicon narrator can read."""
    from lxml import etree

    start = _START_TAG.search(data)
    if b"<!DOCTYPE" in data[: start.start() if start else len(data)].upper():
        raise ConfigError(f"{name}: declares a DTD, which a PLS lexicon has no use for; not read")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ConfigError(f"{name}: malformed PLS: {_one_line(exc)}") from None
    except (etree.LxmlError, ValueError, LookupError, MemoryError) as exc:
        raise ConfigError(f"{name}: can't be read as XML: {_one_line(exc)}") from None
    if root is None or not isinstance(root.tag, str) or root.tag != f"{{{NAMESPACE}}}lexicon":
        tag = etree.QName(root.tag).localname if root is not None and isinstance(root.tag, str) else "?"
        raise ConfigError(f"{name}: not a PLS lexicon (its root is <{tag}>, not <lexicon> in {NAMESPACE})")
    alphabet = root.get("alphabet")
    case_sensitive = True
    for meta in root.iterfind(f"{{{NAMESPACE}}}meta"):
        if meta.get("name") == _CASE_META:
            case_sensitive = (meta.get("content") or "").strip().lower() != "false"
    entries: dict[str, Entry] = {}
    for number, lexeme in enumerate(root.iterfind(f"{{{NAMESPACE}}}lexeme"), 1):
        graphemes = [(g.text or "").strip() for g in lexeme.iterfind(f"{{{NAMESPACE}}}grapheme")]
        label = repr(graphemes[0]) if graphemes and graphemes[0] else f"number {number}"
        if not graphemes or not all(graphemes):
            raise ConfigError(f"{name}: lexeme {label} has an empty or missing <grapheme>")
        say = ipa = phonemes = None
        for alias in lexeme.iterfind(f"{{{NAMESPACE}}}alias"):
            say = say or (alias.text or "").strip() or None
        for phoneme in lexeme.iterfind(f"{{{NAMESPACE}}}phoneme"):
            text = (phoneme.text or "").strip()
            kind = phoneme.get("alphabet") or alphabet
            if not text:
                continue
            if kind is None:
                raise ConfigError(f"{name}: lexeme {label}: <phoneme> with no alphabet, here or on <lexicon>")
            if kind.lower() == "ipa":
                ipa = ipa or text
            elif kind.lower() == "x-sampa":
                converted = xsampa_to_ipa(text)
                if converted is None:
                    raise ConfigError(f"{name}: lexeme {label}: X-SAMPA {text!r} has a symbol narrator can't convert")
                ipa = ipa or converted
            elif kind == _MISAKI:
                phonemes = phonemes or text
            else:
                raise ConfigError(f"{name}: lexeme {label}: phonemes in alphabet {kind!r}, which narrator can't read"
                                  " (ipa, x-sampa or x-misaki)")  # fmt: skip
        if not (say or ipa or phonemes):
            raise ConfigError(f"{name}: lexeme {label} has no <alias> or <phoneme>")
        for grapheme in graphemes:
            entries.setdefault(grapheme, Entry(term=grapheme, say=say, phonemes=phonemes, ipa=ipa))
    return Lexicon(entries=tuple(entries.values()), case_sensitive=case_sensitive)


def read_pls(path: Path) -> Lexicon:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    return parse_pls(data, path)


def pls_bytes(lexicon: Lexicon, language: str = "en-US", *, private: bool = True) -> bytes:
    """``lexicon`` as a PLS 1.0 document in the IPA for ``language``: one lexeme a term,
    with its respelling as the alias and, if ``private``, its misaki phonemes in the private
    ``x-misaki`` alphabet. Without them it is a lexicon any PLS reader takes (Amazon Polly
    refuses an alphabet other than ipa and x-sampa), and a term with only misaki phonemes
    is left out."""
    from lxml import etree

    def sub(parent, tag: str, text: str | None = None, **attrs: str):
        element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", attrs)
        element.text = text
        return element

    root = etree.Element(f"{{{NAMESPACE}}}lexicon", nsmap={None: NAMESPACE})
    root.set("version", "1.0")
    root.set("alphabet", "ipa")
    root.set(_XML_LANG, language)
    if not lexicon.case_sensitive:
        sub(root, "meta", name=_CASE_META, content="false")
    for entry in lexicon.entries:
        if not (private or entry.ipa or entry.say):
            continue
        lexeme = sub(root, "lexeme")
        sub(lexeme, "grapheme", entry.term)
        if entry.ipa:
            sub(lexeme, "phoneme", entry.ipa)
        if entry.phonemes and private:
            sub(lexeme, "phoneme", entry.phonemes, alphabet=_MISAKI)
        if entry.say:
            sub(lexeme, "alias", entry.say)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
