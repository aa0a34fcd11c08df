"""How well narrator finds the article on modern news pages (2018-2022 site templates), beside
trafilatura and readability, on the generated set in ``training/modern/``.

    python benchmarks/extraction_modern.py                      # both parts, both tracks
    python benchmarks/extraction_modern.py --part heldout --track html
    python benchmarks/extraction_modern.py --family newspaper --worst 20 --save results.jsonl

The pages are the project's own articles in generated site templates (a newspaper whose body is in
companion-column blocks, a TV station with ad slots every two paragraphs, live blogs, deals round-ups,
Next.js and AMP pages...), so the true body of each is known; they are generated on demand into
``training/modern/pages/`` (about a second) and are not in the repository. The scorer is the
extraction corpus's: bags of lowercased tokens split on non-word characters, per page precision,
recall and F1, averaged over pages (precision over pages with output only). Report the held-out part.

Systems, all measured in this run on the same pages:
- html track: narrator (``read_article`` on the HTML, as ``narrator script`` reads it), trafilatura
  with its default settings and with ``favor_precision``, and readability-lxml if it is installed
  (``pip install readability-lxml``; it is not one of narrator's dependencies);
- plaintext track (the page as a browser's select-all and copy gives it): narrator, the whole text
  as it is, and the longest run of prose lines.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from extraction import (  # noqa: E402  (benchmarks/extraction.py: the same calls as on the real corpus)
    SYSTEMS,
    TRACKS,
    has_readability,
)

from training.modern.generate import OUT, PARTS, ensure  # noqa: E402

_SPLIT = re.compile(r"\W+")


# -- the corpus's scorer (score.py's score_text, standard library only) ----------------------------
@dataclass(frozen=True)
class Result:
    page_id: str
    precision: float | None  # None: no output
    recall: float
    f1: float
    output_tokens: int
    gold_tokens: int
    missing: tuple[str, ...]
    extra: tuple[str, ...]


_HINT_SKIP = frozenset(
    "a an and are as at be but by for from had has have he her his i in is it its of on or our s she t that the "
    "their them they this to was we were which who will with you your".split()
)


def tokenise(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text.lower()) if t]


def _hint(counter: collections.Counter, n: int = 6) -> tuple[str, ...]:
    words = sorted(
        ((c, w) for w, c in counter.items() if w not in _HINT_SKIP and not w.isdigit()), key=lambda cw: (-cw[0], cw[1])
    )
    return tuple(f"{w}×{c}" if c > 1 else w for c, w in words[:n])


def score_text(page_id: str, output: str, gold: str) -> Result:
    out_c, gold_c = collections.Counter(tokenise(output)), collections.Counter(tokenise(gold))
    shared = sum((out_c & gold_c).values())
    n_out, n_gold = sum(out_c.values()), sum(gold_c.values())
    precision = shared / n_out if n_out else None
    recall = shared / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return Result(page_id, precision, recall, f1, n_out, n_gold, _hint(gold_c - out_c), _hint(out_c - gold_c))


# -- running -----------------------------------------------------------------------------------------
def _run(args: tuple[str, str, str, str, str]) -> tuple[str, str, str, str, str, float]:
    """(part, track, system, page id, output, seconds) for one page and one system."""
    pages, part, track, system, page_id = args
    folder, suffix = TRACKS[track]
    path = Path(pages) / part / folder / f"{page_id}{suffix}"
    function = dict(SYSTEMS[track])[system]
    started = time.perf_counter()
    output = function(path.read_bytes(), path)
    return part, track, system, page_id, output, time.perf_counter() - started


def family_of(page_id: str) -> str:
    return page_id.split("-", 1)[0]


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _row(name: str, rs: list[Result], seconds: list[float]) -> str:
    p = _mean(r.precision for r in rs if r.precision is not None)
    empty = sum(r.precision is None for r in rs)
    return (f"{name:<30} {len(rs):>5} {p:>6.3f} {_mean(r.recall for r in rs):>6.3f} "
            f"{_mean(r.f1 for r in rs):>6.3f} {empty:>5} {_mean(seconds):>7.3f}")  # fmt: skip


def report(results: list[tuple[str, str, str, Result, float]], worst: int, by_family: bool) -> None:
    grouped: dict[tuple[str, str, str], list[tuple[Result, float]]] = {}
    for part, track, system, result, seconds in results:
        grouped.setdefault((part, track, system), []).append((result, seconds))
    for part in PARTS:
        for track in TRACKS:
            rows = [(s, grouped[(part, track, s)]) for s, _ in SYSTEMS[track] if (part, track, s) in grouped]
            if not rows:
                continue
            print(f"\n## {part}, {track} track")
            print(f"{'system':<30} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'empty':>5} {'s/page':>7}")
            for system, items in rows:
                print(_row(system, [r for r, _ in items], [s for _, s in items]))
            if by_family:
                _families(rows)
            _worst(part, track, grouped, worst)


def _families(rows) -> None:
    names = [s for s, _ in rows]
    families = sorted({family_of(r.page_id) for _, items in rows for r, _ in items})
    print(f"\nF1 by site family: {' | '.join(names)}")
    for family in families:
        cells = []
        for _, items in rows:
            rs = [r for r, _ in items if family_of(r.page_id) == family]
            cells.append(f"{_mean(r.f1 for r in rs):.3f}")
        count = sum(family_of(r.page_id) == family for r, _ in rows[0][1])
        print(f"  {family:<18} {count:>3} pages  " + "  ".join(f"{c:>6}" for c in cells))


def _worst(part: str, track: str, grouped, worst: int) -> None:
    narrator = sorted((r for r, _ in grouped.get((part, track, "narrator"), [])), key=lambda r: (r.f1, r.page_id))
    if not worst or not narrator:
        return
    others = {}
    for system in ("trafilatura, default", "trafilatura, favor_precision", "whole text"):
        others[system] = {r.page_id: r for r, _ in grouped.get((part, track, system), [])}
    print(f"\nnarrator's {worst} worst {track} pages ({part}):")
    for r in narrator[:worst]:
        p = "  -  " if r.precision is None else f"{r.precision:.2f}"
        line = f"  {r.page_id:<44} F1 {r.f1:.2f}  P {p}  R {r.recall:.2f}  out {r.output_tokens}/gold {r.gold_tokens}"
        for system, short in (("trafilatura, default", "traf R"), ("trafilatura, favor_precision", "traf-fp R")):
            if r.page_id in others[system]:
                line += f"  {short} {others[system][r.page_id].recall:.2f}"
        print(line)
        print(f"      missing: {' '.join(r.missing) or '-'}   extra: {' '.join(r.extra) or '-'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=OUT, help="where the generated pages are (made if missing)")
    parser.add_argument("--part", choices=[*PARTS, "both"], default="both")
    parser.add_argument("--track", choices=["html", "plaintext", "both"], default="both")
    parser.add_argument("--family", action="append", help="only this site family (repeatable)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each part")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--by-family", action="store_true", help="also print F1 per site family")
    parser.add_argument("--save", type=Path, help="write per-page results as JSON lines")
    args = parser.parse_args(argv)
    pages = ensure(args.pages)
    if not has_readability():
        SYSTEMS["html"] = [s for s in SYSTEMS["html"] if s[0] != "readability-lxml"]
        print("readability-lxml is not installed: its row is left out")
    parts = list(PARTS) if args.part == "both" else [args.part]
    tracks = list(TRACKS) if args.track == "both" else [args.track]
    tasks = []
    for part in parts:
        # a fixed shuffle, so that --limit takes a mix of families
        ids = sorted(
            (p.stem for p in (pages / part / "gold").glob("*.txt")), key=lambda i: sha1(i.encode()).hexdigest()
        )
        ids = [i for i in ids if not args.family or family_of(i) in args.family][: args.limit or None]
        tasks += [(str(pages), part, t, s, i) for t in tracks for s, _ in SYSTEMS[t] for i in ids]
    counts = {part: len({t[4] for t in tasks if t[1] == part}) for part in parts}
    print(f"pages: {pages}  " + "  ".join(f"{k}: {v}" for k, v in counts.items()) + f"  tracks: {', '.join(tracks)}")
    started = time.perf_counter()
    results = []
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        for n, (part, track, system, page_id, output, seconds) in enumerate(pool.map(_run, tasks, chunksize=4), 1):
            gold = (pages / part / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
            results.append((part, track, system, score_text(page_id, output, gold), seconds))
            if sys.stderr.isatty():
                print(f"\r{n}/{len(tasks)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"wall: {time.perf_counter() - started:.0f}s")
    report(results, args.worst, args.by_family)
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for part, track, system, r, seconds in results:
                row = {"part": part, "track": track, "system": system, "page": r.page_id, "p": r.precision,
                       "r": r.recall, "f1": r.f1, "seconds": round(seconds, 4)}  # fmt: skip
                fh.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
