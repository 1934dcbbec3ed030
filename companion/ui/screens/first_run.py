"""The panel shown while the kit is put in place on first start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from companion.progress import Progress
from companion.ui.appearance import px
from companion.ui.live import live
from companion.ui.texts import ui_text
from companion.ui.widgets.common import screen_heading, scroll_body, show_progress


class FirstRunPanel(QWidget):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading, self.explain = screen_heading(
            lambda: self.tr("De strategiekit wordt klaargezet"),
            lambda: self.tr(
                "Dit gebeurt alleen de eerste keer. Daarna werkt alles ook zonder internet."
            ),
        )
        self.stage = QLabel()
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        live(self.stage, "setText", lambda: self.tr("Even geduld…"))
        self.bar = QProgressBar()
        live(self.bar, "setAccessibleName", lambda: self.tr("Voortgang van het klaarzetten"))
        self.bar.setRange(0, 0)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # messages name files
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.retry = QPushButton()
        live(self.retry, "setText", lambda: self.tr("Opnieuw proberen"))
        live(self.retry, "setAccessibleName", lambda: self.tr("Het klaarzetten opnieuw proberen"))
        self.retry.hide()
        self.retry.clicked.connect(self.retry_requested)

        # One centred column of a set width. Wrapped labels added with an
        # alignment get their one-line height and were cut off; inside the
        # column they fill its width and grow to the lines they need.
        column = QWidget()
        live(column, "setFixedWidth", lambda: px(520))
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.heading, self.explain, self.stage, self.error):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column_layout.addWidget(label)
        column_layout.addWidget(self.bar)
        column_layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignHCenter)

        layout = scroll_body(self)  # large text scrolls instead of widening the window
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_progress(self, progress: Progress) -> None:
        self.error.hide()
        self.retry.hide()
        live(self.stage, "setText", lambda: ui_text(progress.stage))
        show_progress(self.bar, progress)

    def show_error(self, message: str | Callable[[], str]) -> None:
        live(self.stage, "setText", lambda: self.tr("Het klaarzetten is niet gelukt."))
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        live(self.error, "setText", message if callable(message) else (lambda: ui_text(message)))
        self.error.show()
        self.retry.show()
