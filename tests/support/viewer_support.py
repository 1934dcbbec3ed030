"""Test PDFs and kits for the viewer tests: real PDFs built with PyMuPDF.

Kept in one module so the viewer test files share them; conftest.py and
kitbuilder.py stay as they are. The PDFs themselves are in ``pdf_files``
(no Qt there: the benchmarks make their slow page with it too).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pymupdf
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage

from companion.ui.viewer import ViewerScreen
from companion.ui.workers import TaskRunner
from tests.support.kitbuilder import KitBuilder
from tests.support.pdf_files import (  # noqa: F401 (the viewer tests take them from here)
    EXTERNAL_URL,
    broken_xref_pdf,
    heavy_pdf,
    many_pages_pdf,
    numbered_pdf,
    rotated_pdf,
    tiny_page_pdf,
)


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
    return builder.write(manifest, files, builder.root / name)
