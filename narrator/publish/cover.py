"""Cover art for a podcast that has none: 3000×3000 px, the title as large as it fits
and a simple sound mark, so a new podcast meets Apple's artwork rules out of the box.

The art is drawn with Pillow and its built-in font, so no system fonts are needed, and
the title is kept in the JPEG's comment so it is drawn again only when the title
changes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ..errors import PublishError
from ..support.files import write_atomic

COVER = "cover.jpg"
SIZE = 3000
MARGIN = 260
#: Dark backgrounds on which white text passes WCAG AAA contrast (7:1 and more).
PALETTE = ((22, 46, 84), (88, 24, 52), (20, 66, 58), (62, 38, 96), (40, 44, 52), (110, 40, 20))


def _lines(draw, words: list[str], font, width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(draw, title: str, width: int, height: int):
    """The largest font (and the lines it wraps the title into) that fits the box."""
    from PIL import ImageFont

    words = title.split() or ["Podcast"]
    for size in range(620, 60, -20):
        font = ImageFont.load_default(size=size)
        lines = _lines(draw, words, font, width)
        widest = max(draw.textlength(line, font=font) for line in lines)
        if widest <= width and len(lines) * size * 1.15 <= height:
            return font, lines
    return ImageFont.load_default(size=60), _lines(draw, words, ImageFont.load_default(size=60), width)


def _mark(draw, centre: tuple[int, int], radius: int, colour: tuple[int, int, int]) -> None:
    """A white disc with five level bars: audio, recognisable at any size."""
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="white")
    bar = radius // 5
    for i, scale in enumerate((0.35, 0.7, 1.0, 0.7, 0.35)):
        left = x - radius + int(radius * 0.3) + i * int(bar * 1.4)
        half = int(radius * 0.62 * scale)
        draw.rounded_rectangle((left, y - half, left + bar, y + half), radius=bar // 2, fill=colour)


def render_cover(title: str) -> bytes:
    """The cover art for ``title`` as a 3000×3000 RGB JPEG."""
    try:
        from PIL import Image, ImageDraw
    except ImportError as exc:  # pragma: no cover - Pillow is a dependency
        raise PublishError("can't draw cover art: Pillow is not installed") from exc
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    colour = PALETTE[digest[0] % len(PALETTE)]
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    radius = 330
    _mark(draw, (MARGIN + radius, MARGIN + radius), radius, colour)
    top = MARGIN + 2 * radius + 140
    font, lines = _fit(draw, title, SIZE - 2 * MARGIN, SIZE - top - MARGIN)
    step = int(font.size * 1.15)
    y = SIZE - MARGIN - step * len(lines)  # the title sits on the bottom margin
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill="white", stroke_width=max(2, font.size // 40),
                  stroke_fill="white")  # fmt: skip
        y += step
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, dpi=(72, 72), comment=title.encode("utf-8"))
    return out.getvalue()


def cover_title(path: Path) -> str | None:
    """The title a generated cover was drawn for (its JPEG comment), or None if it isn't
    one. Read from the JPEG's header segments, without Pillow: every narration checks
    the cover, and importing Pillow would cost it 20 ms."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return None
    if head[:2] != b"\xff\xd8":
        return None
    at = 2
    while at + 4 <= len(head) and head[at] == 0xFF:
        marker, length = head[at + 1], int.from_bytes(head[at + 2 : at + 4], "big")
        if marker == 0xFE:  # COM: the comment
            return head[at + 4 : at + 2 + length].decode("utf-8", "replace")
        if marker == 0xDA:  # the image data starts: no comment before it
            return None
        at += 2 + length
    return None


def ensure_cover(out: Path, title: str) -> Path:
    """``OUT/cover.jpg`` drawn for ``title``, drawn again only if the title changed."""
    path = Path(out) / COVER
    if not path.is_file() or cover_title(path) != title:
        write_atomic(path, render_cover(title))
    return path
