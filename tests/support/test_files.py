import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from narrator.episodes.slugs import slugify
from narrator.errors import OutputError
from narrator.support.files import ensure_writable, staged_folder, write_atomic


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Turkey considers sending peacekeepers", "turkey-considers-sending-peacekeepers"),
        ("Café owners win — again!", "cafe-owners-win-again"),
        ("../../etc/passwd", "etc-passwd"),
        ("Київ: новини", "kiiv-novini"),
        ("CON", "article"),
        ("", "article"),
        (None, "article"),
        ("\x00\x1b[31m", "31m"),
    ],
)
def test_slugs_are_ascii_and_safe(title, slug):
    assert slugify(title) == slug


@given(st.text())
def test_no_title_can_escape_the_output_folder(title):
    slug = slugify(title)
    assert slug and len(slug) <= 80
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert slug == slug.lower() and not slug.startswith("-") and ".." not in slug


def test_write_atomic_leaves_no_temp_files(tmp_path):
    write_atomic(tmp_path / "a.json", "{}")
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_failed_episode_leaves_the_previous_one_and_no_partial_folder(tmp_path):
    with staged_folder(tmp_path, "story") as folder:
        (folder / "story.mp3").write_bytes(b"old")
    with pytest.raises(RuntimeError), staged_folder(tmp_path, "story") as folder:
        (folder / "story.mp3").write_bytes(b"half")
        raise RuntimeError("encoder died")
    assert [p.name for p in tmp_path.iterdir()] == ["story"]
    assert (tmp_path / "story" / "story.mp3").read_bytes() == b"old"


def test_replacing_an_episode_swaps_it_whole(tmp_path):
    for payload in (b"first", b"second"):
        with staged_folder(tmp_path, "story") as folder:
            (folder / "story.mp3").write_bytes(payload)
    assert (tmp_path / "story" / "story.mp3").read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["story"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_a_clear_error_for_users(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="can't write output"):
        ensure_writable(locked / "out")


def test_output_path_that_is_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="out"):
        ensure_writable(blocker)
