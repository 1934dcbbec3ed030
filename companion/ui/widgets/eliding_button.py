"""A push button that shortens its text with "…" when it gets less room than the text needs.

Why: a button's smallest width is normally its whole text. A document title can be
longer than a narrow window has room for (1366x768 at 200 % text, a tour panel beside
it), and one such button then pushes its card wider than the window: a sideways
scroll bar, and the button cut off at the edge. This button asks for its whole text
but accepts less; the full title stays in its tooltip and accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

# The least a shortened button shows of its text: a few words to recognise it by.
SHORTEST_TEXT = "x" * 14


class ElidingButton(QPushButton):
    def __init__(self, icon: QIcon, text: str, parent: QWidget | None = None) -> None:
        super().__init__(icon, text, parent)
        self._whole = text
        # Preferred, not a button's usual Minimum: layouts may give it less than its text.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def whole_text(self) -> str:
        """The text as given, also while the button shows it shortened."""
        return self._whole

    def setText(self, text: str) -> None:
        self._whole = text
        super().setText(text)
        self.updateGeometry()
        self._fit_text()

    def _extra_for_whole_text(self) -> int:
        metrics = self.fontMetrics()
        return metrics.horizontalAdvance(self._whole) - metrics.horizontalAdvance(self.text())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self._extra_for_whole_text(), hint.height())

    def minimumSizeHint(self) -> QSize:
        whole = self.sizeHint()
        metrics = self.fontMetrics()
        shortest = whole.width() - metrics.horizontalAdvance(self._whole)
        shortest += metrics.horizontalAdvance(SHORTEST_TEXT)
        return QSize(min(whole.width(), shortest), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        whole_width = self.sizeHint().width()
        if self.width() >= whole_width:
            shown = self._whole
        else:
            metrics = self.fontMetrics()
            room = self.width() - (whole_width - metrics.horizontalAdvance(self._whole))
            shown = metrics.elidedText(self._whole, Qt.TextElideMode.ElideRight, max(0, room))
        if shown != self.text():
            super().setText(shown)
