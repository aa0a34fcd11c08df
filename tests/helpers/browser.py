"""The browser's tools: Chromium, axe-core and the WCAG rule sets the pages are held to."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers.paths import TESTS

AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("NARRATOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def need(path: str | Path, what: str) -> None:
    if not Path(path).exists():
        message = f"{what} is missing ({path}); scripts/test.sh installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
