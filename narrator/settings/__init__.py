"""One settings object, layered: defaults, then ``narrator.toml``, then ``NARRATOR_*``
environment variables, then explicit overrides (the CLI's flags).

Settings are grouped by what they concern: the general ones sit on :class:`Settings`
itself, the rest in :class:`AudioSettings`, :class:`FetchSettings`,
:class:`ServiceSettings`, :class:`S3Settings`, :class:`~narrator.settings.podcast.PodcastSettings` and
:class:`~narrator.settings.follow.FollowSettings`. Each is
declared once, with its type, default and help; every setting also has one flat name
(``bitrate``, ``fetch_timeout``, ``podcast_title``) used for its environment variable
(``NARRATOR_BITRATE``), for flags, and at the top level of ``narrator.toml``, where
``[audio] bitrate = 128`` means the same as ``bitrate = 128``.

Secrets (the API tokens, the webhook key) are never shown: not in ``repr``, not by
``narrator config --show``, and not in the settings sent to a worker. Where each value
came from is kept for display only, as a tuple that survives pickling.
AWS credentials are never settings: boto3 finds them itself.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .follow import FollowSettings
from .podcast import LOCAL_BASE_URL as LOCAL_BASE_URL  # where the previews are served
from .podcast import PodcastSettings
from .values import (
    NAME,
    ONE_LINE,
    SECONDS,
    URL,
    ZONE,
    Allowed,
    Refused,
    Spec,
    number,
    one_of,
    shown,
    typed,
    whole,
)
from .values import setting as _setting

CONFIG_FILE = "narrator.toml"
ENV_PREFIX = "NARRATOR_"
REDACTED = "********"

DEFAULT_DISCLOSURE = "This audio was created with AI assistance. The voice you are hearing is synthetic."


@dataclass(frozen=True, kw_only=True)
class AudioSettings:
    """How episodes sound: encoding, loudness and artwork."""

    bitrate: int = _setting(96, "MP3 constant bitrate in kbit/s (64 to 320).", allowed=whole(64, 320))
    sample_rate: int = _setting(44100, "MP3 sample rate in Hz.", allowed=one_of(22050, 24000, 32000, 44100, 48000))
    loudness: float = _setting(-16.0, "Integrated loudness target of the episode, LUFS.", allowed=number(-40, -5))
    artwork: Path | None = _setting(None, "Square JPEG or PNG embedded in each MP3 (APIC).")


@dataclass(frozen=True, kw_only=True)
class FetchSettings:
    """How articles are fetched and read, and how much of them."""

    timeout: float = _setting(
        20.0, "Seconds a URL has to answer in full, redirects included, before narrator gives up.",
        flat="fetch_timeout", allowed=SECONDS,
    )  # fmt: skip
    max_bytes: int = _setting(
        10_000_000, "Largest page or file read, in bytes.", flat="max_fetch_bytes", allowed=whole(1)
    )
    max_words: int = _setting(
        50_000, "Longest article narrated, in words; a longer one is refused once read, before any synthesis.",
        flat="max_article_words", allowed=whole(1),
    )  # fmt: skip
    allow_private_urls: bool = _setting(False, "Fetch URLs on private, loopback and link-local addresses (intranets).")
    user_agent: str = _setting(
        "narrator/0.1 (+article narration)", "User-Agent sent when fetching URLs.", allowed=ONE_LINE
    )


@dataclass(frozen=True, kw_only=True)
class ServiceSettings:
    """The HTTP service and its job queue."""

    api_tokens: str | None = _setting(None, "Comma-separated bearer tokens the HTTP service accepts.", secret=True)
    webhook_secret: str | None = _setting(None, "Key for the HMAC-SHA256 signature on webhook calls.", secret=True)
    max_body_bytes: int = _setting(
        2_000_000, "Largest request body the service takes, chunked or not.", allowed=whole(1)
    )
    callback_timeout: float = _setting(
        30.0, "Seconds the service may spend delivering a job's callback, retries included.", allowed=SECONDS
    )
    broker: str | None = _setting(None, "Celery broker URL (redis://...) for jobs; none runs them in-process.")
    visibility_timeout: int = _setting(
        600, "Seconds before a job taken by a lost worker is handed to another.", allowed=whole(1)
    )


@dataclass(frozen=True, kw_only=True)
class S3Settings:
    """S3 and S3-compatible stores."""

    endpoint_url: str | None = _setting(
        None, "S3-compatible endpoint (MinIO, R2); default is AWS.", flat="s3_endpoint_url", allowed=URL
    )
    timeout: float = _setting(
        20.0, "Seconds to wait for the store before retrying a request.", flat="s3_timeout", allowed=SECONDS
    )
    acl: str | None = _setting(None, "Canned ACL for uploads, e.g. public-read; none by default.", flat="s3_acl")


#: Group attribute on Settings -> (its class, the prefix of its members' flat names).
GROUPS: dict[str, tuple[type, str]] = {
    "audio": (AudioSettings, ""),
    "fetch": (FetchSettings, ""),
    "service": (ServiceSettings, ""),
    "s3": (S3Settings, "s3_"),
    "podcast": (PodcastSettings, "podcast_"),
    "follow": (FollowSettings, "follow_"),
}


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything narrator can be told. Build it with :func:`load_settings`."""

    out: Path = _setting(Path("output"), "Output folder for episodes.")
    voice: str = _setting("heart", "Voice profile name or path.", allowed=NAME)
    voices_dir: Path | None = _setting(None, "Folder of voice profiles searched before the built-in ones.")
    templates_dir: Path | None = _setting(None, "Folder of templates searched before the built-in ones.")
    lexicon: str | None = _setting("newsroom", "Pronunciation lexicon for every voice (name or .toml path).")
    lexicons_dir: Path | None = _setting(None, "Folder of lexicons searched before the built-in ones.")
    links: str = _setting("brief", "Links in the text: brief (say the site) or omit.", allowed=one_of("brief", "omit"))
    disclosure: bool = _setting(True, "Say in the intro that the audio was made with AI.")
    disclosure_text: str = _setting(DEFAULT_DISCLOSURE, "Wording of the AI-assistance disclosure.")
    timezone: str = _setting("UTC", "Time zone for dates that pages give without one.", allowed=ZONE)
    cache: bool = _setting(True, "Reuse synthesised sentences from the clip cache.")
    cache_dir: Path | None = _setting(None, "Clip cache folder (default: ~/.cache/narrator/clips).")
    cache_max_mb: int = _setting(2000, "Largest size of the clip cache, in MB.", allowed=whole(0))
    cache_url: str | None = _setting(
        None,
        "Object store shared by every machine's clip cache, e.g. s3://bucket/clips: read when a clip or segment "
        "isn't on disk, written when one is made. A worker's own value wins over its jobs'.",
        allowed=Allowed(
            "an S3 URL such as s3://bucket/prefix", lambda v: re.fullmatch(r"s3://[^/\s]+(/\S*)?", v) is not None
        ),
    )
    jobs: int = _setting(0, "Parallel synthesis workers; 0 picks one per core (up to 4).", allowed=whole(0, 64))
    publish_to: str | None = _setting(
        None,
        "Where narrated episodes and retractions are also published, e.g. s3://bucket/prefix.",
        allowed=Allowed("a target such as s3://bucket/prefix", lambda v: re.fullmatch(r"\w+://\S+", v) is not None),
    )
    store: str | None = _setting(
        None,
        "Episode store shared by workers on many machines, s3://bucket/prefix: episodes, slugs and the podcast "
        "live there, and the output folder only stages a narration; none keeps them in the output folder.",
        allowed=Allowed("s3://bucket/prefix", lambda v: re.fullmatch(r"s3://[^/\s]+(/\S*)?", v) is not None),
    )
    audio: AudioSettings = field(default_factory=AudioSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)
    s3: S3Settings = field(default_factory=S3Settings)
    podcast: PodcastSettings = field(default_factory=PodcastSettings)
    follow: FollowSettings = field(default_factory=FollowSettings)
    #: (flat name, where its value came from) for the settings not at their default.
    sources: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def source_of(self, name: str) -> str:
        """Where a setting's value came from: default, a file, env, or flag. For display."""
        return dict(self.sources).get(name, "default")

    def value(self, name: str) -> Any:
        """A setting's value by its flat name."""
        spec = SPECS[name]
        holder = getattr(self, spec.group) if spec.group else self
        return getattr(holder, spec.attr)

    def items(self) -> list[tuple[str, Any, str]]:
        """(flat name, value, source) for every setting, with secrets redacted."""
        return [(s.name, self.display(s.name), self.source_of(s.name)) for s in SPECS.values()]

    def display(self, name: str) -> Any:
        value = self.value(name)
        return REDACTED if SPECS[name].secret and value is not None else value

    def without_secrets(self) -> Settings:
        """A copy with every secret removed: what may travel to another process."""
        changes = {s.name: None for s in SPECS.values() if s.secret}
        return _apply(self, changes)

    def with_secrets_of(self, other: Settings) -> Settings:
        """A copy with ``other``'s secrets (a worker adds its own to a job's settings)."""
        return _apply(self, {s.name: other.value(s.name) for s in SPECS.values() if s.secret})

    def with_machine_of(self, other: Settings) -> Settings:
        """A copy with ``other``'s settings of the machine a job runs on (its episode
        store, clip cache and synthesis processes): a worker that shares no disk with the
        service uses its own, whatever the service's are. A store or shared cache it
        doesn't name is the job's."""
        values = {name: other.value(name) for name in MACHINE if name in SPECS}
        return _apply(self, {k: v for k, v in values.items() if v is not None or k not in SHARED})


#: The settings of the machine a job runs on rather than of the job (Settings.with_machine_of).
MACHINE = ("store", "cache", "cache_dir", "cache_max_mb", "cache_url", "jobs")
SHARED = ("store", "cache_url")


def _specs() -> dict[str, Spec]:
    hints = {cls: typing.get_type_hints(cls) for cls in (Settings, *(g for g, _ in GROUPS.values()))}
    specs: dict[str, Spec] = {}

    def add(cls: type, group: str, prefix: str) -> None:
        for f in fields(cls):
            if f.name in GROUPS or f.name == "sources":
                continue
            name = f.metadata.get("flat") or prefix + f.name
            kind = str(hints[cls][f.name]).replace("pathlib.", "").replace("typing.", "").replace("NoneType", "None")
            kind = kind.removeprefix("<class '").removesuffix("'>")
            specs[name] = Spec(name=name, group=group, attr=f.name, kind=kind, default=f.default,
                               help=f.metadata["help"], secret=f.metadata.get("secret", False),
                               allowed=f.metadata.get("allowed"))  # fmt: skip

    add(Settings, "", "")
    for group, (cls, prefix) in GROUPS.items():
        add(cls, group, prefix)
    return specs


SPECS: dict[str, Spec] = _specs()


def setting_specs() -> list[Spec]:
    """Every setting, in declaration order."""
    return list(SPECS.values())


def _convert(name: str, raw: Any, where: str, key: str | None = None) -> Any:
    """Turn a raw value into the setting's type and check that it is allowed.

    The ConfigError is one line: ``where`` the value came from (a file, an environment
    variable, a flag), ``key`` as written there if the place doesn't name it, what is
    allowed and what was given (never a secret's value)."""
    spec = SPECS[name]
    try:
        value = typed(spec.kind, raw)
        if value is not None and spec.allowed is not None and not spec.allowed.test(value):
            raise Refused
    except Refused:
        given = "" if spec.secret else f", got {shown(raw)}"
        subject = f"{where}: {key} must be" if key else f"{where}: must be"
        raise ConfigError(f"{subject} {spec.allows}{given}") from None
    return value


def check_value(name: str, raw: Any, where: str, key: str | None = None) -> Any:
    """A raw value for setting ``name`` as its type, or a one-line ConfigError naming
    ``where`` it came from (and ``key`` as written there) and what is allowed."""
    return _convert(name, raw, where, key)


def _apply(settings: Settings, values: Mapping[str, Any], sources: Mapping[str, str] | None = None) -> Settings:
    """A copy of ``settings`` with values given by flat name, each group rebuilt once."""
    general: dict[str, Any] = {}
    grouped: dict[str, dict[str, Any]] = {}
    for name, value in values.items():
        spec = SPECS[name]
        if spec.group:
            grouped.setdefault(spec.group, {})[spec.attr] = value
        else:
            general[spec.attr] = value
    for group, changes in grouped.items():
        general[group] = replace(getattr(settings, group), **changes)
    if sources is not None:
        general["sources"] = tuple(sorted({**dict(settings.sources), **sources}.items()))
    return replace(settings, **general)


def _unknown(name: str, candidates: list[str], where: str = "") -> ConfigError:
    """ConfigError for an unknown setting, naming the closest known one if one is close."""
    close = difflib.get_close_matches(name, candidates, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return ConfigError(f"unknown setting {name!r}{where}{hint}")


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


def _flatten(table: Mapping[str, Any], path: Path) -> Iterator[tuple[str, Any, str]]:
    """(flat name, raw value, the key as written) from a config file's table, groups included."""
    for key, raw in table.items():
        if key in GROUPS:
            if not isinstance(raw, dict):
                raise ConfigError(f"{path}: {key} must be a table of settings ([{key}]), got {shown(raw)}")
            cls, prefix = GROUPS[key]
            members = {f.name: f.metadata.get("flat") or prefix + f.name for f in fields(cls)}
            for sub, value in raw.items():
                if sub not in members:
                    # "[fetch] fetch_timeout": the flat name inside its own group
                    same = [attr for attr, flat in members.items() if flat == sub]
                    raise ConfigError(f"{path}: {_unknown(sub, same or list(members), f' in [{key}]')}")
                yield members[sub], value, f"[{key}] {sub}"
        elif key not in SPECS:
            raise ConfigError(f"{path}: {_unknown(key, [*SPECS, *GROUPS])}")
        else:
            yield key, raw, key


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    flags: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings from defaults, ``narrator.toml``, ``NARRATOR_*`` and overrides.

    ``config_file`` (or ``NARRATOR_CONFIG``) names the TOML file; otherwise
    ``narrator.toml`` in ``cwd`` is read if it exists. Overrides are given by flat name;
    those whose value is ``None`` are ignored, so CLI flags that were not given don't
    mask the layers below. ``flags`` names the command-line flag each override came
    from (``{"jobs": "--jobs"}``), for errors.

    Each value is checked as it is read: a ConfigError names where it came from (the
    file and its key, the environment variable, the flag) and what is allowed.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    if config_file is None and environ.get(ENV_PREFIX + "CONFIG"):
        config_file = Path(environ[ENV_PREFIX + "CONFIG"])
    if config_file is None:
        candidate = (cwd or Path.cwd()) / CONFIG_FILE
        config_file = candidate if candidate.is_file() else None
    if config_file is not None:
        data = read_toml(config_file, "config file", invalid="TOML")
        table = data.get("narrator", data)
        if not isinstance(table, dict):
            raise ConfigError(f"{config_file}: narrator must be a table of settings ([narrator]), got {shown(table)}")
        for name, raw, key in _flatten(table, config_file):
            values[name] = _convert(name, raw, str(config_file), key)
            sources[name] = str(config_file)

    for name in SPECS:
        env_name = ENV_PREFIX + name.upper()
        if env_name in environ:
            values[name] = _convert(name, environ[env_name], env_name)
            sources[name] = env_name

    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in SPECS:
            raise _unknown(name, list(SPECS))
        values[name] = _convert(name, raw, (flags or {}).get(name) or f"setting {name!r}")
        sources[name] = "flag"

    return _apply(Settings(), values, sources)


def with_overrides(settings: Settings, /, where: str | None = None, **changes: Any) -> Settings:
    """A copy of ``settings`` with some values (by flat name) replaced, recorded as flags;
    ``where`` names the file they came from, for errors."""
    converted = {name: _convert(name, raw, where or f"setting {name!r}", name if where else None)
                 for name, raw in changes.items()}  # fmt: skip
    return _apply(settings, converted, dict.fromkeys(changes, "flag"))


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The settings as plain JSON values, secrets left out, to send to a worker.

    Every value travels, with where it came from, so the worker behaves as the sender
    would; the worker adds secrets of its own (:meth:`Settings.with_secrets_of`)."""
    out: dict[str, Any] = {}
    for spec in SPECS.values():
        if spec.secret:
            continue
        value = settings.value(spec.name)
        out[spec.name] = str(value) if isinstance(value, Path) else value
    out["sources"] = [list(pair) for pair in settings.sources]
    return out


def settings_from_dict(values: Mapping[str, Any]) -> Settings:
    """Settings from :func:`settings_to_dict`'s output."""
    values = dict(values)
    sources = {str(k): str(v) for k, v in values.pop("sources", [])}
    converted = {name: _convert(name, raw, "job", name) for name, raw in values.items() if name in SPECS}
    return _apply(Settings(), converted, sources)
