"""Memory for page pixels, handed on from pixels let go to pixels coming.

The engine's pool keeps its shared-memory pixel blocks here: a worker draws
a page straight into a block, and the window's page image is made over that
same block (no copy: copying a whole page at 150 dpi out of a block cost
about 3 ms, more than half of what the hand-off between worker and window
cost). When the last view of a block is gone (the page scrolled far away,
a jump left it behind), the block comes back here and the next page is
drawn into it: fresh memory costs more than reusing it (the system clears
new megabytes page by page as they are first written, and a block mapped
once stays mapped). Spare memory is kept up to a cap, never on top of the
page cache's cap (see ``budget``). Without a maker of its own it hands out
anonymous memory (tests, small pieces). Plain Python, no Qt: thread-safe,
since pixels arrive on the engine's thread and are let go on the window's.
"""

from __future__ import annotations

import ctypes
import mmap
import threading
import weakref
from collections.abc import Callable
from typing import Any

SPARE_BYTES = 12 * 2**20  # about a screen's worth of bands at 100 %
MIN_BYTES = 2**20  # smaller pieces come from the heap


class PixelMemory:
    """Writable buffers for pixels; a buffer's memory comes back once its view is gone."""

    def __init__(
        self, max_bytes: int = SPARE_BYTES, make: Callable[[int], Any] | None = None
    ) -> None:
        self.max_bytes = max_bytes
        # Makes new memory of at least a size: anything with a length and a buffer
        # (the pool's shared blocks, which also have ``owner`` and ``release``).
        self._make: Callable[[int], Any] = make or (lambda size: mmap.mmap(-1, size))
        self._spare: list[Any] = []
        self._lock = threading.Lock()
        self.reused = 0  # buffers made in memory that earlier pixels had (tests look)
        self.made = 0  # new memory made (tests look)
        # Bytes its owner leaves for spare memory now (the page cache: what its pieces
        # leave of its cap), so memory kept for reuse is never on top of the cap.
        self.budget: Callable[[], int] | None = None
        # Memory that is cheaper to keep than the rest (a block a worker has mapped, which
        # it draws into without mapping another first): let go of last when over the cap.
        self.dear: Callable[[Any], bool] | None = None

    @property
    def spare_bytes(self) -> int:
        with self._lock:
            return sum(len(block) for block in self._spare)

    def buffer(self, size: int) -> memoryview:
        """``size`` writable bytes; whoever holds the view (a QImage, Pixels) keeps them."""
        if size < MIN_BYTES:
            return memoryview(bytearray(size))
        return self.lend(self.take(size), size)

    def take(self, size: int, owner: int = 0) -> Any:
        """Memory of at least ``size`` bytes: spare memory that fits (``owner``'s own first:
        a worker draws fastest into a block it has drawn into before), else new."""
        with self._lock:
            fits = [b for b in self._spare if size <= len(b) <= size + size // 2]
            if fits:
                block = min(fits, key=lambda b: (getattr(b, "owner", 0) != owner, len(b)))
                self._spare.remove(block)
                self.reused += 1
                return block
            self.made += 1
        return self._make(size)

    def take_back(self, block: Any) -> bool:
        """Take ``block`` itself if it is spare now (True), else leave everything as is."""
        with self._lock:
            if any(b is block for b in self._spare):
                self._spare = [b for b in self._spare if b is not block]
                self.reused += 1
                return True
        return False

    def lend(self, block: Any, size: int) -> memoryview:
        """A view of the first ``size`` bytes of ``block`` (from :meth:`take`); once the
        view (and everything made over it) is gone, ``block`` comes back here."""
        view = memoryview(_buffer_of(block))[:size]
        # When the view is let go, the memory comes back here for the next pixels.
        weakref.finalize(view, self.give_back, block)
        return view

    def give_back(self, block: Any) -> None:
        """``block`` is free again (nobody reads or draws into it any more)."""
        if getattr(block, "released", False):
            return  # its owner closed meanwhile
        with self._lock:
            self._spare.append(block)
            dropped = self._shrink(self._limit())
        _drop(dropped)

    def fit(self) -> None:
        """Let go of the spare memory the budget no longer leaves room for."""
        with self._lock:
            dropped = self._shrink(self._limit())
        _drop(dropped)

    def _limit(self) -> int:
        if self.budget is None:
            return self.max_bytes
        try:
            return max(0, min(self.max_bytes, self.budget()))
        except Exception:  # the owner is gone: the fixed cap
            return self.max_bytes

    def _shrink(self, limit: int) -> list[Any]:
        dropped: list[Any] = []
        total = sum(len(b) for b in self._spare)
        if total <= limit:
            return dropped
        # The oldest goes back to the system first, the dear ones only after the rest.
        order = sorted(range(len(self._spare)), key=lambda i: self._is_dear(self._spare[i]))
        gone: set[int] = set()
        for i in order:
            if total <= limit:
                break
            gone.add(i)
            total -= len(self._spare[i])
        dropped = [b for i, b in enumerate(self._spare) if i in gone]
        self._spare = [b for i, b in enumerate(self._spare) if i not in gone]
        return dropped

    def _is_dear(self, block: Any) -> bool:
        try:
            return self.dear is not None and bool(self.dear(block))
        except Exception:  # the owner is gone: nothing is dear
            return False

    def clear(self) -> None:
        with self._lock:
            dropped, self._spare = self._spare, []
        _drop(dropped)


def _buffer_of(block: Any) -> Any:
    """What a view is made over: a shared block's mapping, or the memory itself."""
    return getattr(block, "buf", block)


def _drop(blocks: list[Any]) -> None:
    """Give ``blocks`` back to the system (outside the lock: unmapping takes a while)."""
    for block in blocks:
        release = getattr(block, "release", None)
        if release is not None:
            release()


def copy_bytes(target: memoryview, source: memoryview, size: int) -> None:
    """``size`` bytes from ``source`` to ``target`` without Python's lock (ctypes lets go
    of it), so the window's thread keeps painting while pixels are copied."""
    from_source = (ctypes.c_char * size).from_buffer(source)
    to_target = (ctypes.c_char * size).from_buffer(target)
    ctypes.memmove(to_target, from_source, size)
    del from_source, to_target
