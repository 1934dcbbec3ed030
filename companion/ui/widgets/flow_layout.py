"""A layout that wraps its widgets onto the next line, like words in a sentence.

Qt has no such layout built in (it is an example in Qt's documentation). Rows
of document buttons use it, so a step with long titles grows downwards
instead of pushing the card wider than the window.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        spacing: int = 6,
        align_right: bool = False,
        *,
        centre_lines: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.align_right = align_right
        self.centre_lines = centre_lines  # lower items sit in the middle of their line
        self._growing: set[int] = set()  # items that take the free room of their line
        # Heights per width asked: Qt asks again and again while it lays out a window (ten
        # times when the document screen is shown); forgotten whenever Qt invalidates.
        self._heights: dict[int, int] = {}
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def add_growing(self, widget: QWidget) -> None:
        """Add ``widget`` so that it takes the room left on its line (a search box, a list)."""
        self.addWidget(widget)
        self._growing.add(id(self._items[-1]))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()  # an item came, went, was hidden or changed its size
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        gap = self.spacing()
        line: list[tuple[QLayoutItem, int, int]] = []  # item, x, width

        def place(line_y: int) -> None:
            free = area.right() + 1 - (line[-1][1] + line[-1][2])
            growing = [item for item, _left, _width in line if id(item) in self._growing]
            shift = free if self.align_right and not growing else 0
            extra = free // len(growing) if growing and free > 0 else 0
            left = line[0][1] + shift
            for item, _start, width in line:
                width += extra if id(item) in self._growing else 0
                height = item.sizeHint().height()
                down = (line_height - height) // 2 if self.centre_lines else 0
                item.setGeometry(QRect(QPoint(left, line_y + down), QSize(width, height)))
                left += width + gap

        for item in self._items:
            if item.isEmpty():  # a hidden widget takes no room
                continue
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                if move:
                    place(y)
                line = []
                x, y = area.x(), y + line_height + gap
                line_height = 0
            line.append((item, x, width))
            x += width + gap
            line_height = max(line_height, hint.height())
        if move and line:
            place(y)
        return y + line_height - rect.y() + margins.bottom()


def wrapping_row(
    widgets: list[QWidget],
    spacing: int = 6,
    *,
    align_right: bool = False,
    growing: tuple[QWidget, ...] = (),
    centre_lines: bool = False,
) -> QWidget:
    """A widget holding ``widgets`` that wrap onto new lines when space runs out.

    Widgets in ``growing`` take the room left on their line.
    """
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    layout = FlowLayout(holder, spacing, align_right, centre_lines=centre_lines)
    for widget in widgets:
        if widget in growing:
            layout.add_growing(widget)
        else:
            layout.addWidget(widget)
    return holder


def kept_together(*widgets: QWidget, spacing: int | None = None) -> QWidget:
    """Controls that belong together, kept on one line (one item of a wrapping row)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget)
    return holder
