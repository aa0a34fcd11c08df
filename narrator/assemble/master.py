"""Master: the episode's audio, segment by segment, at its loudness target.

Each segment (see :mod:`.plan`) is looked up in the cache by what it contains and how it
is encoded. One that is missing is encoded as soon as its clips are ready, while later
clips are still being synthesised: its clips are read once, brought to the target
loudness in memory (its own gain, corrected for the limiter), and streamed into the
encoder. What that pass measured (100 ms loudness steps and the sample peak) is kept with
the encoded segment, so the episode's loudness is known without reading audio again.

The MP3 is not measured after encoding: the encoder's loudness loss and peak rise are
constants (:data:`.loudness.ENCODER_LOSS_LU`, :data:`.loudness.ENCODER_PEAK_RISE_DB`)
that tests/assemble/test_loudness.py checks against ffmpeg's own meter on the final file.
"""

from __future__ import annotations

import hashlib
import json
import math
import queue
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError
from ..models import Mastered, Plan, Script, VoiceProfile
from ..support.memory import release
from ..synth.cache import ClipCache
from ..synth.synthesise import ScriptKeys, Synthesiser
from .encode import encode_parts, join
from .gating import ENCODER_LOSS_LU, ENCODER_PEAK_RISE_DB, PEAK_CEILING, episode_loudness
from .parts import PartInfo, read_part, write_part
from .plan import Segment, clip_samples, episode_plan, layout, length_at, pauses, segment_script

#: Part of every segment's key: change it when the same segment would encode differently.
FORMAT = "1"
LAME_DELAY = 576  # samples LAME puts before the audio
ENCODERS = 2  # threads encoding segments
GROUP = 4  # segments one encoder process takes while the voice is speaking


@dataclass(frozen=True, kw_only=True)
class Encoding:
    """How segments are encoded: part of their keys."""

    bitrate: int
    sample_rate: int
    target: float  # LUFS of the MP3

    @property
    def boundary(self) -> float:
        """Seconds of silence the encoder adds at a join, on average: its delay before the
        next segment, and the padding that fills the last frame of this one (half a frame
        past the half frame it always adds)."""
        frame = 1152 if self.sample_rate >= 32000 else 576
        return (LAME_DELAY + frame) / self.sample_rate


@dataclass(frozen=True, kw_only=True)
class EpisodeAudio:
    """The episode's audio, as encoded segments in the cache, and its timeline."""

    plan: Plan
    parts: tuple[PartInfo, ...]
    loudness: float  # LUFS of the MP3
    true_peak: float  # dBTP of the MP3
    characters_synthesised: int
    characters_cached: int
    engine_calls: int
    segments_encoded: int

    def write(self, path: Path) -> Mastered:
        """Join the segments into the MP3 at ``path``."""
        first = self.parts[0]
        join([p.span for p in self.parts], first.info, path, delay=first.delay)
        return Mastered(loudness=self.loudness, true_peak=self.true_peak)


def _segment_key(segment: Segment, keys: ScriptKeys, gaps: list[float], encoding: Encoding) -> str:
    utterances = keys.keys[segment.part][segment.first : segment.stop]
    payload = [FORMAT, [list(u) for u in utterances], [round(g, 4) for g in gaps], segment.lead, segment.tail,
               encoding.bitrate, encoding.sample_rate, encoding.target, PEAK_CEILING]  # fmt: skip
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def _rate(items_refs: list) -> int:
    """The sample rate a segment is encoded from: its clips' (the commonest, if several)."""
    rates = Counter(ref.rate for refs in items_refs for ref in refs)
    return rates.most_common(1)[0][0] if rates else 24000


def _levelled(items_refs: list, rate: int, gaps: list[float], segment: Segment, encoding: Encoding,
              found: dict) -> Iterator[bytes]:  # fmt: skip
    """A segment's 16-bit PCM at ``rate`` and at its loudness, block by block, for the
    encoder: its clips are read once and levelled in memory. What the pass measured goes
    into ``found``."""
    # numpy and the levelling load here: joining cached segments needs neither.
    import numpy as np

    from .loudness import level, limit

    items, spans = layout(items_refs, gaps, segment, rate)
    # Held as 16-bit samples, as the clips are stored: half the memory of floats.
    samples = np.zeros(sum(i if isinstance(i, int) else length_at(i, rate) for i in items), dtype=np.int16)
    pos = 0
    for item in items:
        if isinstance(item, int):
            pos += item
            continue
        clip = clip_samples(item, rate)
        samples[pos : pos + len(clip)] = clip
        pos += len(clip)
    gain, steps = level(samples, rate, encoding.target + ENCODER_LOSS_LU)
    peak = 0.0
    for i in range(0, len(samples), 1 << 18):
        block = limit(samples[i : i + (1 << 18)] * np.float32(gain / 32768), PEAK_CEILING)
        peak = max(peak, float(np.abs(block).max()))
        yield (np.clip(block, -PEAK_CEILING, PEAK_CEILING) * 32767).astype("<i2").tobytes()
    found.update(steps=steps, peak=20 * math.log10(max(peak, 1e-9)), gain=20 * math.log10(gain), spans=spans)


class _Encoders:
    """Threads that level and encode segments as they are handed over, a group at a time.

    A group is encoded in one ffmpeg process (:func:`.encode.encode_parts`: the same bytes
    as one process each), so a long article doesn't start ffmpeg for every paragraph. Two
    threads: one levels a group while the other's is encoded, and a short article's last
    segments are encoded in two processes at once."""

    def __init__(self, paths: list[Path], gaps: list[list[float]], segments: list[Segment], encoding: Encoding,
                 folder: Path, *, processes: int = ENCODERS) -> None:  # fmt: skip
        self._paths, self._gaps, self._segments = paths, gaps, segments
        self._encoding, self._folder = encoding, folder
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        # How many ffmpeg processes run at once (see master).
        self._slots = threading.Semaphore(processes)
        self.done: dict[int, PartInfo] = {}
        self.error: BaseException | None = None
        self._threads = [threading.Thread(target=self._work, name=f"encode-{n}", daemon=True) for n in range(ENCODERS)]
        for thread in self._threads:
            thread.start()

    def put(self, group: list[tuple[int, list]]) -> None:
        self._queue.put(group)

    def close(self, *, raise_error: bool = True) -> None:
        """Wait for every segment handed over; raise the first error a thread met."""
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        if raise_error and self.error is not None:
            raise self.error

    def _work(self) -> None:
        while (group := self._queue.get()) is not None:
            if self.error is not None:
                continue  # the narration has failed: drain
            try:
                self._encode(group)
            except BaseException as exc:  # handed to the caller by close()
                self.error = exc
            # What the voice has freed meanwhile, between blocks still in use, goes back
            # to the system: else it stays resident until the end.
            release()

    def _encode(self, group: list[tuple[int, list]]) -> None:
        # The encoder reads one segment's PCM after another: one segment is held at a time.
        found: list[dict] = [{} for _ in group]
        rates = [_rate(refs) for _, refs in group]
        pcms = [(_levelled(refs, rate, self._gaps[i], self._segments[i], self._encoding, out), rate)
                for (i, refs), rate, out in zip(group, rates, found, strict=True)]  # fmt: skip
        encoded = encode_parts(pcms, bitrate=self._encoding.bitrate, sample_rate=self._encoding.sample_rate,
                               folder=self._folder, slot=self._slots)  # fmt: skip
        for (i, _), out, part in zip(group, found, encoded, strict=True):
            self.done[i] = write_part(self._paths[i], part, **out)


def master(
    script: Script, voice: VoiceProfile, keys: ScriptKeys, synthesiser: Synthesiser, cache: ClipCache,
    encoding: Encoding,
) -> EpisodeAudio:  # fmt: skip
    """The episode's audio: cached segments as they are, the others synthesised and
    encoded, in order, each as soon as its clips are ready."""
    segments = segment_script(script)
    if not segments:
        raise AudioError(f"{script.article.source or 'article'}: nothing to say")
    gaps = [pauses(script, s, voice, encoding.boundary) for s in segments]
    paths = [cache.part_path(_segment_key(s, keys, g, encoding)) for s, g in zip(segments, gaps, strict=True)]
    found: list[PartInfo | None] = [read_part(p) for p in paths]
    missing = [i for i, part in enumerate(found) if part is None]
    synthesiser.request([k for i in missing for utt in _keys(keys, segments[i]) for k in utt])
    # Segments whose clips are all cached are encoded first, while the voice loads for
    # the others: an edit where two segments meet re-encodes both, and only one has
    # anything to synthesise. The rest go to the encoders GROUP at a time, as the voice
    # speaks them, and the last few are shared between the encoders. Clips are collected
    # here, in order (the encoder is another process, and levelling is numpy, which
    # releases the GIL, so the encoder threads run beside the voice's).
    ready = [i for i in missing if all(synthesiser.cached(k) for utt in _keys(keys, segments[i]) for k in utt)]
    spoken = sorted(set(missing) - set(ready))
    # On a long article one ffmpeg process runs at a time (each holds about 35 MB): it
    # encodes its group's segments on threads of its own, so it uses the cores the voice
    # leaves, and the last group is not shared out. The other encoder thread meanwhile
    # levels the next group. A short one (an edit) shares its last segments between two.
    long = len(spoken) > 2 * GROUP
    encoders = _Encoders(paths, gaps, segments, encoding, cache.folder, processes=1 if long else ENCODERS)

    def collect(ids: list[int]) -> list[tuple[int, list]]:
        return [(i, [tuple(synthesiser.clip(k) for k in utt) for utt in _keys(keys, segments[i])]) for i in ids]

    def share(ids: list[int]) -> None:
        """Hand ``ids`` over in groups, in two at least if there are two segments."""
        size = min(GROUP, (len(ids) + 1) // 2)
        for n in range(0, len(ids), size or 1):
            encoders.put(collect(ids[n : n + size]))

    try:
        share(ready)
        for n in range(0, len(spoken), GROUP):
            if encoders.error is not None:
                break
            ids = spoken[n : n + GROUP]
            if n + GROUP >= len(spoken) and not long:
                share(ids)
            else:
                encoders.put(collect(ids))
    except BaseException:
        encoders.close(raise_error=False)  # the voice's error is the one to report
        raise
    if spoken:
        release()  # the voice has finished: what it freed goes back while the last segments encode
    encoders.close()
    for i, part in encoders.done.items():
        found[i] = part
    parts = tuple(p for p in found if p is not None)

    # Where each segment starts once joined: after all frames before it. Players skip
    # the first segment's encoder delay; later segments keep theirs inside the join.
    starts, pos = [], 0
    first = parts[0]
    for part in parts:
        starts.append((pos + part.delay - first.delay) / part.rate)
        pos += part.span.count * part.samples_per_frame
    duration = (pos - first.delay - parts[-1].span.padding) / first.rate
    plan = episode_plan(script, segments, starts, [p.spans for p in parts], duration, first.rate)

    total = sum(len(keys.tasks[k].text) for k in {k for part in keys.keys for utt in part for k in utt})
    return EpisodeAudio(
        plan=plan,
        parts=parts,
        loudness=episode_loudness(p.steps for p in parts) - ENCODER_LOSS_LU,
        true_peak=max(_true_peak(p.peak) for p in parts),
        characters_synthesised=synthesiser.characters_synthesised,
        characters_cached=total - synthesiser.characters_synthesised,
        engine_calls=synthesiser.engine_calls,
        segments_encoded=len(missing),
    )


def _true_peak(sample_peak: float) -> float:
    """The MP3's true peak from the sample peak fed to the encoder: audio the limiter bent
    rises by a measured constant; audio it left alone stays where it was."""
    knee = 20 * math.log10(0.7 * PEAK_CEILING)
    return sample_peak + (ENCODER_PEAK_RISE_DB if sample_peak > knee else 0.0)


def _keys(keys: ScriptKeys, segment: Segment) -> tuple[tuple[str, ...], ...]:
    return keys.keys[segment.part][segment.first : segment.stop]
