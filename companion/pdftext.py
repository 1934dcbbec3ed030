"""Page text from PDF bytes, for the search index.

Done once per new content file during import; the text is stored per page so
search results can name the page and the viewer can open there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf


from .errors import BrokenPdfError


def open_pdf(data: bytes, name: str) -> pymupdf.Document:
    """Open PDF bytes or explain in Dutch why not (broken, locked, empty)."""
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for bad input
        raise BrokenPdfError(
            f"Het document {name} is beschadigd en kan niet worden geopend.", str(exc)
        ) from exc
    if doc.needs_pass:
        doc.close()
        raise BrokenPdfError(
            f"Het document {name} is beveiligd met een wachtwoord en kan niet worden geopend.",
            "encrypted",
        )
    if doc.page_count == 0:
        doc.close()
        raise BrokenPdfError(f"Het document {name} heeft geen pagina's.", "0 pages")
    return doc


def page_texts(data: bytes, name: str) -> list[str]:
    """One text per page; pages without text give an empty string."""
    doc = open_pdf(data, name)
    try:
        texts = []
        for page in doc:
            try:
                texts.append(page.get_text("text", sort=False))
            except Exception as exc:
                raise BrokenPdfError(
                    f"Pagina {page.number + 1} van {name} is beschadigd.", str(exc)
                ) from exc
        return texts
    finally:
        doc.close()
