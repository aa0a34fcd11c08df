"""Reading an article and what would be said of it: before any audio is made."""


from __future__ import annotations

import re
from collections.abc import Callable, Set
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..ingest.clean import clean_article
from ..ingest.limits import within_limits
from ..ingest.sources import ingest
from ..models import Article, Script, VoiceInfo, VoiceProfile
from ..script.build import build_script
from ..settings import Settings
from ..synth.cache import cache_folder
from ..synth.voices import Voicing, list_profiles, load_profile, voice_infos, voicing_for
from ..text.lexicon import Lexicon, load_lexicons

if TYPE_CHECKING:
    from ..script.lint import Finding


# -- reading ------------------------------------------------------------------------------
def start_process() -> None:
    """What a program that runs narrator (its command line, service and workers) sets
    once for its whole process, before any work: how the C allocator returns memory
    (:mod:`narrator.support.memory`). Library callers in another program leave it alone."""
    from ..support.memory import return_large_blocks

    return_large_blocks()


def read_article(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Article:
    """Ingest and clean: the article's own content and metadata, within the limits the
    settings set (:func:`narrator.ingest.limits.within_limits`)."""
    return within_limits(clean_article(ingest(source, settings, data=data, fmt=fmt)), settings, source)


def _lexicon(profile: VoiceProfile, settings: Settings) -> Lexicon:
    """The configured lexicon with the voice's own on top, and over both what the
    publication's editors saved (``OUT/lexicon.toml``, or the object store of ``store``,
    which every machine reads): their fix wins."""
    from ..episodes.lexicon_store import kept_in, publication_lexicon

    configured = load_lexicons([settings.lexicon, profile.lexicon], settings.lexicons_dir)
    return configured.merged(publication_lexicon(kept_in(settings)))


def _script(
    article: Article, voicing: Voicing, settings: Settings, words: Set[str] | None = None
) -> Script:  # fmt: skip
    speaker = voicing.engine
    return build_script(article, settings, max_chars=voicing.max_chars, lexicon=_lexicon(voicing.profile, settings),
                        engine=voicing.pronouncer, initialisms=speaker.initialisms,
                        words=voicing.known_words(cache_folder(settings)) if words is None else words)  # fmt: skip


def make_script(
    source: str | Path, settings: Settings, *, data: bytes | None = None, fmt: str | None = None
) -> Script:
    """Everything that would be spoken for ``source`` by the configured voice, without
    synthesising."""
    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    return _script(read_article(source, settings, data=data, fmt=fmt), voicing, settings)


def readable(settings: Settings) -> Callable[[str], str]:
    """How a person reads what the configured voice says: its pronunciation markup
    (``[Kyiv](/kˈiɪv/)``) shown as the word it stands for, and a lexicon's respelling
    the voice is given in a term's place shown after the term ("Lavrov (lav-ROFF)")."""
    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    unmark = voicing.engine.unmark
    alphabet = voicing.pronouncer.phonemes if voicing.pronouncer is not None else None
    terms = {e.say: e.term for e in _lexicon(voicing.profile, settings).entries
             if e.say and e.say != e.term and not e.phonemes_in(alphabet)}  # fmt: skip
    if not terms:
        return unmark
    # Where Lexicon.apply put a respelling: the same word boundaries.
    alternatives = "|".join(map(re.escape, sorted(terms, key=len, reverse=True)))
    said = re.compile(rf"(?<![\w\[/-])({alternatives})(?![\w\]/-])")

    def show(text: str) -> str:
        return said.sub(lambda m: f"{terms[m.group(1)]} ({m.group(1)})", unmark(text))

    return show


def pronunciations(script: Script, settings: Settings) -> list[dict[str, str | None]]:
    """The lexicon's terms ``script`` holds, each with how it is written, what the voice
    is given for it (its markup or the respelling) and the respelling an editor reads."""
    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    lexicon = _lexicon(voicing.profile, settings)
    written = "\n".join(u.written for part in script.parts for u in part.utterances)
    found = []
    for entry in lexicon.entries:
        flags = 0 if lexicon.case_sensitive else re.IGNORECASE
        if re.search(rf"(?<![\w-]){re.escape(entry.term)}(?![\w-])", written, flags):
            one = Lexicon(entries=(entry,))
            found.append({"written": entry.term, "spoken": one.apply(entry.term, voicing.pronouncer),
                          "respelling": entry.say})  # fmt: skip
    return found


def lint(
    source: str | Path,
    settings: Settings,
    *,
    data: bytes | None = None,
    fmt: str | None = None,
    min_score: float | None = None,
) -> tuple[Script, list[Finding]]:
    """The script for ``source`` and what an editor should fix before narrating it: names
    whose risk of being said wrong is at least ``min_score`` (0 to 1; by default the
    threshold lint reports at, 0 for every name the voice's dictionary lacks)."""
    from ..script.lint import lint_script
    from ..script.risk import THRESHOLD

    voicing = voicing_for(load_profile(settings.voice, settings.voices_dir), settings.voices_dir)
    words = voicing.known_words(cache_folder(settings))
    script = _script(read_article(source, settings, data=data, fmt=fmt), voicing, settings, words)
    lexicon = _lexicon(voicing.profile, settings)
    threshold = THRESHOLD if min_score is None else min_score
    return script, lint_script(script, lexicon, voicing.engine, words, min_score=threshold)


# -- voices -------------------------------------------------------------------------------
def voices(settings: Settings) -> list[VoiceInfo]:
    """Every voice profile, the user's first, and whether each can run here."""
    return voice_infos(settings.voices_dir, settings.voice)


def voice_names(settings: Settings) -> list[str]:
    """The names of the voice profiles, the user's first, without loading any engine:
    what a client of the service may choose from (never a path)."""
    return list(dict.fromkeys(p.name for p in list_profiles(settings.voices_dir)))




# -- lexicons -----------------------------------------------------------------------------
def import_pls(path: Path, to: Path | None = None) -> str:
    """The W3C PLS lexicon at ``path`` as narrator's TOML lexicon. Written to ``to`` when
    given: over the same terms of the lexicon already there, keeping its others."""
    from ..support.files import write_atomic
    from ..text.lexicon import lexicon_toml, read_lexicon
    from ..text.pls import read_pls

    lexicon = read_pls(Path(path))
    if to is not None:
        to = Path(to)
        if to.is_file():
            lexicon = read_lexicon(to).merged(lexicon)
        try:
            write_atomic(to, lexicon_toml(lexicon))
        except OSError as exc:
            raise ConfigError(f"{to}: can't write the lexicon: {exc.strerror or exc}") from None
    return lexicon_toml(lexicon)


def export_pls(
    settings: Settings, name: str | None = None, *, language: str = "en-US", standard: bool = False
) -> bytes:
    """The lexicon ``name`` (a name or a .toml path; by default the configured one) as a
    W3C PLS document for ``language``; ``standard`` leaves out the misaki phonemes only
    narrator reads, for a service that refuses an alphabet it doesn't know."""
    from ..text.lexicon import find_lexicon, read_lexicon
    from ..text.pls import pls_bytes

    name = name or settings.lexicon
    if not name:
        raise ConfigError("lexicon: none is configured; name one")
    return pls_bytes(read_lexicon(find_lexicon(name, settings.lexicons_dir)), language, private=not standard)
