"""Which pixels of a page to draw: whole small pages, tiles of large ones.

A page at fit width on a full-HD screen is 16 MB of pixels, and four times
that on a HiDPI screen or at high zoom; most of it is off screen. Pages
larger than :data:`WHOLE_PAGE_BYTES` are cut into square tiles and only the
tiles on (or near) the screen are drawn. Plain arithmetic, no Qt, no MuPDF:
the viewer, the benchmark and the tests share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TILE = 1024  # pixels; a tile is 4 MB
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
    """A page image of ``width`` x ``height`` px cut into ``tile`` px squares."""

    width: int
    height: int
    tile: int

    @property
    def columns(self) -> int:
        return max(1, math.ceil(self.width / self.tile))

    @property
    def rows(self) -> int:
        return max(1, math.ceil(self.height / self.tile))

    @property
    def whole(self) -> bool:
        return self.columns == 1 and self.rows == 1

    def clip(self, column: int, row: int) -> PixelRect:
        x0, y0 = column * self.tile, row * self.tile
        return x0, y0, min(self.width, x0 + self.tile), min(self.height, y0 + self.tile)

    def all(self) -> list[tuple[int, int]]:
        return [(c, r) for r in range(self.rows) for c in range(self.columns)]

    def covering(self, rect: tuple[float, float, float, float] | None) -> list[tuple[int, int]]:
        """The tiles a pixel rectangle of the page touches, top row first (all for None)."""
        if rect is None:
            return self.all()
        x0, y0, x1, y1 = rect
        x0, y0 = max(0.0, x0), max(0.0, y0)
        x1, y1 = min(float(self.width), x1), min(float(self.height), y1)
        if x1 <= x0 or y1 <= y0:
            return []
        first_col, last_col = (
            int(x0 // self.tile),
            min(self.columns - 1, int((x1 - 1e-6) // self.tile)),
        )
        first_row, last_row = (
            int(y0 // self.tile),
            min(self.rows - 1, int((y1 - 1e-6) // self.tile)),
        )
        return [
            (c, r) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)
        ]


def grid_for(width: int, height: int, whole_bytes: int = WHOLE_PAGE_BYTES) -> TileGrid:
    """One piece for a small page, :data:`TILE` squares for a large one."""
    if width * height * 4 <= whole_bytes:
        return TileGrid(width, height, max(width, height))
    return TileGrid(width, height, TILE)
