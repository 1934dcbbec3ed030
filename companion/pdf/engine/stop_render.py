"""Stopping a page a worker is drawing, when nobody wants it any more.

MuPDF draws with a *cookie*: a small record in the worker's memory whose
``abort`` field it reads while it runs through a page, and stops when it is
set. A worker is busy inside MuPDF (holding Python's lock), so it cannot read
its pipe meanwhile; instead the window sets that field itself with
``process_vm_writev`` (Linux), the way a debugger writes into a process it
started. The worker says where its cookie lives when it starts
(:class:`RenderCookie`), and the pool writes only while that worker still
works on the request being cancelled (see ``EnginePool.cancel``). The window
also clears the field again, before it sends that worker its next page (the
worker itself never does: a stop that arrives before the worker has even
woken up for its request must not be lost), so a later request can never be
stopped by mistake.

Without it (another system, or one that does not let a program write into
its own child processes) a cancelled page simply runs to its end, as before;
its pixels are dropped either way. After a jump, a page of the place left
behind no longer holds a worker for milliseconds while the new page waits.
"""

from __future__ import annotations

import ctypes
import functools
import sys


class _IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("length", ctypes.c_size_t)]


@functools.cache
def _writer():
    """libc's process_vm_writev, or None where there is no such call."""
    if not sys.platform.startswith("linux"):
        return None
    from companion.pdf.engine.memory import libc

    try:
        call = libc().process_vm_writev
    except (OSError, AttributeError):
        return None
    call.restype = ctypes.c_ssize_t
    call.argtypes = [
        ctypes.c_int,
        ctypes.POINTER(_IoVec),
        ctypes.c_ulong,
        ctypes.POINTER(_IoVec),
        ctypes.c_ulong,
        ctypes.c_ulong,
    ]
    return call


def set_stop(pid: int, address: int, stop: bool = True) -> bool:
    """Set (or clear) the abort field at ``address`` in process ``pid``; False when that
    cannot be done (no such call, not allowed, the process is gone)."""
    call = _writer()
    if call is None or not pid or not address:
        return False
    value = ctypes.c_int(1 if stop else 0)
    local = _IoVec(ctypes.cast(ctypes.pointer(value), ctypes.c_void_p), ctypes.sizeof(value))
    remote = _IoVec(address, ctypes.sizeof(value))
    return call(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) == ctypes.sizeof(value)


class RenderCookie:
    """The worker's side: one MuPDF cookie for all its drawing, at a fixed address."""

    def __init__(self) -> None:
        import pymupdf

        self.cookie = pymupdf.mupdf.FzCookie()
        self._fields = self.cookie.m_internal

    @property
    def address(self) -> int:
        """Where the abort field is (the first field of MuPDF's fz_cookie)."""
        return int(self._fields.this)

    @property
    def stopped(self) -> bool:
        return bool(self._fields.abort)
