"""Make ``plaintext/<id>.txt``, what selecting the whole page and copying gives, for each page in
``html/``: Chromium's innerText of the body, with scripts off and nothing fetched. The pages'
CSS is made up (a rule can hide a block that a real site shows), so the text is taken without it.

    python benchmarks/handwritten/copy_text.py      # needs Chromium and playwright (the test extra)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
_COPY = "document.querySelectorAll('style, link[rel=stylesheet]').forEach(e => e.remove()); document.body.innerText"


def main() -> None:
    (HERE / "plaintext").mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_context(java_script_enabled=False).new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        for html in sorted((HERE / "html").glob("*.html")):
            page.goto(html.as_uri(), wait_until="domcontentloaded")
            lines = filter(None, (line.strip() for line in page.evaluate(_COPY).splitlines()))
            (HERE / "plaintext" / f"{html.stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        browser.close()


if __name__ == "__main__":
    main()
