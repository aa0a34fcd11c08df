"""Word tables the text modules share: month names and abbreviations, and the titles
written before a name."""

from __future__ import annotations

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
