"""Regenerate the README's settings table and CLI reference from the code.

python scripts/update_readme.py          # rewrite README.md in place
python scripts/update_readme.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from narrator.cli import cli
from narrator.settings import setting_specs

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = (
    [],
    ["narrate"],
    ["script"],
    ["voices"],
    ["config"],
    ["publish"],
    ["unpublish"],
    ["serve"],
    ["embed"],
    ["lint"],
    ["check"],
    ["follow"],
    ["stats", "show"],
    ["stats", "import"],
    ["serve-api"],
    ["worker"],
)


def settings_table() -> str:
    rows = [
        "| setting | in a group | environment variable | default | allowed | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for spec in setting_specs():
        default = "" if spec.default is None else spec.default
        group = f"`[{spec.group}] {spec.attr}`" if spec.group else ""
        secret = " Secret: never shown or sent to workers." if spec.secret else ""
        allowed = spec.allows + (" or nothing" if spec.kind.endswith(" | None") else "")
        env = f"`NARRATOR_{spec.name.upper()}`"
        rows.append(f"| `{spec.name}` | {group} | {env} | {default} | {allowed} | {spec.help}{secret} |")
    return "\n".join(rows)


def cli_reference() -> str:
    runner = CliRunner()
    parts = []
    for args in COMMANDS:
        text = runner.invoke(cli, [*args, "--help"], prog_name="narrator", terminal_width=100).output.rstrip()
        parts.append(f"#### `{' '.join(['narrator', *args])}`\n\n```\n{text}\n```")
    return "\n\n".join(parts)


def render(readme: str) -> str:
    for name, body in (("settings", settings_table()), ("cli", cli_reference())):
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.S)
        readme = pattern.sub(lambda m, b=body: m.group(1) + b + m.group(2), readme)
    return readme


if __name__ == "__main__":
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        sys.exit(0 if fresh == current else 1)
    README.write_text(fresh, encoding="utf-8")
