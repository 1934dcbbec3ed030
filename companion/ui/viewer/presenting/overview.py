"""Overzicht (Tab): every slide as a thumbnail, to jump to one by keyboard or mouse.

The thumbnails come from the viewer's render service (the engine workers draw
them, on the thumbnail lane), asked for only for the cells on screen. The
beamer is not touched while the overview is open: the audience keeps seeing
the current slide until a thumbnail is chosen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from companion.ui.appearance import theme
from companion.ui.live import live
from companion.ui.viewer.render_service import LANE_THUMBS, WAITING_COLOUR, RenderService

# Logical pixels, page and number together; not grown with the text size: a thumbnail
# is a picture to recognise a slide by, and at 200 % text only two would fit a row.
CELL_WIDTH = 220
THUMB_STEP = 32
GAP = 16


class OverviewGrid(QWidget):
    """The grid itself; ``chosen`` gives the 0-based page picked (Enter or a click)."""

    chosen = Signal(int)

    def __init__(self, service: RenderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.selected = 0
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys come through the presenter view
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        live(self, "setAccessibleName", lambda: self.tr("Overzicht van alle dia's"))
        service.page_ready.connect(self._page_ready)

    @property
    def count(self) -> int:
        return len(self.service.sizes)

    def columns(self) -> int:
        return max(1, (self.width() - GAP) // (CELL_WIDTH + GAP))

    def cell_size(self) -> QSize:
        width = (self.width() - GAP) // self.columns() - GAP
        return QSize(width, round(width * self._aspect()) + self.fontMetrics().height() + 8)

    def _aspect(self) -> float:
        sizes = self.service.sizes
        return max((h / w for w, h in sizes[:50]), default=0.75) if sizes else 0.75

    def cell_rect(self, index: int) -> QRect:
        size = self.cell_size()
        row, column = divmod(index, self.columns())
        return QRect(
            GAP + column * (size.width() + GAP), GAP + row * (size.height() + GAP), *size.toTuple()
        )

    def page_rect(self, index: int) -> QRectF:
        """Where page ``index`` is drawn in its cell: fitted above its number."""
        cell = self.cell_rect(index)
        width, height = self.service.sizes[index]
        room = QRectF(
            cell.x(), cell.y(), cell.width(), cell.height() - self.fontMetrics().height() - 8
        )
        factor = min(room.width() / width, room.height() / height)
        w, h = width * factor, height * factor
        return QRectF(room.x() + (room.width() - w) / 2, room.y() + (room.height() - h) / 2, w, h)

    def thumb_scale(self, index: int) -> float:
        """Device pixels per point for page ``index``'s thumbnail, in steps of 32 pixels wide,
        so that a scroll bar coming or going does not ask for every thumbnail again."""
        pixels = self.page_rect(index).width() * self.devicePixelRatioF()
        return math.ceil(pixels / THUMB_STEP) * THUMB_STEP / self.service.sizes[index][0]

    def sizeHint(self) -> QSize:
        rows = -(-self.count // self.columns()) if self.count else 0
        return QSize(self.width(), GAP + rows * (self.cell_size().height() + GAP))

    def heightForWidth(self, width: int) -> int:
        return self.sizeHint().height()

    def index_at(self, x: float, y: float) -> int:
        for index in range(self.count):
            if self.cell_rect(index).contains(int(x), int(y)):
                return index
        return -1

    def select(self, index: int) -> None:
        if self.count:
            self.selected = max(0, min(self.count - 1, index))
            self.update()
            scroll = self.parent().parent() if self.parent() else None
            if isinstance(scroll, QScrollArea):
                rect = self.cell_rect(self.selected)
                scroll.ensureVisible(rect.center().x(), rect.center().y(), 0, rect.height() // 2)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Arrows, Home/End and PageUp/PageDown move; Enter or Space jumps there."""
        key, columns = event.key(), self.columns()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -columns,
            Qt.Key.Key_Down: columns,
            Qt.Key.Key_PageUp: -columns * 3,
            Qt.Key.Key_PageDown: columns * 3,
        }
        if key in moves:
            self.select(self.selected + moves[key])
        elif key == Qt.Key.Key_Home:
            self.select(0)
        elif key == Qt.Key.Key_End:
            self.select(self.count - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.selected)
        else:
            return False
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().x(), event.position().y())
        if index >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.selected = index
            self.chosen.emit(index)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Thumbnails are a little larger than their cell (steps of 32 px): scale them smoothly.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        exposed = event.rect()
        wanted = []
        for index in range(self.count):
            cell = self.cell_rect(index)
            if not cell.intersects(exposed):
                continue
            target = self.page_rect(index)
            scale = self.thumb_scale(index)
            image = self.service.thumbnail(index, scale)
            if image is None:
                wanted.append((index, scale))
                image = self.service.any_thumbnail(index)  # a smaller one meanwhile
            if image is None:
                painter.fillRect(target, WAITING_COLOUR)
            else:
                painter.drawImage(target, image)
            if index == self.selected:
                painter.setPen(QPen(QColor(theme().timer), 4))  # yellow on dark grey
                painter.drawRect(target.adjusted(-3, -3, 3, 3))
            painter.setPen(QColor(theme().presenter_text))  # on presenter_bg
            label = QRect(
                cell.x(), int(target.bottom()) + 4, cell.width(), self.fontMetrics().height() + 4
            )
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(index + 1))
        painter.end()
        if wanted:
            self.service.request_thumbnails(wanted)

    def is_rendered(self) -> bool:
        """Every thumbnail on screen is drawn (for tests and the screenshot)."""
        visible = self.visibleRegion().boundingRect()
        shown = [i for i in range(self.count) if self.cell_rect(i).intersects(visible)]
        for index in shown:
            if self.service.thumbnail(index, self.thumb_scale(index)) is None:
                return False
        return bool(shown)  # nothing on screen yet is not "drawn"

    def _page_ready(self, lane: int, index: int) -> None:
        if lane == LANE_THUMBS and self.isVisible():
            self.update(self.cell_rect(index))


def overview_area(grid: OverviewGrid) -> QScrollArea:
    """The grid in a scroll area (a long PDF has more slides than fit)."""
    area = QScrollArea()
    area.setObjectName("presenterOverview")
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(grid)
    return area
