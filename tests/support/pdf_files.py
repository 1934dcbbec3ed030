"""Test PDFs made with PyMuPDF in a fraction of a second each (no Qt here).

Numbered pages, and the hostile ones: a page of 200,000 vector paths
(seconds to draw), pages turned 90/180/270, a 1 x 1 pt page, 5,000 pages, a
broken cross-reference table. The viewer tests and the benchmarks both use
them.
"""

from __future__ import annotations

import random

import pymupdf

from companion.pdf.warm_up_page import pdf_from_objects

EXTERNAL_URL = "https://www.lezenenschrijven.nl/hoger-bereik"


def numbered_pdf(count: int, extra: dict[int, str] | None = None) -> bytes:
    """``count`` A4 pages saying "Pagina N", with ``extra`` text on some (1-based) pages."""
    doc = pymupdf.open()
    for number in range(1, count + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 90), f"Pagina {number}", fontsize=28)
        text = (extra or {}).get(number)
        if text:
            page.insert_textbox(pymupdf.Rect(72, 140, 523, 700), text, fontsize=14)
    return doc.tobytes()


def rotated_pdf(word: str = "Vindplaats") -> bytes:
    """Four pages with /Rotate 0, 90, 180 and 270, each with ``word`` near the top left
    of the unturned page (so it ends up somewhere else on screen on every page)."""
    doc = pymupdf.open()
    for rotation in (0, 90, 180, 270):
        page = doc.new_page(width=595, height=842)
        page.insert_text((100, 200), word, fontsize=30)
        page.insert_text((100, 260), f"Gedraaid {rotation}", fontsize=16)
        page.insert_link(
            {"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(90, 170, 300, 210), "uri": EXTERNAL_URL}
        )
        page.set_rotation(rotation)
    return doc.tobytes()


def heavy_pdf(paths: int = 200_000, per_form: int = 1000, normal_pages: int = 3) -> bytes:
    """A page with ``paths`` short vector lines (seconds to draw), then ordinary pages.

    The lines live in one form XObject drawn ``paths / per_form`` times, so
    the file is small and quick to make, and MuPDF still draws every line.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    rnd = random.Random(1)
    segments = []
    for _ in range(per_form):
        x, y = rnd.uniform(0, 595), rnd.uniform(0, 842)
        segments.append(
            f"{x:.1f} {y:.1f} m {x + rnd.uniform(-20, 20):.1f} {y + rnd.uniform(-20, 20):.1f} l S"
        )
    form = doc.get_new_xref()
    doc.update_object(form, "<< /Type /XObject /Subtype /Form /BBox [-50 -50 645 892] >>")
    doc.update_stream(form, ("0.1 w\n" + "\n".join(segments)).encode())
    uses = max(1, paths // per_form)
    body = "\n".join(f"q 1 0 0 1 {i % 7 - 3} {i % 5 - 2} cm /Fm0 Do Q" for i in range(uses))
    contents = doc.get_new_xref()
    doc.update_object(contents, "<<>>")
    doc.update_stream(contents, body.encode())
    resources = doc.get_new_xref()
    doc.update_object(resources, f"<< /XObject << /Fm0 {form} 0 R >> >>")
    doc.xref_set_key(page.xref, "Resources", f"{resources} 0 R")
    doc.xref_set_key(page.xref, "Contents", f"{contents} 0 R")
    for number in range(2, normal_pages + 2):
        doc.new_page(width=595, height=842).insert_text((72, 90), f"Pagina {number}", fontsize=28)
    return doc.tobytes()


def low_heavy_pdf(count: int = 12, paths: int = 30_000, band: tuple[float, float] = (300, 480)):
    """``count`` A4 pages saying "Pagina N" at the top, each with ``paths`` short lines
    between ``band`` (points from the top): a piece of the page drawn there takes a
    worker far longer than one of the text above it."""
    doc = pymupdf.open()
    rnd = random.Random(2)
    top, bottom = 842 - band[1], 842 - band[0]  # PDF heights count from the bottom
    segments = []
    for _ in range(1000):
        x, y = rnd.uniform(20, 575), rnd.uniform(top + 10, bottom - 10)
        segments.append(f"{x:.1f} {y:.1f} m {x + rnd.uniform(-9, 9):.1f} {y + 9:.1f} l S")
    form = doc.get_new_xref()
    doc.update_object(form, f"<< /Type /XObject /Subtype /Form /BBox [0 {top} 595 {bottom}] >>")
    doc.update_stream(form, ("0.1 w\n" + "\n".join(segments)).encode())
    body = "\n".join("q /Fm0 Do Q" for _ in range(max(1, paths // 1000)))
    for number in range(1, count + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 90), f"Pagina {number}", fontsize=28)
        contents = doc.get_new_xref()
        doc.update_object(contents, "<<>>")
        doc.update_stream(contents, body.encode())
        text = page.get_contents()[0]
        doc.xref_set_key(page.xref, "Contents", f"[{text} 0 R {contents} 0 R]")
        kind, resources = doc.xref_get_key(page.xref, "Resources")
        if kind == "xref":
            doc.xref_set_key(int(resources.split()[0]), "XObject", f"<< /Fm0 {form} 0 R >>")
        else:
            doc.xref_set_key(page.xref, "Resources/XObject", f"<< /Fm0 {form} 0 R >>")
    return doc.tobytes()


def tiny_page_pdf() -> bytes:
    """A 1 x 1 pt page between two ordinary ones."""
    doc = pymupdf.open(stream=numbered_pdf(2), filetype="pdf")
    doc.new_page(pno=1, width=1, height=1)
    return doc.tobytes()


def mixed_widths_pdf(count: int = 12, wide: tuple[int, ...] = (4, 9)) -> bytes:
    """``count`` pages saying "Pagina N": A4 upright, and A4 on its side on the
    ``wide`` (1-based) pages, so the pages on screen differ in width."""
    doc = pymupdf.open()
    for number in range(1, count + 1):
        width, height = (842, 595) if number in wide else (595, 842)
        page = doc.new_page(width=width, height=height)
        page.insert_text((72, 90), f"Pagina {number}", fontsize=28)
        page.draw_rect(pymupdf.Rect(36, 120, width - 36, height - 36), color=(0.2, 0.3, 0.6))
    return doc.tobytes()


def many_pages_pdf(count: int = 5000) -> bytes:
    """``count`` small pages saying "Pagina N", written as plain PDF syntax (fast).

    PyMuPDF's own text insertion costs about 10 ms a page; these bytes take
    a few milliseconds for thousands of pages, and MuPDF reads them as any PDF.
    """
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for number in range(1, count + 1):
        text = f"BT /F1 20 Tf 40 530 Td (Pagina {number}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, b" ".join(kids))
    return pdf_from_objects(objects)


def broken_xref_pdf() -> bytes:
    """Three pages whose cross-reference table is overwritten with junk (MuPDF repairs it)."""
    data = bytearray(numbered_pdf(3))
    start = data.rfind(b"xref")
    data[start : start + 120] = b"x" * 120
    return bytes(data)
