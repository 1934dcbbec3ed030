"""Words, links and the outline of a document, read in an engine worker.

PyMuPDF gives words and form fields in the page's *unrotated* coordinates,
and links already turned. Everything leaves here in shown coordinates
(after /Rotate), mapped through the page's rotation matrix, so a highlight,
a selection or a link area lands on the right spot of a turned page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.pdf.content import Link, OutlineEntry, Rect, Word

if TYPE_CHECKING:
    import pymupdf

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def shown_rect(page: pymupdf.Page, rect: object) -> Rect:
    """An unrotated rectangle of ``page`` as it shows on screen (after /Rotate)."""
    import pymupdf

    turned = pymupdf.Rect(rect) * page.rotation_matrix
    turned.normalize()
    return (turned.x0, turned.y0, turned.x1, turned.y1)


def read_words(page: pymupdf.Page) -> list[Word]:
    """The page's words in reading order, each with its shown rectangle."""
    raw = page.get_text("words", sort=True)
    turned = page.rotation != 0
    words = []
    for x0, y0, x1, y1, text, block, line, *_rest in raw:
        rect = shown_rect(page, (x0, y0, x1, y1)) if turned else (x0, y0, x1, y1)
        words.append(Word(rect, text, block, line))
    return words


def read_links(page: pymupdf.Page, page_count: int) -> list[Link]:
    """Links to a page of this document or to a website (http, https, mailto)."""
    import pymupdf

    found = []
    for link in page.get_links():
        rect = tuple(link["from"])
        target = link.get("page", -1)
        if not isinstance(target, int):
            target = -1
        uri = link.get("uri") or ""
        internal = link.get("kind") in (pymupdf.LINK_GOTO, pymupdf.LINK_NAMED)
        if internal and 0 <= target < page_count:
            to = link.get("to")
            found.append(Link(rect, target=target, target_y=float(to.y) if to else 0.0))
        elif uri.lower().startswith(SAFE_SCHEMES):
            found.append(Link(rect, uri=uri))
    return found


def read_outline(doc: pymupdf.Document) -> list[OutlineEntry]:
    """The table of contents; a damaged one is left out rather than stopping the reading."""
    try:
        toc = doc.get_toc(simple=True)
    except Exception:
        return []
    return [OutlineEntry(int(level), str(title), int(page) - 1) for level, title, page in toc]
