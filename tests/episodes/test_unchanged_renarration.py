"""Narrating an unchanged article again leaves its files untouched, so their modification
times, and so the ETag and Last-Modified that ``serve`` gives, stay the same and podcast
apps don't download the episode again."""

from __future__ import annotations

from pathlib import Path

from narrator import api

ARTICLE = "# Ferry timetable changes\n\nThe morning ferry will leave ten minutes earlier from next week.\n"


def _stat(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(folder.rglob("*")) if not p.name.startswith(".")}  # fmt: skip


def test_renarrating_an_unchanged_article_touches_no_file(tmp_path, settings):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    first = api.narrate(source, settings)
    before = _stat(settings.out)
    again = api.narrate(source, settings)
    assert again.record == first.record
    assert _stat(settings.out) == before


def test_a_corrected_article_keeps_the_files_it_shares_with_the_old_version(tmp_path, settings):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE)
    first = api.narrate(source, settings)
    page_before = (first.directory / "index.html").stat()
    source.write_text(ARTICLE.replace("ten", "fifteen"))
    corrected = api.narrate(source, settings)
    assert corrected.record.version != first.record.version
    assert not (corrected.directory / first.record.files.audio).exists()
    assert (corrected.directory / corrected.record.files.audio).is_file()
    assert (corrected.directory / "index.html").stat().st_ino != page_before.st_ino  # the page names the new audio
