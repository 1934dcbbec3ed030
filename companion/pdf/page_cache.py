"""A page-image cache with a hard cap in bytes, and which pages to render first.

Plain Python, no Qt: the viewer stores its page images here, the benchmark
stores raw pixmaps, and the tests check the cap on a 300-page document.
Scrolling only ever needs the pages on screen and a few either side, so the
viewer renders those (:func:`render_order`), drops pages that are far away
(:meth:`ByteLRU.evict`), and the byte cap evicts the least recently used
image whatever happens (a zoom change, a presentation, thumbnails).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Pages at fit width on a full-HD screen are about 8 MB each (RGB32); on a
# HiDPI screen four times that. 256 MB holds the screen plus the pages near it.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


class ByteLRU(Generic[K, V]):
    """Least-recently-used cache whose values together never exceed ``max_bytes``.

    ``size_of`` tells how many bytes a value holds. A value larger than the
    whole cap is not stored at all (the caller shows it once and renders again
    when needed), so the cap holds without exceptions.
    """

    def __init__(self, max_bytes: int, size_of: Callable[[V], int]) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.max_bytes = max_bytes
        self._size_of = size_of
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.total_bytes = 0
        self.peak_bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[K]:
        """Keys, oldest first (a copy: safe to change the cache while looping)."""
        return iter(list(self._items))

    def get(self, key: K) -> V | None:
        """The value for ``key`` (now the most recently used), or None."""
        entry = self._items.get(key)
        if entry is None:
            return None
        self._items.move_to_end(key)
        return entry[0]

    def peek(self, key: K) -> V | None:
        """The value for ``key`` without changing its place in the LRU order."""
        entry = self._items.get(key)
        return None if entry is None else entry[0]

    def put(self, key: K, value: V) -> list[K]:
        """Store ``value``; returns the keys evicted to stay under the cap."""
        size = int(self._size_of(value))
        self.discard(key)
        if size > self.max_bytes:
            return []
        evicted: list[K] = []
        while self._items and self.total_bytes + size > self.max_bytes:
            old_key, (_value, old_size) = self._items.popitem(last=False)
            self.total_bytes -= old_size
            evicted.append(old_key)
        self._items[key] = (value, size)
        self.total_bytes += size
        self.peak_bytes = max(self.peak_bytes, self.total_bytes)
        return evicted

    def discard(self, key: K) -> None:
        entry = self._items.pop(key, None)
        if entry is not None:
            self.total_bytes -= entry[1]

    def evict(self, predicate: Callable[[K], bool]) -> list[K]:
        """Drop every entry whose key matches ``predicate`` (far pages, an old zoom)."""
        gone = [key for key in self._items if predicate(key)]
        for key in gone:
            self.discard(key)
        return gone

    def clear(self) -> None:
        self._items.clear()
        self.total_bytes = 0

    def set_max_bytes(self, max_bytes: int) -> list[K]:
        """A new cap (the screen changed); the oldest entries go until it holds."""
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.max_bytes = max_bytes
        evicted: list[K] = []
        while self._items and self.total_bytes > max_bytes:
            old_key, (_value, old_size) = self._items.popitem(last=False)
            self.total_bytes -= old_size
            evicted.append(old_key)
        return evicted


def render_order(visible: range, page_count: int, margin: int) -> list[int]:
    """Page numbers to render: the visible ones top down, then neighbours nearest first.

    Pages after the visible ones come before pages above them at the same
    distance, because people mostly read downwards.
    """
    if page_count <= 0:
        return []
    first = max(0, visible.start)
    last = min(page_count - 1, visible.stop - 1)
    order = list(range(first, last + 1))
    for distance in range(1, margin + 1):
        after, before = last + distance, first - distance
        if after < page_count:
            order.append(after)
        if before >= 0:
            order.append(before)
    return order


def keep_window(visible: range, page_count: int, margin: int) -> range:
    """The pages worth keeping in memory: visible ones plus ``margin`` either side."""
    return range(max(0, visible.start - margin), min(page_count, visible.stop + margin))
