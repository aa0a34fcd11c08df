"""Trying again something that keeps failing, such as a store on a full disk, without
filling the log."""

from __future__ import annotations

import logging
import time

log = logging.getLogger("narrator.service")
BACKOFF_MAX = 60.0  # seconds, at most, between tries of a store that keeps failing


class Backoff:
    """Tries of something that keeps failing (a full disk): one log line a failure, and
    a wait that doubles between tries, so a minute of trouble is a few lines, not
    thousands."""

    def __init__(self, what: str, first: float = 1.0) -> None:
        self.what, self.first = what, first
        self.failures = 0
        self._until = 0.0

    def ready(self) -> bool:
        return time.monotonic() >= self._until

    def left(self) -> float:
        return max(0.0, self._until - time.monotonic())

    def failed(self, exc: BaseException) -> float:
        delay = min(BACKOFF_MAX, self.first * 2**self.failures)
        self.failures += 1
        self._until = time.monotonic() + delay
        log.warning("%s: %s; trying again in %g s", self.what, str(exc) or type(exc).__name__, delay)
        return delay

    def succeeded(self) -> None:
        if self.failures:
            log.warning("%s: working again", self.what)
        self.failures, self._until = 0, 0.0
