"""Print the CLI reference in Markdown from the commands' own --help text.

python scripts/cli_reference.py > docs-cli.md   # or paste into the README
"""

from click.testing import CliRunner

from narrator.cli import cli

runner = CliRunner()
for args in ([], ["narrate"], ["script"], ["voices"], ["config"]):
    title = " ".join(["narrator", *args])
    text = runner.invoke(cli, [*args, "--help"], prog_name="narrator").output.rstrip()
    print(f"#### `{title}`\n\n```\n{text}\n```\n")
