"""One settings object, layered: defaults, then ``narrator.toml``, then ``NARRATOR_*``
environment variables, then explicit overrides (the CLI's flags).

Each setting is declared once in :data:`SETTINGS` with its type, default and help, so
the loader, ``narrator config --show`` and the README's table all read from one list.
AWS credentials are never settings: boto3 finds them itself.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError

CONFIG_FILE = "narrator.toml"
ENV_PREFIX = "NARRATOR_"

DEFAULT_DISCLOSURE = "This audio was created with AI assistance. The voice you are hearing is synthetic."


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything narrator can be told. Build it with :func:`load_settings`."""

    out: Path = field(default=Path("output"), metadata={"help": "Output folder for episodes."})
    voice: str = field(default="heart", metadata={"help": "Voice profile name or path."})
    voices_dir: Path | None = field(
        default=None, metadata={"help": "Folder of voice profiles searched before the built-in ones."}
    )
    templates_dir: Path | None = field(
        default=None, metadata={"help": "Folder of templates searched before the built-in ones."}
    )
    lexicon: str | None = field(
        default="newsroom", metadata={"help": "Pronunciation lexicon for every voice (name or .toml path)."}
    )
    lexicons_dir: Path | None = field(
        default=None, metadata={"help": "Folder of lexicons searched before the built-in ones."}
    )
    links: str = field(default="brief", metadata={"help": "Links in the text: brief (say the site) or omit."})
    disclosure: bool = field(default=True, metadata={"help": "Say in the intro that the audio was made with AI."})
    disclosure_text: str = field(
        default=DEFAULT_DISCLOSURE, metadata={"help": "Wording of the AI-assistance disclosure."}
    )
    bitrate: int = field(default=96, metadata={"help": "MP3 constant bitrate in kbit/s (>= 64)."})
    sample_rate: int = field(default=44100, metadata={"help": "MP3 sample rate in Hz."})
    loudness: float = field(default=-16.0, metadata={"help": "Integrated loudness target of the episode, LUFS."})
    fetch_timeout: float = field(default=20.0, metadata={"help": "Seconds to wait for a URL before giving up."})
    max_fetch_bytes: int = field(default=10_000_000, metadata={"help": "Largest page or file read, in bytes."})
    allow_private_urls: bool = field(
        default=False,
        metadata={"help": "Fetch URLs on private, loopback and link-local addresses (intranets)."},
    )
    api_tokens: str | None = field(
        default=None, metadata={"help": "Comma-separated bearer tokens the HTTP service accepts."}
    )
    webhook_secret: str | None = field(
        default=None, metadata={"help": "Key for the HMAC-SHA256 signature on webhook calls."}
    )
    max_body_bytes: int = field(default=2_000_000, metadata={"help": "Largest request body the service takes."})
    publish_to: str | None = field(
        default=None, metadata={"help": "Where the service also publishes after each job, e.g. s3://bucket/prefix."}
    )
    broker: str | None = field(
        default=None, metadata={"help": "Celery broker URL (redis://...) for jobs; none runs them in-process."}
    )
    visibility_timeout: int = field(
        default=600, metadata={"help": "Seconds before a job taken by a lost worker is handed to another."}
    )
    user_agent: str = field(
        default="narrator/0.1 (+article narration)",
        metadata={"help": "User-Agent sent when fetching URLs."},
    )
    cache: bool = field(default=True, metadata={"help": "Reuse synthesised sentences from the clip cache."})
    cache_dir: Path | None = field(
        default=None, metadata={"help": "Clip cache folder (default: ~/.cache/narrator/clips)."}
    )
    cache_max_mb: int = field(default=2000, metadata={"help": "Largest size of the clip cache, in MB."})
    jobs: int = field(default=0, metadata={"help": "Parallel synthesis workers; 0 picks one per core (up to 4)."})
    timezone: str = field(default="UTC", metadata={"help": "Time zone for dates that pages give without one."})
    artwork: Path | None = field(default=None, metadata={"help": "Square JPEG or PNG embedded in each MP3 (APIC)."})
    public_base_url: str = field(
        default="http://localhost:8000/",
        metadata={"help": "Public URL of the published folder; feed and enclosure URLs start with it."},
    )
    s3_endpoint_url: str | None = field(
        default=None, metadata={"help": "S3-compatible endpoint (MinIO, R2); default is AWS."}
    )
    s3_timeout: float = field(
        default=20.0, metadata={"help": "Seconds to wait for the store before retrying a request."}
    )
    s3_acl: str | None = field(
        default=None, metadata={"help": "Canned ACL for uploads, e.g. public-read; none by default."}
    )
    podcast_title: str = field(default="narrator", metadata={"help": "Feed title ([podcast] title)."})
    podcast_description: str = field(
        default="Articles read aloud.", metadata={"help": "Feed description ([podcast] description)."}
    )
    podcast_link: str | None = field(
        default=None, metadata={"help": "Publisher's website ([podcast] link); default: public_base_url."}
    )
    podcast_language: str = field(default="en", metadata={"help": "Feed language ([podcast] language)."})
    podcast_image: str | None = field(
        default=None, metadata={"help": "Cover art URL, 1400-3000 px square ([podcast] image)."}
    )
    podcast_category: str = field(default="News", metadata={"help": "Apple Podcasts category ([podcast] category)."})
    podcast_explicit: bool = field(default=False, metadata={"help": "itunes:explicit ([podcast] explicit)."})
    podcast_author: str | None = field(default=None, metadata={"help": "itunes:author ([podcast] author)."})
    podcast_owner_name: str | None = field(default=None, metadata={"help": "itunes:owner name ([podcast] owner_name)."})
    podcast_owner_email: str | None = field(
        default=None, metadata={"help": "itunes:owner e-mail ([podcast] owner_email)."}
    )
    podcast_type: str = field(default="episodic", metadata={"help": "itunes:type: episodic or serial."})
    podcast_locked: bool = field(
        default=True, metadata={"help": "podcast:locked: refuse imports by other hosts ([podcast] locked)."}
    )
    podcast_medium: str = field(default="podcast", metadata={"help": "podcast:medium ([podcast] medium)."})
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    def source_of(self, name: str) -> str:
        """Where a setting's value came from: default, a file, env, or flag."""
        return self.sources.get(name, "default")

    def items(self) -> list[tuple[str, Any, str]]:
        return [(f.name, getattr(self, f.name), self.source_of(f.name)) for f in setting_fields()]


def setting_fields():
    return [f for f in fields(Settings) if f.name != "sources"]


def _convert(name: str, raw: Any, origin: str) -> Any:
    """Turn a raw value from TOML, the environment or a flag into the setting's type."""
    kind = {f.name: f.type for f in setting_fields()}[name]
    try:
        if kind in ("Path", "Path | None"):
            return None if raw in ("", None) else Path(str(raw)).expanduser()
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"expected true or false, got {raw!r}")
        if kind == "int":
            if isinstance(raw, bool):
                raise ValueError(f"expected a whole number, got {raw!r}")
            return int(raw)
        if kind == "float":
            if isinstance(raw, bool):
                raise ValueError(f"expected a number, got {raw!r}")
            return float(raw)
        if kind == "str | None" and raw in ("", None):
            return None
        if not isinstance(raw, str):
            raise ValueError(f"expected text, got {raw!r}")
        return raw
    except ValueError as exc:
        raise ConfigError(f"{origin}: setting {name!r}: {exc}") from None


def _validate(settings: Settings) -> Settings:
    if settings.bitrate < 64 or settings.bitrate > 320:
        raise ConfigError(f"{settings.source_of('bitrate')}: bitrate must be 64 to 320 kbit/s, got {settings.bitrate}")
    if settings.sample_rate not in (22050, 24000, 32000, 44100, 48000):
        raise ConfigError(
            f"{settings.source_of('sample_rate')}: sample_rate must be one of "
            f"22050, 24000, 32000, 44100 or 48000, got {settings.sample_rate}"
        )
    if settings.links not in ("brief", "omit"):
        raise ConfigError(f"{settings.source_of('links')}: links must be brief or omit")
    if settings.podcast_type not in ("episodic", "serial"):
        raise ConfigError(f"{settings.source_of('podcast_type')}: podcast type must be episodic or serial")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(settings.timezone)
    except (KeyError, ValueError):
        raise ConfigError(f"{settings.source_of('timezone')}: unknown time zone {settings.timezone!r}") from None
    if not -40 <= settings.loudness <= -5:
        raise ConfigError(f"{settings.source_of('loudness')}: loudness must be between -40 and -5 LUFS")
    return settings


def read_toml(
    path: Path, what: str, *, invalid: str | None = None, read_error: type[Exception] = ConfigError
) -> dict[str, Any]:
    """A TOML file's contents; errors name the file and say what it was meant to be."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise read_error(f"{path}: can't read {what}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid {invalid or what}: {exc}") from None


def read_config_file(path: Path) -> dict[str, Any]:
    return read_toml(path, "config file", invalid="TOML")


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Build the settings from defaults, ``narrator.toml``, ``NARRATOR_*`` and overrides.

    ``config_file`` (or ``NARRATOR_CONFIG``) names the TOML file; otherwise
    ``narrator.toml`` in ``cwd`` is read if it exists. Overrides whose value is ``None``
    are ignored, so CLI flags that were not given don't mask the layers below.
    """
    environ = os.environ if environ is None else environ
    names = {f.name for f in setting_fields()}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    if config_file is None and environ.get(ENV_PREFIX + "CONFIG"):
        config_file = Path(environ[ENV_PREFIX + "CONFIG"])
    if config_file is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILE
        config_file = candidate if candidate.is_file() else None
    if config_file is not None:
        data = read_config_file(config_file)
        table = dict(data.get("narrator", data))
        for key, raw in dict(table.pop("podcast", {})).items():
            table[f"podcast_{key}"] = raw  # [podcast] title = ... is podcast_title
        for key, raw in table.items():
            if key not in names:
                raise ConfigError(f"{config_file}: unknown setting {key!r}")
            values[key] = _convert(key, raw, str(config_file))
            sources[key] = str(config_file)

    for name in names:
        env_name = ENV_PREFIX + name.upper()
        if env_name in environ:
            values[name] = _convert(name, environ[env_name], env_name)
            sources[name] = env_name

    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in names:
            raise ConfigError(f"unknown setting {name!r}")
        values[name] = _convert(name, raw, "flag")
        sources[name] = "flag"

    return _validate(Settings(**values, sources=MappingProxyType(sources)))


def with_overrides(settings: Settings, **changes: Any) -> Settings:
    """A copy of ``settings`` with some values replaced, recorded as flags."""
    sources = dict(settings.sources)
    sources.update({k: "flag" for k in changes})
    return _validate(replace(settings, **changes, sources=MappingProxyType(sources)))


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The settings as plain JSON values, to hand to a worker in another process."""
    out: dict[str, Any] = {}
    for f in setting_fields():
        value = getattr(settings, f.name)
        out[f.name] = str(value) if isinstance(value, Path) else value
    return out


def settings_from_dict(values: Mapping[str, Any]) -> Settings:
    converted = {name: _convert(name, raw, "job") for name, raw in values.items() if raw is not None}
    return _validate(Settings(**converted))
