"""Stopping a page a worker is drawing, when nobody wants it any more.

MuPDF draws with a *cookie*: a small record in the worker's memory whose
``abort`` field it reads while it runs through a page, and stops when it is
set. A worker is busy inside MuPDF (holding Python's lock), so it cannot read
its pipe meanwhile; instead the window sets that field itself with
``process_vm_writev`` (Linux), the way a debugger writes into a process it
started. The worker says where its cookie lives when it starts
(:class:`RenderCookie`), and the pool writes only while that worker still
works on the request being cancelled (see ``EnginePool.cancel``).

The value written is not just "stop" but which request to stop (its
:func:`stop_token`; MuPDF stops on any value but 0). Before each drawing the
worker clears a stop meant for an earlier request (:meth:`RenderCookie.arm`)
and keeps one meant for this request: a stop that arrives before the worker
has even woken up for its request is not lost, and a later request is never
stopped by mistake. That is what lets the pool hand a worker its next page
right after telling it to stop (the worker answers the stopped one first),
without waiting for that answer to be read.

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


def stop_token(seq: int) -> int:
    """What the abort field holds to stop request number ``seq``: never 0 (no stop),
    always a positive C int."""
    return seq % (2**31 - 2) + 1


def set_stop(pid: int, address: int, token: int) -> bool:
    """Set the abort field at ``address`` in process ``pid`` to ``token`` (0: clear it);
    False when that cannot be done (no such call, not allowed, the process is gone)."""
    call = _writer()
    if call is None or not pid or not address:
        return False
    value = ctypes.c_int(token)
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

    def arm(self, token: int) -> None:
        """Before drawing the request whose :func:`stop_token` is ``token``: clear a stop
        meant for an earlier request, keep one meant for this one.

        The window may write between the read and the clear here; that stop is then
        lost (the cancelled page runs to its end, its pixels dropped), never one
        carried over to a request nobody cancelled."""
        if self._fields.abort != token:
            self._fields.abort = 0

    @property
    def stopped(self) -> bool:
        return bool(self._fields.abort)
