"""Shared-memory blocks: pixels and document bytes between the window and the workers.

The window's side of the pool creates every block and is the only one that
removes it (``release``), so a worker that crashes or is killed can never
leave a block behind; the pool releases what a dead worker had, and all the
rest when it closes. Workers only attach (``attach``) and never register the
block with Python's resource tracker: on Python 3.11 a process that merely
attaches would otherwise have the block removed when it exits (bpo-39959),
under the window's feet.

Names start with ``skc<pid>_`` (the window's process id), so a test can list
what one program left in /dev/shm.
"""

from __future__ import annotations

import itertools
import os
import threading
from multiprocessing import resource_tracker, shared_memory
from pathlib import Path

_counter = itertools.count()


def prefix(pid: int | None = None) -> str:
    """The start of every block name made by process ``pid`` (default: this one)."""
    return f"skc{pid or os.getpid()}_"


class Block:
    """A block made by this process; ``release`` removes it (once).

    The window's side maps a block only while it reads or writes it
    (``buf`` maps, ``unmap`` lets go): a worker's pixel block would
    otherwise count twice in the memory of the program, once in the worker
    that draws into it and once here.
    """

    def __init__(self, size: int) -> None:
        name = f"{prefix()}{next(_counter)}"
        self.shm: shared_memory.SharedMemory | None = shared_memory.SharedMemory(
            name=name, create=True, size=max(1, size)
        )
        self.name = name
        self.size = self.shm.size
        self.released = False
        # The pool's threads (the caller's and the one reading the workers' answers)
        # map, unmap and release the same block: without a lock two of them could
        # close one mapping twice, and the second close hits a file descriptor that
        # is already closed (or, worse, reused by something else).
        self._lock = threading.Lock()

    @property
    def buf(self) -> memoryview:
        with self._lock:
            if self.shm is None:
                self.shm = attach(self.name)
            buffer = self.shm.buf
        assert buffer is not None
        return buffer

    def unmap(self) -> None:
        """Stop mapping the block here (it stays, for the worker, until released)."""
        with self._lock:
            shm, self.shm = self.shm, None
        if shm is not None:
            close_quietly(shm)

    def release(self) -> None:
        with self._lock:
            if self.released:
                return
            self.released = True
        self.unmap()
        _unlink(self.name)


def block_with(data: bytes) -> Block:
    """A new block holding ``data`` (a document's bytes, shared by every worker)."""
    block = Block(len(data))
    block.buf[: len(data)] = data
    block.unmap()  # the workers read it; this side has the bytes already
    return block


def _unlink(name: str) -> None:
    """Remove a block's name (the memory goes once nobody maps it any more)."""
    shm = None
    try:
        shm = attach(name)
        shm.unlink()  # also tells the resource tracker the block is gone
    except FileNotFoundError:
        pass
    finally:
        if shm is not None:
            close_quietly(shm)


def attach(name: str) -> shared_memory.SharedMemory:
    """Open a block made by the window, without telling the resource tracker."""
    register = resource_tracker.register
    resource_tracker.register = lambda *_args, **_kw: None  # type: ignore[assignment]
    try:
        return shared_memory.SharedMemory(name=name, create=False)
    finally:
        resource_tracker.register = register  # type: ignore[assignment]


def close_quietly(shm: shared_memory.SharedMemory) -> None:
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
