"""Celery workers as the tests start them: ``narrator worker`` as a real process."""

from __future__ import annotations

import os
import subprocess
import sys


def start_worker(redis_url: str, log) -> subprocess.Popen:
    # A short visibility timeout, so the test needn't wait minutes for a lost job to move.
    env = {**os.environ, "NARRATOR_VISIBILITY_TIMEOUT": "4"}
    return subprocess.Popen(
        [sys.executable, "-m", "narrator", "worker", "--broker", redis_url],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
