"""ID3v2 tags for an episode: title, artist, album, date, comment, the AI disclosure,
artwork, and chapter frames that match chapters.json."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import AudioError
from ..models import Chapter


def _chaptered_id3():
    """mutagen's ID3 whose chapter frames are saved in time order.

    mutagen sorts the frames it saves by size, so CHAP frames came out in any order,
    and players that list chapters in frame order (ffmpeg does) showed "Closing" first.
    The other frames keep mutagen's order; the table of contents and the chapters
    follow them, before the artwork."""
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame

    class ChapteredID3(ID3):
        def _write(self, config):
            frames = list(self.values())
            chapters = sorted((f for f in frames if f.FrameID == "CHAP"), key=lambda f: (f.start_time, f.end_time))
            first = ["TIT2", "TPE1", "TRCK", "TALB", "TPOS", "TDRC", "TCON"]  # as mutagen puts them
            others = [(f, save_frame(f, config=config)) for f in frames if f.FrameID not in ("CHAP", "CTOC", "APIC")]
            others.sort(key=lambda p: (first.index(p[0].FrameID) if p[0].FrameID in first else len(first), len(p[1])))
            later = [*self.getall("CTOC"), *chapters, *self.getall("APIC")]
            return bytearray().join([*(data for _, data in others), *(save_frame(f, config=config) for f in later)])

    return ChapteredID3()


def write_tags(
    path: Path,
    *,
    title: str,
    author: str | None,
    album: str,
    published: dt.date | dt.datetime | None,
    comment: str,
    disclosure: str | None,
    chapters: tuple[Chapter, ...],
    duration: float,
    artwork: Path | None = None,
) -> None:
    from mutagen.id3 import APIC, CHAP, COMM, CTOC, TALB, TDRC, TIT2, TPE1, TXXX, CTOCFlags

    tags = _chaptered_id3()
    tags.add(TIT2(encoding=3, text=title))
    if author:
        tags.add(TPE1(encoding=3, text=author))
    tags.add(TALB(encoding=3, text=album))
    if published:
        tags.add(
            TDRC(
                encoding=3,
                text=published.date().isoformat() if isinstance(published, dt.datetime) else published.isoformat(),
            )
        )
    tags.add(COMM(encoding=3, lang="eng", desc="", text=comment))
    if disclosure:
        tags.add(TXXX(encoding=3, desc="AI_DISCLOSURE", text=disclosure))
    if artwork is not None:
        try:
            data = Path(artwork).read_bytes()
        except OSError as exc:
            raise AudioError(f"{artwork}: can't read artwork: {exc.strerror}") from None
        mime = "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
        tags.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=data))
    chapters = tuple(sorted(chapters, key=lambda c: c.start))
    ids = [f"chp{i}" for i in range(len(chapters))]
    for i, chapter in enumerate(chapters):
        end = chapters[i + 1].start if i + 1 < len(chapters) else duration
        tags.add(
            CHAP(
                element_id=ids[i],
                start_time=int(chapter.start * 1000),
                end_time=int(end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    if chapters:
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    try:
        tags.save(str(path), v2_version=3)
    except Exception as exc:  # mutagen raises its own error types for unreadable files
        raise AudioError(f"{path}: can't write ID3 tags: {exc}") from exc
