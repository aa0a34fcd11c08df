"""Pass rate of the normaliser on tests/data/normalise.tsv, kind by kind.

python benchmarks/normalise_by_kind.py [--failures]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from narrator.synth.engines import load_engine  # noqa: E402
from narrator.text.normalise import Options, normalise  # noqa: E402

# As the default voice reads: its dictionary and its way of writing initialisms.
HEART = Options(initialisms=load_engine("hibari").initialisms, words=load_engine("hibari").known_words())


def cases(path: Path = ROOT / "tests" / "data" / "normalise.tsv") -> list[tuple[str, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="print each failing case")
    args = parser.parse_args()
    total, passed = Counter(), Counter()
    for kind, written, spoken in cases():
        got = normalise(written, HEART)
        total[kind] += 1
        passed[kind] += got == spoken
        if args.failures and got != spoken:
            print(f"{kind}\t{written}\n\twant\t{spoken}\n\tgot\t{got}")
    for kind in sorted(total):
        print(f"{kind:14} {passed[kind]:4}/{total[kind]:<4} {100 * passed[kind] / total[kind]:5.1f}%")
    print(f"{'all':14} {sum(passed.values()):4}/{sum(total.values()):<4} "
          f"{100 * sum(passed.values()) / sum(total.values()):5.1f}%")  # fmt: skip


if __name__ == "__main__":
    main()
