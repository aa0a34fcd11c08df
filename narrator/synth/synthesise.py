"""Synthesise: every chunk of the script through its voice's engine, via the cache.

Each chunk's audio lands in the clip cache (a temporary one when caching is off), and
this stage returns references to those files, not the audio: the episode is never held
in memory whole. Chunks already in the cache cost nothing. The rest run in parallel
when the engine allows it, in threads (engines that release the GIL while they compute,
or wait on a network service) or in worker processes (engines that hold it), and in the
order they are asked for, so assembly can start on the first clips while later ones
are still being spoken.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass

from ..errors import EngineError, VoiceError
from ..models import Progress, Script, Utterance, VoiceProfile
from .cache import ClipCache, ClipRef, clip_key
from .engines import TTSEngine, load_engine
from .voices import Voicing


@dataclass(frozen=True)
class _Task:
    key: str
    engine: str
    voice: VoiceProfile
    text: str


def check_voice(engine: TTSEngine, voice: VoiceProfile) -> None:
    reason = engine.unavailable(voice)
    if reason:
        raise VoiceError(f"{voice.name}: voice can't run here: {reason}")


def cache_key(engine: TTSEngine, voice: VoiceProfile, text: str) -> str:
    params = {"speed": voice.speed, "options": list(voice.options), "version": engine.version}
    return clip_key(engine.name, voice.voice, params, text)


def _run(engine: TTSEngine, task: _Task, folder: str) -> tuple[str, int, int]:
    """Synthesise one chunk into the cache."""
    clip = engine.synthesise(task.text, task.voice)
    if clip.samples.ndim != 1:
        raise EngineError(f"{task.engine}: engine returned audio that is not mono")
    ref = ClipCache(folder, 0).put(task.key, clip.samples, clip.sample_rate)
    return task.key, ref.samples, ref.rate


# -- worker processes ---------------------------------------------------------------------
# A worker process loads its engines once, when it starts, and keeps them for every
# chunk it is given: loading a model costs far more than one sentence.
_worker_engines: dict[str, TTSEngine] = {}


def _start_worker(names: tuple[str, ...]) -> None:
    from ..support.memory import return_large_blocks

    return_large_blocks()  # a process narrator starts, as its command line does
    for name in names:
        _worker_engines[name] = load_engine(name)


def _run_in_worker(task: _Task, folder: str) -> tuple[str, int, int]:
    return _run(_worker_engines[task.engine], task, folder)


def _executor(kind: str, jobs: int, engines: tuple[str, ...]) -> Executor:
    if kind == "process" and jobs > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor  # loaded only for engines that need it

        # forkserver: workers start from a clean process, never a copy of one that
        # already holds onnxruntime's threads.
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(engines,))
    return ThreadPoolExecutor(jobs)


def default_jobs() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _voice_for(voicing: Voicing) -> Callable[[str, Utterance], VoiceProfile]:
    voice, intro_voice = voicing.profile, voicing.intro

    def voice_for(part_kind: str, utterance: Utterance) -> VoiceProfile:
        framing = part_kind in ("intro", "outro") or utterance.kind == "heading"
        return intro_voice if (intro_voice is not None and framing) else voice

    return voice_for


@dataclass(frozen=True, kw_only=True)
class ScriptKeys:
    """The cache key of every chunk of a script, by part, utterance and chunk, and what
    to synthesise for each key."""

    keys: tuple[tuple[tuple[str, ...], ...], ...]
    tasks: dict[str, _Task]


def script_keys(script: Script, voicing: Voicing) -> ScriptKeys:
    """Cache keys for ``script`` as ``voicing`` would say it, without synthesising."""
    engines = voicing.engines()
    check_voice(voicing.engine, voicing.profile)
    if voicing.intro is not None and voicing.intro_engine is not None:
        check_voice(voicing.intro_engine, voicing.intro)
    voice_for = _voice_for(voicing)
    tasks: dict[str, _Task] = {}
    layout = []
    for part in script.parts:
        part_keys = []
        for utterance in part.utterances:
            profile = voice_for(part.kind, utterance)
            engine = engines[profile.engine]
            keys = []
            for text in utterance.chunks:
                key = cache_key(engine, profile, text)
                keys.append(key)
                tasks.setdefault(key, _Task(key=key, engine=engine.name, voice=profile, text=text))
            part_keys.append(tuple(keys))
        layout.append(tuple(part_keys))
    return ScriptKeys(keys=tuple(layout), tasks=tasks)


class Synthesiser:
    """Synthesises chunks into the cache in the order they are asked for, in parallel when
    the engine allows, and hands each clip back as soon as it is ready, so the episode
    can be encoded while the rest is still being spoken.

    ``progress`` is told (done, total) of the chunks to synthesise: as they are asked
    for (first (0, total)) and as each is collected.

    Use it as a context manager: leaving it stops the workers."""

    def __init__(
        self, voicing: Voicing, cache: ClipCache, tasks: dict[str, _Task], *, jobs: int = 1,
        progress: Progress | None = None,
    ) -> None:  # fmt: skip
        self._engines = voicing.engines()
        self._cache = cache
        self._tasks = tasks
        self._jobs = max(1, jobs)
        self._progress = progress
        self._done = self._total = 0
        self._found: dict[str, ClipRef] = {}
        self._pending: dict[str, Future] = {}
        self._pool: Executor | None = None
        self._kind = "none"
        self.characters_synthesised = 0
        self.characters_cached = 0
        self.engine_calls = 0

    def __enter__(self) -> Synthesiser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            for future in self._pending.values():
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def request(self, keys: list[str]) -> None:
        """Look ``keys`` up in the cache and start synthesising the ones it lacks, in order."""
        todo = []
        for key in keys:
            if key in self._found or key in self._pending or key in todo:
                continue
            ref = self._cache.get(key)
            if ref is not None:
                self._found[key] = ref
                self.characters_cached += len(self._tasks[key].text)
            else:
                todo.append(key)
        self._total += len(todo)
        if self._progress:
            self._progress(self._done, self._total)
        if not todo:
            return
        kinds = {self._engines[self._tasks[k].engine].concurrency for k in todo}
        kind = kinds.pop() if len(kinds) == 1 else "none"
        if kind == "none":
            self._kind = "none"  # synthesised when asked for, in the caller's thread
            for key in todo:
                self._pending[key] = _Deferred(key)
            return
        if self._pool is None:
            # A CPU engine with one job runs in one thread beside the encoder, not a process.
            self._kind = "thread" if kind == "process" and self._jobs == 1 else kind
            self._pool = _executor(kind, self._jobs, tuple(self._engines))
        folder = str(self._cache.folder)
        for key in todo:
            task = self._tasks[key]
            if self._kind == "process":
                self._pending[key] = self._pool.submit(_run_in_worker, task, folder)
            else:
                self._pending[key] = self._pool.submit(_run, self._engines[task.engine], task, folder)

    def cached(self, key: str) -> bool:
        """Whether the clip for ``key`` (asked for with :meth:`request`) is there without
        waiting: it was in the cache, or has been collected already."""
        return key in self._found and key not in self._pending

    def clip(self, key: str) -> ClipRef:
        """The clip for ``key`` (asked for with :meth:`request`), waiting for it if needed."""
        if key not in self._found:
            pending = self._pending.pop(key)
            task = self._tasks[key]
            if isinstance(pending, _Deferred):
                _, samples, rate = _run(self._engines[task.engine], task, str(self._cache.folder))
            else:
                _, samples, rate = pending.result()
            self._found[key] = ClipRef(path=self._cache.path_for(key), samples=samples, rate=rate)
            self.characters_synthesised += len(task.text)
            self.engine_calls += 1
            self._done += 1
            if self._progress:
                self._progress(self._done, self._total)
        return self._found[key]


class _Deferred:
    """A chunk to synthesise in the caller's thread when it is asked for."""

    def __init__(self, key: str) -> None:
        self.key = key
