"""Workers on "machines" that share no disk: each ``narrator worker`` process runs in an
empty folder of its own (its home, working folder, temporary files and clip cache),
and shares only Redis and the object store with the service and the other workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def start_machine(folder: Path, redis_url: str, store: str, endpoint: str, log, *, cache: str | None = None):
    """``narrator worker --broker ... --store ... [--cache ...]`` with ``folder`` as its
    whole disk."""
    for name in ("home", "tmp"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NARRATOR_")}
    env.update(
        HOME=str(folder / "home"),
        XDG_CACHE_HOME=str(folder / "home" / ".cache"),
        TMPDIR=str(folder / "tmp"),
        NARRATOR_S3_ENDPOINT_URL=endpoint,
        NARRATOR_JOBS="1",
        # A short visibility timeout, so a killed worker's job moves on within seconds.
        NARRATOR_VISIBILITY_TIMEOUT="4",
    )
    command = [sys.executable, "-m", "narrator", "worker", "--broker", redis_url, "--store", store]
    if cache:
        command += ["--cache", cache]
    return subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env=env)  # fmt: skip


def stop_machine(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
