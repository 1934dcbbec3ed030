"""The panel shown while the kit is put in place on first start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QWidget

from ..progress import Progress
from .common import scroll_body, show_progress
from .live import live
from .texts import ui_text


class FirstRunPanel(QWidget):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        live(self.heading, "setText", lambda: self.tr("De strategiekit wordt klaargezet"))
        self.heading.setObjectName("screenTitle")
        self.explain = QLabel()
        live(
            self.explain,
            "setText",
            lambda: self.tr(
                "Dit gebeurt alleen de eerste keer. Daarna werkt alles ook zonder internet."
            ),
        )
        self.explain.setWordWrap(True)
        self.stage = QLabel()
        live(self.stage, "setText", lambda: self.tr("Even geduld…"))
        self.bar = QProgressBar()
        live(self.bar, "setAccessibleName", lambda: self.tr("Voortgang van het klaarzetten"))
        self.bar.setRange(0, 0)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.retry = QPushButton()
        live(self.retry, "setText", lambda: self.tr("Opnieuw proberen"))
        live(self.retry, "setAccessibleName", lambda: self.tr("Het klaarzetten opnieuw proberen"))
        self.retry.hide()
        self.retry.clicked.connect(self.retry_requested)

        layout = scroll_body(self)  # large text scrolls instead of widening the window
        layout.addStretch(1)
        for widget in (self.heading, self.explain, self.stage, self.bar, self.error, self.retry):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.bar.setMinimumWidth(420)

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
