"""Words in capitals: initialisms to spell, acronyms to say, and shouted words to read.

"FBI" is said letter by letter, "NATO" as a word, and "KYIV" or "BREAKING" in a
dateline or a headline as the ordinary word it is. A capital run is judged by lists first
(initialisms, acronyms said as words), then by the voice's dictionary (the words its engine
knows, given by the caller), then by its shape: short or vowel-less runs are letters,
long ones with vowels are words.
"""

from __future__ import annotations

import re
from collections.abc import Set

from .initialisms import spell

# Acronyms said as words; other capital runs are spelt out.
WORD_ACRONYMS = frozenset(
    "NATO NASA UNESCO UNICEF OPEC COVID AIDS FIFA UEFA NAFTA ASEAN OFCOM NAACP SWAT SARS MERS LASER RADAR "
    "SCUBA NIMBY ISIS ISIL FEMA OSHA NOAA DARPA TASS NEET GIF JPEG POTUS SCOTUS BAFTA UKIP NICE LIBOR CERN "
    "ASAP OPCW SEAL SEALS ACAS OFSTED OFWAT FRONTEX MERCOSUR EUROPOL MAX CAT GIS PIN RAM ROM LAN WAN OLED "
    "NAND DOS STEM TED WASP JSON NAMCO BANDAI DROID GIF".split()
)
# Initialisms said as letters even where the letters also spell a word ("US", "IT", "WHO").
INITIALISMS = frozenset(
    "AI AP UAE CIA NBA FBI NHS BBC US UK EU UN IT WHO PM AM GOP TV DNA HIV CEO CFO COO DVD CD GDP PC USB SUV "
    "MVP ID IMF WTO SEC ACLU EPA IRS LAPD NYPD MBA ECB NFL NHL MLB NCAA CNN NBC CBS ABC AFP PBS NPR BMW HP "
    "HTC LG IBM AMD GM GE UPS DHL KGB MI FDA CDC NIH DOJ DOD DHS ICE ATF DEA NSA TSA FAA FCC FTC SBA USDA "
    "HUD VA IRA LLC PLC MP MPs MEP NGO UAW AFL CIO ETF IPO CPI PPI ATM PDF URL USA NYC LA DC UNC UCLA USC "
    "MIT NYU LSE ANC BJP SNP DUP PRC DPRK ROK IDF PLO IS EV AC UV GPS SMS VPN HD LED LCD ICU ER OB NB "
    "RBI BOJ BOE IEA OECD ASX FTSE DAX AGM HR PR QC KC OBE MBE CBE XML EMC PPP EMI WGA ICC FC SEO MRI CPC DGA NY "
    "DIY SFO PSP UX CES PGA AWS DRM NFC RSS UI AZ HDTV CDMA SMB PCB SGD TSI CHP NPA OLPC AMPTP SEZ MSL OMG "
    "GMT UTC EDT EST PDT PST BST CET ET PT CT MT NJ PA CA TX FL OH MI WA SA RB SP UAS ASU TJX CDW AX AT".split()
)
_CAPS = re.compile(r"\b[A-Z][A-Z]+(?:s\b|\b)")
# Only from the first letter of a dotted run: tried from each letter inside a long run
# (".a.a.a..."), the match is quadratic, and it can only end where the first one did.
_DOTTED = re.compile(r"(?<![A-Za-z]\.)\b((?:[A-Za-z]\.){2,})(?=[^A-Za-z]|$)")


def _is_word(core: str, words: Set[str]) -> bool:
    return core.capitalize() in words or core.lower() in words


def _caps_neighbours(match: re.Match[str]) -> list[str]:
    """The words either side that are in capitals too: a dateline or a shouted headline."""
    def words(text: str) -> list[str]:  # punctuation between words ("KYIV - LONDON") is skipped
        return [w for w in (t.strip(",:;.()'\"-–—") for t in text.split()) if any(c.isalpha() for c in w)]

    before = words(match.string[max(0, match.start() - 40) : match.start()])
    after = words(match.string[match.end() : match.end() + 40])
    return [w for w in before[-1:] + after[:1] if len(w) > 1 and w.isupper() and w.isalpha()]


def _in_caps_run(match: re.Match[str]) -> bool:
    return bool(_caps_neighbours(match))


def say_capitals(text: str, style: str = "caps", words: Set[str] = frozenset()) -> str:
    """``text`` with each capital run written as the voice should say it; ``words`` are
    the words the voice's dictionary has."""
    text = _DOTTED.sub(lambda m: _dotted(m, style), text)

    def caps(m: re.Match[str]) -> str:
        word = m.group(0)
        plural = word.endswith("s") and len(word) > 2
        core = word[:-1] if plural else word
        if word in WORD_ACRONYMS or core in WORD_ACRONYMS or word == "OK":
            return word
        known = word in INITIALISMS or core in INITIALISMS
        if known and not (_in_caps_run(m) and len(core) > 2 and _is_word(core, words)):
            return spell(core, style) + ("s" if plural else "")
        if _is_word(word, words) and (len(word) > 2 or _in_caps_run(m)):
            return word.capitalize()
        if word in words:
            return word  # the voice's own dictionary has it in capitals
        if any(len(w) > 3 and w not in INITIALISMS for w in _caps_neighbours(m)):
            return word.capitalize()  # "LOS ANGELES": a place name in a dateline
        if len(core) <= 4 or not re.search(r"[AEIOUY]", core[1:]):
            return spell(core, style) + ("s" if plural else "")
        return word.capitalize()

    return _CAPS.sub(caps, text)


def _dotted(m: re.Match[str], style: str) -> str:
    letters = m.group(1).replace(".", "").upper()
    ends_sentence = m.end() == len(m.string)
    if len(letters) == 2 and letters not in INITIALISMS:
        return " ".join(letters) + ("." if ends_sentence else "")  # a person's initials: "J.C. Penney"
    return spell(letters, style) + ("." if ends_sentence and style != "dotted" else "")


def unknown_capitals(text: str, words: Set[str] = frozenset()) -> list[str]:
    """Capital runs in ``text`` that no list or dictionary (``words``) explains: the
    normaliser guessed."""
    found = []
    for m in _CAPS.finditer(text):
        word = m.group(0)
        core = word[:-1] if word.endswith("s") and len(word) > 2 else word
        if core in INITIALISMS or core in WORD_ACRONYMS or word in words or _is_word(core, words):
            continue
        found.append(word)
    return found
