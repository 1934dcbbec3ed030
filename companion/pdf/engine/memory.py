"""Giving memory back: big pixel buffers are returned to the system as soon as they go.

Page images come and go by the megabyte (a tile is 4-7 MB). glibc's malloc
serves large blocks from the heap once blocks of that size were freed before
(its mmap threshold moves up), and a heap does not shrink while anything
above the freed part lives; the freed megabytes then stay counted against
the program. With a fixed threshold every large block is its own mapping,
returned the moment it is freed. Elsewhere (Windows, macOS, musl) this does
nothing: those allocators return large blocks by themselves.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3
LARGE = 1 << 20  # blocks from 1 MB up get a mapping of their own


def return_large_blocks() -> bool:
    """Fix glibc's mmap threshold at 1 MB; True when it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = _libc()
        return bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE))
    except (OSError, AttributeError):
        return False


def _libc() -> ctypes.CDLL:
    """glibc by its usual name; find_library only when that fails (it runs ldconfig)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        from ctypes.util import find_library  # imports subprocess: only when needed

        return ctypes.CDLL(find_library("c"))
