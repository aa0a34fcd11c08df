"""narrator lexicon: pronunciation lexicons in and out of the W3C PLS format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import reading
from .common import settings_from


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
@click.pass_context
def export(ctx, name, output):
    """Write lexicon NAME (a name or a .toml path; default: the configured one) as W3C PLS 1.0."""
    data = reading.export_pls(settings_from(ctx), name)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
