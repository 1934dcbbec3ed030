"""A shown window holding one wrapping row of widgets, for the tests of rows and buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from companion.ui.widgets.flow_layout import wrapping_row


def window_with_row(qtbot, widgets, size: tuple[int, int] = (320, 400)) -> tuple[QWidget, QWidget]:
    """(window, row): ``widgets`` in a wrapping row at the top of a shown window."""
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    row = wrapping_row(widgets)
    column.addWidget(row)
    column.addStretch(1)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window, row
