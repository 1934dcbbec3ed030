"""Page images for every view of one document, rendered on a thread of their own.

One :class:`RenderService` per viewer. It owns a render thread (with its own
``pymupdf.Document``), the byte-capped page cache and a smaller thumbnail
cache. Views ask for images; what is missing is queued and ``page_ready``
says when it arrived. The reading view, the thumbnails, the projector and
the presenter view all draw from here, so a page is rendered once.
"""

from __future__ import annotations

import atexit
import logging
import math

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from companion.pdf.page_cache import DEFAULT_MAX_BYTES, ByteLRU
from companion.pdf.page_render import (
    LANE_THUMBS,
    LANE_VIEW,
    PageRenderer,
    RenderJob,
    RenderQueue,
    scale_key,
)
from companion.pdf.render import RenderedPage

log = logging.getLogger(__name__)

# About 120 thumbnails; more only cost memory (a 500-page document filled 32 MB).
THUMB_MAX_BYTES = 8 * 1024 * 1024
# Threads finish their current page after being told to stop; until then they
# are kept here (a QThread destroyed while running takes the program down).
_LIVE_THREADS: set[RenderThread] = set()


def to_qimage(page: RenderedPage) -> QImage:
    """PyMuPDF's RGB pixels as a QImage in the format Qt paints fastest (RGB32)."""
    image = QImage(page.samples, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def image_bytes(image: QImage) -> int:
    return int(image.sizeInBytes())


class RenderThread(QThread):
    """Takes jobs from a queue until it is closed; one document, opened in this thread."""

    rendered = Signal(int, int, int, int, QImage)  # generation, lane, index, scale key, image
    failed = Signal(int, int, str)  # generation, index, detail

    def __init__(self, pdf_bytes: bytes, queue: RenderQueue, generation: int) -> None:
        super().__init__()
        self._pdf_bytes = pdf_bytes
        self.queue = queue
        self.generation = generation
        self.finished.connect(self._forget)

    def _forget(self) -> None:
        _LIVE_THREADS.discard(self)

    def run(self) -> None:
        try:
            renderer = PageRenderer(self._pdf_bytes)
        except Exception as exc:  # the screen already explained a broken file
            log.warning("render thread cannot open document: %s", exc)
            return
        try:
            while (job := self.queue.take()) is not None:
                try:
                    page = renderer.render(job.index, job.scale)
                except Exception as exc:
                    self.failed.emit(self.generation, job.index, str(exc))
                    continue
                image = to_qimage(page)
                image.setDevicePixelRatio(1.0)
                self.rendered.emit(self.generation, job.lane, job.index, job.key[1], image)
        finally:
            renderer.close()


class RenderService(QObject):
    """Caches and a render thread for the open document."""

    page_ready = Signal(int, int)  # lane, page index
    page_failed = Signal(int)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        thumb_max_bytes: int = THUMB_MAX_BYTES,
    ) -> None:
        super().__init__(parent)
        self.cache: ByteLRU[tuple[int, int], QImage] = ByteLRU(max_bytes, image_bytes)
        self.thumbs: ByteLRU[tuple[int, int], QImage] = ByteLRU(thumb_max_bytes, image_bytes)
        self.sizes: list[tuple[float, float]] = []
        self.failed: set[int] = set()
        self.generation = 0
        self.rendered_count = 0
        self._queue: RenderQueue | None = None
        self._thread: RenderThread | None = None
        self._keep: range | None = None

    # -- documents -------------------------------------------------------------

    def open(self, pdf_bytes: bytes, sizes: list[tuple[float, float]]) -> None:
        self.close_document()
        self.sizes = list(sizes)
        self._queue = RenderQueue()
        thread = RenderThread(pdf_bytes, self._queue, self.generation)
        thread.rendered.connect(self._on_rendered)
        thread.failed.connect(self._on_failed)
        _LIVE_THREADS.add(thread)
        self._thread = thread
        thread.start(QThread.Priority.LowPriority)

    def close_document(self) -> None:
        """Stop rendering this document; the thread ends after its current page."""
        self.generation += 1
        if self._queue is not None:
            self._queue.close()
        self._queue = None
        self._thread = None
        self.cache.clear()
        self.thumbs.clear()
        self.failed.clear()
        self.sizes = []
        self._keep = None

    def shutdown(self, wait_ms: int = 5000) -> None:
        thread = self._thread
        self.close_document()
        if thread is not None:
            thread.wait(wait_ms)

    # -- images ----------------------------------------------------------------

    def effective_scale(self, index: int, scale: float) -> float:
        """``scale``, lowered so one image never takes more than a quarter of the cache."""
        if not 0 <= index < len(self.sizes):
            return scale
        width, height = self.sizes[index]
        limit = math.sqrt(self.cache.max_bytes / 4 / 4 / max(1.0, width * height))
        return min(scale, limit)

    def image(self, index: int, scale: float) -> QImage | None:
        return self.cache.get((index, scale_key(self.effective_scale(index, scale))))

    def any_image(self, index: int) -> QImage | None:
        """The sharpest cached image of a page at any scale (a stand-in while zooming)."""
        best = None
        for key in self.cache:
            if key[0] == index:
                image = self.cache.peek(key)
                if image is not None and (best is None or image.width() > best.width()):
                    best = image
        return best

    def thumbnail(self, index: int, scale: float) -> QImage | None:
        return self.thumbs.get((index, scale_key(scale)))

    def request(self, lane: int, wanted: list[tuple[int, float]]) -> None:
        """Replace ``lane``'s waiting jobs with the images in ``wanted`` not yet cached."""
        if self._queue is None:
            return
        jobs = []
        for index, scale in wanted:
            job = RenderJob(lane, index, self.effective_scale(index, scale))
            if job.key not in self.cache and index not in self.failed:
                jobs.append(job)
        self._queue.replace(lane, jobs)

    def request_thumbnails(self, wanted: list[tuple[int, float]]) -> None:
        """Queue thumbnails behind page renders; only the newest 60 requests wait."""
        if self._queue is None:
            return
        jobs = [
            RenderJob(LANE_THUMBS, index, scale)
            for index, scale in wanted
            if (index, scale_key(scale)) not in self.thumbs and index not in self.failed
        ]
        self._queue.add(LANE_THUMBS, jobs, limit=60)

    def evict_far(self, keep: range) -> None:
        """Forget pages outside ``keep``; reading-view pages still on their way there too."""
        self._keep = keep
        self.cache.evict(lambda key: key[0] not in keep)

    def _on_rendered(self, generation: int, lane: int, index: int, key: int, image: QImage) -> None:
        if generation != self.generation:
            return  # a page of a document that is no longer shown
        if lane == LANE_VIEW and self._keep is not None and index not in self._keep:
            return  # scrolled far away while it was being rendered
        target = self.thumbs if lane == LANE_THUMBS else self.cache
        target.put((index, key), image)
        self.rendered_count += 1
        self.page_ready.emit(lane, index)

    def _on_failed(self, generation: int, index: int, detail: str) -> None:
        if generation != self.generation:
            return
        log.warning("page %d cannot be rendered: %s", index + 1, detail)
        self.failed.add(index)
        self.page_failed.emit(index)


def _stop_all_threads() -> None:
    for thread in list(_LIVE_THREADS):
        thread.queue.close()
        thread.wait(5000)


atexit.register(_stop_all_threads)
