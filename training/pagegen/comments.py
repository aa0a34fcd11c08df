"""Reader comment threads, in the styles of many sites."""

from __future__ import annotations

import random

from .articles import Line
from .base import Base
from .phrases import COMMENT_ACTIONS, COMMENT_HEADERS, COMMENT_POLICY, FORM_NOTES, REPLY_FORM, TOWNS, USERS
from .text import clock12


class Comments(Base):
    """Comment threads."""

    def comment_text(self) -> list[str]:
        """A reader's comment: usually from the bank, sometimes prose in the articles' own
        style (readers write like that too), so that only structure tells them apart."""
        r = self.r
        if self.chance(0.4):
            art = self.pick(self.articles)
            paras = [p for p in art.body if not p.startswith(("#", "@", "-"))]
            k = r.randint(0, max(0, len(paras) - 1))
            return paras[k : k + r.randint(1, 3)] if paras else ["Agreed."]
        parts = list(self.pick(self.comment_bank))
        if self.chance(0.25):
            parts = [" ".join(parts + self.pick(self.comment_bank))]
        return parts

    def comment_meta(self, style: int, user: str, stamp: str, k: int) -> tuple[list[Line], list[Line]]:
        """Lines above and below a comment's text, in one of many site styles."""
        forms: list[tuple[list[str], list[str]]] = [
            ([f"{user} says:", stamp], []),
            ([user, stamp], []),
            ([f"{stamp} / {user} says:"], []),
            ([f"{user} wrote:"], [stamp]),
            ([f"Posted by {user} on {stamp}"], []),
            ([f"{user} {stamp}"], []),
            ([], [f"Posted by: {user} | {stamp}"]),
            ([f"Comment #{k} - Posted by: {user} at {stamp}"], []),
            ([f"On {stamp}, {user} said:"], []),
            ([f"{k}. {user}"], [stamp]),
            ([f"#{k} {user}", stamp], []),
            ([user], [f"{stamp} | Report abuse"]),
            ([f"{user} on {stamp} said:"], []),
            ([f"{user} | {stamp}"], []),
            ([user, self.pick(TOWNS), stamp], []),
            ([f"{user} · {stamp}"], []),
            ([], [f"— {user}, {stamp}"]),
            ([user, f"• {stamp}"], ["Reply•Share ›"]),
            ([f"Avatar {user}", stamp], ["Like", "Reply"]),
        ]
        above, below = forms[style % len(forms)]
        return [(t, "O") for t in above], [(t, "O") for t in below]

    @staticmethod
    def signature(r: random.Random, user: str) -> str:
        """A reader's site and name, as a thread that links each name shows it when copied."""
        handle = "".join(c for c in user.lower() if c.isalnum())
        site = r.choice([f"http://{handle}.wordpress.com", f"http://www.{handle}.com", f"http://twitter.com/{handle}"])
        return f"{site} {user}" if r.random() < 0.8 else site

    def comments(self, title: str, n: int) -> list[list[Line]]:
        r = self.r
        units: list[list[Line]] = []
        if self.chance(0.75):
            head = self.pick(COMMENT_HEADERS).format(n=n, title=title)
            units.append([(head, "O")])
        if self.chance(0.4):
            units.append([(p, "O") for p in r.sample(COMMENT_POLICY, r.randint(1, 3))])
        style = r.randint(0, 18)
        actions = r.sample(COMMENT_ACTIONS, r.randint(1, 3)) if self.chance(0.6) else []
        named = self.chance(0.35)  # readers who sign with their own name, not a handle
        # Some threads show only each reader's name, or their site's address and name, above the
        # comment: no date, no "says". Drawn apart, so the other pages stay as they were.
        state = r.getstate()[1]
        bare_r = random.Random(f"bare:{n}:{state[1]}:{state[-1]}")
        bare = bare_r.random() < 0.2
        linked = bare_r.random() < 0.5
        for k in range(1, n + 1):
            user = self.name() if named else self.pick(USERS)
            when = self.when()
            stamp = self.pick(
                [
                    self.relative(),
                    self.date_text(when),
                    f"{self.date_text(when, full=False)} at {clock12(when)}",
                ]
            )
            above, below = self.comment_meta(style, user, stamp, k)
            if bare:
                above, below = [(self.signature(bare_r, user) if linked else user, "O")], []
            unit: list[Line] = list(above)
            if self.chance(0.15):
                unit.append((f"@{self.pick(USERS)}" if self.chance(0.5) else f"In reply to {self.pick(USERS)}.", "O"))
            unit += [(para, "O") for para in self.comment_text()]
            unit += below
            if actions:
                acts = list(actions)
                if self.chance(0.3):
                    acts = [f"{r.randint(0, 40)} {self.pick(['likes', 'points', 'votes', 'Like', 'Recommend'])}", *acts]
                unit += [(a, "O") for a in acts]
            units.append(unit)
        if self.chance(0.5):
            units.append([(p, "O") for p in REPLY_FORM[: r.randint(3, len(REPLY_FORM))]])
        if self.chance(0.3):
            units.append([(p, "O") for p in r.sample(FORM_NOTES, r.randint(1, 5))])
        return units
