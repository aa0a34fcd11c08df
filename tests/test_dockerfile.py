"""The container recipe: what it copies builds a package with the voices, templates and
lexicons in it; and, where a container tool runs, the image builds and its worker starts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers.paths import ROOT

DOCKERFILE = ROOT / "Dockerfile"


def _copied() -> list[str]:
    """The sources of the Dockerfile's COPY lines from the build context."""
    found = []
    for line in DOCKERFILE.read_text().splitlines():
        words = line.split()
        if words[:1] == ["COPY"] and not any(w.startswith("--from") for w in words):
            found += words[1:-1]
    return found


def test_the_image_copies_what_the_package_needs_and_the_context_keeps_it():
    copied = _copied()
    assert {"pyproject.toml", "README.md", "LICENSE", "narrator", "voices", "templates", "lexicons"} <= set(copied)
    kept = {line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines() if line.startswith("!")}
    assert set(copied) <= kept
    assert 'ENTRYPOINT ["narrator", "worker"]' in DOCKERFILE.read_text()


@pytest.mark.slow
def test_what_the_image_copies_builds_a_wheel_with_the_default_voice(tmp_path):
    context = tmp_path / "context"
    for name in _copied():
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, context / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            context.mkdir(exist_ok=True)
            shutil.copy2(source, context / name)
    wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist")]
    built = subprocess.run([*wheel, str(context)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (made,) = (tmp_path / "dist").glob("narrator-*.whl")
    names = set(zipfile.ZipFile(made).namelist())
    assert {"narrator/_data/voices/heart.toml", "narrator/synth/shared_cache.py", "narrator/cli/cache.py"} <= names
    metadata = zipfile.ZipFile(made).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "Requires-Dist: hibari-tts" in metadata and "Requires-Dist: imageio-ffmpeg" in metadata


def _container_tool() -> str | None:
    """docker or podman if one is installed and can build here (a daemon that answers)."""
    for tool in ("docker", "podman"):
        path = shutil.which(tool)
        if path and subprocess.run([path, "info"], capture_output=True, timeout=30).returncode == 0:
            return path
    return None


@pytest.mark.slow
def test_the_image_builds_and_its_worker_starts():
    tool = _container_tool()
    if tool is None:
        pytest.skip("no docker or podman that can build here (no tool, or its daemon isn't running)")
    tag = "narrator-test:latest"
    built = subprocess.run([tool, "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=3600)
    assert built.returncode == 0, built.stderr[-4000:]
    try:
        helped = subprocess.run([tool, "run", "--rm", tag, "--help"], capture_output=True, text=True, timeout=300)
        assert helped.returncode == 0 and "Run a Celery worker" in helped.stdout
        bare = subprocess.run([tool, "run", "--rm", tag], capture_output=True, text=True, timeout=300)
        assert bare.returncode == 1 and "give --broker" in bare.stderr
    finally:
        subprocess.run([tool, "rmi", "-f", tag], capture_output=True, timeout=300)
