"""The training page generator (training/make_pages.py): the pages the shipped weights were learned from."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib

import pytest
from helpers.paths import TRAINING

# sha256 of the first 40 pages train.py builds (seed 20250), one JSON list a line as --out writes them
TRAIN_PAGES_SHA256 = "798ebae80d223691b717f0411c51b2e7ea36aacedbb0d6d8b0bb6260b6bcdcca"


@pytest.fixture(scope="module")
def make_pages():
    sys.path.insert(0, str(TRAINING))
    try:
        import make_pages

        yield make_pages
    finally:
        sys.path.remove(str(TRAINING))


def test_the_generator_still_makes_the_pages_the_shipped_weights_were_trained_on(make_pages, tmp_path):
    out = tmp_path / "pages.jsonl"
    assert make_pages.main(["--count", "40", "--seed", "20250", "--out", str(out)]) == 0
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest == TRAIN_PAGES_SHA256, (
        "the generated pages changed: rebuild narrator/ingest/readers/text_model.npz with "
        "training/train.py and record the new digest here"
    )


def test_show_prints_pages_with_a_label_on_every_line(make_pages, capsys):
    assert make_pages.main(["--show", "2", "--seed", "7"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines.count("=" * 60) == 2
    labelled = [ln for ln in lines if ln != "=" * 60]
    assert labelled and all(re.match(r"[OBHTAD ] \| ", ln) for ln in labelled)
    assert {ln[0] for ln in labelled} >= {"O", "B", "T"}


def test_every_phrase_list_in_the_data_files_is_drawn_from():
    modules = [p for p in (TRAINING / "pagegen").glob("*.py") if p.name != "phrases.py"]
    code = "\n".join(p.read_text(encoding="utf-8") for p in modules)
    unused = [
        f"{path.name}: {key}"
        for path in sorted((TRAINING / "phrases").glob("*.toml"))
        for key in tomllib.loads(path.read_text(encoding="utf-8"))
        if not re.search(rf"\b{key.upper()}\b", code)
    ]
    assert unused == []
