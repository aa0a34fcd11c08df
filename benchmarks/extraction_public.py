"""How well narrator finds the article on a public suite of real news pages that no one on
the project wrote: the English pages of newspaper4k's test data (CNN, Time, Wired, a
local TV station, cleveland.com and others, 2014-2024), beside trafilatura and
readability, in one run.

    python benchmarks/extraction_public.py            # downloads the suite once (pip), then scores
    python benchmarks/extraction_public.py --missing  # also each system's missing gold lines

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="where the corpus's scorer (score.py) is")
    parser.add_argument("--missing", action="store_true", help="list the gold lines each system leaves out")
    args = parser.parse_args(argv)
    score = _scorer(args.corpus)
    data = suite()
    systems = [(n, f) for n, f in SYSTEMS["html"] if n != "readability-lxml" or has_readability()]
    results: dict[str, list] = {name: [] for name, _ in systems}
    print(f"{PACKAGE} {VERSION} test pages: {len(PAGES)} English article pages\n")
    print(f"{'page':<20}" + "".join(f" {name[:22]:>22}" for name, _ in systems))
    for page in PAGES:
        html, gold = data / "html" / f"{page}.html", (data / "txt" / f"{page}.txt").read_text()
        cells = []
        for name, function in systems:
            output = function(html.read_bytes(), html)
            result = score.score_text(page, output, gold)
            results[name].append((result, output, gold))
            cells.append(f"P {result.precision or 0:.2f} R {result.recall:.2f}")
        print(f"{page:<20}" + "".join(f" {c:>22}" for c in cells))
    print(f"\n{'system':<30} {'P':>6} {'R':>6} {'F1':>6}")
    for name, rows in results.items():
        p = sum(r.precision or 0 for r, _, _ in rows) / len(rows)
        r_ = sum(r.recall for r, _, _ in rows) / len(rows)
        f = sum(r.f1 for r, _, _ in rows) / len(rows)
        print(f"{name:<30} {p:>6.3f} {r_:>6.3f} {f:>6.3f}")
    if args.missing:
        for name, rows in results.items():
            print(f"\n{name}: gold lines left out")
            for result, output, gold in rows:
                for line in filter(None, (g.strip() for g in gold.splitlines())):
                    if line[:60] not in output:
                        print(f"  {result.page_id}: {line[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
