"""The README's generated parts match the code, so no setting or option goes undocumented."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_readme_settings_and_cli_reference_are_up_to_date():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.render(readme) == readme, "run: python scripts/update_readme.py"
