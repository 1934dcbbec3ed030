"""Giving memory back: big pixel buffers are returned to the system as soon as they go.

Page images come and go by the megabyte (a tile is 4-7 MB). glibc's malloc
serves large blocks from the heap once blocks of that size were freed before
(its mmap threshold moves up), and a heap does not shrink while anything
above the freed part lives; the freed megabytes then stay counted against
the program. With a fixed threshold every large block is its own mapping,
returned the moment it is freed. Elsewhere (Windows, macOS, musl) this does
nothing: those allocators return large blocks by themselves.

A worker's shared pixel block is sized for the largest piece it drew (a
preview of a whole page at 200 % is 8 MB, a band 3.6 MB) and stays mapped:
what a smaller piece does not draw into is given back (:func:`release_tail`)
instead of staying resident for the rest of the session.
"""

from __future__ import annotations

import ctypes
import functools
import mmap
import sys
import threading
import time

M_MMAP_THRESHOLD = -3
LARGE = 1 << 20  # blocks from 1 MB up get a mapping of their own
MADV_REMOVE = 9  # Linux: free the pages (and their shared-memory backing) of a range
# Unused tails below this stay: a band is at most ~3.7 MB (200 %), and giving back the
# space of one band only to have the kernel clear it again for the next band cost a
# jump about 3 ms (viewer_jump 2.1x became 2.6x). Only what a whole-page piece left
# goes back.
TAIL_MIN = 4 << 20
TRIM_EVERY = 1.0  # seconds: the heap is trimmed at most this often


def return_large_blocks() -> bool:
    """Fix glibc's mmap threshold at 1 MB; True when it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        c_library = libc()
        return bool(c_library.mallopt(M_MMAP_THRESHOLD, LARGE))
    except (OSError, AttributeError):
        return False


def drop_source_lines() -> int:
    """Forget the source text Python keeps of modules (``linecache``); returns the files.

    PySide6 reads the source of every module imported after it (to see whether
    the module uses its ``__feature__`` switches) and ``linecache`` keeps it all:
    some 6 MB of text in the window, for the whole session, that nothing
    shows. A traceback reads the lines it needs again.
    """
    import linecache

    files = len(linecache.cache)
    linecache.clearcache()
    return files


def trim_heap() -> bool:
    """Give the free pages inside malloc's heap back to the system (glibc); True if any.

    Pieces under the threshold (thumbnails, Qt's and Python's smaller
    allocations) come and go inside the heap while pages are read; the pages
    they leave free between live ones stay resident until trimmed.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        return bool(libc().malloc_trim(0))
    except (OSError, AttributeError):
        return False


class HeapTrimmer:
    """Calls :func:`trim_heap` when work is done, at most once every ``every`` seconds
    (a trim walks the free parts of the heap: about a millisecond)."""

    def __init__(self, every: float = TRIM_EVERY) -> None:
        self.every = every
        self.trims = 0
        self._last = -every
        self._lock = threading.Lock()

    def due(self) -> bool:
        """Whether a call now would trim (else it would return at once)."""
        with self._lock:
            return time.monotonic() - self._last >= self.every

    def __call__(self) -> bool:
        with self._lock:
            now = time.monotonic()
            if now - self._last < self.every:
                return False
            self._last = now
            self.trims += 1
        return trim_heap()


def release_tail(buffer: memoryview, used: int) -> int:
    """Give the pages of a shared block past its first ``used`` bytes back to the system.

    Returns the bytes given back (0 when the tail is under a megabyte, or off
    Linux). The block keeps its size: drawing into the tail again later gets
    fresh zeroed pages, as a new block would. Nothing may read the tail
    meanwhile (its contents are gone).
    """
    if not sys.platform.startswith("linux"):
        return 0
    page = mmap.PAGESIZE
    start = -(-max(0, used) // page) * page
    length = len(buffer) // page * page - start
    if length < TAIL_MIN:
        return 0
    tail = (ctypes.c_char * length).from_buffer(buffer, start)
    try:
        address = ctypes.c_void_p(ctypes.addressof(tail))
        done = libc().madvise(address, ctypes.c_size_t(length), MADV_REMOVE)
    except (OSError, AttributeError):
        done = -1
    finally:
        del tail  # the block can be closed again
    return length if done == 0 else 0


@functools.cache
def libc() -> ctypes.CDLL:
    """The C library's calls, from the program's own symbols (libc among them).

    No library name to guess and no library search, which would start a
    process (ldconfig). Linux only: callers check the platform first.
    """
    return ctypes.CDLL(None, use_errno=True)
