"""The engine's warm-up page: a PDF written by hand that MuPDF reads as any other."""

from __future__ import annotations

import pymupdf

from companion.pdf.warm_up_page import A4, warm_up_pdf


def test_the_warm_up_page_is_one_a4_page_with_text_and_needs_no_repair():
    doc = pymupdf.open(stream=warm_up_pdf(), filetype="pdf")
    assert doc.page_count == 1
    assert not doc.is_repaired  # the offsets of its cross-reference table are right
    page = doc[0]
    assert (page.rect.width, page.rect.height) == A4
    assert page.get_text().strip() == "Strategiekit Hoger Bereik"
    # Drawn, the line of text makes dark pixels at the top of the page (what a worker draws).
    pixmap = page.get_pixmap(clip=pymupdf.Rect(0, 0, 595, 120), alpha=False)
    assert min(pixmap.samples) < 100
