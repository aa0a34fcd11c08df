"""Word tables the text modules share: month names and abbreviations, and the titles
written before a name."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: How news pages shorten month names ("Sept." as well as "Sep."), to the full name.
MONTH_ABBREVIATIONS = {
    **{name[:3].lower(): name for name in MONTH_NAMES},
    "sept": "September",
}
#: Every way a month is written, in lower case, to its number: "march", "mar", "sept".
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{short: MONTH_NAMES.index(name) + 1 for short, name in MONTH_ABBREVIATIONS.items()},
}
#: Titles written before a name, to how they are said.
TITLES = {
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Dr": "Doctor",
    "Prof": "Professor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
    "Gen": "General",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Capt": "Captain",
    "Cmdr": "Commander",
    "Adm": "Admiral",
    "Maj": "Major",
    "Cpl": "Corporal",
    "Rev": "Reverend",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Det": "Detective",
    "Amb": "Ambassador",
    "Pres": "President",
    "Fr": "Father",
    "Sr": "Sister",
    "Mt": "Mount",
    "Ft": "Fort",
}

# Postal codes of the US states, said as names where an address spells them out.
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "DC",
}  # fmt: skip

# The abbreviations news style puts after a city ("Raleigh, N.C."), said as names.
AP_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so a longer word wins over its
    prefix. Built once, where the table is: a long one costs a millisecond a time."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
