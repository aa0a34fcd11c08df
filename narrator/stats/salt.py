"""Who fetched an episode, as a hash nobody can turn back into an address: the client's IP
address and user agent, hashed with a secret salt that changes every day.

The salt of the current day (UTC) is kept in the stats store, so the service, the preview
server and imports made the same day agree on a client; the next day it is replaced, and
so nothing can match a hash to an address once its day is over. Log lines of an earlier
day (an import of yesterday's logs) are hashed with a salt made for that import alone and
forgotten when it ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from .store import StatsStore


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class ClientHasher:
    """Salted hashes of clients, for one import or one server run."""

    def __init__(self, store: StatsStore, now: dt.date | None = None) -> None:
        self.store = store
        self.today = now or today()
        self._salts: dict[dt.date, bytes] = {}

    def _salt(self, day: dt.date) -> bytes:
        salt = self._salts.get(day)
        if salt is None:
            salt = self.store.salt_of(day) if day == self.today else secrets.token_bytes(32)
            self._salts[day] = salt
        return salt

    def client(self, address: str, user_agent: str, day: dt.date) -> str:
        """The hash that stands for the client at ``address`` with ``user_agent`` on ``day``."""
        text = f"{address}\n{user_agent}".encode("utf-8", "replace")
        return hmac.new(self._salt(day), text, hashlib.sha256).hexdigest()[:32]
