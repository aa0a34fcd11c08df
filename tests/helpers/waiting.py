"""Waiting for something to happen, with a deadline instead of a sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def until(condition: Callable[[], T], what: str, *, seconds: float = 60.0, every: float = 0.05) -> T:
    """What ``condition`` returns once it is truthy, asked every ``every`` seconds; an
    AssertionError naming ``what`` if it isn't within ``seconds``."""
    end = time.monotonic() + seconds
    while not (found := condition()):
        if time.monotonic() > end:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(every)
    return found
