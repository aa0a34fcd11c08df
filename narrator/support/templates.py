"""Jinja2 templates: the user's folder first, then the built-in ones.

A user template can extend the built-in one it replaces as ``default/<name>``.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import ConfigError
from .resources import builtin_dir


def spoken_date(value: dt.date | dt.datetime | None) -> str:
    """ "February 27, 2025": a date as a newsreader says it, without the time."""
    if value is None:
        return ""
    return f"{value:%B} {value.day}, {value.year}"


def plain_text(value: object) -> Markup:
    """Plain text for an XML element as the RSS Best Practices Profile asks: "&", "<" and
    ">" as hexadecimal character references, which tell a feed reader the text is not
    HTML (the W3C Feed Validator warns otherwise); quotes need no escaping there."""
    text = str(value)
    return Markup(text.replace("&", "&#x26;").replace("<", "&#x3C;").replace(">", "&#x3E;"))


def html_text(value: object) -> str:
    """Plain text as the HTML an RSS description holds. The template escapes it again
    as XML, so a reader that renders the description as HTML shows "R&D" and "<5%" as
    written instead of reading "<b>" as a tag or "<5%" as broken markup."""
    return html.escape(str(value), quote=False)


_STOPS = (".", "?", "!", "…")
_CLOSERS = "\"'”’)]"


def sentence(value: object) -> str:
    """The text ending as a sentence: a full stop added unless it ends in one, a question
    mark or an exclamation mark already, inside quotes or not ("... want them." stays)."""
    text = str(value).rstrip()
    return text if text.rstrip(_CLOSERS).endswith(_STOPS) else text + "."


def unstopped(value: object) -> str:
    """The text without a closing full stop, to run on in a sentence ("listening to ..., by")."""
    text = str(value).rstrip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("...") else text


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs, in jinja's own per-user folder (checked
    against each template's source): compiling them is a tenth of re-narrating an
    unchanged article."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had
        return None


def environment(user_dir: Path | None = None) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(builtin_dir("templates")))
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise ConfigError(f"{user_dir}: templates folder does not exist")
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders += [builtin, jinja2.PrefixLoader({"default": builtin})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(("html", "htm", "xml", "html.j2", "xml.j2")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["spoken_date"] = spoken_date
    env.filters["sentence"] = sentence
    env.filters["unstopped"] = unstopped
    env.filters["plain_text"] = plain_text
    env.filters["html_text"] = html_text
    env.globals["static_file"] = lambda name: Markup(static_file(env, name))
    return env


def static_file(env: jinja2.Environment, name: str) -> str:
    """A style sheet or script under ``static/``, as written (the user's folder first):
    read, not rendered, so its braces need no escaping."""
    assert env.loader is not None
    try:
        return env.loader.get_source(env, f"static/{name}")[0]
    except jinja2.TemplateNotFound:
        raise ConfigError(f"static/{name}: template not found") from None


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise ConfigError(f"{name}: template not found") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"{name}: template error: {exc}") from None
