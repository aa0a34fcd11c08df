"""Synthesise: every chunk of the script through its voice's engine, via the cache.

Each chunk's audio lands in the clip cache (a temporary one when caching is off), and
this stage returns references to those files, not the audio: the episode is never held
in memory whole. Chunks already in the cache cost nothing. The rest run in parallel
when the engine allows it: engines that compute on the CPU in worker processes,
engines that wait on a network service in threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

from ..errors import EngineError, VoiceError
from ..models import Script, Utterance, VoiceProfile
from .cache import ClipCache, ClipRef, clip_key
from .engines import TTSEngine, load_engine
from .voices import Voicing

Progress = Callable[[int], None]


@dataclass(frozen=True, kw_only=True)
class Synthesis:
    """Where each chunk's audio is, by part, utterance and chunk, and what it cost."""

    clips: tuple[tuple[tuple[ClipRef, ...], ...], ...]
    characters_synthesised: int
    characters_cached: int
    engine_calls: int


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
    for name in names:
        _worker_engines[name] = load_engine(name)


def _run_in_worker(task: _Task, folder: str) -> tuple[str, int, int]:
    return _run(_worker_engines[task.engine], task, folder)


def _executor(kind: str, jobs: int, engines: tuple[str, ...]) -> Executor | None:
    if jobs <= 1 or kind == "none":
        return None
    if kind == "process":
        import multiprocessing

        # forkserver: workers start from a clean process, never a copy of one that
        # already holds onnxruntime's threads.
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(engines,))
    return ThreadPoolExecutor(jobs)


def default_jobs() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def synthesise_script(
    script: Script,
    voicing: Voicing,
    *,
    cache: ClipCache,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Synthesis:
    """Audio for every chunk of ``script``, found in or added to ``cache``."""
    voice, intro_voice = voicing.profile, voicing.intro
    engines = voicing.engines()
    check_voice(voicing.engine, voice)
    if intro_voice is not None and voicing.intro_engine is not None:
        check_voice(voicing.intro_engine, intro_voice)

    def voice_for(part_kind: str, utterance: Utterance) -> VoiceProfile:
        framing = part_kind in ("intro", "outro") or utterance.kind == "heading"
        return intro_voice if (intro_voice is not None and framing) else voice

    layout: list[list[list[str]]] = []
    todo: dict[str, _Task] = {}
    found: dict[str, ClipRef] = {}
    cached_chars = 0
    for part in script.parts:
        part_keys = []
        for utterance in part.utterances:
            profile = voice_for(part.kind, utterance)
            engine = engines[profile.engine]
            keys = []
            for text in utterance.chunks:
                key = cache_key(engine, profile, text)
                keys.append(key)
                if key in found or key in todo:
                    continue
                ref = cache.get(key)
                if ref is not None:
                    found[key] = ref
                    cached_chars += len(text)
                else:
                    todo[key] = _Task(key=key, engine=engine.name, voice=profile, text=text)
            part_keys.append(keys)
        layout.append(part_keys)

    if progress:
        progress(len(todo))
    kinds = {engines[t.engine].concurrency for t in todo.values()}
    kind = kinds.pop() if len(kinds) == 1 else "none"
    pool = _executor(kind, jobs, tuple(engines)) if len(todo) > 2 * max(1, jobs) else None
    folder = str(cache.folder)
    if pool is None:
        for key, task in todo.items():
            _, samples, rate = _run(engines[task.engine], task, folder)
            found[key] = ClipRef(path=cache.path_for(key), samples=samples, rate=rate)
            if progress:
                progress(1)
    else:
        with pool:
            # Longest chunks first, so no worker is left with a long one at the end.
            ordered = sorted(todo.values(), key=lambda t: -len(t.text))
            if kind == "process":
                results = pool.map(_run_in_worker, ordered, [folder] * len(ordered), chunksize=1)
            else:
                results = pool.map(lambda t: _run(engines[t.engine], t, folder), ordered)
            for key, samples, rate in results:
                found[key] = ClipRef(path=cache.path_for(key), samples=samples, rate=rate)
                if progress:
                    progress(1)

    clips = tuple(tuple(tuple(found[k] for k in keys) for keys in part) for part in layout)
    return Synthesis(
        clips=clips,
        characters_synthesised=sum(len(t.text) for t in todo.values()),
        characters_cached=cached_chars,
        engine_calls=len(todo),
    )
