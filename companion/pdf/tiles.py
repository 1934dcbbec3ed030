"""Which pixels of a page to draw: whole small pages, bands or tiles of large ones.

A page at fit width on a full-HD screen is 12 MB of pixels, and four times
that on a HiDPI screen or at high zoom; most of it is off screen. Pages
larger than :data:`WHOLE_PAGE_BYTES` are cut into pieces and only the pieces
on (or near) the screen are drawn. A page that is not wider than
:data:`BAND_MAX_WIDTH` (fit width, even on a 4K screen) is cut into
horizontal bands of :data:`BAND_HEIGHT` rows: the screen shows its whole
width anyway, and few pieces mean few requests. A wider one (zoomed in) is
cut into :data:`TILE` squares, so only the part on screen is drawn. Plain
arithmetic, no Qt, no MuPDF: the viewer, the benchmark and the tests share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TILE = 1024  # pixels; a tile is 4 MB
BAND_MAX_WIDTH = 4096  # pages up to this wide come in bands of full width
# Rows per band: at fit width on an ordinary screen two bands cover the screen, so
# both workers draw a page you jump to at once; on a 200 % screen smaller bands
# (5 MB for a 3400 px wide page) keep what is held to what shows.
BAND_HEIGHT = 512
WIDE_BAND_HEIGHT = 384
WIDE_BAND_FROM = 2048
WHOLE_PAGE_BYTES = 8 * 2**20  # pages up to this are drawn in one piece

PixelRect = tuple[int, int, int, int]


def scale_key(scale: float) -> int:
    """Cache key for a render scale: equal for scales that give the same pixels."""
    return round(scale * 1000)


def page_pixels(width: float, height: float, scale: float) -> tuple[int, int]:
    """A page of ``width`` x ``height`` points at ``scale`` px per point, in whole pixels."""
    return max(1, round(width * scale)), max(1, round(height * scale))


@dataclass(frozen=True)
class TileGrid:
    """A page image of ``width`` x ``height`` px cut into pieces of ``tile_width`` x
    ``tile_height`` (the last row and column smaller)."""

    width: int
    height: int
    tile_width: int
    tile_height: int

    @property
    def columns(self) -> int:
        return max(1, math.ceil(self.width / self.tile_width))

    @property
    def rows(self) -> int:
        return max(1, math.ceil(self.height / self.tile_height))

    @property
    def whole(self) -> bool:
        return self.columns == 1 and self.rows == 1

    def clip(self, column: int, row: int) -> PixelRect:
        x0, y0 = column * self.tile_width, row * self.tile_height
        return (
            x0,
            y0,
            min(self.width, x0 + self.tile_width),
            min(self.height, y0 + self.tile_height),
        )

    def all(self) -> list[tuple[int, int]]:
        return [(c, r) for r in range(self.rows) for c in range(self.columns)]

    def covering(self, rect: tuple[float, float, float, float] | None) -> list[tuple[int, int]]:
        """The pieces a pixel rectangle of the page touches, top row first (all for None)."""
        if rect is None:
            return self.all()
        x0, y0, x1, y1 = rect
        x0, y0 = max(0.0, x0), max(0.0, y0)
        x1, y1 = min(float(self.width), x1), min(float(self.height), y1)
        if x1 <= x0 or y1 <= y0:
            return []
        first_col = int(x0 // self.tile_width)
        last_col = min(self.columns - 1, int((x1 - 1e-6) // self.tile_width))
        first_row = int(y0 // self.tile_height)
        last_row = min(self.rows - 1, int((y1 - 1e-6) // self.tile_height))
        return [
            (c, r) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)
        ]


def whole_page(width: int, height: int) -> TileGrid:
    return TileGrid(width, height, width, height)


def grid_for(width: int, height: int, whole_bytes: int = WHOLE_PAGE_BYTES) -> TileGrid:
    """One piece for a small page, bands for one up to 4096 px wide, squares beyond."""
    if width * height * 4 <= whole_bytes:
        return whole_page(width, height)
    if width <= BAND_MAX_WIDTH:
        return TileGrid(
            width, height, width, WIDE_BAND_HEIGHT if width > WIDE_BAND_FROM else BAND_HEIGHT
        )
    return TileGrid(width, height, TILE, TILE)
