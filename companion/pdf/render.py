"""Turning PDF pages into pixels, and finding words on a page.

Plain PyMuPDF, no Qt: the viewer calls this from worker threads (each with
its own ``pymupdf.Document``, as PyMuPDF objects must not be shared between
threads), and the benchmark calls it directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

from dataclasses import dataclass

from companion.dutch.words import fold, search_form


@dataclass(frozen=True)
class RenderedPage:
    """RGB pixels of one page (``stride`` bytes per row) at ``scale`` px per PDF point.

    ``samples`` is a view on the pixmap's own memory, which ``pixmap`` keeps
    alive: copying it (6.5 MB at 150 dpi) cost more than rendering the page.
    """

    number: int
    width: int
    height: int
    stride: int
    samples: bytes | memoryview
    scale: float
    pixmap: object = None


def render_page(doc: pymupdf.Document, number: int, scale: float) -> RenderedPage:
    """Render page ``number`` (0-based); ``scale`` 1.0 is 72 dpi."""
    import pymupdf

    page = doc[number]
    pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    return RenderedPage(number, pix.width, pix.height, pix.stride, pix.samples_mv, scale, pix)


def word_rects(page: pymupdf.Page, terms: tuple[str, ...] | list[str]) -> list[pymupdf.Rect]:
    """Rectangles of the words on ``page`` that start with one of ``terms``.

    Matches the way kit search matches (folded, word starts), so what search
    found is what lights up on the page.
    """
    import pymupdf

    if not terms:
        return []
    folded = tuple(fold(t) for t in terms if t)
    rects = []
    for x0, y0, x1, y1, word, *_rest in page.get_text("words", sort=True):
        clean = search_form(word)  # as search reads it: "zzp'ers" is "zzpers"
        if clean and clean.startswith(folded):
            rects.append(pymupdf.Rect(x0, y0, x1, y1))
    return rects
