"""Pronunciation: how the voice says a word, the publication's own lexicon that editors
keep, and whether a lexicon's entries make their words easier to hear."""

from __future__ import annotations

import io
import re
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from ..episodes import lexicon_store
from ..episodes.lexicon_store import Change
from ..errors import ConfigError
from ..settings import Settings
from ..synth.cache import cache_folder, clip_cache
from ..synth.voices import Voicing, load_profile, voicing_for
from ..text.lexicon import Entry, Lexicon, find_lexicon, read_lexicon

if TYPE_CHECKING:
    from ..script.lexicon_check import EntryCheck

__all__ = [
    "Change",
    "check_lexicon",
    "entry_for",
    "lexicon_history",
    "publication_lexicon",
    "save_pronunciation",
    "say_word",
]

#: The sentence a word is said in for an editor to hear it: a word alone is said with
#: the falling tone of a list's end, not as it sounds in a story.
SAY_IN = "We spoke to {word} today."
_WORD = re.compile(r"[^\W\d_][\w'’.-]{0,63}")
# IPA to the misaki alphabet hibari voices read: its diphthongs are single letters.
_MISAKI = (("aɪ", "I"), ("eɪ", "A"), ("oʊ", "O"), ("əʊ", "O"), ("aʊ", "W"), ("ɔɪ", "Y"), ("dʒ", "ʤ"), ("tʃ", "ʧ"),
           ("r", "ɹ"), ("ː", ""), ("ɒ", "ɑ"), ("g", "ɡ"), ("e", "ɛ"))  # fmt: skip


def publication_lexicon(where: Settings | Path) -> Lexicon:
    """The publication's own lexicon: what its editors saved, in the object store of
    ``store`` or else the output folder (``OUT/lexicon.toml``); empty when there is none."""
    return lexicon_store.publication_lexicon(lexicon_store.kept_in(where))


def lexicon_history(where: Settings | Path) -> list[Change]:
    """Every change to the publication's lexicon (see :func:`publication_lexicon`), with
    who made it and when, oldest first."""
    return lexicon_store.lexicon_history(lexicon_store.kept_in(where))


def _voicing(settings: Settings) -> Voicing:
    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    voicing.prepare(cache_folder(settings))
    return voicing


def _check_word(word: str) -> str:
    word = word.strip()
    if not _WORD.fullmatch(word):
        raise ConfigError(f"{word!r}: not a word to pronounce (letters, up to 64)")
    return word


def entry_for(word: str, spelling: str) -> Entry:
    """The lexicon entry for ``word`` said as ``spelling``: a respelling ("lav-ROFF"), or
    IPA between slashes ("/lævˈrɒf/") or written with IPA letters."""
    word, spelling = _check_word(word), spelling.strip()
    if not spelling or len(spelling) > 100:
        raise ConfigError(f"{word}: give a respelling or IPA (up to 100 characters)")
    ipa = spelling.strip("/[]") if spelling[:1] in "/[" or not spelling.isascii() else None
    if ipa is None:
        if not re.fullmatch(r"[A-Za-z' -]+", spelling):
            raise ConfigError(f"{word}: a respelling is letters, hyphens and spaces; IPA goes between slashes")
        # Capitals mark the stress for the reader; the voice would spell them out as letters.
        return Entry(term=word, say=spelling.lower())
    misaki = ipa
    for sound, letter in _MISAKI:
        misaki = misaki.replace(sound, letter)
    return Entry(term=word, say=None, phonemes=misaki, ipa=ipa)


def say_word(settings: Settings, word: str, spelling: str | None = None) -> bytes:
    """WAV audio of the configured voice saying ``word`` in a short sentence: as narration
    would now, or as ``spelling`` (see :func:`entry_for`) would have it. From the clip
    cache when it has been said before."""
    from ..script.lexicon_check import say_sentences, with_entry
    from ..synth.cache import load_pcm
    from .reading import _lexicon

    word = _check_word(word)
    voicing = _voicing(settings)
    sentence = SAY_IN.format(word=word)
    if spelling:
        text = with_entry(sentence, entry_for(word, spelling), voicing)
    else:
        text = _lexicon(voicing.profile, settings).apply(sentence, voicing.pronouncer)
    with clip_cache(settings) as cache:
        (ref,) = say_sentences([text], voicing, cache)
        samples = load_pcm(ref)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(ref.rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def save_pronunciation(settings: Settings, word: str, spelling: str | None, editor: str) -> Change:
    """Save ``word`` said as ``spelling`` in the publication's lexicon (``OUT/lexicon.toml``,
    or the object store of ``store``), or with no spelling remove it, recorded as
    ``editor``'s change. The next narration, on any machine, says it so, and synthesises
    again only the sentences that hold it."""
    word = _check_word(word)
    entry = entry_for(word, spelling) if spelling and spelling.strip() else None
    return lexicon_store.save_entry(lexicon_store.kept_in(settings), word, entry, editor)


def check_lexicon(settings: Settings, name: str | None = None) -> list[EntryCheck]:
    """Each entry of lexicon ``name`` (a name or .toml path; by default the configured one)
    said in carrier sentences by the configured voice with and without it, heard by the
    offline recogniser (needs ``narrator[qa]``): see :mod:`narrator.script.lexicon_check`."""
    from ..episodes.check import _recogniser, recogniser_name, require_qa, transcribe
    from ..script.lexicon_check import HeardBefore, check_entries
    from ..support.fft import scipy_imports
    from ..synth.cache import load_clip

    name = name or settings.lexicon
    if not name:
        raise ConfigError("lexicon: none is configured; name one")
    lexicon: Lexicon = read_lexicon(find_lexicon(name, settings.lexicons_dir))
    require_qa()
    voicing = _voicing(settings)
    models: list = []  # loaded when a clip is first heard: none may need it

    def hear(refs: list) -> list[str]:
        from math import gcd

        with scipy_imports():
            from scipy.signal import resample_poly

        heard = []
        for ref in refs:
            key = before.key(ref.path)
            transcript = before.get(key)
            if transcript is None:
                models[:] = models or [_recogniser()]
                g = gcd(ref.rate, 16000)
                samples = resample_poly(load_clip(ref), 16000 // g, ref.rate // g).astype("float32")
                transcript = " ".join(w for _, _, w in transcribe(samples, models[0]))
                before.put(key, transcript)
            heard.append(transcript)
        return heard

    with clip_cache(settings) as cache:
        before = HeardBefore(cache.folder / "lexicon-check-heard.json", recogniser_name())
        try:
            return check_entries(lexicon.entries, voicing, cache, hear)
        finally:
            before.save()
