"""A simple page-by-page view of one kit document.

Stand-in until the full viewer lands: one page at a time, fitted to the
width, with the words from a search lit up. Rendering runs in a worker.
"""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..errors import BrokenPdfError
from ..pdftext import open_pdf
from ..render import render_page, word_rects
from .workers import TaskRunner


class PageView(QWidget):
    """Shows one document; ``back_requested`` returns to where the person came from."""

    back_requested = Signal()
    page_changed = Signal(str, int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.document_id: str | None = None
        self.pdf_bytes = b""
        self.page_count = 0
        self.page = 1
        self.terms: tuple[str, ...] = ()
        self.highlights: list[pymupdf.Rect] = []
        self._render_serial = 0

        self.back = QPushButton("← Terug")
        self.back.setAccessibleName("Terug naar de vorige lijst")
        self.back.setToolTip("Terug (Alt+Links)")
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("documentTitle")
        self.previous_button = QPushButton("Vorige")
        self.previous_button.setAccessibleName("Vorige pagina")
        self.previous_button.clicked.connect(lambda: self.go_to(self.page - 1))
        self.next_button = QPushButton("Volgende")
        self.next_button.setAccessibleName("Volgende pagina")
        self.next_button.clicked.connect(lambda: self.go_to(self.page + 1))
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("Paginanummer")
        self.page_box.setMinimum(1)
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value()))
        self.page_total = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.back)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(QLabel("Pagina"))
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_total)
        bar.addWidget(self.next_button)

        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setAccessibleName("Pagina")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("errorText")
        self.message.hide()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.image)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)

        for key, step in (
            (QKeySequence.StandardKey.MoveToNextPage, 1),
            (QKeySequence.StandardKey.MoveToPreviousPage, -1),
        ):
            shortcut = QShortcut(key, self)
            shortcut.activated.connect(lambda s=step: self.go_to(self.page + s))
        QShortcut(QKeySequence("Alt+Left"), self).activated.connect(self.back_requested)

    def show_document(
        self, doc_id: str, title: str, pdf_bytes: bytes, page: int = 1, terms: tuple[str, ...] = ()
    ) -> bool:
        """Open a document; False (with a message shown) when it cannot be read."""
        self.document_id = doc_id
        self.terms = tuple(terms)
        self.title.setText(title)
        try:
            doc = open_pdf(pdf_bytes, title)
        except BrokenPdfError as exc:
            self.pdf_bytes = b""
            self.page_count = 0
            self.image.clear()
            self.message.setText(exc.message)
            self.message.show()
            return False
        self.page_count = doc.page_count
        doc.close()
        self.message.hide()
        self.pdf_bytes = pdf_bytes
        self.page_box.setMaximum(self.page_count)
        self.page_total.setText(f"van {self.page_count}")
        self.page = 0
        self.go_to(page)
        return True

    def go_to(self, page: int) -> None:
        if not self.page_count:
            return
        page = max(1, min(self.page_count, page))
        if page == self.page:
            return
        self.page = page
        self.page_box.setValue(page)
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < self.page_count)
        self.page_changed.emit(self.document_id or "", page)
        self._render()

    def _render(self) -> None:
        self._render_serial += 1
        serial = self._render_serial
        data, number, terms = self.pdf_bytes, self.page - 1, self.terms
        width = max(self.scroll.viewport().width() - 24, 400)
        ratio = self.devicePixelRatioF()

        def work(_report, _cancelled):
            doc = pymupdf.open(stream=data, filetype="pdf")
            try:
                page = doc[number]
                scale = width / page.rect.width * ratio
                return serial, render_page(doc, number, scale), word_rects(page, terms)
            finally:
                doc.close()

        self.runner.start(work, on_success=self._show_rendered)

    def _show_rendered(self, result) -> None:
        serial, rendered, rects = result
        if serial != self._render_serial:
            return  # a newer page was asked for meanwhile
        image = QImage(
            rendered.samples,
            rendered.width,
            rendered.height,
            rendered.stride,
            QImage.Format.Format_RGB888,
        ).copy()
        if rects:
            painter = QPainter(image)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
            for rect in rects:
                r = rect * rendered.scale
                painter.fillRect(
                    int(r.x0), int(r.y0), int(r.width) + 1, int(r.height) + 1, QColor(255, 221, 87)
                )
            painter.end()
        self.highlights = rects
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.image.setPixmap(pixmap)
