"""Writing files so that a crash, a full disk or a pulled USB stick never leaves half a file.

Every file the program writes for a person or for itself (exports, plan files,
filled werkbladen, update files, the portal folder, the download cache's
small files) goes through :func:`atomic_writer`: a temporary file with a
unique name in the same folder, flushed to disk, then renamed over the
target, and the folder itself flushed so the rename survives a power cut.
On any failure the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

# A new file is readable by everyone, like a file any program saves (a web
# server must be able to read a published portal); a replaced file keeps its mode.
NEW_FILE_MODE = 0o644


@contextlib.contextmanager
def atomic_writer(path: Path, *, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary handle whose bytes replace ``path`` only when the block ends without error.

    ``mode``: the file's permissions (0o600 for a private key); by default the
    old file's, or NEW_FILE_MODE. The temporary file is private until then.
    """
    path = Path(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = NEW_FILE_MODE
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where the mode means little
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path``: afterwards the old file or the new one, never a mix."""
    with atomic_writer(path, mode=mode) as handle:
        handle.write(data)


def move_into_place(source: Path, target: Path, *, durable: bool = True) -> None:
    """Put a finished file (written beside ``target``, same disk) in place in one rename.

    Afterwards ``target`` is the old file or the whole new one, never a mix.
    ``durable=False`` skips flushing to disk, for files that are checked again
    before every use (the download cache: each file's sha256 is checked when it
    is read), where a power cut costs at most a download again. Flushing each of
    a kit's few hundred files made the download about twice as slow as curl.
    """
    if durable:
        with open(source, "rb+") as handle:
            os.fsync(handle.fileno())
    os.replace(source, target)
    if durable:
        fsync_folder(Path(target).parent)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk; not possible on Windows, where it is skipped."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
