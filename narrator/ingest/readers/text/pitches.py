"""A sign-up or follow box's lines in copied text: its pitch ("Get the day's top stories sent to
your inbox"), its name ("The Morning Briefing newsletter") and its button ("Sign me up")."""

from __future__ import annotations

import re

# A sign-up or follow box's pitch speaks to the reader about their inbox, a newsletter, an
# alert or an app ("Get the day's top stories sent to your inbox"); an article rarely does.
_PITCH = re.compile(
    r"\binbox\b|\bnewsletters?\b|\bsign(?:ing)?[\s-]up\b|\bsubscrib(?:e|ing)\b|\bunsubscribe\b|\bopt\sout\b|"
    r"\be-?mail\s(?:address|alerts?|updates?)\b|\bnews\salerts?\b|\bdownload\s(?:our|the)\s(?:free\s)?app\b|"
    r"\bfollow\sus\b|\blike\sus\son\b|\brss\sfeed\b|\bdelivered\s(?:to\syou|straight|daily|every)\b|\bsign\sme\sup\b",
    re.I,
)
_READER = re.compile(r"\b(?:you|your|our|us|we)\b", re.I)

BOX_NAME_WORDS = 6


def is_pitch(text: str, n: int | None = None) -> bool:
    """A sign-up or follow box's line: short, and about newsletters, inboxes, alerts or apps."""
    if (len(text.split()) if n is None else n) > 40:
        return False
    found = _PITCH.search(text)
    if not found:
        return False
    # a report of a sign-up scheme is prose; a pitch speaks to the reader, or starts with its verb;
    # a box's name ends in its word ("The Morning Briefing newsletter"); a row of tools in
    # capitals ("EMAIL STORY PRINT NEWSLETTER") does not name one
    word = found.group().lower()
    named = (
        word.startswith("newsletter")
        and len(text.split()) <= BOX_NAME_WORDS
        and not text[found.end() :].strip(" :!.")
        and not text.isupper()
    )
    return found.start() == 0 or named or "inbox" in word or bool(_READER.search(text))
