"""One page fitted on black: the beamer's whole window, and the presenter view's slides.

Pages come from the viewer's :class:`RenderService` (the engine workers draw
them); this widget only places and paints them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from companion.ui.viewer.render_service import RenderService


class SlideView(QWidget):
    """Black area with one page fitted in it (or nothing: the black screen)."""

    resized = Signal()

    def __init__(self, service: RenderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.index = -1
        self.black = False
        self.end_text = ""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(80, 60)

    def show_page(self, index: int, black: bool = False) -> None:
        self.index, self.black = index, black
        self.update()

    def set_end_text(self, text: str) -> None:
        """What shows after the last page (the presenter view's 'next' area)."""
        self.end_text = text
        self.update()

    def page_rect(self) -> QRectF:
        """Where the page goes: as large as fits, centred (logical pixels)."""
        if not 0 <= self.index < len(self.service.sizes):
            return QRectF()
        width, height = self.service.sizes[self.index]
        factor = min(self.width() / width, self.height() / height)
        w, h = width * factor, height * factor
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def render_scale(self) -> float:
        if not 0 <= self.index < len(self.service.sizes):
            return 1.0
        return (
            self.page_rect().width()
            / self.service.sizes[self.index][0]
            * (self.devicePixelRatioF())
        )

    def scale_for(self, index: int) -> float:
        """Render scale that fits page ``index`` in this view (to prefetch it)."""
        width, height = self.service.sizes[index]
        factor = min(self.width() / width, self.height() / height)
        return factor * self.devicePixelRatioF()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def is_rendered(self) -> bool:
        return self.service.is_rendered(self.index, self.render_scale())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self.black:
            painter.end()
            return
        if not 0 <= self.index < len(self.service.sizes):
            if self.end_text:
                painter.setPen(QColor("#bbbbbb"))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.end_text)
            painter.end()
            return
        self.service.paint_page(
            painter, self.index, self.page_rect(), self.render_scale(), clickable=False
        )
        painter.end()
