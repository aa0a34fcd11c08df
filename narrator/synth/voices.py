"""Voice profiles: TOML files naming an engine, a voice, a pace and pauses.

Profiles are found in the user's folder first, then the built-in ``voices/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError, VoiceError
from ..models import Article, VoiceProfile
from ..resources import builtin_dir
from ..settings import read_toml

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


def read_profile(path: Path) -> VoiceProfile:
    data = read_toml(path, "voice profile", read_error=VoiceError)
    pauses = data.pop("pauses", {})
    options = data.pop("options", {})
    try:
        profile = VoiceProfile(
            name=str(data.pop("name", path.stem)),
            engine=str(data.pop("engine")),
            voice=str(data.pop("voice", path.stem)),
            language=str(data.pop("language", "en")),
            speed=float(data.pop("speed", 1.0)),
            description=str(data.pop("description", "")),
            sentence_pause=float(pauses.get("sentence", 0.35)),
            paragraph_pause=float(pauses.get("paragraph", 0.7)),
            section_pause=float(pauses.get("section", 1.2)),
            intro_voice=data.pop("intro_voice", None),
            lexicon=data.pop("lexicon", None),
            options=tuple(sorted((str(k), str(v)) for k, v in options.items())),
            path=path,
        )
    except KeyError as exc:
        raise ConfigError(f"{path}: voice profile needs {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
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
