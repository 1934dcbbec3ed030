"""The panel shown while the kit is put in place on first start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..progress import Progress
from .common import show_progress


class FirstRunPanel(QWidget):
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("De strategiekit wordt klaargezet")
        self.heading.setObjectName("screenTitle")
        self.explain = QLabel(
            "Dit gebeurt alleen de eerste keer. Daarna werkt alles ook zonder internet."
        )
        self.explain.setWordWrap(True)
        self.stage = QLabel("Even geduld…")
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Voortgang van het klaarzetten")
        self.bar.setRange(0, 0)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.retry = QPushButton("Opnieuw proberen")
        self.retry.hide()
        self.retry.clicked.connect(self.retry_requested)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.heading, self.explain, self.stage, self.bar, self.error, self.retry):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.bar.setMinimumWidth(420)

    def show_progress(self, progress: Progress) -> None:
        self.error.hide()
        self.retry.hide()
        self.stage.setText(progress.stage)
        show_progress(self.bar, progress)

    def show_error(self, message: str) -> None:
        self.stage.setText("Het klaarzetten is niet gelukt.")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.error.setText(message)
        self.error.show()
        self.retry.show()
