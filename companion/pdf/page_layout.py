"""Where each page sits in the continuous view, and the zoom steps.

Plain arithmetic on page sizes (PDF points) and a scale (screen pixels per
point), kept apart from the widgets so the tests and the benchmark can ask
"which pages are on screen at this scroll position" without a window.
Page indexes here are 0-based; the screens show 1-based numbers.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

GAP = 12  # pixels between pages and around them

# Zoom steps as people know them from other viewers (1.0 is real size).
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
MIN_ZOOM = ZOOM_STEPS[0]
# "Paginabreedte" on a wide screen stops here: a page at 187 % shows less than half
# of itself and the lines get too long to read. Wider screens get margins instead.
READABLE_FIT_ZOOM = 1.5
MAX_ZOOM = ZOOM_STEPS[-1]


class ZoomMode(Enum):
    FIT_WIDTH = "fit-width"
    FIT_PAGE = "fit-page"
    FIXED = "fixed"


class PageBox(NamedTuple):
    """One page's place in the view, in logical pixels.

    A named tuple, not a dataclass: a layout makes one per page each time the
    view is laid out (opening, zooming, resizing), and a 5,000-page document
    made them ten times slower than the tuple (65 ms against 6 ms).
    """

    index: int
    x: int
    y: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.y + self.height


class PageLayout:
    """Pages stacked top to bottom, centred, ``gap`` pixels apart, at one scale."""

    def __init__(
        self,
        sizes: Sequence[tuple[float, float]],
        scale: float,
        viewport_width: int = 0,
        gap: int = GAP,
    ) -> None:
        self.sizes = list(sizes)
        self.scale = scale
        self.gap = gap
        # Most documents have one or two page sizes: each is scaled once, not per page.
        scaled: dict[tuple[float, float], tuple[int, int]] = {}
        pixels = []
        for size in self.sizes:
            pair = scaled.get(size)
            if pair is None:
                w, h = size
                pair = scaled[size] = (round(w * scale) or 1, round(h * scale) or 1)
            pixels.append(pair)
        self.width = max(max((w for w, _h in scaled.values()), default=0) + 2 * gap, viewport_width)
        self.boxes: list[PageBox] = []
        self._tops: list[int] = []
        boxes, tops, width, y = self.boxes, self._tops, self.width, gap
        make = tuple.__new__  # PageBox(...) through its generated __new__ costs twice this
        for index, (w, h) in enumerate(pixels):
            boxes.append(make(PageBox, (index, (width - w) // 2, y, w, h)))
            tops.append(y)
            y += h + gap
        self.height = y

    def __len__(self) -> int:
        return len(self.boxes)

    def page_at(self, y: float) -> int:
        """The page at height ``y`` (a point in a gap counts for the page above)."""
        if not self.boxes:
            return 0
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def visible(self, top: float, bottom: float) -> range:
        """Indexes of the pages that show (partly) between ``top`` and ``bottom``."""
        if not self.boxes or bottom <= top:
            return range(0)
        first = self.page_at(top)
        if self.boxes[first].bottom <= top and first + 1 < len(self.boxes):
            first += 1  # top is in the gap below ``first``
        last = self.page_at(bottom - 1)
        return range(first, max(first, last) + 1)

    def most_visible(self, top: float, bottom: float) -> int:
        """The page that covers the largest part of the view (the 'current' page)."""
        best, best_area = 0, -1.0
        for index in self.visible(top, bottom):
            box = self.boxes[index]
            shown = min(box.bottom, bottom) - max(box.y, top)
            if shown > best_area:
                best, best_area = index, shown
        return best


def fit_width_scale(sizes: Sequence[tuple[float, float]], viewport_width: int) -> float:
    """Scale at which the widest page fills the view's width (minus the gaps)."""
    widest = max((w for w, _h in sizes), default=1.0)
    return max(0.05, (viewport_width - 2 * GAP) / widest)


def fit_page_scale(size: tuple[float, float], viewport_width: int, viewport_height: int) -> float:
    """Scale at which one whole page fits in the view."""
    width, height = size
    return max(0.05, min((viewport_width - 2 * GAP) / width, (viewport_height - 2 * GAP) / height))


def step_zoom(zoom: float, direction: int) -> float:
    """The next zoom step up (``direction`` > 0) or down from ``zoom``."""
    if direction > 0:
        bigger = [z for z in ZOOM_STEPS if z > zoom * 1.001]
        return bigger[0] if bigger else MAX_ZOOM
    smaller = [z for z in ZOOM_STEPS if z < zoom * 0.999]
    return smaller[-1] if smaller else MIN_ZOOM
