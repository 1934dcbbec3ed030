"""Opening a document in an engine worker, with a clear reason when it cannot be.

Runs inside a worker process only. Each failure is one of the kinds in
:mod:`companion.pdf.engine.protocol` (not a PDF, encrypted, damaged, empty,
gone), which the window turns into a Dutch sentence. A file with a broken
cross-reference table is not a failure: MuPDF repairs it while opening, and
the document is shown.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from typing import TYPE_CHECKING

from companion.pdf.engine.protocol import (
    DAMAGED,
    EMPTY,
    ENCRYPTED,
    MISSING,
    NOT_PDF,
    DocumentRef,
)
from companion.pdf.engine.shared_pixels import attach, close_quietly

if TYPE_CHECKING:
    from multiprocessing.shared_memory import SharedMemory

    import pymupdf

# A PDF starts with "%PDF-", but readers accept junk before it (up to 1 KB).
HEADER_WINDOW = 1024


class OpenFailed(Exception):
    """The document cannot be opened; ``kind`` says why."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def looks_like_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:HEADER_WINDOW]


Opened = tuple["pymupdf.Document", "SharedMemory | None", "memoryview | None"]


def _open(ref: DocumentRef) -> Opened:
    import pymupdf

    block = None
    view = None
    if ref.path:
        try:
            with open(ref.path, "rb") as file:
                head = file.read(HEADER_WINDOW)
        except OSError as exc:
            raise OpenFailed(MISSING, str(exc)) from exc
        source = {"filename": ref.path}
    else:
        try:
            block = attach(ref.shm)
        except FileNotFoundError as exc:  # the window closed the document meanwhile
            raise OpenFailed(MISSING, f"shared block {ref.shm} is gone") from exc
        view = block.buf[: ref.size] if block.buf is not None else memoryview(b"")
        head = bytes(view[:HEADER_WINDOW])
        source = {"stream": view}
    if not head:
        _close(None, block, view)
        raise OpenFailed(EMPTY, "0 bytes")
    if not looks_like_pdf(head):
        _close(None, block, view)
        raise OpenFailed(NOT_PDF, repr(head[:16]))
    try:
        doc = pymupdf.open(filetype="pdf", **source)
    except Exception as exc:  # PyMuPDF raises several types for bad input
        _close(None, block, view)
        raise OpenFailed(DAMAGED, str(exc)) from exc
    if doc.needs_pass:
        _close(doc, block, view)
        raise OpenFailed(ENCRYPTED)
    if doc.page_count == 0:
        # Repaired into nothing is damage; a sound file without pages is empty.
        kind = DAMAGED if doc.is_repaired else EMPTY
        _close(doc, block, view)
        raise OpenFailed(kind, "0 pages")
    return doc, block, view


def _close(doc, block: SharedMemory | None, view: memoryview | None) -> None:
    """Close the document, then the view it read from, then the block under it."""
    if doc is not None:
        doc.close()
        del doc
    if view is not None:
        with contextlib.suppress(BufferError):
            view.release()
    if block is not None:
        close_quietly(block)


class OpenDocuments:
    """The documents a worker has open, the most recently used kept (at most ``limit``)."""

    def __init__(self, limit: int = 3) -> None:
        self.limit = limit
        self._docs: OrderedDict[str, Opened] = OrderedDict()

    def get(self, ref: DocumentRef) -> pymupdf.Document:
        entry = self._docs.get(ref.key)
        if entry is None:
            entry = _open(ref)
            self._docs[ref.key] = entry
            while len(self._docs) > self.limit:
                _key, old = self._docs.popitem(last=False)
                self._drop(old)
        else:
            self._docs.move_to_end(ref.key)
        return entry[0]

    def forget(self, key: str) -> None:
        entry = self._docs.pop(key, None)
        if entry is not None:
            self._drop(entry)

    def keys(self) -> list[str]:
        return list(self._docs)

    @staticmethod
    def _drop(entry: Opened) -> None:
        # The document read straight from the block: it goes first, then the view.
        _close(*entry)

    def close(self) -> None:
        for key in list(self._docs):
            self.forget(key)
