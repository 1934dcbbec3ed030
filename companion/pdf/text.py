"""Page text from PDF bytes, for the search index, and the checks a kit file must pass.

Done once per new content file, in an extraction worker process (see
``extract_pool.py``); the text is stored per page so search results can name
the page and the viewer can open there. Everything that can be wrong with a
file is returned as a list of :class:`PdfProblem` (Dutch reason, page where it
applies) instead of raised, so ``publish`` and the import pipeline can name
every bad file and page at once.

What goes into the index: the page's text in reading order, without running
headers and footers (see :func:`body_text`) and without control characters
(NUL and friends end up in snippets and break SQLite text otherwise).
"""

from __future__ import annotations

import contextlib
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pymupdf


from companion.errors import BrokenPdfError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.pdf.page_box import PageBox


@dataclass(frozen=True)
class PdfProblem:
    """One reason a file cannot go into a kit; ``page`` is 1-based, None for the whole file."""

    reason: Text
    detail: str
    page: int | None = None


@dataclass(frozen=True)
class PageText:
    """One page as the kit store keeps it: its packed text (see :func:`pack_text`) and box.

    Only the packed form crosses from the worker to the importer: half the
    bytes, and the compressing is done in parallel, by the workers.
    """

    packed: bytes
    box: PageBox

    @property
    def text(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")


@dataclass(frozen=True)
class ExtractedPdf:
    """The result for one file: its pages, or the problems that refuse it."""

    pages: tuple[PageText, ...] = ()
    problems: tuple[PdfProblem, ...] = ()
    warnings: str = ""  # MuPDF's own warnings while reading the file, for the log
    # What the caller's ``prepare`` made of the page texts (see extract_pdf), or None.
    prepared: Any = None

    @property
    def ok(self) -> bool:
        return not self.problems


# -- what the bytes are -------------------------------------------------------------

_NOT_PDF_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", QT_TRANSLATE_NOOP("messages", "een PNG-afbeelding")),
    (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("messages", "een JPEG-afbeelding")),
    (b"GIF8", QT_TRANSLATE_NOOP("messages", "een GIF-afbeelding")),
    (b"II*\x00", QT_TRANSLATE_NOOP("messages", "een TIFF-afbeelding")),
    (b"MM\x00*", QT_TRANSLATE_NOOP("messages", "een TIFF-afbeelding")),
)


def sniff_kind(data: bytes) -> str | None:
    """What non-PDF bytes look like (a Dutch noun phrase), or None when unknown.

    Only to make the refusal clearer ("geen PDF maar een EPUB-boek"); whether
    a file is a PDF is decided by MuPDF (``doc.is_pdf``).
    """
    head = data[:4096]
    for magic, kind in _NOT_PDF_KINDS:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04"):
        if b"application/epub+zip" in head:
            return QT_TRANSLATE_NOOP("messages", "een EPUB-boek")
        if b"word/" in data[:65536]:
            return QT_TRANSLATE_NOOP("messages", "een Word-document (DOCX)")
        if b"FixedDocSeq" in data[:65536] or b"FixedDocument" in data[:65536]:
            return QT_TRANSLATE_NOOP("messages", "een XPS-document")
        return QT_TRANSLATE_NOOP("messages", "een zip-bestand")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return QT_TRANSLATE_NOOP("messages", "een webpagina (HTML)")
    if b"<svg" in lowered[:1024]:
        return QT_TRANSLATE_NOOP("messages", "een SVG-afbeelding")
    if lowered.startswith(b"<?xml"):
        return QT_TRANSLATE_NOOP("messages", "een XML-bestand")
    return None


def _not_pdf(data: bytes, detail: str) -> PdfProblem:
    kind = sniff_kind(data)
    if kind is None:
        return PdfProblem(Text(QT_TRANSLATE_NOOP("messages", "dit is geen PDF")), detail)
    return PdfProblem(
        Text(QT_TRANSLATE_NOOP("messages", "dit is geen PDF maar {kind}"), kind=Text(kind)),
        detail,
    )


def _damaged(exc: BaseException) -> PdfProblem:
    return PdfProblem(
        Text(QT_TRANSLATE_NOOP("messages", "het bestand is beschadigd en kan niet worden gelezen")),
        f"{type(exc).__name__}: {exc}",
    )


def _open_checked(data: bytes) -> tuple[pymupdf.Document | None, PdfProblem | None]:
    """Open ``data`` as a PDF with its page count read, or the one reason why not.

    Every MuPDF exception becomes a problem: a cycle in the page tree or a
    broken page count raises from ``page_count`` itself, not from ``open``.
    """
    import pymupdf

    if b"%PDF" not in data[:1024] and sniff_kind(data) is not None:
        # Do not even hand an EPUB or DOCX to MuPDF's other readers.
        return None, _not_pdf(data, "no %PDF header")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for bad input
        return None, (_not_pdf(data, str(exc)) if b"%PDF" not in data[:1024] else _damaged(exc))
    try:
        if not doc.is_pdf:
            return _closed(doc), _not_pdf(data, "is_pdf is false")
        # Also a file that opens without a password but carries permissions: it
        # may not be filled in, printed or copied, and a kit must allow all three.
        if doc.needs_pass or doc.is_encrypted or (doc.metadata or {}).get("encryption"):
            return _closed(doc), PdfProblem(
                Text(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "het bestand is beveiligd (versleuteld of met een wachtwoord); "
                        "sla het op zonder beveiliging",
                    )
                ),
                f"encrypted: {(doc.metadata or {}).get('encryption') or 'needs password'}",
            )
        count = doc.page_count
    except Exception as exc:
        return _closed(doc), _damaged(exc)
    if count <= 0:
        return _closed(doc), PdfProblem(
            Text(QT_TRANSLATE_NOOP("messages", "het bestand heeft geen pagina's")), "0 pages"
        )
    return doc, None


def _closed(doc: pymupdf.Document) -> None:
    with contextlib.suppress(Exception):  # closing must not hide why a file was refused
        doc.close()


def open_pdf(data: bytes, name: str) -> pymupdf.Document:
    """Open PDF bytes or explain in Dutch why not (not a PDF, broken, locked, empty)."""
    doc, problem = _open_checked(data)
    if doc is None:
        assert problem is not None
        raise BrokenPdfError(
            QT_TRANSLATE_NOOP("messages", "Het document {name} kan niet worden geopend: {reason}."),
            problem.detail,
            name=name,
            reason=problem.reason,
        )
    return doc


# -- what goes into the index ---------------------------------------------------------

# Control characters out; line-like ones become a line break. \t and \n stay.
_LINE_BREAKS = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


_ANY_ODD = re.compile(f"{_LINE_BREAKS.pattern}|{_UNWANTED.pattern}")


def clean_text(text: str) -> str:
    """Text without NUL, other control characters, lone surrogates and non-characters."""
    if _ANY_ODD.search(text) is None:  # nearly every page: one scan, no copies
        return text
    return _UNWANTED.sub("", _LINE_BREAKS.sub("\n", text))


# Running headers and footers ("Strategiekit Hoger Bereik · versie 1 · pagina
# 2 van 3") sit in a band along the top and bottom edge of the page as shown.
# Left out of the search text, they would match every page and fill snippets
# with noise. The band is a share of the page's height (so a 100 pt label
# keeps its text) with a ceiling (so a poster's title stays in).
MARGIN_SHARE = 0.06
MARGIN_MAX = 48.0


def margin_band(height: float) -> float:
    """How far from the top and bottom edge a block may lie and still count as margin."""
    return min(height * MARGIN_SHARE, MARGIN_MAX)


def body_text(page: pymupdf.Page) -> str:
    """The page's text without blocks that lie wholly in the top or bottom band.

    Block coordinates come unrotated from MuPDF; they are turned with the
    page's rotation first, so "top" is the top of the page as people see it.
    A page whose only text lies in the bands keeps it all: then it is the
    content, not a running header.
    """
    return _body_text(page, page.rect, page.rotation % 360)


def _body_text(page: pymupdf.Page, rect: pymupdf.Rect, rotation: int) -> str:
    """:func:`body_text` with the page's rect and rotation read once by the caller.

    Each PyMuPDF property read goes through Python code; an import reads
    tens of thousands of pages, so it reads them once per page.
    """
    import pymupdf

    turn = page.rotation_matrix if rotation else None
    # What page.get_text("blocks", sort=False) returns, without its two wrappers.
    blocks = page.get_textpage(flags=_text_flags()).extractBLOCKS()
    if turn is not None:
        blocks = [(*(pymupdf.Rect(block[:4]) * turn), *block[4:]) for block in blocks]
    return _kept_text(blocks, rect.width, rect.height)


def _text_flags() -> int:
    """How MuPDF reads text for the index.

    Not the default flags: ligatures spelled out ("fi", so words stay
    findable), plain spaces, unknown characters kept as they are (so
    clean_text can drop a NUL instead of splitting the word at a U+FFFD), and
    no clipping, which is cheaper: text wholly off the page is left out by
    :func:`_kept_text`.
    """
    import pymupdf

    return pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE


def _kept_text(blocks: Sequence[Sequence[Any]], width: float, height: float) -> str:
    """The text of the blocks (as the page is shown) that are on the page and not margin."""
    band = margin_band(height)
    body, margin = [], []
    for block in blocks:
        if block[6] != 0:
            continue  # an image block
        left, top, right, bottom = block[:4]
        if right <= 0 or left >= width or bottom <= 0 or top >= height:
            continue  # not on the page at all
        in_band = bottom <= band or top >= height - band
        (margin if in_band else body).append(block[4])
    kept = body or margin
    return clean_text("".join(t if t.endswith("\n") else t + "\n" for t in kept))


def pack_text(text: str) -> bytes:
    """A page's text as the kit store keeps it: zlib-compressed UTF-8 (see kit_store.py)."""
    return zlib.compress(text.encode("utf-8"), 6)


def page_box(page: pymupdf.Page) -> PageBox:
    return _box(page.rect, page.rotation % 360)


def _box(rect: pymupdf.Rect, rotation: int) -> PageBox:
    return PageBox(round(rect.width, 2), round(rect.height, 2), rotation)


PageReader = Callable[[int], tuple[str, PageBox]]


def _page_reader(doc: pymupdf.Document) -> PageReader:
    """A function that reads page ``index`` of ``doc``: its body text and box.

    What :func:`body_text` and :func:`page_box` give for the page, read
    through PyMuPDF's own low-level calls for an upright page: the Page
    object, its ``rect`` and ``rotation`` and ``get_textpage``'s checks are
    Python code around the same MuPDF calls, some 0.12 ms of a page's 1.4 ms
    in an extraction worker (1.2 s of CPU on a first run of 10,000 pages).
    A turned page, a page without a finite size, and a PyMuPDF without these
    calls go the Page way (extract_pdf's test compares both on such pages).
    """
    try:
        from pymupdf import extra, mupdf

        load, bound = mupdf.fz_load_page, mupdf.fz_bound_page
        infinite, as_pdf = mupdf.fz_is_infinite_rect, mupdf.pdf_page_from_fz_page
        inherited, to_int = mupdf.pdf_dict_get_inheritable, mupdf.pdf_to_int
        rotate_key, flags = mupdf.PDF_ENUM_NAME_Rotate, _text_flags()
        textpage, text_page, blocks_of = (
            extra.page_get_textpage,
            mupdf.FzStextPage,
            extra.extractBLOCKS,
        )
        fz_doc = doc.this
        low_level = isinstance(fz_doc, mupdf.FzDocument)
    except (ImportError, AttributeError):
        low_level = False
    if not low_level:
        return lambda index: _read_page(doc, index)

    def read(index: int) -> tuple[str, PageBox]:
        page = load(fz_doc, index)
        rect = bound(page)
        if to_int(inherited(as_pdf(page).obj(), rotate_key)) % 360 or infinite(rect):
            return _read_page(doc, index)
        width, height = max(0.0, rect.x1 - rect.x0), max(0.0, rect.y1 - rect.y0)
        blocks = blocks_of(text_page(textpage(page, None, flags, None)))
        return _kept_text(blocks, width, height), PageBox(round(width, 2), round(height, 2), 0)

    return read


def _read_page(doc: pymupdf.Document, index: int) -> tuple[str, PageBox]:
    """Page ``index``'s body text and box, the Page way (any page)."""
    page = doc.load_page(index)
    rect, rotation = page.rect, page.rotation % 360
    return _body_text(page, rect, rotation), _box(rect, rotation)


PageCallback = Callable[[int], None]
# Turns one file's page texts into what the caller needs of them (the search
# index's rows, say), in the worker; it must be a module-level function, so
# that it can be sent to a worker process by name.
PagesPrepare = Callable[[Sequence[str]], Any]


def extract_pdf(
    data: bytes, on_page: PageCallback | None = None, prepare: PagesPrepare | None = None
) -> ExtractedPdf:
    """Check one file and read every page; problems are collected, never raised.

    ``on_page(number)`` is called after each page (1-based): the worker pool
    uses it as a heartbeat for its time limit per page. ``prepare``, when
    given, is called with the page texts of a file without problems; what it
    returns comes back as ``ExtractedPdf.prepared``. In a worker process that
    work runs beside the other workers instead of in the importer, one by one.
    """
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    doc, problem = _open_checked(data)
    if doc is None:
        assert problem is not None
        return ExtractedPdf(problems=(problem,), warnings=pymupdf.TOOLS.mupdf_warnings(reset=True))
    pages: list[PageText] = []
    texts: list[str] = []
    problems: list[PdfProblem] = []
    read_page = _page_reader(doc)
    try:
        for index in range(doc.page_count):
            try:
                text, box = read_page(index)
                pages.append(PageText(pack_text(text), box))
                texts.append(text)
            except Exception as exc:
                problems.append(
                    PdfProblem(
                        Text(
                            QT_TRANSLATE_NOOP(
                                "messages", "de pagina is beschadigd en kan niet worden gelezen"
                            )
                        ),
                        f"{type(exc).__name__}: {exc}",
                        page=index + 1,
                    )
                )
            if on_page is not None:
                on_page(index + 1)
    finally:
        _closed(doc)
    warnings = pymupdf.TOOLS.mupdf_warnings(reset=True)
    if problems:
        return ExtractedPdf(problems=tuple(problems), warnings=warnings)
    prepared = prepare(texts) if prepare is not None else None
    return ExtractedPdf(pages=tuple(pages), warnings=warnings, prepared=prepared)


def page_texts(data: bytes, name: str) -> list[str]:
    """One text per page, in this process (tests, tools); raises BrokenPdfError."""
    result = extract_pdf(data)
    if not result.ok:
        first = result.problems[0]
        raise BrokenPdfError(
            QT_TRANSLATE_NOOP("messages", "Het document {name} kan niet worden geopend: {reason}."),
            first.detail,
            name=name,
            reason=first.reason,
        )
    return [page.text for page in result.pages]
