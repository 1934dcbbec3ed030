"""A printable A4 PDF from a little HTML, with a footer line on every page.

The action plan's PDF export lays out its HTML with PyMuPDF's Story here, so
the plan package never touches MuPDF itself (``companion/pdf`` is the only
place that does, outside the publisher).
"""

from __future__ import annotations

import io
from collections.abc import Callable


def html_to_pdf(
    html: str,
    css: str,
    *,
    footer: Callable[[int, int], str],
    title: str,
    report: Callable[[int], None] | None = None,
    margin: float = 50,
) -> bytes:
    """A4 pages holding ``html``; ``footer(page, total)`` is written under each page.

    ``report(pages laid out so far)`` is called after each page, so a long plan
    can show progress.
    """
    import pymupdf

    buffer = io.BytesIO()
    page_rect = pymupdf.paper_rect("a4")
    where = pymupdf.Rect(margin, margin, page_rect.width - margin, page_rect.height - 60)
    story = pymupdf.Story(html=html, user_css=css)
    writer = pymupdf.DocumentWriter(buffer)
    more = True
    pages = 0
    while more:
        device = writer.begin_page(page_rect)
        more, _filled = story.place(where)
        story.draw(device)
        writer.end_page()
        pages += 1
        if report:
            report(pages)
    writer.close()

    doc = pymupdf.open("pdf", buffer.getvalue())
    total = doc.page_count
    for number, page in enumerate(doc, start=1):
        page.insert_text(
            (margin, page_rect.height - 30),
            footer(number, total),
            fontsize=8,
            fontname="helv",
            color=(0.3,) * 3,
        )
    doc.set_metadata(
        {"title": title, "creator": "Strategiekit Companion", "producer": "Strategiekit Companion"}
    )
    return doc.tobytes(garbage=3, deflate=True)


def a4_text_width(margin: float = 50) -> float:
    """The width HTML gets between the margins of an A4 page, in points."""
    return 595.0 - 2 * margin
