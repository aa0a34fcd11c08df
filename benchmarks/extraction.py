"""How well narrator finds the article on real pages, beside trafilatura, in one run.

    python benchmarks/extraction.py                       # held-out part, both tracks
    python benchmarks/extraction.py --part dev --track html --limit 100
    python benchmarks/extraction.py --worst 10 --save results.jsonl

It reads the development corpus in ``../shared/corpora/extraction/`` (real pages with
labelled bodies; licensed for measuring only, so nothing of it is in this repository)
and scores with the corpus's own ``score.py``: bags of tokens per page, precision,
recall and F1, averaged over pages. The corpus is split once, by a fixed seed, into a
development part and a held-out part; report the held-out part.

Systems, all measured in this run on the same pages:
- html track: narrator (``read_article`` on the HTML, as ``narrator script`` reads it),
  trafilatura with its default settings, and trafilatura with ``favor_precision``;
- plaintext track (the page's text as a browser copy gives it): narrator, the whole
  text as it is, and "the longest run of prose lines", a simple baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_IN_SHARED = Path("shared", "corpora", "extraction")
CORPUS = next((p / _IN_SHARED for p in ROOT.parents if (p / _IN_SHARED).is_dir()), ROOT.parent / _IN_SHARED)
SPLIT_SEED = "narrator-split-1"
TRACKS = {"html": ("html", ".html"), "plaintext": ("plaintext", ".txt")}


def part_of(page_id: str) -> str:
    """The fixed split: about half the pages are held out, chosen by a hash of the id."""
    digest = int(hashlib.sha256(f"{SPLIT_SEED}:{page_id}".encode()).hexdigest()[:8], 16)
    return "held-out" if digest < 0x80000000 else "dev"


def page_ids(corpus: Path, part: str) -> list[str]:
    """The part's pages in a fixed shuffle (the scorer's), so --limit mixes both sources."""
    ids = sorted((p.stem for p in (corpus / "gold").glob("*.txt")), key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    return ids if part == "all" else [i for i in ids if part_of(i) == part]


def _scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_score"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


# -- the systems ------------------------------------------------------------------------
def narrator_html(data: bytes, path: Path) -> str:
    return _narrator(data, path, "html")


def narrator_text(data: bytes, path: Path) -> str:
    return _narrator(data, path, "text")


def _narrator(data: bytes, path: Path, fmt: str) -> str:
    from narrator.api import read_article
    from narrator.errors import NarratorError
    from narrator.settings import load_settings

    try:
        article = read_article(str(path), load_settings(environ={}), data=data, fmt=fmt)
    except NarratorError:
        return ""
    return "\n\n".join("\n\n".join(section.paragraphs) for section in article.sections)


def trafilatura_default(data: bytes, path: Path) -> str:
    return _trafilatura(data, favor_precision=False)


def trafilatura_precision(data: bytes, path: Path) -> str:
    return _trafilatura(data, favor_precision=True)


def _trafilatura(data: bytes, *, favor_precision: bool) -> str:
    import trafilatura

    try:
        return trafilatura.extract(data.decode("utf-8", "replace"), favor_precision=favor_precision) or ""
    except Exception:  # a baseline that fails on a page scores zero there, like a failed command
        return ""


def whole_text(data: bytes, path: Path) -> str:
    return data.decode("utf-8", "replace")


_PROSE_END = re.compile(r"[.!?…][\"”’')\]]*$")


def longest_prose_run(data: bytes, path: Path) -> str:
    """The longest run of lines that read like prose (12+ words ending a sentence), with
    short lines allowed inside it: the simple baseline copied-text cleaners must beat."""
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    prose = [len(line.split()) >= 12 and bool(_PROSE_END.search(line)) for line in lines]
    best, best_words, start = (0, 0), 0, None
    gap = 0
    for i, is_prose in enumerate([*prose, False]):
        if i < len(lines) and is_prose:
            start = i if start is None else start
            gap = 0
            continue
        gap += 1
        if start is not None and (gap > 2 or i == len(lines)):
            end = i - gap + 1
            words = sum(len(line.split()) for line in lines[start:end])
            if words > best_words:
                best, best_words = (start, end), words
            start, gap = None, 0
    return "\n\n".join(lines[best[0] : best[1]])


SYSTEMS: dict[str, list[tuple[str, Callable[[bytes, Path], str]]]] = {
    "html": [
        ("narrator", narrator_html),
        ("trafilatura, default", trafilatura_default),
        ("trafilatura, favor_precision", trafilatura_precision),
    ],
    "plaintext": [
        ("narrator", narrator_text),
        ("whole text", whole_text),
        ("longest prose run", longest_prose_run),
    ],
}


def _run(args: tuple[str, str, str, str]) -> tuple[str, str, str, str, float]:
    """(track, system, page id, output, seconds) for one page and one system."""
    corpus, track, system, page_id = args
    folder, suffix = TRACKS[track]
    path = Path(corpus) / folder / f"{page_id}{suffix}"
    function = dict(SYSTEMS[track])[system]
    started = time.perf_counter()
    output = function(path.read_bytes(), path)
    return track, system, page_id, output, time.perf_counter() - started


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def report(results, worst: int) -> None:
    by_system: dict[tuple[str, str], list] = {}
    for track, system, result, seconds in results:
        by_system.setdefault((track, system), []).append((result, seconds))
    for track in TRACKS:
        rows = [(s, by_system[(track, s)]) for s, _ in SYSTEMS[track] if (track, s) in by_system]
        if not rows:
            continue
        print(f"\n## {track} track")
        print(f"{'system':<30} {'subset':<8} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'empty':>5} {'s/page':>7}")
        for system, items in rows:
            groups: dict[str, list] = {"all": items}
            for result, seconds in items:
                groups.setdefault(result.page_id.split("-", 1)[0], []).append((result, seconds))
            for subset in ("all", "dragnet", "l3s"):
                if subset not in groups:
                    continue
                rs = [r for r, _ in groups[subset]]
                p = _mean(r.precision for r in rs if r.precision is not None)
                empty = sum(r.precision is None for r in rs)
                per_page = _mean(s for _, s in groups[subset])
                print(f"{system:<30} {subset:<8} {len(rs):>5} {p:>6.3f} {_mean(r.recall for r in rs):>6.3f} "
                      f"{_mean(r.f1 for r in rs):>6.3f} {empty:>5} {per_page:>7.3f}")  # fmt: skip
        narrator = sorted((r for r, _ in by_system.get((track, "narrator"), [])), key=lambda r: (r.f1, r.page_id))
        if worst and narrator:
            print(f"\nnarrator's {worst} worst {track} pages:")
            for r in narrator[:worst]:
                p = "  -  " if r.precision is None else f"{r.precision:.2f}"
                print(f"  {r.page_id:<16} F1 {r.f1:.2f}  P {p}  R {r.recall:.2f}  "
                      f"out {r.output_tokens}/gold {r.gold_tokens}")  # fmt: skip
                print(f"      missing: {' '.join(r.missing) or '-'}   extra: {' '.join(r.extra) or '-'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--part", choices=["held-out", "dev", "all"], default="held-out")
    parser.add_argument("--track", choices=["html", "plaintext", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of the part")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--save", type=Path, help="write per-page results as JSON lines")
    args = parser.parse_args(argv)
    if not (args.corpus / "score.py").is_file():
        print(f"skipped: no corpus at {args.corpus}")
        return 0
    sys.path.insert(0, str(ROOT))
    scorer = _scorer(args.corpus)
    ids = page_ids(args.corpus, args.part)[: args.limit or None]
    tracks = list(TRACKS) if args.track == "both" else [args.track]
    tasks = [(str(args.corpus), t, s, i) for t in tracks for s, _ in SYSTEMS[t] for i in ids]
    print(f"corpus: {args.corpus}  part: {args.part}  pages: {len(ids)}  tracks: {', '.join(tracks)}")
    started = time.perf_counter()
    results = []
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        for n, (track, system, page_id, output, seconds) in enumerate(pool.map(_run, tasks, chunksize=4), 1):
            gold = (args.corpus / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
            results.append((track, system, scorer.score_text(page_id, output, gold), seconds))
            if sys.stderr.isatty():
                print(f"\r{n}/{len(tasks)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"wall: {time.perf_counter() - started:.0f}s")
    report(results, args.worst)
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for track, system, r, seconds in results:
                fh.write(json.dumps({"track": track, "system": system, "page": r.page_id, "p": r.precision,
                                     "r": r.recall, "f1": r.f1, "seconds": round(seconds, 4)}) + "\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
