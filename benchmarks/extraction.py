"""How well narrator finds the article on real and on modern pages, beside trafilatura and
readability, in one run.

    python benchmarks/extraction.py                       # held-out parts of both sets, both tracks
    python benchmarks/extraction.py --part dev --track html --limit 100
    python benchmarks/extraction.py --set modern --worst 10 --save results.jsonl

Two sets of pages, each split once into a development part and a held-out part (report
the held-out parts; develop on ``--part dev``):
- the corpus: the development corpus in ``../shared/corpora/extraction/`` (real pages
  from 2008 to 2012 with labelled bodies; licensed for measuring only, so nothing of it
  is in this repository), scored with the corpus's own ``score.py``;
- modern: the generated pages of 2018-2022 site templates in ``training/modern/`` (see
  ``benchmarks/extraction_modern.py``, which also scores them alone, by site family);
- handwritten: 56 pages in the templates of named sites of 2018-2021, written by hand without
  looking at narrator's code, with invented stories (``benchmarks/handwritten/``); one part.
Scores are bags of tokens per page, precision, recall and F1, averaged over pages.

Systems, all measured in this run on the same pages:
- html track: narrator (``read_article`` on the HTML, as ``narrator script`` reads it),
  trafilatura with its default settings, trafilatura with ``favor_precision``, and
  readability-lxml (when installed);
- plaintext track (the page's text as a browser copy gives it): narrator, the whole
  text as it is, and "the longest run of prose lines", a simple baseline;
- "as heard" rows: narrator's intro (title, byline, date) before the body, and trafilatura's
  title, author and date before its body. Some golds (Dragnet's) start with the headline and
  byline, which narrator reads in the intro and keeps out of the body.
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


def narrator_html_heard(data: bytes, path: Path) -> str:
    return _narrator(data, path, "html", heard=True)


def narrator_text_heard(data: bytes, path: Path) -> str:
    return _narrator(data, path, "text", heard=True)


def _narrator(data: bytes, path: Path, fmt: str, *, heard: bool = False) -> str:
    """The body as ``narrator script`` reads it; with ``heard``, after the intro's title,
    byline and date (without the AI disclosure), as a listener hears the episode begin."""
    from narrator.api import read_article
    from narrator.errors import NarratorError
    from narrator.script.build import build_script
    from narrator.settings import load_settings

    settings = load_settings({"disclosure": False}, environ={})
    try:
        article = read_article(str(path), settings, data=data, fmt=fmt)
    except NarratorError:
        return ""
    # a section's heading is read out before its paragraphs, as the script reads it
    body = "\n\n".join("\n\n".join(filter(None, (s.title, *s.paragraphs))) for s in article.sections)
    return f"{build_script(article, settings).intro.written}\n\n{body}" if heard else body


def trafilatura_default(data: bytes, path: Path) -> str:
    return _trafilatura(data, favor_precision=False)


def trafilatura_precision(data: bytes, path: Path) -> str:
    return _trafilatura(data, favor_precision=True)


def trafilatura_with_metadata(data: bytes, path: Path) -> str:
    """trafilatura's default body after the title, author and date it finds: the same
    pages scored as narrator's "as heard" row is."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True)
    except Exception:  # a baseline that fails on a page scores zero there
        return ""
    if not found:
        return ""
    return "\n\n".join(filter(None, (found.title, found.author, found.date, found.text)))


def _trafilatura(data: bytes, *, favor_precision: bool) -> str:
    import trafilatura

    try:
        return trafilatura.extract(data.decode("utf-8", "replace"), favor_precision=favor_precision) or ""
    except Exception:  # a baseline that fails on a page scores zero there, like a failed command
        return ""


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote section article figure figcaption td tr br pre".split()
)


def readability(data: bytes, path: Path) -> str:
    from lxml import html as lxml_html
    from readability import Document

    try:
        root = lxml_html.fromstring(Document(data.decode("utf-8", "replace")).summary())
    except Exception:  # a baseline that fails on a page scores zero there
        return ""
    for element in root.iter():
        if element.tag in _BLOCKS:  # keep words of adjacent blocks apart
            element.tail = "\n" + (element.tail or "")
    return root.text_content()


def has_readability() -> bool:
    try:
        import readability  # noqa: F401
    except ImportError:
        return False
    return True


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
        ("readability-lxml", readability),
        # Dragnet's gold starts with the headline, byline and date, which narrator reads in
        # the intro, not the body: these two rows score each system with what it found of them.
        ("narrator, as heard", narrator_html_heard),
        ("trafilatura, with metadata", trafilatura_with_metadata),
    ],
    "plaintext": [
        ("narrator", narrator_text),
        ("narrator, as heard", narrator_text_heard),
        ("whole text", whole_text),
        ("longest prose run", longest_prose_run),
    ],
}


SETS = ("corpus", "modern", "handwritten")
HANDWRITTEN = ROOT / "benchmarks" / "handwritten"
MODERN_PARTS = {"held-out": "heldout", "dev": "dev"}  # the modern set's folder names


def _run(args: tuple[str, str, str, str, str]) -> tuple[str, str, str, str, str, float]:
    """(set, track, system, page id, output, seconds) for one page file and one system."""
    page_set, track, system, page_id, path = args
    function = dict(SYSTEMS[track])[system]
    started = time.perf_counter()
    output = function(Path(path).read_bytes(), Path(path))
    return page_set, track, system, page_id, output, time.perf_counter() - started


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _row(name: str, subset: str, items: list) -> str:
    rs = [r for r, _ in items]
    p = _mean(r.precision for r in rs if r.precision is not None)
    empty = sum(r.precision is None for r in rs)
    return (f"{name:<30} {subset:<8} {len(rs):>5} {p:>6.3f} {_mean(r.recall for r in rs):>6.3f} "
            f"{_mean(r.f1 for r in rs):>6.3f} {empty:>5} {_mean(s for _, s in items):>7.3f}")  # fmt: skip


LOST_RECALL, TRAFILATURA_RECALL = 0.5, 0.8  # a page narrator loses where trafilatura keeps the body


def report(results, worst: int, page_set: str = "corpus", part: str = "") -> None:
    """The tables of one set: per track, each system's P, R and F1 (the corpus also by
    source), the pages narrator loses where trafilatura keeps the body, and the worst pages."""
    by_system: dict[tuple[str, str], list] = {}
    for track, system, result, seconds in results:
        by_system.setdefault((track, system), []).append((result, seconds))
    for track in TRACKS:
        rows = [(s, by_system[(track, s)]) for s, _ in SYSTEMS[track] if (track, s) in by_system]
        if not rows:
            continue
        print(f"\n## {page_set} {part}, {track} track".replace("  ", " "))
        print(f"{'system':<30} {'subset':<8} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'empty':>5} {'s/page':>7}")
        for system, items in rows:
            groups: dict[str, list] = {"all": items}
            if page_set == "corpus":
                for result, seconds in items:
                    groups.setdefault(result.page_id.split("-", 1)[0], []).append((result, seconds))
            for subset in ("all", "dragnet", "l3s"):
                if subset in groups:
                    print(_row(system, subset, groups[subset]))
        others = {
            s: {r.page_id: r for r, _ in by_system.get((track, s), [])}
            for s in ("trafilatura, default", "trafilatura, favor_precision")
        }
        narrator = sorted((r for r, _ in by_system.get((track, "narrator"), [])), key=lambda r: (r.f1, r.page_id))
        traf = others["trafilatura, default"]
        if track == "html" and traf and narrator:
            lost = [r for r in narrator if r.recall < LOST_RECALL and r.page_id in traf
                    and traf[r.page_id].recall > TRAFILATURA_RECALL]  # fmt: skip
            names = f"  ({', '.join(r.page_id for r in lost)})" if lost else ""
            print(f"\npages with narrator's recall < {LOST_RECALL} where trafilatura's (default) > "
                  f"{TRAFILATURA_RECALL}: {len(lost)}{names}")  # fmt: skip
        if worst and narrator:
            print(f"\nnarrator's {worst} worst {track} pages ({page_set} {part}):")
            for r in narrator[:worst]:
                p = "  -  " if r.precision is None else f"{r.precision:.2f}"
                line = (f"  {r.page_id:<44} F1 {r.f1:.2f}  P {p}  R {r.recall:.2f}  "
                        f"out {r.output_tokens}/gold {r.gold_tokens}")  # fmt: skip
                for system, short in (("trafilatura, default", "traf R"), ("trafilatura, favor_precision", "fp R")):
                    if r.page_id in others[system]:
                        line += f"  {short} {others[system][r.page_id].recall:.2f}"
                print(line)
                print(f"      missing: {' '.join(r.missing) or '-'}   extra: {' '.join(r.extra) or '-'}")


def _corpus_pages(corpus: Path, part: str, tracks: list[str], limit: int) -> list[tuple[str, str, Path, Path]]:
    """(track, page id, page file, gold file) of the part of a set laid out as the corpus is."""
    ids = page_ids(corpus, part)[: limit or None]
    return [
        (t, i, corpus / TRACKS[t][0] / f"{i}{TRACKS[t][1]}", corpus / "gold" / f"{i}.txt") for t in tracks for i in ids
    ]


def _modern_pages(part: str, tracks: list[str], limit: int) -> list[tuple[str, str, Path, Path]]:
    """(track, page id, page file, gold file) of the modern set's part, made if missing."""
    from training.modern.generate import OUT, ensure

    pages = ensure(OUT)
    folders = list(MODERN_PARTS.values()) if part == "all" else [MODERN_PARTS[part]]
    found = []
    for folder in folders:
        ids = sorted(
            (p.stem for p in (pages / folder / "gold").glob("*.txt")),
            key=lambda i: hashlib.sha1(i.encode()).hexdigest(),
        )
        for i in ids[: limit or None]:
            for t in tracks:
                found.append(
                    (t, i, pages / folder / TRACKS[t][0] / f"{i}{TRACKS[t][1]}", pages / folder / "gold" / f"{i}.txt")
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--set",
        choices=[*SETS, "both", "all"],
        default="all",
        help="which pages: the corpus, modern, hand-written, both (corpus and modern) or all",
    )
    parser.add_argument("--part", choices=["held-out", "dev", "all"], default="held-out")
    parser.add_argument("--track", choices=["html", "plaintext", "both"], default="both")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of the part, per set")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--worst", type=int, default=10, help="list narrator's N worst pages per set and track")
    parser.add_argument("--save", type=Path, help="write per-page results as JSON lines")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if not has_readability():
        SYSTEMS["html"] = [s for s in SYSTEMS["html"] if s[0] != "readability-lxml"]
        print("readability-lxml is not installed: its row is left out")
    tracks = list(TRACKS) if args.track == "both" else [args.track]
    sets = {"all": list(SETS), "both": ["corpus", "modern"]}.get(args.set, [args.set])
    scorers: dict[str, Callable] = {}
    pages: dict[str, list[tuple[str, str, Path, Path]]] = {}
    if "corpus" in sets:
        if (args.corpus / "score.py").is_file():
            scorers["corpus"] = _scorer(args.corpus).score_text
            pages["corpus"] = _corpus_pages(args.corpus, args.part, tracks, args.limit)
        else:
            print(f"corpus skipped: no corpus at {args.corpus}")
    if "modern" in sets:
        from extraction_modern import score_text

        scorers["modern"] = score_text
        pages["modern"] = _modern_pages(args.part, tracks, args.limit)
    if "handwritten" in sets:
        from extraction_modern import score_text

        scorers["handwritten"] = score_text
        pages["handwritten"] = _corpus_pages(HANDWRITTEN, "all", tracks, args.limit)  # one part: every page
    gold = {(s, i): g for s, found in pages.items() for _, i, _, g in found}
    tasks = [
        (s, t, system, i, str(path))
        for s, found in pages.items()
        for t, i, path, _ in found
        for system, _ in SYSTEMS[t]
    ]
    counts = "  ".join(f"{s}: {len({i for _, i, _, _ in found})} pages" for s, found in pages.items())
    part = args.part if set(pages) - {"handwritten"} else "every page"
    print(f"part: {part}  {counts}  tracks: {', '.join(tracks)}")
    started = time.perf_counter()
    results: dict[str, list] = {s: [] for s in pages}
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        for n, (page_set, track, system, page_id, output, seconds) in enumerate(pool.map(_run, tasks, chunksize=4), 1):
            text = gold[(page_set, page_id)].read_text(encoding="utf-8")
            results[page_set].append((track, system, scorers[page_set](page_id, output, text), seconds))
            if sys.stderr.isatty():
                print(f"\r{n}/{len(tasks)}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"wall: {time.perf_counter() - started:.0f}s")
    for page_set, items in results.items():
        part = "every page" if page_set == "handwritten" else args.part
        print(f"\n# {page_set} set, {part}")
        report(items, args.worst, page_set, part)
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for page_set, items in results.items():
                for track, system, r, seconds in items:
                    fh.write(json.dumps({"set": page_set, "track": track, "system": system, "page": r.page_id,
                                         "p": r.precision, "r": r.recall, "f1": r.f1,
                                         "seconds": round(seconds, 4)}) + "\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
