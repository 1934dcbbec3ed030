"""Page text from PDF bytes, for the search index.

Done once per new content file during import; the text is stored per page so
search results can name the page and the viewer can open there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf


from companion.errors import BrokenPdfError
from companion.i18n import QT_TRANSLATE_NOOP


def open_pdf(data: bytes, name: str) -> pymupdf.Document:
    """Open PDF bytes or explain in Dutch why not (broken, locked, empty)."""
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for bad input
        raise BrokenPdfError(
            QT_TRANSLATE_NOOP(
                "messages", "Het document {name} is beschadigd en kan niet worden geopend."
            ),
            str(exc),
            name=name,
        ) from exc
    if doc.needs_pass:
        doc.close()
        raise BrokenPdfError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het document {name} is beveiligd met een wachtwoord en kan niet worden geopend.",
            ),
            "encrypted",
            name=name,
        )
    if doc.page_count == 0:
        doc.close()
        raise BrokenPdfError(
            QT_TRANSLATE_NOOP("messages", "Het document {name} heeft geen pagina's."),
            "0 pages",
            name=name,
        )
    return doc


# Running headers and footers ("Strategiekit Hoger Bereik · versie 1 · pagina
# 2 van 3") sit within this many points of the page edge. Left out of the
# search text, they would match every page and fill snippets with noise.
MARGIN_BAND = 40.0


def body_text(page: pymupdf.Page) -> str:
    """The page's text without blocks that lie wholly in the top or bottom band."""
    top, bottom = page.rect.y0 + MARGIN_BAND, page.rect.y1 - MARGIN_BAND
    blocks = page.get_text("blocks", sort=False)
    return "".join(
        block[4] if block[4].endswith("\n") else block[4] + "\n"
        for block in blocks
        if block[6] == 0 and not (block[3] <= top or block[1] >= bottom)
    )


def page_texts(data: bytes, name: str) -> list[str]:
    """One text per page (without running headers and footers); may be empty."""
    doc = open_pdf(data, name)
    try:
        texts = []
        for page in doc:
            try:
                texts.append(body_text(page))
            except Exception as exc:
                raise BrokenPdfError(
                    QT_TRANSLATE_NOOP("messages", "Pagina {page} van {name} is beschadigd."),
                    str(exc),
                    page=page.number + 1,
                    name=name,
                ) from exc
        return texts
    finally:
        doc.close()
