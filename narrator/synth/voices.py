"""Voice profiles: TOML files naming an engine, a voice, a pace and pauses.

Profiles are found in the user's folder first, then the built-in ``voices/``.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, EngineError, VoiceError
from ..models import Article, VoiceInfo, VoiceProfile
from ..settings import read_toml
from ..support.resources import builtin_dir

if TYPE_CHECKING:
    from .engines import TTSEngine


def _folders(user_dir: Path | None) -> list[Path]:
    folders = []
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise ConfigError(f"{user_dir}: voices folder does not exist")
        folders.append(Path(user_dir))
    folders.append(builtin_dir("voices"))
    return folders


#: Profile keys read as they are, each as its field's type; a key left out takes the
#: field's default in :class:`VoiceProfile`, the one place defaults are set.
_KEYS = {"name": str, "engine": str, "voice": str, "language": str, "speed": float, "description": str,
         "intro_voice": str, "lexicon": str}  # fmt: skip
_PAUSES = {"sentence": "sentence_pause", "paragraph": "paragraph_pause", "section": "section_pause"}


def read_profile(path: Path) -> VoiceProfile:
    data = read_toml(path, "voice profile", read_error=VoiceError)
    pauses = data.pop("pauses", {})
    options = data.pop("options", {})
    if "engine" not in data:
        raise ConfigError(f"{path}: voice profile needs 'engine'")
    try:
        values = {"name": path.stem, "voice": path.stem}
        values |= {key: kind(data.pop(key)) for key, kind in _KEYS.items() if key in data}
        values |= {name: float(pauses[key]) for key, name in _PAUSES.items() if key in pauses}
        values["options"] = tuple(sorted((str(k), str(v)) for k, v in options.items()))
        profile = VoiceProfile(**values, path=path)
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: invalid voice profile: {exc}") from None
    if data:
        raise ConfigError(f"{path}: unknown keys in voice profile: {', '.join(sorted(data))}")
    if not 0.5 <= profile.speed <= 2.0:
        raise ConfigError(f"{path}: speed must be between 0.5 and 2.0")
    return profile


def list_profiles(user_dir: Path | None = None) -> list[VoiceProfile]:
    """Every profile, the user's first; a name in the user's folder hides the built-in."""
    seen: dict[str, VoiceProfile] = {}
    for folder in _folders(user_dir):
        for path in sorted(folder.glob("*.toml")):
            profile = read_profile(path)
            seen.setdefault(profile.name, profile)
    return list(seen.values())


def load_profile(name: str, user_dir: Path | None = None) -> VoiceProfile:
    """A profile by name, or by the path of a TOML file."""
    if name.endswith(".toml") or "/" in name:
        path = Path(name)
        if not path.is_file():
            raise VoiceError(f"{name}: no such voice profile file")
        return read_profile(path)
    profiles = list_profiles(user_dir)
    for profile in profiles:
        if profile.name == name:
            return profile
    known = ", ".join(p.name for p in profiles)
    raise VoiceError(f"{name}: unknown voice (known voices: {known})")


def voice_infos(user_dir: Path | None, default: str) -> list[VoiceInfo]:
    """Every voice profile, the user's first, and whether each can run here; ``default``
    is the name of the configured one."""
    from .engines import load_engine

    found = []
    for profile in list_profiles(user_dir):
        try:
            reason = load_engine(profile.engine).unavailable(profile)
        except EngineError as exc:
            reason = str(exc)
        found.append(VoiceInfo(profile=profile, reason=reason, default=profile.name == default))
    return found


@dataclass(frozen=True)
class Voicing:
    """The voices that read one narration, with their engines loaded: the profile for the
    article, and optionally another for the intro, section titles and outro."""

    profile: VoiceProfile
    engine: TTSEngine
    intro: VoiceProfile | None = None
    intro_engine: TTSEngine | None = None

    @property
    def max_chars(self) -> int:
        """The longest chunk both engines take."""
        limits = [self.engine.max_chars] + ([self.intro_engine.max_chars] if self.intro_engine else [])
        return min(limits)

    @property
    def pronouncer(self) -> TTSEngine | None:
        """The engine whose inline phoneme markup the script may carry: none when the two
        engines read different alphabets, so lexicons fall back to respellings both read."""
        if self.intro_engine is not None and self.intro_engine.phonemes != self.engine.phonemes:
            return None
        return self.engine

    def engines(self) -> dict[str, TTSEngine]:
        found = {self.profile.engine: self.engine}
        if self.intro is not None and self.intro_engine is not None:
            found.setdefault(self.intro.engine, self.intro_engine)
        return found

    def prepare(self, folder: Path) -> None:
        """Let the engines keep data of their own in ``folder`` (the user's cache
        folder), in a form quicker to load: before they speak."""
        from .engines import KeepsData

        for engine in self.engines().values():
            if isinstance(engine, KeepsData):
                engine.use_cache(folder)

    def known_words(self, folder: Path | None) -> Set[str]:
        """The words the voice's dictionary has, listed in ``folder`` (the user's cache
        folder) for the next time."""
        from .words import known_words

        return known_words(self.engine, folder)


def voicing_for(profile: VoiceProfile, user_dir: Path | None = None) -> Voicing:
    """``profile`` and its intro voice, if it names one, with their engines."""
    from .engines import load_engine

    intro = load_profile(profile.intro_voice, user_dir) if profile.intro_voice else None
    engine = load_engine(profile.engine)
    intro_engine = None
    if intro is not None:
        intro_engine = engine if intro.engine == profile.engine else load_engine(intro.engine)
    return Voicing(profile=profile, engine=engine, intro=intro, intro_engine=intro_engine)


def pick_voice(article: Article, name: str, user_dir: Path | None = None) -> VoiceProfile:
    """The voice ``name`` if it speaks the article's language, else a profile that does.

    Raises VoiceError naming the language and the voices that exist when none fits.
    """
    from .engines import load_engine

    profile = load_profile(name, user_dir)
    wanted = (article.language or "").split("-")[0].lower()
    if not wanted or profile.language == "any" or profile.language.split("-")[0].lower() == wanted:
        return profile
    profiles = list_profiles(user_dir)
    for candidate in profiles:
        if candidate.language.split("-")[0].lower() == wanted:
            reason = load_engine(candidate.engine).unavailable(candidate)
            if reason is None:
                return candidate
    known = ", ".join(f"{p.name} ({p.language})" for p in profiles)
    raise VoiceError(
        f"{article.source or 'article'}: the article is in {wanted!r} and no voice speaks it (voices: {known})"
    )
