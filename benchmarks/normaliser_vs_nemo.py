"""narrator's normaliser beside NVIDIA NeMo text processing, on the same test set.

    python benchmarks/normaliser_vs_nemo.py [--nemo-python PATH]

NeMo (``pip install nemo-text-processing``, which needs pynini) is large, so it runs in
its own environment: give that environment's Python with --nemo-python. Both outputs are
compared with the expected spoken form after lower-casing and dropping punctuation and
hyphens, so house style (capitals, "P M" against "p m") doesn't count against either.
Prints the pass rate and the time per 1,000 written words for each.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "normalise.tsv"

NEMO = """
import json, sys, time
from nemo_text_processing.text_normalization.normalize import Normalizer
normalizer = Normalizer(input_case="cased", lang="en")
texts = json.load(sys.stdin)
normalizer.normalize(texts[0], punct_post_process=True)  # warm up: grammars load lazily
start = time.perf_counter()
out = [normalizer.normalize(t, punct_post_process=True) for t in texts]
json.dump({"seconds": time.perf_counter() - start, "out": out}, sys.stdout)
"""


_NUMBER = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million"
).split()


def canonical(text: str) -> str:
    """Comparable form: house style aside ("P M" or "PM", "one hundred and two" or not)."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"[^\w\s']", " ", text)
    words = text.split()
    out: list[str] = []
    for i, word in enumerate(words):
        if word == "and" and out and out[-1] in _NUMBER and i + 1 < len(words) and words[i + 1] in _NUMBER:
            continue  # British "one hundred and two"
        if (
            len(word) == 1
            and word not in ("a", "i")
            and out
            and re.fullmatch(r"[a-z]+", out[-1])
            and len(out[-1]) <= 4
            and out[-1].isalpha()
            and (i > 0 and len(words[i - 1]) == 1)
        ):
            out[-1] += word  # spelt-out letters: "p m" is "pm"
            continue
        out.append("oh" if word == "o" else word)
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nemo-python", help="Python of an environment with nemo-text-processing")
    args = parser.parse_args()
    cases = [line.split("\t") for line in CASES.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]  # fmt: skip
    written = [c[0] for c in cases]
    words = sum(len(w.split()) for w in written)

    from narrator.text.normalise import normalise

    normalise(written[0])
    start = time.perf_counter()
    ours = [normalise(w) for w in written]
    ours_seconds = time.perf_counter() - start
    rows = [("narrator", ours, ours_seconds)]

    if args.nemo_python:
        result = subprocess.run([args.nemo_python, "-c", NEMO], input=json.dumps(written), capture_output=True,
                                text=True, check=True)  # fmt: skip
        nemo = json.loads(result.stdout)
        rows.append(("NeMo", nemo["out"], nemo["seconds"]))

    print(f"{len(cases)} cases, {words} written words\n")
    print(f"{'normaliser':<10} {'passed':>8} {'rate':>7} {'ms per 1,000 words':>19}")
    for name, outputs, seconds in rows:
        passed = sum(canonical(o) == canonical(c[1]) for o, c in zip(outputs, cases, strict=True))
        print(f"{name:<10} {passed:>8} {passed / len(cases):>7.1%} {seconds / words * 1000 * 1000:>19.1f}")
    if len(rows) == 2:
        print("\nSome cases NeMo reads differently:")
        shown = 0
        for (w, expected), nemo_out in zip(cases, rows[1][1], strict=True):
            if canonical(nemo_out) != canonical(expected) and shown < 12:
                print(f"  {w}\n    expected: {expected}\n    NeMo:     {nemo_out}")
                shown += 1


if __name__ == "__main__":
    sys.exit(main())
