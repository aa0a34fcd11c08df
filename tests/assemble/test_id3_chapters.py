"""ID3 chapter frames in time order, as ffmpeg and mutagen read them from a real MP3."""

from __future__ import annotations

import subprocess

import pytest

from narrator.assemble.tags import write_tags
from narrator.models import Chapter
from narrator.support.ffmpeg import ffmpeg_path

TITLES = ["Introduction", "The vote", "What happens next", "Reaction", "Closing"]


@pytest.fixture
def tagged(tmp_path):
    """A real 20-second MP3 with five chapters, the last ones with short titles."""
    path = tmp_path / "episode.mp3"
    subprocess.run([ffmpeg_path(), "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=20",
                    "-ac", "1", "-b:a", "64k", str(path)], check=True)  # fmt: skip
    chapters = tuple(Chapter(start=i * 4.0, title=t) for i, t in enumerate(TITLES))
    write_tags(path, title="Vote", author=None, album="narrator", published=None, comment="",
               disclosure=None, chapters=chapters, duration=20.0)  # fmt: skip
    return path


@pytest.mark.slow
def test_ffmpeg_lists_the_chapters_in_time_order(tagged):
    meta = subprocess.run([ffmpeg_path(), "-v", "error", "-i", str(tagged), "-f", "ffmetadata", "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    titles, starts = [], []
    for block in meta.split("[CHAPTER]")[1:]:
        fields = dict(line.split("=", 1) for line in block.strip().splitlines() if "=" in line)
        titles.append(fields["title"])
        starts.append(int(fields["START"]))
    assert titles == TITLES  # "Closing" is the last chapter, not chapter 0
    assert starts == sorted(starts)


@pytest.mark.slow
def test_chap_frames_and_the_table_of_contents_are_saved_in_time_order(tagged):
    from mutagen.id3 import ID3

    tag = ID3(tagged)
    chaps = tag.getall("CHAP")
    assert [c.sub_frames["TIT2"].text[0] for c in chaps] == TITLES
    assert [c.start_time for c in chaps] == sorted(c.start_time for c in chaps)
    (toc,) = tag.getall("CTOC")
    assert toc.child_element_ids == [c.element_id for c in chaps]
