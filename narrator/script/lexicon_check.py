"""Lexicon check: does each lexicon entry make its word easier to hear as written?

Each term is said in a few carrier sentences by the voice, once as the lexicon would have
it said and once as the voice says it unaided, and an offline recogniser (the ``qa``
extra's Whisper tiny.en) writes down what it hears. A small recogniser spells rare names
its own way ("Zadirajni"), so a term is never expected to come back exactly: what is
compared is how close the heard word is to the written one, with the entry and without.
Sounds that English spelling writes several ways count as the same (a phonetic key), so
"Pescov" is heard as "Peskov".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..support.compare import edit_distance
from ..support.files import write_atomic
from ..synth.cache import ClipCache
from ..synth.synthesise import cache_key, check_voice
from ..synth.voices import Voicing
from ..text.lexicon import Entry, Lexicon

#: Sentences the term is said in: a subject, an object after a preposition, and the end
#: of a sentence, so one odd reading does not decide.
CARRIERS = (
    "{term} spoke to reporters on Monday.",
    "The talks with {term} ended late.",
    "Officials said they would meet {term}.",
)
#: A similarity (0 to 1) at least this high counts as heard as written.
HEARD = 0.75
#: How much closer (mean similarity) the entry must bring the heard word to help, or
#: take it away to hurt: less is within what the recogniser varies by.
MARGIN = 0.1


@dataclass(frozen=True)
class Hearing:
    sentence: str  # as written
    transcript: str  # all that was heard
    heard: str  # the words heard where the term was said
    similarity: float


@dataclass(frozen=True)
class EntryCheck:
    term: str
    say: str  # the respelling, or the phonemes the voice was given
    heard_with: float  # share of carriers where the term was heard as written, with the entry
    heard_without: float
    similarity_with: float  # mean similarity of heard to written, 0 to 1
    similarity_without: float
    verdict: str  # "helps", "neutral" or "hurts"
    note: str  # where the check can't tell, why
    with_entry: tuple[Hearing, ...]
    without_entry: tuple[Hearing, ...]

    def as_dict(self) -> dict:
        return asdict(self)


# -- hearing ------------------------------------------------------------------------------
_SOUNDS = (
    ("ough", "o"), ("tch", "ch"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("dg", "j"), ("ph", "f"), ("ck", "k"),
    ("kh", "k"), ("gh", "g"), ("th", "t"), ("ts", "z"), ("q", "k"), ("x", "ks"), ("c", "k"), ("w", "v"),
    ("v", "f"), ("z", "s"), ("y", "i"),
)  # fmt: skip


def sound_key(word: str) -> str:
    """``word`` reduced to how it sounds, roughly: lower case letters, spellings of the same
    consonant made one, every vowel run one vowel, doubled letters single."""
    key = re.sub(r"[^a-z]", "", word.lower())
    for spelling, sound in _SOUNDS:
        key = key.replace(spelling, sound)
    key = re.sub(r"[aeiou]+", "a", key)
    return re.sub(r"(.)\1+", r"\1", key)


def similarity(heard: str, written: str) -> float:
    """How close ``heard`` sounds to ``written``, from 0 to 1 (the same sound key)."""
    a, b = sound_key(heard), sound_key(written)
    if not a or not b:
        return 0.0
    return round(1 - edit_distance(a, b) / max(len(a), len(b)), 3)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))


def heard_term(carrier: str, transcript: str) -> str:
    """The words of ``transcript`` where the carrier sentence had its term: what is left
    when the carrier's own words before and after are taken off."""
    before, _, after = carrier.partition("{term}")
    words = _tokens(transcript)
    start = 0
    for expected in _tokens(before):
        if start < len(words) and words[start] == expected:
            start += 1
    end = len(words)
    for expected in reversed(_tokens(after)):
        if end > start and words[end - 1] == expected:
            end -= 1
    return " ".join(words[start:end])


class HeardBefore:
    """What the recogniser heard in each clip, kept in a file of the clip cache's folder
    and keyed by the clip's audio and the recogniser: it hears the same audio the same way
    every time (greedy decoding), so a check run again, or after one entry changed, only
    listens to clips it has not heard before. A file that can't be read is a cache of
    nothing; one that can't be written is left as it was."""

    def __init__(self, path: Path, recogniser: str) -> None:
        self.path, self.recogniser = path, recogniser
        self.heard: dict[str, str] = {}
        with contextlib.suppress(OSError, ValueError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            self.heard = {k: v for k, v in kept.items() if isinstance(v, str)} if isinstance(kept, dict) else {}
        self._changed = False

    def key(self, clip: Path) -> str:
        return hashlib.sha256(self.recogniser.encode() + b"\0" + clip.read_bytes()).hexdigest()

    def get(self, key: str) -> str | None:
        return self.heard.get(key)

    def put(self, key: str, transcript: str) -> None:
        self.heard[key], self._changed = transcript, True

    def save(self) -> None:
        if self._changed:
            with contextlib.suppress(OSError):
                write_atomic(self.path, json.dumps(self.heard, ensure_ascii=False), durable=False)


# -- saying -------------------------------------------------------------------------------
def say_sentences(texts: Iterable[str], voicing: Voicing, cache: ClipCache) -> list:
    """The clip of each text in the voice (``ClipRef``), from the cache when it is there."""
    engine, profile = voicing.engine, voicing.profile
    check_voice(engine, profile)
    refs = []
    for text in texts:
        key = cache_key(engine, profile, text)
        ref = cache.get(key)
        if ref is None:
            clip = engine.synthesise(text, profile)
            ref = cache.put(key, clip.samples, clip.sample_rate)
        refs.append(ref)
    return refs


def with_entry(text: str, entry: Entry, voicing: Voicing) -> str:
    """``text`` with ``entry`` applied as narration would for this voice."""
    return Lexicon(entries=(entry,)).apply(text, voicing.pronouncer)


def _given(entry: Entry, voicing: Voicing) -> str:
    engine = voicing.pronouncer
    return (entry.phonemes_in(engine.phonemes) if engine is not None else None) or entry.say or entry.term


# -- checking -----------------------------------------------------------------------------
def _verdict(with_: float, without: float, heard_with: float, heard_without: float) -> tuple[str, str]:
    delta = with_ - without
    verdict = "helps" if delta >= MARGIN else "hurts" if delta <= -MARGIN else "neutral"
    if verdict == "neutral" and heard_without == 1.0:
        return verdict, "heard as written without the entry: it can't be heard to help"
    if verdict == "neutral" and max(with_, without) < 0.5:
        return verdict, "heard far from the spelling either way: the recogniser can't tell"
    return verdict, ""


def check_entries(
    entries: Iterable[Entry],
    voicing: Voicing,
    cache: ClipCache,
    hear: Callable[[list], list[str]],
    *,
    carriers: tuple[str, ...] = CARRIERS,
) -> list[EntryCheck]:
    """Each entry's check. ``hear`` takes clips and gives what the recogniser heard in each."""
    results = []
    for entry in entries:
        plain = [c.format(term=entry.term) for c in carriers]
        marked = [with_entry(s, entry, voicing) for s in plain]
        heard = hear(say_sentences(marked + plain, voicing, cache))
        sides = []
        for transcripts in (heard[: len(carriers)], heard[len(carriers) :]):
            hearings = []
            for carrier, sentence, transcript in zip(carriers, plain, transcripts, strict=True):
                word = heard_term(carrier, transcript)
                hearings.append(Hearing(sentence=sentence, transcript=transcript.strip(), heard=word,
                                        similarity=similarity(word, entry.term)))  # fmt: skip
            sides.append(tuple(hearings))
        mean = [round(sum(h.similarity for h in side) / len(side), 3) for side in sides]
        rate = [round(sum(h.similarity >= HEARD for h in side) / len(side), 3) for side in sides]
        verdict, note = _verdict(mean[0], mean[1], rate[0], rate[1])
        results.append(EntryCheck(term=entry.term, say=_given(entry, voicing), heard_with=rate[0],
                                  heard_without=rate[1], similarity_with=mean[0], similarity_without=mean[1],
                                  verdict=verdict, note=note, with_entry=sides[0], without_entry=sides[1]))  # fmt: skip
    return results
