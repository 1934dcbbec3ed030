"""Downloading content files: capped, resumable, checked before use, a few at once.

A file is kept only after its size and sha256 match the manifest. A file of
up to :data:`IN_MEMORY` bytes arrives in memory and is appended to the cache's
download pack (one file for all of them: making a file for each of a kit's few
hundred cost more than downloading it); a larger one, or one resumed, arrives
in ``partial/<sha256>`` and moves to ``files/<sha256>``. When the connection
breaks, the part that arrived stays (written to ``partial/`` then), and the
next attempt asks only for the rest with an HTTP ``Range`` request. A portal
that ignores Range answers 200 with the whole file, and the part is simply
started over. More bytes than the manifest promises are never written or held:
a hostile or broken server cannot fill the disk or the memory.

:func:`download_files` fetches the files of an update over up to
:data:`CONNECTIONS` connections at once (each file whole over one of them):
a kit is a few hundred small files, and one at a time the program waited for
every answer in turn. Each file is checked on its own as before; the first
file that fails stops the others (their parts are kept for a resume).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

from companion.errors import CancelledError, IntegrityError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.importer import STOPPED, check_digest
from companion.kit.manifest import FileRef
from companion.kit.source import FILES_DIR
from companion.sync.cache import CacheListing, DownloadPack, SyncCache
from companion.sync.errors import CacheError, NetworkError
from companion.sync.portal import DOWNLOAD_INTERRUPTED, PARTIAL, Deadline, PortalClient

# Each file must arrive within this base time plus its size at this speed
# (besides the client's minimum speed): a 30 MB file gets about 30 minutes.
FILE_DEADLINE_BASE = 120.0
FILE_DEADLINE_SPEED = 20 * 1024
# Reading back a part kept from an earlier attempt, to go on hashing it.
READ_BLOCK = 1024 * 1024
# Files fetched at once, each over its own connection to the same portal.
CONNECTIONS = 3
# A file up to this size is held in memory while it arrives (at most one per
# connection at a time), then appended to the download pack.
IN_MEMORY = 8 * 1024 * 1024


def file_deadline(size: int) -> float:
    return FILE_DEADLINE_BASE + size / FILE_DEADLINE_SPEED


_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


def _too_big(ref: FileRef) -> IntegrityError:
    return IntegrityError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Het bestand {name} op de portal is groter dan de inhoudslijst zegt. "
            "De kit is niet aangepast.",
        ),
        f"more than {ref.size} bytes",
        name=ref.name,
    )


def cache_error(cache: SyncCache, exc: OSError) -> CacheError:
    return CacheError(
        QT_TRANSLATE_NOOP(
            "messages",
            "De download kan niet worden bewaard in {folder}. Is de schijf vol? "
            "De kit is niet aangepast.",
        ),
        str(exc),
        folder=cache.root,
    )


def _range_start(value: str | None) -> int | None:
    match = _CONTENT_RANGE.match((value or "").strip())
    return int(match.group(1)) if match else None


def download_file(
    client: PortalClient,
    cache: SyncCache,
    ref: FileRef,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    listing: CacheListing | None = None,
    pack: DownloadPack | None = None,
) -> int:
    """Put the verified file in the cache; returns the body bytes fetched now.

    ``progress`` gets the number of bytes of this file that are in place.
    Raises NetworkError (the part is kept for a resume), IntegrityError (the
    part is thrown away) or CancelledError (the part is kept).

    The sha256 is computed while the bytes arrive (a resumed part is read
    once first), so a finished file is not read back to be checked, and it
    moves into ``files/`` with one rename. ``listing``: what the cache folders
    held when a batch of downloads began (they exist then), so a kit's few
    hundred files do not each ask the disk for a file that is not there; None:
    look (a retry looks again, its first attempt may have left a part).
    ``pack``: the cache's download pack, open for the batch; None: every file
    arrives in ``partial/`` and moves to ``files/``.
    """
    if listing is None:
        try:
            cache.ensure()
        except OSError as exc:
            raise cache_error(cache, exc) from exc
    if (
        (pack is not None and ref.sha256 in pack) or listing is None or ref.sha256 in listing.files
    ) and cache.verified_file(ref, pack):
        progress(ref.size)
        return 0
    may_have_part = listing is None or ref.sha256 in listing.parts
    with client.deadline(Deadline.after(file_deadline(ref.size), cancelled)):
        fetched, size, digest, data = _fetch(
            client, cache, ref, progress, cancelled, may_have_part, pack
        )
    try:
        check_digest(ref, size, digest)
    except IntegrityError:
        with contextlib.suppress(OSError):
            cache.partial_path(ref.sha256).unlink()
        raise
    try:
        if data is not None and pack is not None:
            pack.add(ref.sha256, data)
        else:
            cache.keep_part(ref)
    except OSError as exc:
        raise cache_error(cache, exc) from exc
    return fetched


def download_files(
    client: PortalClient,
    cache: SyncCache,
    refs: list[FileRef],
    *,
    progress: Callable[[int, int], None],
    finished: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    retries: int,
    connections: int = CONNECTIONS,
    pack: DownloadPack | None = None,
) -> None:
    """Put every file of ``refs`` in the cache, verified, up to ``connections`` at once.

    ``progress(bytes, files)`` gets the bytes in place over all of ``refs`` and the
    number of files done; ``finished(bytes, files)`` after each file, the files
    counting up (both from one thread at a time). A file is tried ``retries`` more times
    after a NetworkError. The first error stops the other downloads and is raised
    (CancelledError when ``cancelled()`` said so); every file that counts as done
    was hash-checked (:func:`download_file`). ``pack``: the cache's download pack,
    open, for the files it may hold (the caller reads them from it afterwards);
    None: every file arrives in ``partial/`` and moves to ``files/``.
    """
    try:
        listing = cache.ensure().listing()
    except OSError as exc:
        raise cache_error(cache, exc) from exc
    pending = deque(refs)
    lock = threading.Lock()
    stop = threading.Event()
    failures: list[BaseException] = []
    arriving: dict[str, int] = {}  # sha256 -> bytes in place, for the files underway
    done = [0, 0]  # bytes and files of the files done

    def stopped() -> bool:
        return stop.is_set() or cancelled()

    def work(worker: PortalClient) -> None:
        while True:
            with lock:
                if stop.is_set() or not pending:
                    return
                ref = pending.popleft()

            def on_bytes(count: int, sha: str = ref.sha256) -> None:
                with lock:
                    arriving[sha] = count
                    progress(done[0] + sum(arriving.values()), done[1])

            try:
                if cancelled():
                    raise CancelledError(STOPPED)
                _download_with_retries(
                    worker, cache, ref, on_bytes, stopped, retries, listing, pack
                )
                with lock:
                    arriving.pop(ref.sha256, None)
                    done[0] += ref.size
                    done[1] += 1
                    finished(done[0], done[1])
            except BaseException as exc:  # handed to the caller below, once all have stopped
                with lock:
                    failures.append(exc)
                stop.set()
                return

    helpers = [
        threading.Thread(target=work, args=(client.sibling(),), name="download", daemon=True)
        for _ in range(min(connections, len(refs)) - 1)
    ]
    for helper in helpers:
        helper.start()
    work(client)
    for helper in helpers:
        helper.join()
    if failures:
        # Another file's error, not the stop it caused elsewhere; else the person's cancel.
        raise next((f for f in failures if not isinstance(f, CancelledError)), failures[0])


def _download_with_retries(
    client: PortalClient,
    cache: SyncCache,
    ref: FileRef,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    retries: int,
    listing: CacheListing | None = None,
    pack: DownloadPack | None = None,
) -> None:
    for attempt in range(retries + 1):
        try:
            download_file(
                client, cache, ref, progress, cancelled, listing if attempt == 0 else None, pack
            )
            return
        except NetworkError:
            if attempt == retries:
                raise


def _part_size(part: Path) -> int:
    try:
        return part.stat().st_size
    except FileNotFoundError:
        return 0


def _hash_part(path: Path, size: int) -> hashlib._Hash:
    """The sha256 of the first ``size`` bytes of a part kept from an earlier attempt."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while size > 0:
            block = handle.read(min(READ_BLOCK, size))
            if not block:
                break
            digest.update(block)
            size -= len(block)
    return digest


def _fetch(
    client: PortalClient,
    cache: SyncCache,
    ref: FileRef,
    progress: Callable[[int], None],
    cancelled: Callable[[], bool],
    may_have_part: bool = True,
    pack: DownloadPack | None = None,
) -> tuple[int, int, str, bytes | None]:
    """Bring ``partial/<sha256>`` up to the promised size, or fetch the file into memory.

    Returns the bytes fetched now, the file's size so far, its sha256 (hex) and,
    when it was held in memory, its bytes (None: they are in the part).
    ``may_have_part`` False: the folder was listed and held no part of this file.
    In memory only with a ``pack`` to keep it in, no part to resume and a size
    up to :data:`IN_MEMORY`; what arrived is written to the part when the
    download stops early, as a part on disk would have kept it.
    """
    part = cache.partial_path(ref.sha256)
    offset = _part_size(part) if may_have_part else 0
    if offset > ref.size:
        part.unlink()
        offset = 0
    fetched = 0
    size = offset
    try:
        digest = _hash_part(part, offset) if offset else hashlib.sha256()
    except OSError as exc:
        raise cache_error(cache, exc) from exc
    held = _Held(part) if pack is not None and offset == 0 and ref.size <= IN_MEMORY else None
    if offset < ref.size:
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        with client.open(f"{FILES_DIR}/{ref.sha256}", headers) as response:
            if (
                response.status == PARTIAL
                and _range_start(response.header("Content-Range")) == offset
            ):
                mode = "ab"
            elif response.status == 200:
                mode, offset, digest = "wb", 0, hashlib.sha256()
            else:
                # The part does not fit what the portal has now: start over next time.
                part.unlink(missing_ok=True)
                raise NetworkError(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "De download moet opnieuw beginnen. Probeer het nog eens. "
                        "De kit is niet aangepast.",
                    ),
                    f"HTTP {response.status}, Content-Range {response.header('Content-Range')}",
                )
            length = response.content_length()
            if length is not None and offset + length > ref.size:
                part.unlink(missing_ok=True)
                raise _too_big(ref)
            progress(offset)
            size = offset
            try:
                with held or part.open(mode) as handle:
                    for chunk in response.chunks():
                        if size + len(chunk) > ref.size:
                            handle.close()
                            part.unlink(missing_ok=True)
                            raise _too_big(ref)
                        handle.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        progress(size)
                        if cancelled():
                            raise CancelledError(STOPPED)
            except OSError as exc:
                raise cache_error(cache, exc) from exc
            fetched = response.bytes_received
        if size < ref.size:
            if held is not None:
                held.keep_part()
            raise NetworkError(
                DOWNLOAD_INTERRUPTED,
                f"{ref.name}: {size} of {ref.size} bytes",
            )
    return fetched, size, digest.hexdigest(), held.data() if held is not None else None


class _Held:
    """A file arriving in memory, written like a part would be (``write``, ``close``).

    Leaving the ``with`` block with an error (a broken connection, a cancel, a
    deadline) writes what arrived to the part, so the next attempt resumes it;
    not for an IntegrityError (those bytes are thrown away, as a part is then).
    """

    def __init__(self, part: Path) -> None:
        self.part = part
        self.pieces: list[bytes] = []

    def __enter__(self) -> _Held:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        if kind is not None and not issubclass(kind, IntegrityError):
            self.keep_part()

    def write(self, data: bytes) -> None:
        self.pieces.append(data)

    def close(self) -> None:
        """Called before the bytes are thrown away (too many): nothing to keep then."""
        self.pieces.clear()

    def data(self) -> bytes:
        return b"".join(self.pieces)

    def keep_part(self) -> None:
        """What arrived, as the part a resume asks the rest of (best effort: a full
        disk costs a download from the start, not a second error)."""
        if not self.pieces:
            return
        with contextlib.suppress(OSError), self.part.open("wb") as handle:
            for piece in self.pieces:
                handle.write(piece)
