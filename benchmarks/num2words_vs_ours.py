"""num2words (LGPL-2.1) beside narrator.numbers: correctness on the case set, and speed.

    python benchmarks/num2words_vs_ours.py

Correctness: the normaliser runs the cases of the kinds that need number words
(cardinal, ordinal, decimal, year, money, percent, score, range, unit) once with
narrator.text.numbers and once with its functions replaced by num2words, raw and with house
style applied (no "and", no commas). Speed: a million-range sample of cardinals, ordinals
and years converted by each.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from num2words import num2words  # noqa: E402

import narrator.text.amounts as amounts  # noqa: E402
import narrator.text.figures as figures  # noqa: E402
import narrator.text.identifiers as identifiers  # noqa: E402
import narrator.text.measures as measures  # noqa: E402
import narrator.text.normalise as normalise_module  # noqa: E402
import narrator.text.numbers as numbers  # noqa: E402
import narrator.text.ranges as ranges  # noqa: E402
import narrator.text.times as times  # noqa: E402
from narrator.synth.engines import load_engine  # noqa: E402

HEART = normalise_module.Options(initialisms="caps", words=load_engine("hibari").known_words())

KINDS = {"cardinal", "ordinal", "decimal", "year", "money", "percent", "score", "range", "unit"}
MODULES = [normalise_module, numbers, identifiers, measures, ranges, amounts, figures, times]


def house(text: str) -> str:
    """num2words's British "and" and commas taken out: American news style."""
    return re.sub(r",| and(?= [a-z])", "", text).replace("  ", " ")


def n2w_functions(styled: bool) -> dict[str, Callable]:
    fix = house if styled else (lambda t: t)

    def number(text: str) -> str:
        text = text.replace(",", "")
        if "." in text:
            whole, _, frac = text.partition(".")
            return fix(num2words(int(whole or 0))) + " point " + " ".join(num2words(int(d)) for d in frac)
        return fix(num2words(int(text)))

    return {
        "cardinal": lambda n: fix(num2words(n)),
        "ordinal": lambda n: fix(num2words(n, to="ordinal")),
        "year": lambda n: fix(num2words(n, to="year")),
        "number": number,
    }


def pass_rate(functions: dict[str, Callable] | None) -> tuple[int, int]:
    from benchmarks.normalise_by_kind import cases

    chosen = [c for c in cases() if c[0] in KINDS]
    patches = []
    for module in MODULES:
        for name, fn in (functions or {}).items():
            if hasattr(module, name):
                patches.append(mock.patch.object(module, name, fn))
    for p in patches:
        p.start()
    try:
        passed = sum(normalise_module.normalise(written, HEART) == spoken for _, written, spoken in chosen)
    finally:
        for p in patches:
            p.stop()
    return passed, len(chosen)


def speed(fn: Callable[[int], str], values: list[int]) -> float:
    start = time.perf_counter()
    for v in values:
        fn(v)
    return (time.perf_counter() - start) / len(values) * 1e6


def main() -> None:
    sys.path.insert(0, str(ROOT.parent))
    for label, functions in (("narrator.numbers", None), ("num2words raw", n2w_functions(False)),
                             ("num2words + house style", n2w_functions(True))):  # fmt: skip
        passed, total = pass_rate(functions)
        print(f"{label:26} {passed}/{total} cases ({100 * passed / total:.1f}%)")
    rng = random.Random(7)
    values = [rng.randrange(0, 10**9) for _ in range(20000)]
    years = [rng.randrange(1000, 2100) for _ in range(20000)]
    print("\nmicroseconds per call       ours   num2words")
    print(f"cardinal (0..1e9)        {speed(numbers.cardinal, values):7.1f} {speed(num2words, values):9.1f}")
    print(f"ordinal  (0..1e9)        {speed(numbers.ordinal, values):7.1f} "
          f"{speed(lambda n: num2words(n, to='ordinal'), values):9.1f}")  # fmt: skip
    print(f"year     (1000..2099)    {speed(numbers.year, years):7.1f} "
          f"{speed(lambda n: num2words(n, to='year'), years):9.1f}")  # fmt: skip
    for n in (105, 1200, 2005, 1900, 21, 1_000_000):
        print(f"  {n}: ours {numbers.cardinal(n)!r} / year {numbers.year(n)!r}; num2words {num2words(n)!r} / "
              f"year {num2words(n, to='year')!r}")  # fmt: skip


if __name__ == "__main__":
    main()
