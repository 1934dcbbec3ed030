"""Small building blocks the screens share."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from ..progress import Progress


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side, left-aligned."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def group_box(title: str, *widgets: QWidget, buttons: tuple[QWidget, ...] = ()) -> QGroupBox:
    """A titled frame with widgets above each other and a row of buttons under them."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    if buttons:
        layout.addLayout(button_row(*buttons))
    return box


def show_progress(bar: QProgressBar, progress: Progress) -> None:
    """Bytes done as a bar; a moving bar while the total is not known yet."""
    if progress.total_bytes:
        bar.setRange(0, 1000)
        bar.setValue(1000 * progress.done_bytes // progress.total_bytes)
    else:
        bar.setRange(0, 0)
