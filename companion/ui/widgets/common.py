"""Small building blocks the screens share."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.ui.live import live
from companion.ui.texts import ui_text

if TYPE_CHECKING:  # a dataclass made when something reports progress (not to start)
    from companion.progress import Progress

TextFn = Callable[[], str]


def on_screen(widget: QWidget, width: int, height: int) -> QSize:
    """The wanted size, but never larger than the screen the widget is on.

    With large text a window or dialog asks for more room than a 1366x768
    screen has; it then gets the screen and its content scrolls, instead of
    its buttons ending up below the edge of the monitor.
    """
    # QWidget.screen: MainWindow has a screen(key) of its own.
    screen = QWidget.screen(widget) or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width()), min(height, room.height())
    return QSize(width, height)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side, left-aligned."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class _ScreenBody(QWidget):
    """Asks the scroll area for the least height its content needs at a width.

    QScrollArea sizes a height-for-width widget to its *preferred* height,
    which makes a screen scroll although everything would fit; the minimum
    is what counts here (the layout stretches the rest into free space).
    """

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)


def scroll_body(screen: QWidget) -> QVBoxLayout:
    """The layout for a screen's content, inside a scroll area.

    At normal text size the content simply fills the screen. With large text
    the content needs more room than the window has: it then scrolls,
    instead of being squeezed (clipped text) or pushing the window past the
    edge of the monitor. Tab into a part that is out of view scrolls it in.
    """
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    area, layout = scroll_area()
    outer.addWidget(area)
    return layout


def scroll_area() -> tuple[QScrollArea, QVBoxLayout]:
    """A frameless scroll area and the layout for what goes in it (see :func:`scroll_body`)."""
    area = QScrollArea()
    area.setObjectName("screenScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    body = _ScreenBody()
    body.setObjectName("screen")
    area.setWidget(body)
    return area, QVBoxLayout(body)


def tab_chain(*widgets: QWidget) -> None:
    """Tab visits ``widgets`` in this order (reading order), whatever order they were made in."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def group_box(title: TextFn, *widgets: QWidget, buttons: tuple[QWidget, ...] = ()) -> QGroupBox:
    """A titled frame with widgets above each other and a row of buttons under them."""
    box = QGroupBox()
    live(box, "setTitle", title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    if buttons:
        layout.addLayout(button_row(*buttons))
    return box


def say(label: QLabel, text: TextFn | str | None) -> None:
    """Show a message on ``label`` (hidden when empty) in the current language.

    ``text`` is a function that makes the words (so they follow a change of
    language), or a service sentence shown through :func:`ui_text`.
    """
    if text is None or text == "":
        live(label, "setText", lambda: "")
        label.hide()
        return
    make = text if callable(text) else (lambda: ui_text(text))
    # Messages name files and quote the kit or a plan file: never markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    live(label, "setText", make)
    label.show()


def show_progress(bar: QProgressBar, progress: Progress) -> None:
    """Bytes done as a bar; a moving bar while the total is not known yet."""
    if progress.total_bytes:
        bar.setRange(0, 1000)
        bar.setValue(1000 * progress.done_bytes // progress.total_bytes)
    else:
        bar.setRange(0, 0)


def screen_heading(title: TextFn, intro: TextFn) -> tuple[QLabel, QLabel]:
    """The big title and the one-line explanation at the top of a screen.

    ``title`` and ``intro`` return the translated texts; they run again when
    the language changes.
    """
    heading = QLabel()
    live(heading, "setText", title)
    heading.setObjectName("screenTitle")
    explanation = QLabel()
    live(explanation, "setText", intro)
    explanation.setWordWrap(True)
    return heading, explanation
