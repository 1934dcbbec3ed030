"""Test PDFs and kits for the viewer tests: real PDFs built with PyMuPDF.

Kept in one module so the viewer test files share them; conftest.py and
kitbuilder.py stay as they are. The hostile ones (a page of 200,000 vector
paths, turned pages, a 1x1 pt page, 5,000 pages, a broken cross-reference
table) are made here too, in a fraction of a second each.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pymupdf
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage

from companion.publish.publisher import write_portal
from companion.ui.viewer import ViewerScreen
from companion.ui.workers import TaskRunner
from tests.support.kitbuilder import KitBuilder

EXTERNAL_URL = "https://www.lezenenschrijven.nl/hoger-bereik"


class ViewerMaker:
    """Makes real viewer screens in their own active windows; ``close`` shuts them down.

    Each viewer has its own engine (worker processes), stopped by ``close``.
    """

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.made: list[tuple[ViewerScreen, TaskRunner]] = []

    def __call__(self, width: int = 900, height: int = 700, **kwargs) -> ViewerScreen:
        from PySide6.QtWidgets import QApplication

        runner = TaskRunner()
        viewer = ViewerScreen(runner, **kwargs)
        self.qtbot.addWidget(viewer)
        viewer.resize(width, height)
        viewer.show()
        self.qtbot.waitExposed(viewer)
        viewer.activateWindow()  # shortcuts only work in the active window
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is viewer, timeout=3000)
        self.made.append((viewer, runner))
        return viewer

    def close(self) -> None:
        for viewer, runner in self.made:
            viewer.shutdown()
            runner.shutdown()


def opened(qtbot, viewer: ViewerScreen, timeout: int = 10000) -> ViewerScreen:
    """Wait until the document shows (pages laid out) or its failure message does."""
    qtbot.waitUntil(lambda: viewer.page_count > 0 or viewer.failure is not None, timeout=timeout)
    return viewer


def wait_rendered(qtbot, viewer: ViewerScreen, index: int, timeout: int = 10000) -> None:
    """Until the part of page ``index`` on screen is drawn sharp."""
    qtbot.waitUntil(lambda: viewer.canvas.is_rendered(index), timeout=timeout)


def click_at_points(qtbot, viewer: ViewerScreen, index: int, x: float, y: float, **kw) -> None:
    """Click the spot (x, y) of page ``index``, in shown PDF points."""
    where = viewer.canvas.view_point(index, x, y)
    qtbot.mouseClick(
        viewer.canvas.viewport(), kw.pop("button", Qt.MouseButton.LeftButton), pos=where, **kw
    )


def dark_fraction(image: QImage, rect: QRect) -> float:
    """The share of pixels in ``rect`` of ``image`` that are dark (text, lines)."""
    rect = rect.intersected(image.rect())
    dark = total = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            total += 1
            if image.pixelColor(x, y).lightness() < 110:
                dark += 1
    return dark / max(1, total)


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


def linked_pdf() -> bytes:
    """Five pages; page 1 has a link to page 4 and a link to a website."""
    doc = pymupdf.open(stream=numbered_pdf(5), filetype="pdf")
    page = doc[0]
    page.insert_text((72, 200), "Naar de aanpak", fontsize=14)
    page.insert_link(
        {"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(70, 185, 240, 205), "page": 3}
    )
    page.insert_text((72, 260), "Website van de kit", fontsize=14)
    page.insert_link(
        {"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(70, 245, 240, 265), "uri": EXTERNAL_URL}
    )
    doc.set_toc([[1, "Begin", 1], [1, "Aanpak", 4], [2, "Stap 1", 5]])
    return doc.tobytes()


def form_pdf(heading: str = "Werkblad klantreis", *, shift: float = 0.0) -> bytes:
    """A werkblad with a text field, a multi-line field and a checkbox.

    ``shift`` moves the fields down (a new kit version with another layout
    but the same field names).
    """
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), heading, fontsize=22)
    page.insert_text((72, 132 + shift), "Naam van de vindplaats:", fontsize=12)
    fields = [
        ("naam", "Naam van de vindplaats", pymupdf.PDF_WIDGET_TYPE_TEXT, 0, (250, 118, 520, 140)),
        (
            "doelen",
            "Wat wil je bereiken?",
            pymupdf.PDF_WIDGET_TYPE_TEXT,
            pymupdf.PDF_TX_FIELD_IS_MULTILINE,
            (72, 170, 520, 300),
        ),
        ("besproken", "Besproken met de vindplaats", pymupdf.PDF_WIDGET_TYPE_CHECKBOX, 0, None),
    ]
    for name, label, kind, flags, rect in fields:
        widget = pymupdf.Widget()
        widget.field_name = name
        widget.field_label = label
        widget.field_type = kind
        widget.field_flags = flags
        x0, y0, x1, y1 = rect or (72, 320, 88, 336)
        widget.rect = pymupdf.Rect(x0, y0 + shift, x1, y1 + shift)
        widget.text_fontsize = 12 if kind == pymupdf.PDF_WIDGET_TYPE_TEXT else 0
        page.add_widget(widget)
    page.insert_text((96, 333 + shift), "Besproken met de vindplaats", fontsize=12)
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 80), "Toelichting bij het werkblad", fontsize=16)
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


def tiny_page_pdf() -> bytes:
    """A 1 x 1 pt page between two ordinary ones."""
    doc = pymupdf.open(stream=numbered_pdf(2), filetype="pdf")
    doc.new_page(pno=1, width=1, height=1)
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
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def broken_xref_pdf() -> bytes:
    """Three pages whose cross-reference table is overwritten with junk (MuPDF repairs it)."""
    data = bytearray(numbered_pdf(3))
    start = data.rfind(b"xref")
    data[start : start + 120] = b"x" * 120
    return bytes(data)


def encrypted_pdf() -> bytes:
    doc = pymupdf.open(stream=numbered_pdf(2), filetype="pdf")
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="baas")


def build_kit_with_form(builder: KitBuilder, version: int, name: str, form: bytes, key) -> Path:
    """A signed kit whose werkblad-klantreis is the fillable PDF ``form``."""
    files: dict[str, bytes] = {}
    manifest = builder.manifest_for(version, files)
    sha = hashlib.sha256(form).hexdigest()
    files[sha] = form
    for document in manifest["documents"]:
        if document["id"] == "werkblad-klantreis":
            document["file"] = {"sha256": sha, "size": len(form), "name": "werkblad.pdf"}
            document["revision"] = version
    out = builder.root / name
    write_portal(manifest, files, out, key)
    return out
