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
from itertools import accumulate, count, repeat
from operator import itemgetter
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
        # Most documents have one page size, some two or three: each is scaled once, not
        # per page, and the per-page lists are made by C loops (map, accumulate, range).
        # A Python loop over the pages cost a 500-page document 0.3 ms at every open;
        # hashing each page's size (a tuple of floats) cost as much again.
        sizes = self.sizes
        first = sizes[0] if sizes else (0.0, 0.0)
        uniform = sizes.count(first) == len(sizes)  # compares, hashes nothing
        kinds = [first] if uniform else list(dict.fromkeys(sizes))
        scaled = [(round(w * scale) or 1, round(h * scale) or 1) for w, h in kinds]
        self.widest = max((w for w, _h in scaled), default=0)  # a page's pixels
        self.width = max(self.widest + 2 * gap, viewport_width)
        lefts = [(self.width - w) // 2 for w, _h in scaled]
        if uniform:
            w, h = scaled[0]
            count_ = len(sizes)
            self._tops: list[int] = list(range(gap, gap + count_ * (h + gap), h + gap))
            self.height = gap + count_ * (h + gap)
            columns = (repeat(lefts[0]), self._tops, repeat(w), repeat(h))
        else:
            which = list(map({size: k for k, size in enumerate(kinds)}.__getitem__, sizes))
            steps = [h + gap for _w, h in scaled]
            self._tops = list(accumulate(map(steps.__getitem__, which), initial=gap))
            self.height = self._tops.pop()  # below the last page and the gap under it
            columns = (
                map(lefts.__getitem__, which),
                self._tops,
                map([w for w, _h in scaled].__getitem__, which),
                map([h for _w, h in scaled].__getitem__, which),
            )
        # PageBox(...) through its generated __new__ costs twice tuple.__new__.
        self.boxes: list[PageBox] = list(
            map(tuple.__new__, repeat(PageBox), zip(count(), *columns))
        )

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
    widest = max(map(itemgetter(0), sizes), default=1.0)
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
