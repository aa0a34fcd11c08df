"""Time per character of `narrator.api.make_script` on hostile inputs.

    python benchmarks/hostile_inputs.py             # 10k, 20k and 40k characters of each shape
    python benchmarks/hostile_inputs.py --limit 20  # give up on a case after 20 s

Each shape is something a careless or hostile client can post: one long glued word,
many unclosed Markdown brackets, a single line of thousands of words, and so on. Each
case runs in a fresh process (so one that hangs can be stopped) and prints seconds and
microseconds per character. Linear work prints the same time per character at every
size; the last column is the 40k figure over the 10k one (1.0 is flat, 4.0 is
quadratic).
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time

SIZES = (10_000, 20_000, 40_000)
WORDS = ("council", "bridge", "monday", "repair", "harbour", "said", "town", "river", "mayor", "plan")


def _words(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


#: name -> (format, a function from a size in characters to the input)
SHAPES = {
    "one glued lower-case word": ("text", lambda n: "Glued\n" + _fill("abcdefghij", n)),
    "one glued word with capitals": ("text", lambda n: "Glued\n" + _fill("wordWord", n)),
    "one line of words, no stop": ("text", lambda n: "One line\n" + _words(n // 7)[:n]),
    "sentences with no line breaks": ("text", lambda n: "Run on\n" + _fill("The mayor said so. ", n)),
    "unclosed markdown links": ("markdown", lambda n: "# Links\n\n" + _fill("[a ", n)),
    "unclosed markdown images": ("markdown", lambda n: "# Images\n\n" + _fill("![a ", n)),
    "links never given a target": ("markdown", lambda n: "# Targets\n\n" + _fill("[a](", n)),
    "nested brackets": ("markdown", lambda n: "# Nested\n\n" + "[" * (n // 2) + "x" + "]" * (n // 2)),
    "emphasis never closed": ("markdown", lambda n: "# Stars\n\n" + _fill("*a _b ", n)),
    "digits without end": ("text", lambda n: "Digits\n" + _fill("1234567890", n)),
    "dots and spaces": ("text", lambda n: "Dots\n" + _fill(". . .. ", n)),
    "many short lines": ("text", lambda n: "Lines\n" + _fill("Share\nMenu\nHome\n", n)),
    "a URL that never ends": ("text", lambda n: "Link\nSee https://example.org/" + _fill("a/b-c_d", n)),
    "html, tags unclosed": ("html", lambda n: "<html><body><article><h1>Tags</h1>" + _fill("<p><b>a ", n)),
}


def _one(shape: str, size: int) -> None:
    """Run one case in this process and print its seconds."""
    from narrator.api import make_script
    from narrator.errors import NarratorError
    from narrator.settings import load_settings

    fmt, make = SHAPES[shape]
    data = make(size).encode()
    settings = load_settings({"voice": "tone"}, environ={})
    warm = b"Warm up\nThe council met on Monday and agreed to repair the old bridge over the river."
    make_script("-", settings, data=warm, fmt="text")  # lexicons and the voice load once, outside the timing
    started = time.perf_counter()
    with contextlib.suppress(NarratorError):  # refusing the input quickly is a fine answer too
        make_script("-", settings, data=data, fmt=fmt)
    print(f"{time.perf_counter() - started:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a case is stopped")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one[0], int(args.one[1]))
        return
    print(f"{'shape':34} " + " ".join(f"{size // 1000:>5}k s  µs/char" for size in SIZES) + "   40k/10k")
    for shape in SHAPES:
        per_char = []
        cells = []
        for size in SIZES:
            try:
                done = subprocess.run([sys.executable, __file__, "--one", shape, str(size)], capture_output=True,
                                      text=True, timeout=args.limit, check=True)  # fmt: skip
                seconds = float(done.stdout.strip().splitlines()[-1])
                per_char.append(seconds / size * 1e6)
                cells.append(f"{seconds:7.2f} {per_char[-1]:8.1f}")
            except subprocess.TimeoutExpired:
                cells.append(f"{'>' + format(args.limit, 'g'):>7} {'stopped':>8}")
                break
        ratio = f"{per_char[2] / per_char[0]:8.2f}" if len(per_char) == 3 and per_char[0] else "       -"
        print(f"{shape:34} " + " ".join(cells).ljust(3 * 17 - 1) + f" {ratio}", flush=True)


if __name__ == "__main__":
    main()
