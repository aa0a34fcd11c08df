"""Narrate in one long-lived process, as the service's workers do: the first narration
of an article (which also loads the voice), then the article after a one-sentence edit,
then unchanged. Prints the three wall times as JSON.

    python benchmarks/warm.py VOICE ARTICLE.md

The cache and output folders come from NARRATOR_CACHE_DIR and NARRATOR_OUT.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import edit_one_paragraph


def main() -> None:
    voice, source = sys.argv[1], Path(sys.argv[2])
    from narrator import api
    from narrator.settings import load_settings

    api.start_process()
    settings = load_settings({"voice": voice})
    seconds = {}
    for label in ("first", "edit", "unchanged"):
        if label == "edit":
            source.write_text(edit_one_paragraph(source.read_text()))
        start = time.perf_counter()
        api.narrate(source, settings)
        seconds[label] = time.perf_counter() - start
    print(json.dumps(seconds))


if __name__ == "__main__":
    main()
