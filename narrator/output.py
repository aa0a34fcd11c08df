"""Output: slugs, and episode folders written all at once or not at all."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from anyascii import anyascii

from .errors import OutputError

MAX_SLUG = 80
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(title: str | None, fallback: str = "article") -> str:
    """An ASCII, lowercase, filesystem-safe name: letters, digits and single hyphens."""
    text = anyascii(title or "").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rsplit("-", 1)[0] or text[:MAX_SLUG]
    text = text.strip("-")
    if not text or text in _RESERVED:
        return fallback
    return text


def ensure_writable(folder: Path) -> Path:
    """Create ``folder`` if needed and prove it can be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise OutputError(f"{folder}: not a folder")
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{folder}: can't write output: {exc.strerror or exc}") from None
    return folder


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no other way to read it: set and restore at once
    os.umask(mask)
    return mask


def public_mode(directory: bool = False) -> int:
    """The mode of a published file (0644) or folder (0755), less the umask, as
    open() and mkdir() would give: a web server running as another user can read it."""
    return (0o777 if directory else 0o666) & ~umask()


def write_atomic(path: Path, data: bytes | str, *, durable: bool = True, private: bool = False) -> None:
    """Write a file by writing a temporary file beside it, then renaming it into place.

    The file gets the mode a plain open() would give (0644 under umask 022), unless
    ``private`` keeps it to its owner (0600), as cached clips are. ``durable`` waits for
    the data to reach the disk first; files that can be made again skip that wait."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # Held until the rename: a temporary file that no process holds was left by one
        # that was killed, and clean_staging can remove it at once.
        fcntl.flock(fd, fcntl.LOCK_EX)
        if not private:
            os.fchmod(fd, public_mode())
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        if durable:
            os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def staged_folder(out: Path, slug: str) -> Iterator[Path]:
    """A temporary folder inside ``out`` that becomes ``out/slug`` when the block succeeds.

    If anything fails, the temporary folder is removed and an existing ``out/slug``
    is left as it was.
    """
    ensure_writable(out)
    target = out / slug
    if target.resolve().parent != out.resolve():
        raise OutputError(f"{slug}: episode folder would escape {out}")
    staging = Path(tempfile.mkdtemp(dir=out, prefix=f".{slug}.", suffix=".tmp"))
    # Held while the folder is written: the lock dies with the process, so a folder
    # left by a killed narration can be told from one still being written.
    held = os.open(staging, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        staging.chmod(public_mode(directory=True))  # mkdtemp makes it 0700
        yield staging
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=out, prefix=f".{slug}.", suffix=".old"))
            os.replace(target, old / slug)
        try:
            os.replace(staging, target)
        except OSError:
            if old is not None:
                os.replace(old / slug, target)  # put the previous episode back
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(held)


def clean_staging(out: Path, *, older_than: float = 60.0) -> list[Path]:
    """Remove what killed narrations left in ``out``: staging folders and temporary files
    no process holds (see :func:`staged_folder` and :func:`write_atomic`), and set-aside
    ``.old`` folders not touched for ``older_than`` seconds. Returns what was removed."""
    removed: list[Path] = []
    if not out.is_dir():
        return removed
    now = time.time()
    for path in out.glob(".*.tmp"):
        try:
            if path.is_symlink() or now - path.lstat().st_mtime < 1.0:
                continue  # just made: its writer may not hold the lock yet
            fd = os.open(path, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # still being written
            try:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
            finally:
                os.close(fd)
        except OSError:
            continue
        removed.append(path)
    for path in out.glob(".*.old"):
        try:
            if path.is_dir() and not path.is_symlink() and now - path.lstat().st_mtime > older_than:
                shutil.rmtree(path)
                removed.append(path)
        except OSError:
            continue
    return removed
