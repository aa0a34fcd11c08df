"""A content-addressed cache of synthesised speech.

A clip's key is a hash of the engine, the voice, the synthesis parameters and the
exact text spoken, so an unchanged sentence is never synthesised twice and an edited
one always is. Files are written to a temporary name and renamed into place, so a
reader in another process sees a whole clip or none; a damaged file counts as a miss.
The same folder keeps encoded segments of episodes (``.part`` files, see
:mod:`narrator.assemble.parts`), keyed the same way by what they contain. The cache is
bounded: after each narration the least recently used files of both kinds are removed
until it fits. With ``cache_url``, an object store shared by machines stands behind the
folder (:mod:`narrator.synth.shared_cache`). Beside them, engines keep their own data
(:meth:`Voicing.prepare <narrator.synth.voices.Voicing.prepare>`), and the words a
voice knows are listed (:mod:`narrator.synth.words`), even when clips are not cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..models import ClipRef
from ..support.files import write_atomic

if TYPE_CHECKING:
    import numpy as np

    from ..settings import Settings
    from .shared_cache import SharedStore

MAGIC = b"NRC1"
_HEADER = struct.Struct("<4sI")  # magic, sample rate; then int16 samples


def load_clip(ref: ClipRef) -> np.ndarray:
    """A cached clip as float32 in [-1, 1]."""
    import numpy as np

    return load_pcm(ref).astype(np.float32) / 32768.0


def load_pcm(ref: ClipRef) -> np.ndarray:
    """A cached clip's 16-bit samples, as stored."""
    import numpy as np

    return np.frombuffer(ref.path.read_bytes(), dtype="<i2", offset=_HEADER.size)


def clip_key(engine: str, voice: str, params: dict, text: str) -> str:
    payload = json.dumps([engine, voice, params, text], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "narrator" / "clips"


def cache_folder(settings: Settings) -> Path:
    """The user's cache folder. The voices' own data is kept there whether or not clips
    are: without it the default voice reads its full dictionaries, slower and with four
    times the memory."""
    return Path(settings.cache_dir) if settings.cache_dir else default_cache_dir()


@contextlib.contextmanager
def clip_cache(settings: Settings) -> Iterator[ClipCache]:
    """The user's clip cache, pruned once the block is done, or a throwaway one when
    caching is off."""
    if not settings.cache:
        with tempfile.TemporaryDirectory(prefix="narrator-clips-") as temporary:
            yield ClipCache(Path(temporary), 0)
        return
    folder = cache_folder(settings)
    cache = _cache(folder, settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: can't create the clip cache: {exc.strerror}") from None
    yield cache
    cache.send()  # before pruning, which may remove what this narration made
    cache.prune()


def _cache(folder: Path, settings: Settings) -> ClipCache:
    """The folder's cache, in front of the shared one when ``cache_url`` names one."""
    shared = None
    if settings.cache_url:
        from .shared_cache import SharedStore

        shared = SharedStore(settings.cache_url, settings)
    return ClipCache(folder, settings.cache_max_mb * 1_000_000, shared=shared)


class ClipCache:
    """Clips and segments in ``folder``; with ``shared``, a store shared by machines
    behind it (:mod:`narrator.synth.shared_cache`): what the folder lacks is looked for
    there, and what this process made is sent there by :meth:`send`."""

    def __init__(self, folder: Path, max_bytes: int, *, shared: SharedStore | None = None) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.shared = shared
        self._missed: list[Path] = []  # looked up, found nowhere: made here, to send

    def path_for(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.clip"

    def get(self, key: str) -> ClipRef | None:
        ref = self._get(key)
        if ref is None and self.shared is not None:
            path = self.path_for(key)
            if self.shared.fetch(path):
                ref = self._get(key)
            if ref is None:
                self._missed.append(path)
        return ref

    def _get(self, key: str) -> ClipRef | None:
        path = self.path_for(key)
        try:
            with path.open("rb") as fh:
                header = fh.read(_HEADER.size)
                size = os.fstat(fh.fileno()).st_size
        except OSError:
            return None
        if len(header) != _HEADER.size or (size - _HEADER.size) % 2:
            return None
        magic, rate = _HEADER.unpack(header)
        if magic != MAGIC or rate <= 0:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # mark it recently used
        return ClipRef(path=path, samples=(size - _HEADER.size) // 2, rate=rate)

    def put(self, key: str, samples: np.ndarray, rate: int) -> ClipRef:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        import numpy as np

        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
        write_atomic(path, _HEADER.pack(MAGIC, rate) + pcm.tobytes(), durable=False)
        return ClipRef(path=path, samples=len(pcm), rate=rate)

    def part_path(self, key: str) -> Path:
        """Where the encoded segment with ``key`` is kept; with a shared store, fetched
        there first if the folder lacks it and the store has it."""
        path = self.folder / key[:2] / f"{key}.part"
        if self.shared is not None and not path.exists() and not self.shared.fetch(path):
            self._missed.append(path)
        return path

    def send(self) -> int:
        """Send the clips and segments this process made to the shared store, if there is
        one, and wait for them; returns how many were sent."""
        made, self._missed = self._missed, []
        if self.shared is None:
            return 0
        return self.shared.send([p for p in dict.fromkeys(made) if p.is_file()])

    def _files(self) -> list[Path]:
        """The clips and segments, in the folders named by their keys' first two
        characters. Beside those are the voice's data and the encoder's temporary files,
        which another narration may be removing as this one looks: not the cache's to
        prune, and not an error to see vanish."""
        found: list[Path] = []
        try:
            folders = [e.path for e in os.scandir(self.folder) if len(e.name) == 2 and e.is_dir()]
        except OSError:
            return found
        for folder in folders:
            with contextlib.suppress(OSError), os.scandir(folder) as entries:
                found += [Path(e.path) for e in entries if e.name.endswith((".clip", ".part"))]
        return found

    def size(self) -> int:
        return sum(p.stat().st_size for p in self._files())

    def prune(self) -> int:
        """Remove least recently used files until the cache fits; returns bytes freed."""
        entries = []
        for path in self._files():
            with contextlib.suppress(OSError):
                st = path.stat()
                entries.append((st.st_mtime, st.st_size, path))
        total = sum(size for _, size, _ in entries)
        freed = 0
        for _, size, path in sorted(entries):
            if total - freed <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                freed += size
        return freed
