"""A regression check on real pages no one here wrote: a dozen pages of the development
corpus in ``../shared/corpora/extraction/`` (measuring only: nothing of it is copied into
this repository), and the example article a user gave in ``../shared/seeds/``. Skipped
where they are absent; ``benchmarks/extraction.py`` gives the full numbers."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from helpers.paths import ROOT

from narrator.api import read_article

SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT.parent / "shared")
CORPUS = SHARED / "corpora" / "extraction"
PAGES = 12
# Floors a little under what narrator scores on these pages, so a real regression fails.
FLOORS = {"html": 0.85, "plaintext": 0.85}


def _benchmark():
    spec = importlib.util.spec_from_file_location("extraction_benchmark", ROOT / "benchmarks" / "extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("track", ["html", "plaintext"])
def test_a_dozen_real_pages_keep_their_article(track, settings):
    if not (CORPUS / "score.py").is_file():
        pytest.skip(f"no corpus at {CORPUS}")
    bench = _benchmark()
    scorer = bench._scorer(CORPUS)
    folder, suffix = bench.TRACKS[track]
    scores = []
    for page_id in bench.page_ids(CORPUS, "dev")[:PAGES]:
        path = CORPUS / folder / f"{page_id}{suffix}"
        fmt = "html" if track == "html" else "text"
        article = read_article(str(path), settings, data=path.read_bytes(), fmt=fmt)
        body = "\n\n".join(p for p in article.paragraphs)
        gold = (CORPUS / "gold" / f"{page_id}.txt").read_text(encoding="utf-8")
        scores.append(scorer.score_text(page_id, body, gold).f1)
    sys.modules.pop("corpus_score", None)
    assert sum(scores) / len(scores) >= FLOORS[track], scores


def test_the_users_example_keeps_its_eight_paragraphs_and_its_metadata(settings):
    seed = next(iter(sorted((SHARED / "seeds").glob("*.txt"))), None)
    if seed is None:
        pytest.skip(f"no example article in {SHARED / 'seeds'}")
    article = read_article(seed, settings)
    assert len(article.paragraphs) == 8
    assert all(len(p.split()) >= 15 for p in article.paragraphs)  # sentences, not furniture
    assert article.title and article.author and article.published
