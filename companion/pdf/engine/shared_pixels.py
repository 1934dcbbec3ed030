"""Shared-memory blocks: pixels and document bytes between the window and the workers.

The window's side of the pool creates every block and is the only one that
removes it (``release``), so a worker that crashes or is killed can never
leave a block behind; the pool releases what a dead worker had, and all the
rest when it closes.

No block is registered with Python's resource tracker. That tracker is a
process of its own (13 MB, for the whole session) that removes a dead
program's blocks; on Python 3.11 it would also remove a block when a worker
that merely attached to it exits (bpo-39959), under the window's feet.
Instead, names start with ``skc<pid>_`` (the window's process id): when the
window dies (a crash, SIGKILL), its workers see their pipe close and remove
the window's blocks (:func:`remove_blocks_of`) before they end, and a pool
that starts removes what a program killed together with its workers left
(:func:`remove_orphans`). Tests list what one program left in /dev/shm.

A worker opens blocks by name (:func:`attach`) without
``multiprocessing.shared_memory``: that module imports ``secrets``, which
loads OpenSSL through ``hmac`` and ``hashlib`` (3.3 MB resident in every
worker, for random block names the workers never make).
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
import threading
from collections.abc import Iterator
from multiprocessing import resource_tracker
from pathlib import Path
from typing import TYPE_CHECKING

from companion.pdf.engine.pixel_memory import copy_bytes

if TYPE_CHECKING:
    from multiprocessing.shared_memory import SharedMemory

_counter = itertools.count()
PREFIX = "skc"


def _untracked(original):
    """``resource_tracker.register``/``unregister``, skipping the engine's blocks."""

    def call(name: str, rtype: str) -> None:
        if rtype == "shared_memory" and name.lstrip("/").startswith(PREFIX):
            return
        original(name, rtype)

    call.engine_untracked = True  # type: ignore[attr-defined]
    return call


def _stop_tracking() -> None:
    """Keep the engine's blocks away from the resource tracker (others still use it)."""
    for name in ("register", "unregister"):
        current = getattr(resource_tracker, name)
        if not getattr(current, "engine_untracked", False):
            setattr(resource_tracker, name, _untracked(current))


_stop_tracking()


def prefix(pid: int | None = None) -> str:
    """The start of every block name made by process ``pid`` (default: this one)."""
    return f"{PREFIX}{pid or os.getpid()}_"


class Block:
    """A block made by this process; ``release`` removes it (once).

    Pixel blocks stay mapped here for their whole life: a worker draws into
    one, and the window's page image is made over it (see
    :mod:`companion.pdf.engine.pixel_memory`); mapped once and reused, its
    pages stay in place here, which is what makes that hand-off free.
    Document blocks are mapped only while being filled (:func:`block_with`).
    ``owner`` is the number of the worker that drew into it last.
    """

    def __init__(self, size: int) -> None:
        name = f"{prefix()}{next(_counter)}"
        self.shm: SharedMemory | MappedBlock | None = _create(name, max(1, size))
        self.name = name
        self.size = self.shm.size
        self.released = False
        self.owner = 0
        # The pool's threads (the caller's and the one reading the workers' answers)
        # map, unmap and release the same block: without a lock two of them could
        # close one mapping twice, and the second close hits a file descriptor that
        # is already closed (or, worse, reused by something else).
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.size

    @property
    def buf(self) -> memoryview:
        with self._lock:
            if self.shm is None:
                self.shm = attach(self.name)
            buffer = self.shm.buf
        assert buffer is not None
        return buffer

    def read_into(self, target: memoryview) -> None:
        """Copy the first ``len(target)`` bytes of the block into ``target`` (without
        Python's lock, so the window's thread keeps painting meanwhile)."""
        copy_bytes(target, self.buf, len(target))

    def unmap(self) -> None:
        """Stop mapping the block here (it stays, for the worker, until released)."""
        with self._lock:
            shm, self.shm = self.shm, None
        if shm is not None:
            close_quietly(shm)

    def release(self) -> None:
        """Remove the block. A page image still made over it keeps its pixels (the
        mapping goes with the last view); a worker mapping it lets go at its next page."""
        with self._lock:
            if self.released:
                return
            self.released = True
        self.unmap()
        _unlink(self.name)


def _create(name: str, size: int) -> SharedMemory | MappedBlock:
    """A new block of ``size`` bytes, mapped here. Its pages are made by the worker
    that draws into it first (it maps them all at once, see :func:`attach`), not
    here: making 8 MB of pages costs several milliseconds, which the window's thread
    must not spend; reading them here later costs a fraction of that."""
    return _open(name, create=size)


def _posix_shm() -> bool:
    """Whether blocks are POSIX shared memory (``_posixshmem``); Windows has named mappings."""
    try:
        import _posixshmem  # noqa: F401
    except ImportError:
        return False
    return True


def _open(name: str, create: int = 0, populate: bool = False) -> SharedMemory | MappedBlock:
    """Block ``name`` opened (or made, ``create`` bytes) and mapped: without
    ``multiprocessing.shared_memory`` where the system allows (see the module docstring)."""
    if not _posix_shm():
        from multiprocessing.shared_memory import SharedMemory

        return SharedMemory(name=name, create=create > 0, size=create)
    return MappedBlock(name, create=create, populate=populate)


def block_with(data: bytes) -> Block:
    """A new block holding ``data`` (a document's bytes, shared by every worker)."""
    block = Block(len(data))
    block.buf[: len(data)] = data
    block.unmap()  # the workers read it; this side has the bytes already
    return block


def _unlink(name: str) -> None:
    """Remove a block's name (the memory goes once nobody maps it any more)."""
    if _posix_shm():  # without mapping it first (that costs the window's threads a moment)
        import _posixshmem

        with contextlib.suppress(FileNotFoundError):
            _posixshmem.shm_unlink("/" + name)
        return
    shm = None
    try:
        shm = attach(name)
        shm.unlink()
    except FileNotFoundError:
        pass
    finally:
        if shm is not None:
            close_quietly(shm)


class MappedBlock:
    """A block opened by name and mapped, as ``SharedMemory(name)`` does on POSIX
    systems (see the module docstring for why not with that class)."""

    def __init__(self, name: str, create: int = 0, populate: bool = False) -> None:
        """Open block ``name`` (or make it, ``create`` bytes); ``populate`` maps its pages
        at once (Linux), cheaper than faulting them in one by one while drawing."""
        import _posixshmem

        self.name = name
        flags = os.O_RDWR | (os.O_CREAT | os.O_EXCL if create else 0)
        descriptor = _posixshmem.shm_open("/" + name, flags, mode=0o600)
        try:
            if create:
                os.ftruncate(descriptor, create)
            self.size = os.fstat(descriptor).st_size
            extra = getattr(mmap, "MAP_POPULATE", 0) if populate else 0
            self._mmap: mmap.mmap | None = mmap.mmap(
                descriptor, self.size, flags=mmap.MAP_SHARED | extra
            )
        except BaseException:
            if create:
                with contextlib.suppress(OSError):
                    _posixshmem.shm_unlink("/" + name)
            raise
        finally:
            os.close(descriptor)  # the mapping keeps the memory
        self._buf: memoryview | None = memoryview(self._mmap)

    @property
    def buf(self) -> memoryview | None:
        return self._buf

    def close(self) -> None:
        """Unmap (BufferError while a view on it is still out there, as SharedMemory)."""
        if self._buf is not None:
            self._buf.release()
            self._buf = None
        if self._mmap is not None:
            self._mmap.close()
            self._mmap = None

    def unlink(self) -> None:
        import _posixshmem

        _posixshmem.shm_unlink("/" + self.name)


def attach(name: str, populate: bool = False) -> SharedMemory | MappedBlock:
    """Open a block made by the window (untracked, like every engine block);
    ``populate``: map all its pages now (a pixel block about to be drawn into)."""
    return _open(name, populate=populate)


def close_quietly(shm: SharedMemory | MappedBlock) -> None:
    """Unmap ``shm``; if a view on it is still out there, leave the mapping to the process.

    (Without this, Python would try again when the object is collected and
    print a BufferError on the way out.)
    """
    try:
        shm.close()
    except BufferError:
        shm._buf = None  # type: ignore[attr-defined]
        shm._mmap = None  # type: ignore[attr-defined]


def leftover_blocks(pid: int | None = None) -> list[str]:
    """Blocks of process ``pid`` still in /dev/shm (empty where there is no /dev/shm)."""
    folder = Path("/dev/shm")
    if not folder.is_dir():
        return []
    return sorted(path.name for path in folder.glob(prefix(pid) + "*"))


_devnull: int | None = None


@contextlib.contextmanager
def no_tracker_started() -> Iterator[None]:
    """Start a worker process without starting Python's resource tracker for it.

    ``multiprocessing`` starts the tracker for every spawned process and hands
    it down; the engine's blocks never use it. While the tracker is not
    running, the new process is handed a stand-in that swallows what is sent
    to it; a tracker that something else started already is left alone.
    """
    global _devnull
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is None or getattr(tracker, "_fd", 0) is not None:
        yield
        return
    if _devnull is None:
        _devnull = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
    tracker._fd = _devnull
    try:
        yield
    finally:
        if tracker._fd == _devnull:
            tracker._fd = None


def remove_blocks_of(pid: int) -> list[str]:
    """Remove every block process ``pid`` made (it died); the names removed."""
    names = leftover_blocks(pid)
    for name in names:
        _unlink(name)
    return names


def alive(pid: int) -> bool:
    """True while process ``pid`` runs (one that ended but was not yet reaped is gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def remove_orphans() -> list[str]:
    """Remove blocks whose program is gone (killed together with its workers).

    Only this user's blocks can be removed (/dev/shm keeps owners); a
    process id that is in use again keeps its blocks, to be safe.
    """
    folder = Path("/dev/shm")
    if not folder.is_dir():
        return []
    removed: list[str] = []
    for path in folder.glob(PREFIX + "*_*"):
        owner = path.name[len(PREFIX) :].split("_", 1)[0]
        if owner.isdigit() and not alive(int(owner)):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path.name)
    return removed
