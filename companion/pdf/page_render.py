"""The viewer's render path without Qt: a renderer per thread, a job queue, a cache.

The viewer's render thread takes jobs from a :class:`RenderQueue` and renders
them with its own :class:`PageRenderer` (PyMuPDF objects must not be shared
between threads). :class:`CachedRenderer` is the same path run synchronously
with the byte-capped cache; the benchmark times it through
:func:`bench_render_fit_width` and :func:`bench_page_turns`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from companion.pdf.page_cache import DEFAULT_MAX_BYTES, ByteLRU, keep_window, render_order
from companion.pdf.page_layout import PageLayout
from companion.pdf.render import RenderedPage, render_page
from companion.pdf.text import open_pdf

# Lanes, most urgent first: the projector, the reading view, the thumbnails.
LANE_PRESENT = 0
LANE_VIEW = 1
LANE_THUMBS = 2
LANES = (LANE_PRESENT, LANE_VIEW, LANE_THUMBS)


def scale_key(scale: float) -> int:
    """Cache key for a render scale: equal for scales that give the same pixels."""
    return round(scale * 1000)


@dataclass(frozen=True)
class RenderJob:
    lane: int
    index: int
    scale: float

    @property
    def key(self) -> tuple[int, int]:
        return (self.index, scale_key(self.scale))


class PageRenderer:
    """One open document for one thread: create, use and close it in that thread."""

    def __init__(self, pdf_bytes: bytes, name: str = "document") -> None:
        self.doc = open_pdf(pdf_bytes, name)
        self.page_count = self.doc.page_count

    def render(self, index: int, scale: float) -> RenderedPage:
        return render_page(self.doc, index, scale)

    def page_size(self, index: int) -> tuple[float, float]:
        rect = self.doc[index].rect
        return (rect.width, rect.height)

    def close(self) -> None:
        self.doc.close()


class RenderQueue:
    """Jobs waiting for a render thread; thread-safe.

    Each lane holds an ordered list. :meth:`replace` swaps a lane's list for a
    new one, so pages scrolled past are never rendered. :meth:`take` blocks
    until a job is there and returns the first job of the most urgent lane,
    or None once the queue is closed.
    """

    def __init__(self) -> None:
        self._lanes: dict[int, list[RenderJob]] = {lane: [] for lane in LANES}
        self._cond = threading.Condition()
        self._closed = False
        self._current: RenderJob | None = None

    def replace(self, lane: int, jobs: Iterable[RenderJob]) -> None:
        with self._cond:
            current = self._current.key if self._current else None
            self._lanes[lane] = [job for job in jobs if job.key != current]
            self._cond.notify()

    def add(self, lane: int, jobs: Iterable[RenderJob], limit: int = 0) -> None:
        """Append jobs not already waiting; keep only the newest ``limit`` (0: all)."""
        with self._cond:
            waiting = self._lanes[lane]
            keys = {job.key for job in waiting}
            if self._current:
                keys.add(self._current.key)
            for job in jobs:
                if job.key not in keys:
                    waiting.append(job)
                    keys.add(job.key)
            if limit and len(waiting) > limit:
                del waiting[: len(waiting) - limit]
            self._cond.notify()

    def take(self, timeout: float | None = None) -> RenderJob | None:
        with self._cond:
            self._current = None
            while not self._closed:
                for lane in LANES:
                    if self._lanes[lane]:
                        self._current = self._lanes[lane].pop(0)
                        return self._current
                if not self._cond.wait(timeout):
                    return None
            return None

    def pending(self) -> int:
        with self._cond:
            return sum(len(jobs) for jobs in self._lanes.values())

    def close(self) -> None:
        with self._cond:
            self._closed = True
            for jobs in self._lanes.values():
                jobs.clear()
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed


def rendered_size(page: RenderedPage) -> int:
    return len(page.samples)


class CachedRenderer:
    """The viewer's render path run synchronously: render on a miss, keep in the cache."""

    def __init__(self, pdf_bytes: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.renderer = PageRenderer(pdf_bytes)
        self.cache: ByteLRU[tuple[int, int], RenderedPage] = ByteLRU(max_bytes, rendered_size)
        self.sizes = [self.renderer.page_size(i) for i in range(self.renderer.page_count)]

    def page(self, index: int, scale: float) -> RenderedPage:
        key = (index, scale_key(scale))
        found = self.cache.get(key)
        if found is None:
            found = self.renderer.render(index, scale)
            self.cache.put(key, found)
        return found

    def close(self) -> None:
        self.cache.clear()
        self.renderer.close()


def bench_render_fit_width(renderer: CachedRenderer, index: int = 0, dpi: int = 150) -> int:
    """Render one page at ``dpi`` through the cache path (emptied first: a miss).

    Returns the image's byte count, so a caller can check work was done. The
    bare-PyMuPDF floor to compare with is ``page.get_pixmap(dpi=dpi)``.
    """
    renderer.cache.clear()
    return len(renderer.page(index, dpi / 72).samples)


def bench_page_turns(
    renderer: CachedRenderer,
    *,
    turns: int = 20,
    dpi: int = 150,
    viewport: tuple[int, int] = (1240, 1000),
    margin: int = 1,
) -> list[float]:
    """Seconds per page turn, as the viewer does it: show the next page, then prefetch.

    One turn = scroll one page down; the time counted is until every page
    on screen is in the cache. Prefetching the neighbours afterwards (what
    the render thread does while the reader reads) is not counted, and far
    pages are evicted as in the viewer.
    """
    scale = dpi / 72
    layout = PageLayout(renderer.sizes, scale, viewport[0])
    count = len(layout)
    times: list[float] = []
    for turn in range(min(turns, count)):
        box = layout.boxes[turn]
        visible = layout.visible(box.y, box.y + viewport[1])
        start = time.perf_counter()
        for index in visible:
            renderer.page(index, scale)
        times.append(time.perf_counter() - start)
        for index in render_order(visible, count, margin):
            renderer.page(index, scale)
        keep = keep_window(visible, count, margin)
        renderer.cache.evict(lambda key, keep=keep: key[0] not in keep)
    return times


def bare_render(pdf_bytes: bytes, index: int = 0, dpi: int = 150) -> int:
    """The floor: bare PyMuPDF opening and rendering the same page."""
    import pymupdf

    doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    try:
        return len(doc[index].get_pixmap(dpi=dpi, alpha=False).samples)
    finally:
        doc.close()
