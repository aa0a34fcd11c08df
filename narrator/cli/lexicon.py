"""narrator lexicon: pronunciation lexicons in and out of the W3C PLS format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import pronunciation, reading
from ..errors import ConfigError
from .common import FINDINGS, settings_from


@click.group()
def lexicon():
    """Pronunciation lexicons: move them between narrator's TOML and W3C PLS, the format
    speech services take."""


@lexicon.command("import")
@click.argument("pls_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "to", type=click.Path(dir_okay=False, path_type=Path),
              help="Lexicon TOML file to write (its other terms are kept); default: print the TOML.")  # fmt: skip
def import_(pls_file, to):
    """Read PLS_FILE, a W3C PLS 1.0 lexicon, as a narrator lexicon.

    An <alias> becomes the respelling (say), an IPA <phoneme> the ipa, X-SAMPA is converted
    to the IPA; each <grapheme> of a lexeme becomes a term.
    """
    text = reading.import_pls(pls_file, to)
    if to is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"{to}: written", err=True)


@lexicon.command("export")
@click.argument("name", required=False)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="PLS file to write (default: print it)."
)
@click.option("--language", default="en-US", show_default=True, help="The lexicon's xml:lang: the voices it is for.")
@click.option("--standard", is_flag=True,
              help="Only the ipa alphabet and aliases, without the misaki phonemes only narrator reads "
                   "(for a service such as Amazon Polly).")  # fmt: skip
@click.pass_context
def export(ctx, name, output, language, standard):
    """Write lexicon NAME (a name or a .toml path; default: the configured one) as W3C PLS 1.0."""
    data = reading.export_pls(settings_from(ctx), name, language=language, standard=standard)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise ConfigError(f"{output}: can't write the lexicon: {exc.strerror or exc}") from None


@lexicon.command("check")
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print each entry's check as JSON, with what was heard.")
@click.pass_context
def check(ctx, name, as_json):
    """Hear whether each entry of lexicon NAME (a name or a .toml path; default: the
    configured one) makes its word easier to hear as written.

    Each term is said by the configured voice in three sentences, with the entry and
    without, and transcribed offline (needs narrator[qa]). Exit status: 0, or 3 when an
    entry hurts.
    """
    import json

    results = pronunciation.check_lexicon(settings_from(ctx), name)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        # Heard: the share of sentences where the word was heard as written; close: how near
        # the heard word sounds to the written one, on average (1 the same).
        click.echo(f"{'term':<16} {'said as':<18} {'heard with':>10} {'without':>8} {'close with':>10} {'without':>8}"
                   "  verdict")  # fmt: skip
        for r in results:
            click.echo(f"{r.term:<16} {r.say[:18]:<18} {r.heard_with:>10.0%} {r.heard_without:>8.0%} "
                       f"{r.similarity_with:>10.2f} {r.similarity_without:>8.2f}  {r.verdict}")  # fmt: skip
        notes = [f"{r.term}: {r.note}" for r in results if r.note]
        if notes:
            click.echo("\nWhere the check can't tell:\n  " + "\n  ".join(notes))
    ctx.exit(FINDINGS if any(r.verdict == "hurts" for r in results) else 0)
