"""A yellow line for things a person should know, without a popup."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from companion.ui.live import live
from companion.ui.texts import ui_text


class NoticeBanner(QWidget):
    """Shows one message with a close button; hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # notices name files: never markup
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        live(self.text, "setAccessibleName", lambda: self.tr("Melding"))
        self.close_button = QPushButton()
        live(self.close_button, "setText", lambda: self.tr("Sluiten"))
        live(self.close_button, "setAccessibleName", lambda: self.tr("Melding sluiten"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, message: str | Callable[[], str]) -> None:
        """``message``: a function making the words (follows the language) or a service text."""
        live(self.text, "setText", message if callable(message) else (lambda: ui_text(message)))
        self.show()
