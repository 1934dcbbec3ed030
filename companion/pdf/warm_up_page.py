"""A one-page PDF the engine's workers draw once while the window is idle after the start.

The first page a worker draws costs far more than the next one: MuPDF loads
its fonts and sets up its drawing, the worker's pixel block and the window's
pixel memory are new (their megabytes are cleared page by page as they are
first written). Without a warm-up the person's first double-click pays all of
that. This page is written here byte by byte (the window's process never
loads MuPDF): an A4 page with a line of text in Helvetica, the font MuPDF
draws for the many PDFs that name a standard font without embedding it.
"""

from __future__ import annotations

from functools import cache

A4 = (595.0, 842.0)  # points


@cache
def warm_up_pdf() -> bytes:
    """The bytes of a valid one-page A4 PDF with one line of text (the same every call)."""
    content = b"BT /F1 24 Tf 72 760 Td (Strategiekit Hoger Bereik) Tj ET"
    width, height = (round(side) for side in A4)
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % (width, height),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        ]
    )


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalog) with its
    cross-reference table: plain PDF syntax, no library needed."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)
