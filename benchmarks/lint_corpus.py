"""Lint findings on real news sentences, by kind: what the normaliser leaves unread.

    python benchmarks/lint_corpus.py [--gold DIR] [--examples N]

Draws the sentences of the extraction corpus's gold article bodies at run time (by
default ``../shared/corpora/extraction/gold/`` beside the repository; skipped when it
is absent). That corpus is for measuring only: none of its text is kept in the repo.
Each sentence is normalised, and every token left unread is counted by kind:

- digits: digits left in the spoken text, alone or glued to what no rule reads ("7Q9_1");
- symbol: a character that is neither a letter, a digit nor punctuation;
- capitals: a capital run no list or dictionary explains (the normaliser guessed), or
  single capitals spelled out in a row ("K Y I V") that are no known initialism.

The classification is self-contained and uses this checkout's lists of initialisms, so
the same script measures an older normaliser (its checkout first on PYTHONPATH) fairly.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository; a worktree further down finds it in a parent folder.
GOLD = next(
    (p / "shared/corpora/extraction/gold" for p in ROOT.parents if (p / "shared/corpora/extraction/gold").is_dir()),
    ROOT.parent / "shared/corpora/extraction/gold",
)
_PUNCTUATION = set(".,;:!?'\"()-–—…")


def sentences(gold: Path) -> list[str]:
    from narrator.text.segment import split_sentences

    out: list[str] = []
    for path in sorted(gold.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            out += split_sentences(paragraph)
    return out


def known_capitals() -> frozenset[str]:
    """The initialisms and acronyms this checkout's normaliser knows, read from its source,
    so an older normaliser measured with this script is judged by the same lists."""
    source = (ROOT / "narrator" / "text" / "capitals.py").read_text(encoding="utf-8")
    words: set[str] = set()
    for block in re.findall(r"frozenset\(\s*((?:\"[^\"]*\"\s*)+)\.split\(\)", source):
        words.update("".join(re.findall(r'"([^"]*)"', block)).split())
    return frozenset(words)


def findings(spoken: str, known: frozenset[str], dictionary: frozenset[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for raw in spoken.split():
        token = raw.strip(".,;:!?\"'()")
        if any(ch.isdigit() for ch in token):
            found.append(("digits", token))
        elif any(not (ch.isalnum() or ch.isspace() or ch in _PUNCTUATION) for ch in token):
            found.append(("symbol", token))
    for word in re.findall(r"\b[A-Z]{2,}(?:s\b|\b)", spoken):
        core = word[:-1] if word.endswith("s") and len(word) > 2 else word
        if core not in known and word not in dictionary and core.capitalize() not in dictionary:
            found.append(("capitals", word))
    for run in re.findall(r"\b[A-Z](?: [A-Z]\b){2,}", spoken):
        if run.replace(" ", "") not in known:
            found.append(("capitals", run))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--examples", type=int, default=15, help="most common findings to show per kind")
    args = parser.parse_args()
    if not args.gold.is_dir():
        print(f"skipped: no corpus at {args.gold}")
        return
    sys.path.append(str(ROOT))  # after PYTHONPATH, so an older checkout there is the one measured
    from narrator.synth.engines import load_engine
    from narrator.text.normalise import Options, normalise

    known = known_capitals()
    heart = load_engine("hibari")
    dictionary = heart.known_words()
    options = Options(initialisms=heart.initialisms, words=dictionary)
    drawn = sentences(args.gold)
    counts: Counter[str] = Counter()
    tokens: dict[str, Counter[str]] = {}
    start = time.perf_counter()
    for sentence in drawn:
        for kind, token in findings(normalise(sentence, options), known, dictionary):
            counts[kind] += 1
            tokens.setdefault(kind, Counter())[re.sub(r"\d", "9", token)] += 1
    seconds = time.perf_counter() - start
    print(f"{len(drawn)} sentences, normalised in {seconds:.1f}s")
    for kind in ("digits", "symbol", "capitals"):
        common = ", ".join(f"{t} ({n})" for t, n in tokens.get(kind, Counter()).most_common(args.examples))
        print(f"{kind:9} {counts[kind]:6}   {common}")
    print(f"{'all':9} {sum(counts.values()):6}")


if __name__ == "__main__":
    main()
