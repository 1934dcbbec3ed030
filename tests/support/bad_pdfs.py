"""Files that real kits get wrong, made in the test with PyMuPDF (and a few raw bytes).

Each maker returns bytes. The broken PDFs are written with PyMuPDF's
low-level xref functions, the way the broken files from other projects' bug
trackers are broken: a page tree that loops, a page count that cannot be read.
"""

from __future__ import annotations

import io
import zipfile

import pymupdf


def text_pdf(pages: list[str], *, width: float = 595, height: float = 842) -> pymupdf.Document:
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=width, height=height)
        page.insert_textbox(pymupdf.Rect(40, 40, width - 40, height - 40), text, fontsize=11)
    return doc


def _pages_xref(doc: pymupdf.Document) -> int:
    return int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])


def page_tree_cycle() -> bytes:
    """Two pages, but the root's Kids lists the root itself as its second page."""
    doc = text_pdf(["Pagina een over vindplaatsen.", "Pagina twee."])
    pages = _pages_xref(doc)
    first = int(doc.xref_get_key(pages, "Kids")[1].strip("[]").split()[0])
    doc.xref_set_key(pages, "Kids", f"[{first} 0 R {pages} 0 R]")
    return doc.tobytes()


def unreadable_page_count() -> bytes:
    """A page tree that promises 9 pages and has 1: MuPDF raises from ``page_count`` itself."""
    data = text_pdf(["Eén pagina."]).tobytes()
    assert data.count(b"/Count 1") == 1
    return data.replace(b"/Count 1", b"/Count 9")  # same length: the xref stays right


def zero_pages() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    body = (
        b"%PDF-1.7\n"
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    )
    xref_at = len(body)
    offsets = [body.index(b"1 0 obj"), body.index(b"2 0 obj")]
    xref = b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return body + xref + trailer


def encrypted() -> bytes:
    return text_pdf(["Geheim."]).tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="eigenaar", user_pw="lezer"
    )


def epub() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("META-INF/container.xml", '<?xml version="1.0"?><container/>')
        archive.writestr("OEBPS/hoofdstuk.xhtml", "<html><body>Hoofdstuk</body></html>")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


def png() -> bytes:
    return pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False).tobytes("png")


def html() -> bytes:
    return b"<!DOCTYPE html>\n<html><body><h1>Strategiekit</h1></body></html>\n"


def rotated_pages() -> bytes:
    """Portrait pages turned 90 and 270 degrees, with text all over the body."""
    doc = text_pdf(
        [
            "Gedraaide pagina een. " + "De klantreis van een laaggeletterde. " * 30,
            "Gedraaide pagina twee. " + "Samenwerken met de gemeente. " * 30,
        ]
    )
    doc[0].set_rotation(90)
    doc[1].set_rotation(270)
    return doc.tobytes()


def small_page() -> bytes:
    """A 100 pt tall label: all of its text must be found."""
    return text_pdf(["Etiket voor de boekenkast: taalhuis"], width=300, height=100).tobytes()


def nul_text() -> bytes:
    """A page whose extracted text holds NUL and other control characters."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 200), "voor\x00lezen in de\x07 bibliotheek\x1b", fontsize=12)
    return doc.tobytes()
