"""What the window asks of an engine worker, and what comes back.

Requests and answers are small frozen records, pickled over a pipe. Pixels
never travel that way: a render request names a shared-memory block (owned
by the window's side of the pool) and the worker draws straight into it.
Every request names its document by a :class:`DocumentRef`, so any worker
can serve any document and a restarted worker simply opens it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.pdf.page_box import PageBox

# Why a request failed. The window turns these into Dutch sentences
# (companion.pdf.engine.failures); the detail goes to the log.
NOT_PDF = "not-pdf"
ENCRYPTED = "encrypted"
DAMAGED = "damaged"
EMPTY = "empty"
MISSING = "missing"
PAGE_BROKEN = "page-broken"
TIMEOUT = "timeout"
CRASHED = "crashed"
NO_MEMORY = "no-memory"
CLOSED = "closed"
CANCELLED = "cancelled"  # stopped while drawing: nobody wanted the page any more

OPEN_FAILURES = (NOT_PDF, ENCRYPTED, DAMAGED, EMPTY, MISSING)


@dataclass(frozen=True)
class DocumentRef:
    """One document's bytes: a file on disk (``path``) or a shared-memory block (``shm``).

    ``key`` is unique per content (a sha256, or path + size + time), so a
    worker that has it open can keep using it.
    """

    key: str
    name: str
    path: str = ""
    shm: str = ""
    size: int = 0


@dataclass(frozen=True)
class Failure:
    """A request that did not succeed: ``kind`` (see above) and a detail for the log."""

    kind: str
    detail: str = ""
    seconds: float = 0.0


# -- requests ----------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    doc: DocumentRef


@dataclass(frozen=True)
class Probe(Request):
    """Open the document: page count and the first page's box (enough to lay out)."""


@dataclass(frozen=True)
class ReadBoxes(Request):
    """Every page's size and turn (cached by the window, never read twice)."""


@dataclass(frozen=True)
class Render(Request):
    """Pixels of part of a page: the page drawn ``width`` x ``height`` pixels, the
    rectangle ``clip`` (x0, y0, x1, y1 in those pixels) of it.

    The pool fills in ``target`` (a shared-memory block name) when it hands
    the request to a worker. Pixels are 4 bytes each, B G R 255 in memory:
    what Qt calls RGB32 on a little-endian machine, painted without a copy.
    """

    page: int = 0
    width: int = 0
    height: int = 0
    clip: tuple[int, int, int, int] = (0, 0, 0, 0)
    target: str = ""

    @property
    def pixel_bytes(self) -> int:
        x0, y0, x1, y1 = self.clip
        return max(0, x1 - x0) * max(0, y1 - y0) * 4


@dataclass(frozen=True)
class ReadWords(Request):
    page: int = 0


@dataclass(frozen=True)
class ReadLinks(Request):
    page: int = 0


@dataclass(frozen=True)
class ReadOutline(Request):
    pass


@dataclass(frozen=True)
class ReadFields(Request):
    pass


@dataclass(frozen=True)
class Find(Request):
    """Hits on ``pages``: a typed ``query`` (inside words) or kit search's ``terms``."""

    pages: tuple[int, ...] = ()
    query: str = ""
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class FillFields(Request):
    """A copy of the PDF with ``values`` written into its fields (for saving); answer: Filled."""

    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MeasureFields(Request):
    """How ``values`` fit their fields (font size shrunk to fit, or cut): FieldFit per field."""

    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PrintPart:
    """Pages of one document for a print job: ``pages`` (0-based; empty: all), ``copies``
    times, with ``values`` filled into its fields."""

    doc: DocumentRef
    pages: tuple[int, ...] = ()
    copies: int = 1
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ComposePdf(Request):
    """One vector PDF of ``parts`` in order, fields filled and flattened (printing, the
    printpakket); ``doc`` is the first part's document. Answer: Composed."""

    parts: tuple[PrintPart, ...] = ()


@dataclass(frozen=True)
class Inspect(Request):
    """What the worker has loaded and how much memory it holds (tests, benchmarks)."""


@dataclass(frozen=True)
class Crash(Request):
    """Fault injection for tests: the worker dies the way MuPDF might (``how``)."""

    how: str = "segfault"


# -- answers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Probed:
    page_count: int
    first: PageBox
    repaired: bool = False


@dataclass(frozen=True)
class Filled:
    """A filled copy's bytes, and the fields whose text is cut even at the smallest size."""

    data: bytes = field(repr=False)
    cut: tuple[str, ...] = ()  # field labels


@dataclass(frozen=True)
class Composed:
    """A composed print PDF: its bytes, pages, and the cut fields as (document, label)."""

    data: bytes = field(repr=False)
    page_count: int = 0
    cut: tuple[tuple[str, str], ...] = ()
    boxes: tuple[PageBox, ...] = ()


@dataclass(frozen=True)
class Pixels:
    """The pixels of a :class:`Render`: ``stride`` bytes per row in ``buffer``.

    The worker sends only this record; the pool fills in ``buffer`` with the
    pixels copied out of the worker's shared-memory block into memory of
    their own, which a page image can use as it is (no second copy).
    """

    page: int
    width: int
    height: int
    stride: int
    buffer: memoryview | None = field(default=None, compare=False, repr=False)
    drawn: tuple[float, float] = (0.0, 0.0)  # monotonic start and end of the drawing
