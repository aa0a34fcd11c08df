"""Files written all at once or not at all: a file by a rename from beside it, an episode
folder by a staged folder swapped into place, and what killed writers left behind."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError


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


def _hold(folder: Path) -> int:
    """An open descriptor holding a lock on ``folder``: the lock dies with the process, so
    a folder left by a killed narration can be told from one still in use."""
    held = os.open(folder, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    return held


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            block = fa.read(1 << 20)
            if block != fb.read(1 << 20):
                return False
            if not block:
                return True


class StagedFolder:
    """A temporary folder inside ``out`` that takes the place of ``out/slug`` in one rename.

    The folder it replaces is kept aside until :meth:`commit`, so a step that fails after
    :meth:`swap` (a check, a publish) can put it back with :meth:`rollback`. A staged
    file whose bytes are those of the file in place is that file (its inode and
    modification time kept, so a server's ETag and Last-Modified don't change), and a
    staged folder identical to the one in place isn't swapped in at all.

    As a context manager: swapped in and committed when the block succeeds, rolled back
    when it fails.
    """

    def __init__(self, out: Path, slug: str) -> None:
        ensure_writable(out)
        self.out, self.slug, self.target = out, slug, out / slug
        if self.target.resolve().parent != out.resolve():
            raise OutputError(f"{slug}: episode folder would escape {out}")
        self.path = Path(tempfile.mkdtemp(dir=out, prefix=f".{slug}.", suffix=".tmp"))
        self._held = [_hold(self.path)]
        self._aside: Path | None = None  # holds the previous version while it may come back
        self.swapped = self.unchanged = False
        try:
            self.path.chmod(public_mode(directory=True))  # mkdtemp makes it 0700
        except BaseException:
            self.rollback()
            raise

    def __enter__(self) -> StagedFolder:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self.rollback()
            return
        try:
            if not (self.swapped or self.unchanged):
                self.swap()
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _keep_same_files(self) -> bool:
        """Make each staged file that matches the file in place that file; True when the
        staged folder holds exactly what is in place."""
        if self.target.is_symlink() or not self.target.is_dir():
            return False
        staged = {p.name: p for p in self.path.iterdir()}
        same = {name for name, path in staged.items() if path.is_file() and not path.is_symlink()
                and (self.target / name).is_file() and not (self.target / name).is_symlink()
                and _same_bytes(path, self.target / name)}  # fmt: skip
        if same == set(staged) == {p.name for p in self.target.iterdir()}:
            return True
        for name in same:
            link = self.path / f".{name}.link"
            try:
                os.link(self.target / name, link)
                os.replace(link, staged[name])
            except OSError:  # no hard links here: the staged copy will do
                with contextlib.suppress(OSError):
                    link.unlink()
        return False

    def swap(self) -> None:
        """Put the staged folder in place of ``out/slug``, keeping the one it replaces
        aside; or, when nothing in it would change, leave the folder in place as it is."""
        if self._keep_same_files():
            self.unchanged = True
            shutil.rmtree(self.path, ignore_errors=True)
            return
        if self.target.exists() or self.target.is_symlink():
            aside = Path(tempfile.mkdtemp(dir=self.out, prefix=f".{self.slug}.", suffix=".tmp"))
            self._held.append(_hold(aside))
            os.replace(self.target, aside / self.slug)
            self._aside = aside
        try:
            os.replace(self.path, self.target)
        except OSError:
            if self._aside is not None:
                os.replace(self._aside / self.slug, self.target)  # put the previous episode back
                self._aside = None
            raise
        self.swapped = True

    def rollback(self) -> None:
        """Undo the swap, if there was one: the previous folder is back, or none at all."""
        try:
            if self.swapped:
                os.replace(self.target, self.path)
                if self._aside is not None:
                    os.replace(self._aside / self.slug, self.target)
                self.swapped = False
        finally:
            self._release()

    def commit(self) -> None:
        """Keep the swap: the previous folder is removed."""
        self._release()

    def _release(self) -> None:
        for folder in (self.path, self._aside):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        while self._held:
            os.close(self._held.pop())


@contextlib.contextmanager
def staged_folder(out: Path, slug: str) -> Iterator[Path]:
    """A temporary folder inside ``out`` that becomes ``out/slug`` when the block succeeds.

    If anything fails, the temporary folder is removed and an existing ``out/slug``
    is left as it was.
    """
    with StagedFolder(out, slug) as staged:
        yield staged.path


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


#: What writing a file can fail with for a reason of the folder's, not narrator's: a
#: full disk, a quota, a read-only or forbidden folder, a file too large, a failing disk.
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO}


def _full_folder(exc: OSError, folders: list[Path]) -> Path | None:
    """The one of ``folders`` that ``exc`` failed to write in; None when it names a file
    elsewhere (a program or a voice's data: not a folder's fault)."""
    names = [name for name in (exc.filename, exc.filename2) if isinstance(name, str | os.PathLike)]
    for name in names:
        for folder in folders:
            if Path(name).absolute().is_relative_to(folder):
                return folder
    if names:
        return None
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        for folder in folders:  # a write to an open file names none: the folder with no room left
            with contextlib.suppress(OSError):
                stat = os.statvfs(folder)
                if stat.f_bavail * stat.f_frsize < 1 << 20:
                    return folder
    return folders[0]


@contextlib.contextmanager
def writing_in(out: Path, *others: Path | None) -> Iterator[None]:
    """A failure to write in the output folder ``out`` or one of ``others`` (the clip
    cache) as the one-line OutputError that names the folder and the reason, not a
    traceback; a write that names no file is the output folder's, unless another is full."""
    try:
        yield
    except OSError as exc:
        folders = [Path(folder).absolute() for folder in (out, *others) if folder is not None]
        folder = _full_folder(exc, folders) if exc.errno in _WRITE_ERRORS else None
        if folder is None:
            raise
        raise OutputError(f"{folder}: can't write the episode: {exc.strerror or exc}") from None
