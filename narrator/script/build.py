"""Script: everything the voice will say, in order, split into utterances.

The intro and outro come from templates; the body is the article's sections, each
paragraph split into sentences, each sentence normalised into its spoken form and
cut into chunks the engine accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Article, PauseKind, Script, ScriptSection, Utterance
from ..settings import Settings
from ..support.templates import environment, render
from ..text.lexicon import Lexicon

if TYPE_CHECKING:
    from ..synth.engines import TTSEngine
from ..text.normalise import Options, normalise
from ..text.segment import chunk, split_sentences


@dataclass(frozen=True)
class _Speech:
    """How written sentences become spoken ones for this narration."""

    options: Options
    lexicon: Lexicon
    engine: TTSEngine | None

    def say(self, sentence: str) -> str:
        return self.lexicon.apply(normalise(sentence, self.options), self.engine)


def _utterances(
    paragraphs: Iterable[str], limit: int, *, last_pause: PauseKind, speech: _Speech, heading: bool = False
) -> tuple[Utterance, ...]:
    """Utterances for paragraphs; with ``heading``, the first paragraph is a section title."""
    out: list[Utterance] = []
    for number, paragraph in enumerate(paragraphs):
        sentences = split_sentences(paragraph)
        for i, sentence in enumerate(sentences):
            spoken = speech.say(sentence)
            if not any(ch.isalnum() for ch in spoken):
                continue  # nothing to say: stray punctuation or symbols
            pause: PauseKind = "paragraph" if i == len(sentences) - 1 else "sentence"
            kind = "heading" if heading and number == 0 else "text"
            utterance = Utterance(
                written=sentence, spoken=spoken, chunks=tuple(chunk(spoken, limit)), pause=pause, kind=kind
            )
            out.append(utterance)
    if out:
        out[-1] = replace(out[-1], pause=last_pause)
    return tuple(out)


def _heading(title: str) -> str:
    return title if title.endswith((".", "?", "!")) else title + "."


def _template_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def build_script(
    article: Article,
    settings: Settings,
    *,
    max_chars: int = 280,
    templates_dir: Path | None = None,
    lexicon: Lexicon | None = None,
    engine: TTSEngine | None = None,
    initialisms: str = "caps",
    words: Set[str] = frozenset(),
) -> Script:
    """The narration script for a cleaned article.

    ``lexicon`` gives pronunciations; ``engine`` is the engine whose inline phoneme
    markup they may use, or None to use the lexicon's respellings. ``initialisms`` and
    ``words`` come from the voice's engine: how it is told to spell initialisms, and the
    words its dictionary has."""
    options = Options(urls=settings.links, initialisms=initialisms, words=words, language=article.language)
    speech = _Speech(options=options, lexicon=lexicon or Lexicon(), engine=engine)
    env = environment(templates_dir or settings.templates_dir)
    context = {
        # A title made from the first sentence isn't read: the body opens with those words.
        "title": None if article.title_from_text else article.title,
        "author": article.author,
        "published": article.published,
        "language": article.language,
        "url": article.url,
        "disclosure": settings.disclosure_text if settings.disclosure else None,
    }
    intro_lines = _template_lines(render(env, "intro.txt.j2", **context))
    outro_lines = _template_lines(render(env, "outro.txt.j2", **context))

    sections = []
    for section in article.sections:
        paragraphs = ([_heading(section.title)] if section.title else []) + list(section.paragraphs)
        sections.append(
            ScriptSection(
                kind="body",
                title=section.title,
                written="\n\n".join(section.paragraphs),
                utterances=_utterances(
                    paragraphs, max_chars, last_pause="section", speech=speech, heading=bool(section.title)
                ),
            )
        )
    return Script(
        article=article,
        intro=ScriptSection(
            kind="intro",
            title="Introduction",
            written="\n".join(intro_lines),
            utterances=_utterances(intro_lines, max_chars, last_pause="section", speech=speech),
        ),
        sections=tuple(sections),
        outro=ScriptSection(
            kind="outro",
            title="Closing",
            written="\n".join(outro_lines),
            utterances=_utterances(outro_lines, max_chars, last_pause="sentence", speech=speech),
        ),
    )
