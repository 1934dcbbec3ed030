"""Memory for page pixels in the window's process, handed on from pixels let go to pixels coming.

A page's pixels are copied once out of a worker's shared-memory block into
memory of their own (the block is drawn into again for the next request).
Fresh memory costs more than that copy: its megabytes come new from the
system, which clears them page by page as they are first written (1.5-2 ms
for a 2.4 MB band, 4 ms for a whole page at 150 dpi on an ordinary
machine). So the memory of pixels the window let go (a page scrolled far
away, the pages a jump left behind, a printed page) is kept here, up to a
cap, and the next pixels are copied into it. Small pieces (thumbnails) come
from the ordinary heap, which reuses by itself. Plain Python, no Qt:
thread-safe, since pixels arrive on the engine's thread and are let go on
the window's.
"""

from __future__ import annotations

import ctypes
import mmap
import threading
import weakref
from collections.abc import Callable

SPARE_BYTES = 12 * 2**20  # about a screen's worth of bands at 100 %
MIN_BYTES = 2**20  # smaller pieces come from the heap


class PixelMemory:
    """Writable buffers for pixels; a buffer's memory comes back once its view is gone."""

    def __init__(self, max_bytes: int = SPARE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._spare: list[mmap.mmap] = []
        self._lock = threading.Lock()
        self.reused = 0  # buffers made in memory that earlier pixels had (tests look)
        # Bytes its owner leaves for spare memory now (the page cache: what its pieces
        # leave of its cap), so memory kept for reuse is never on top of the cap.
        self.budget: Callable[[], int] | None = None

    @property
    def spare_bytes(self) -> int:
        with self._lock:
            return sum(len(block) for block in self._spare)

    def buffer(self, size: int) -> memoryview:
        """``size`` writable bytes; whoever holds the view (a QImage, Pixels) keeps them."""
        if size < MIN_BYTES:
            return memoryview(bytearray(size))
        block = self._take(size)
        view = memoryview(block)[:size]
        # When the view is let go, the memory comes back here for the next pixels.
        weakref.finalize(view, self._give_back, block)
        return view

    def _take(self, size: int) -> mmap.mmap:
        with self._lock:
            fits = [b for b in self._spare if size <= len(b) <= size + size // 2]
            if fits:
                block = min(fits, key=len)
                self._spare.remove(block)
                self.reused += 1
                return block
        return mmap.mmap(-1, size)

    def _give_back(self, block: mmap.mmap) -> None:
        with self._lock:
            self._spare.append(block)
            self._shrink(self._limit())

    def fit(self) -> None:
        """Let go of the spare memory the budget no longer leaves room for."""
        with self._lock:
            self._shrink(self._limit())

    def _limit(self) -> int:
        if self.budget is None:
            return self.max_bytes
        try:
            return max(0, min(self.max_bytes, self.budget()))
        except Exception:  # the owner is gone: the fixed cap
            return self.max_bytes

    def _shrink(self, limit: int) -> None:
        while self._spare and sum(len(b) for b in self._spare) > limit:
            self._spare.pop(0)  # the oldest goes back to the system

    def clear(self) -> None:
        with self._lock:
            self._spare.clear()


def copy_bytes(target: memoryview, source: memoryview, size: int) -> None:
    """``size`` bytes from ``source`` to ``target`` without Python's lock (ctypes lets go
    of it), so the window's thread keeps painting while pixels are copied."""
    from_source = (ctypes.c_char * size).from_buffer(source)
    to_target = (ctypes.c_char * size).from_buffer(target)
    ctypes.memmove(to_target, from_source, size)
    del from_source, to_target
