"""How well narrator finds the article on a public suite of real news pages that no one on
the project wrote: the English pages of newspaper4k's test data (CNN, Time, Wired, a
local TV station, cleveland.com and others, 2014-2024), beside trafilatura and
readability, in one run.

    python benchmarks/extraction_public.py            # downloads the suite once (pip), then scores
    python benchmarks/extraction_public.py --missing  # also each system's missing gold lines

Two tracks: the HTML, and the page's text as copying the whole page gives it (Chromium's
innerText with scripts off, the browser the tests use), for the copied-text reader.

The suite comes from newspaper4k's source distribution on the package index (MIT), fetched
with ``pip download`` into ``~/.cache/narrator-bench/`` and never into this repository. Its
"gold" is newspaper4k's expected output, not a hand label: it keeps some furniture (image
file names, "Read more:" teasers, "Related Stories", affiliate notes), so a system that drops
that furniture loses a little recall here that it would not lose against a hand label. It is
a small set (11 pages): read it as a check on real modern markup, beside the corpus and the
generated modern set of ``benchmarks/extraction.py``, not as a score to tune to.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from extraction import CORPUS, SYSTEMS, _scorer, has_readability  # noqa: E402

PACKAGE, VERSION = "newspaper4k", "0.9.6"
CACHE = Path.home() / ".cache" / "narrator-bench"
#: The suite's English article pages that have an expected text (the rest are other languages,
#: front pages or redirects).
PAGES = ("article_with_br", "article_with_divs", "cleveland.com1", "cnn_001", "cnn_002", "cnn_article",
         "fox13now_001", "time_001", "video_article_01", "video_article_02", "wired_001")  # fmt: skip


def suite() -> Path:
    """The suite's ``tests/data`` folder, downloaded and unpacked if it isn't yet."""
    folder = CACHE / f"{PACKAGE}-{VERSION}"
    data = folder / "tests" / "data"
    if not data.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "-d", str(CACHE), f"{PACKAGE}=={VERSION}"], check=True)  # fmt: skip
        with tarfile.open(CACHE / f"{PACKAGE}-{VERSION}.tar.gz") as tar:
            members = [m for m in tar.getmembers() if "/tests/data/" in m.name]
            tar.extractall(CACHE, members=members, filter="data")
    return data


def copied_text(pages: list[Path]) -> dict[str, str]:
    """Each page's text as a reader copying the whole page gets it: Chromium's innerText of
    the page's body, with scripts off and nothing fetched but the file itself."""
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("NARRATOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    texts = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(java_script_enabled=False)
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
        )
        for path in pages:
            page = context.new_page()
            page.goto(path.as_uri(), wait_until="domcontentloaded")
            texts[path.stem] = page.evaluate("document.body ? document.body.innerText : ''")
            page.close()
        browser.close()
    return texts


def _table(title: str, systems, pages: dict[str, bytes], gold: dict[str, str], score, missing: bool) -> None:
    results: dict[str, list] = {name: [] for name, _ in systems}
    print(f"\n## {title}\n{'page':<20}" + "".join(f" {name[:22]:>22}" for name, _ in systems))
    for page, data in pages.items():
        cells = []
        for name, function in systems:
            output = function(data, Path(f"{page}.html"))
            result = score.score_text(page, output, gold[page])
            results[name].append((result, output))
            cells.append(f"P {result.precision or 0:.2f} R {result.recall:.2f}")
        print(f"{page:<20}" + "".join(f" {c:>22}" for c in cells))
    print(f"\n{'system':<30} {'P':>6} {'R':>6} {'F1':>6}")
    for name, rows in results.items():
        means = [sum(getattr(r, a) or 0 for r, _ in rows) / len(rows) for a in ("precision", "recall", "f1")]
        print(f"{name:<30} {means[0]:>6.3f} {means[1]:>6.3f} {means[2]:>6.3f}")
    if missing:
        for name, rows in results.items():
            print(f"\n{name}: gold lines left out")
            for result, output in rows:
                for line in filter(None, (g.strip() for g in gold[result.page_id].splitlines())):
                    if line[:60] not in output:
                        print(f"  {result.page_id}: {line[:110]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where the corpus's scorer (score.py) is")
    parser.add_argument("--missing", action="store_true", help="list the gold lines each system leaves out")
    parser.add_argument(
        "--track",
        choices=["html", "plaintext", "both"],
        default="both",
        help="plaintext: the page copied as Chromium's innerText (needs Chromium and playwright)",
    )
    args = parser.parse_args(argv)
    score = _scorer(args.corpus)
    data = suite()
    paths = [data / "html" / f"{page}.html" for page in PAGES]
    gold = {page: (data / "txt" / f"{page}.txt").read_text() for page in PAGES}
    print(f"{PACKAGE} {VERSION} test pages: {len(PAGES)} English article pages")
    html = [(n, f) for n, f in SYSTEMS["html"] if n != "readability-lxml" or has_readability()]
    _table("html track", html, {p.stem: p.read_bytes() for p in paths}, gold, score, args.missing)
    if args.track in ("both", "plaintext"):
        copied = {page: text.encode() for page, text in copied_text(paths).items()}
        _table("plaintext track (Chromium's innerText)", SYSTEMS["plaintext"], copied, gold, score, args.missing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
