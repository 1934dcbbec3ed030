"""One print PDF from pages of several documents: printing and the printpakket.

Runs in an engine worker. Each part is copied, its fields filled at a size
that fits (:func:`companion.pdf.form_pdf.fill_fields`) and then flattened
into the page content (``bake``): what comes out is vector pages with the
answers as real text, the same on every printer and in every PDF reader,
with no form left to change by accident. A part asked ``copies`` times is
inserted that many times; PyMuPDF shares its fonts and images between the
copies, so copies cost little.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from companion.pdf.engine.protocol import Composed, DocumentRef, PrintPart
from companion.pdf.form_pdf import cut_labels, fill_fields

if TYPE_CHECKING:
    import pymupdf

MAX_COPIES = 200  # per part: a typo (2000) must not make a 50 000-page job


def _prepared(source: pymupdf.Document, part: PrintPart) -> tuple[pymupdf.Document, list[str]]:
    """A copy of the part's pages: filled and flattened when it has a form."""
    import pymupdf

    if not source.is_form_pdf and not part.values:
        copy = pymupdf.open()
        copy.insert_pdf(source)
        return copy, []
    copy = pymupdf.open(stream=source.tobytes(), filetype="pdf")
    cut = list(cut_labels(fill_fields(copy, dict(part.values))))
    copy.bake(annots=False, widgets=True)  # the answers become page text
    return copy, cut


def _runs(pages: Sequence[int], count: int) -> list[tuple[int, int]]:
    """``pages`` (0-based, in range) as runs of consecutive pages: fewer inserts."""
    chosen = [p for p in pages if 0 <= p < count] if pages else list(range(count))
    runs: list[tuple[int, int]] = []
    for page in chosen:
        if runs and runs[-1][1] + 1 == page:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def compose_pdf(
    open_doc: Callable[[DocumentRef], pymupdf.Document], parts: Sequence[PrintPart]
) -> Composed:
    """The parts in order, each ``copies`` times, as one PDF's bytes."""
    import pymupdf

    out = pymupdf.open()
    cut: list[tuple[str, str]] = []
    try:
        for part in parts:
            source = open_doc(part.doc)
            copy, part_cut = _prepared(source, part)
            try:
                cut.extend((part.doc.name, label) for label in part_cut)
                runs = _runs(part.pages, copy.page_count)
                for _ in range(max(0, min(MAX_COPIES, part.copies))):
                    for first, last in runs:
                        out.insert_pdf(copy, from_page=first, to_page=last)
            finally:
                copy.close()
        from companion.pdf.render import page_boxes

        page_count = out.page_count
        data = out.tobytes(deflate=True, garbage=3) if page_count else b""
        boxes = tuple(page_boxes(out)) if page_count else ()
        return Composed(data, page_count, tuple(cut), boxes)
    finally:
        out.close()
