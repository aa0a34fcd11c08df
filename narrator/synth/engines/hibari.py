"""hibari: a small offline voice distilled from Kokoro, bundled in its wheel."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib import util
from pathlib import Path
from typing import ClassVar

from ...errors import EngineError, VoiceError
from ...models import Clip, VoiceProfile
from ...support.files import write_atomic
from . import Engine
from .onnx_sessions import no_memory_patterns

# Only this voice ships in the wheel; the others download on first use.
BUNDLED = frozenset({"heart"})


# hibari reads a word's phonemes inline as Markdown-like [word](/phonemes/).
_MARKUP = re.compile(r"\[([^\]]+)\]\(/[^)]*/\)")


def _dictionary() -> frozenset[str]:
    """Words hibari has a dictionary pronunciation for (its gold and silver lexicons).

    Read again each time it is asked for (a fifth of a second) rather than kept: the set
    takes 30 MB, and narrating holds the model's own copy of the lexicons soon after."""
    # Found without importing hibari, which would load its signal processing (and scipy)
    # just to build a script.
    spec = util.find_spec("hibari")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    assets = Path(next(iter(spec.submodule_search_locations))) / "assets"
    words: set[str] = set()
    for name in ("lexicon_us_gold.json.gz", "lexicon_us_silver.json.gz"):
        try:
            with gzip.open(assets / name, "rt", encoding="utf-8") as fh:
                words.update(json.load(fh))
        except (OSError, ValueError):
            continue
    return frozenset(words)


def _import_hibari():
    """hibari's ``Hibari``, with its FFTs from :mod:`narrator.support.fft`.

    hibari's signal processing imports ``scipy.fft`` for float32 FFTs and falls back to
    numpy's without it. Its import is the larger part of loading the voice, so while
    hibari loads, ``scipy.fft`` can't be imported (unless something already has), and
    hibari's two FFT functions then call the same pocketfft :mod:`narrator.support.fft` loads on
    its own: the same results, without the 0.12 s."""
    from ...support import fft

    if "hibari.dsp" not in sys.modules and fft.native():
        with fft.scipy_imports():
            blocked = "scipy.fft" not in sys.modules
            if blocked:
                sys.modules["scipy.fft"] = None  # type: ignore[assignment]
            try:
                import hibari.dsp as dsp
            finally:
                if blocked and sys.modules.get("scipy.fft", 0) is None:
                    del sys.modules["scipy.fft"]
        if getattr(dsp, "FFT_BACKEND", None) == "numpy" and hasattr(dsp, "rfft") and hasattr(dsp, "irfft"):
            dsp.rfft = lambda x, axis: fft.rfft(x, axis)
            dsp.irfft = lambda x, n, axis: fft.irfft(x, n, axis)
            dsp.FFT_BACKEND = "pocketfft"
    from hibari import Hibari

    return Hibari


def _version() -> str | None:
    """The installed hibari's version: what its data copies and word list are kept for."""
    from importlib import metadata

    try:
        return metadata.version("hibari-tts")
    except metadata.PackageNotFoundError:
        return None


@contextlib.contextmanager
def _g2p_data_from(folder: Path | None) -> Iterator[None]:
    """hibari's G2P reads its lexicons and tagger from gzipped JSON, most of the time it
    takes to load the voice: meanwhile, it reads them from copies in ``folder``, kept in
    Python's marshal format with their large tables in shards read as lookups need them
    (:mod:`narrator.synth.tables`). A sentence or two is then spoken without reading the
    whole dictionary. The copies are made on first use, keyed by hibari's and Python's
    versions and the tables' layout. Without a folder, or with a copy that can't be read,
    hibari reads its own files as usual."""
    version = _version()
    if folder is None or version is None:
        yield
        return
    import hibari.g2p as g2p

    from .. import tables

    original = g2p._load_json
    # Copies stored in another layout are made again (tables.LAYOUT: how the tables and
    # their shards are kept, which a table's bound on shards kept unpacked is made for).
    versions = f"{version}-py{sys.version_info[0]}{sys.version_info[1]}"

    def load(name: str):
        stem = f"{name.split('.')[0]}-{versions}"
        copy = Path(folder) / "hibari" / f"{stem}-{tables.LAYOUT}.tables"
        try:
            data = tables.loads(copy.read_bytes())
            if isinstance(data, Mapping):
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
        data = original(name)
        with contextlib.suppress(OSError, ValueError):
            copy.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(copy, tables.dumps(data), durable=False)
            # The same data in an earlier layout: the cache's pruning leaves this folder be.
            for earlier in copy.parent.glob(f"{stem}*.tables"):
                if earlier != copy:
                    earlier.unlink(missing_ok=True)
        return data

    g2p._load_json = load
    try:
        yield
    finally:
        g2p._load_json = original


def _model_copies(folder: Path, voice: str) -> tuple[Path, str] | None:
    """Where copies of a voice's model are kept, and their names' common start."""
    version = _version()
    if version is None:
        return None
    import onnxruntime as ort

    return Path(folder) / "hibari", f"{voice}-{version}-ort{ort.__version__}-"


def _optimised_model(folder: Path | None, voice: str) -> str | None:
    """A copy of the voice's model with onnxruntime's graph optimisations already made, if
    ``folder`` holds one whose checksum (in its name) still matches.

    Building the session from it takes a third of the time (0.03 s against 0.1 s), and it
    computes the same numbers: the copy holds the optimisations that don't depend on the
    processor, and the session still makes the ones that do."""
    where = _model_copies(folder, voice) if folder is not None else None
    if where is None:
        return None
    parent, start = where
    for path in sorted(parent.glob(f"{start}*.onnx")):
        with contextlib.suppress(OSError, ValueError):
            if zlib.crc32(path.read_bytes()) == int(path.stem[len(start) :], 16):
                return str(path)
    return None


def _save_optimised_model(folder: Path, voice: str, source: str) -> None:
    """Make the copy :func:`_optimised_model` looks for. Once per cache; failures only
    mean the next run builds its session from hibari's file again."""
    import onnxruntime as ort

    where = _model_copies(folder, voice)
    if where is None:
        return
    parent, start = where
    with contextlib.suppress(Exception):  # onnxruntime reports failures broadly
        parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=parent, prefix=".model-") as tmp:
            made = Path(tmp) / "model.onnx"
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
            options.optimized_model_filepath = str(made)
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            options.log_severity_level = 3
            ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])
            made.chmod(0o644)
            os.replace(made, parent / f"{start}{zlib.crc32(made.read_bytes()):08x}.onnx")


class _LockedG2P:
    """hibari's grapheme-to-phoneme converter, made safe to call from several threads: it
    is a small part of the time, and the rest (onnxruntime, numpy) releases the GIL."""

    def __init__(self, g2p) -> None:
        self._g2p = g2p
        self._lock = threading.Lock()

    def use(self, g2p) -> None:
        """The converter, once it has loaded."""
        self._g2p = g2p

    def __call__(self, text: str):
        with self._lock:
            return self._g2p(text)


class HibariEngine(Engine):
    name = "hibari"
    phonemes = "misaki"
    initialisms = "caps"  # "AI" and "A.I." are heard as letters; "A I" as "the eye"
    # Several threads share one model: onnxruntime runs one session from several threads
    # at once and numpy releases the GIL, so two threads speak about as fast as two
    # processes, with one copy of the dictionaries and weights instead of two
    # (benchmarks/run.py weighs the options).
    concurrency = "thread"
    max_chars = 280  # hibari splits longer input itself at 400 phonemes; stay below

    # Models are kept for the life of the process, shared by every instance: a service
    # worker narrating one article after another loads the voice once, not per article.
    _models: ClassVar[dict[tuple[str, int], object]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _data_folder: Path | None = None

    def use_cache(self, folder: Path) -> None:
        """Keep quicker-to-load copies of hibari's data in ``folder``: the user's cache
        folder, used even with --no-cache."""
        self._data_folder = Path(folder)

    def unavailable(self, voice: VoiceProfile) -> str | None:
        if util.find_spec("hibari") is None:
            return "the hibari-tts package is not installed"
        if voice.voice not in BUNDLED:
            return f"hibari voice {voice.voice!r} is not bundled and would need a download"
        return None

    def mark(self, word: str, phonemes: str) -> str:
        return f"[{word}](/{phonemes}/)"

    def unmark(self, text: str) -> str:
        return _MARKUP.sub(lambda m: m.group(1), text)

    def known_words(self) -> frozenset[str]:
        return _dictionary()

    @property
    def dictionary_id(self) -> str | None:
        """Which dictionary :meth:`known_words` reads: the installed hibari's."""
        version = _version()
        return f"hibari-tts {version} us" if version else None

    def _model(self, voice: VoiceProfile):
        try:
            threads = int(voice.option("threads", "1") or 1)
        except ValueError:
            raise VoiceError(f"{voice.name}: threads must be a whole number") from None
        key = (voice.voice, threads)
        with self._lock:
            if key not in self._models:
                reason = self.unavailable(voice)
                if reason:
                    raise VoiceError(f"{voice.name}: {reason}")
                hibari_class = _import_hibari()
                from hibari.g2p import G2P
                from hibari.voices import VOICES

                def dictionaries() -> G2P:
                    with _g2p_data_from(self._data_folder):
                        return G2P(british=VOICES[voice.voice]["british"])

                try:
                    # onnxruntime builds its session without holding the GIL, so the
                    # dictionaries load in another thread meanwhile.
                    g2p = _LockedG2P(None)
                    with ThreadPoolExecutor(1, thread_name_prefix="hibari-g2p") as pool:
                        loading = pool.submit(dictionaries)
                        with no_memory_patterns():
                            model = self._load(hibari_class, voice.voice, threads, g2p)
                        g2p.use(loading.result())
                    self._models[key] = model
                except Exception as exc:  # onnxruntime reports load failures broadly
                    raise EngineError(f"{voice.name}: hibari can't load: {exc}") from exc
            return self._models[key]

    def _load(self, hibari_class, voice: str, threads: int, g2p: _LockedG2P):
        """hibari's model, from the optimised copy in the cache if there is a good one.

        onnxruntime keeps its memory arena (its default). Without it every sentence's
        tensors were mapped afresh: at 10,000 words a million more page faults and 2.5 s
        more kernel time, which the voice's two threads and the encoder share two cores
        with, for about 50 MB less at the peak (benchmarks/run.py: CPU over the baseline
        1.09 to 1.05 at 10,000 words, 1.13 to 1.02 at 5,000; peak 308 MB at most)."""
        copy = _optimised_model(self._data_folder, voice)
        if copy is not None:
            try:
                return hibari_class(voice=voice, threads=threads, g2p=g2p, model=copy)
            except Exception:  # a copy onnxruntime can't read: hibari's own file
                pass
        model = hibari_class(voice=voice, threads=threads, g2p=g2p)
        if self._data_folder is not None:
            _save_optimised_model(self._data_folder, voice, model.model_path)
        return model

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        import numpy as np

        tts = self._model(voice)
        try:
            # A fixed seed makes the same text give the same audio, so results cache.
            audio = tts(text, speed=voice.speed, seed=0)  # type: ignore[operator]
        except Exception as exc:
            raise EngineError(f"{voice.name}: hibari failed on {text[:40]!r}: {exc}") from exc
        return Clip(samples=np.asarray(audio, dtype=np.float32), sample_rate=tts.sample_rate)  # type: ignore[attr-defined]
