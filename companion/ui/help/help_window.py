"""Hoe werkt het? (F1): the help page in its own window, beside the program.

The help page is an HTML file per language in ``resources/help/``
(``hoe-werkt-het.nl.html``, ``hoe-werkt-het.en.html``): a translator edits
one readable page instead of dozens of loose sentences. The window is
non-modal (``show()``), so the program keeps working beside it and tests
can read it without clicking anything away.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.paths import resources_dir
from companion.ui.appearance import current, px
from companion.ui.live import follow, live
from companion.ui.widgets.common import on_screen

if TYPE_CHECKING:
    from companion.ui.shell import Shell

HELP_NAME = "hoe-werkt-het"


# -- Hoe werkt het? ----------------------------------------------------------------------


def help_file(language: str) -> Path:
    folder = resources_dir() / "help"
    wanted = folder / f"{HELP_NAME}.{language}.html"
    return wanted if wanted.is_file() else folder / f"{HELP_NAME}.nl.html"


class HelpWindow(QDialog):
    """The help page, beside the program (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        live(self, "setWindowTitle", lambda: self.tr("Hoe werkt het?"))
        self.setModal(False)
        self.resize(on_screen(self, px(720), px(640)))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpPage")
        self.browser.setOpenExternalLinks(False)
        live(self.browser, "setAccessibleName", lambda: self.tr("Uitleg: hoe werkt het?"))
        self.close_button = QPushButton()
        live(self.close_button, "setText", lambda: self.tr("Sluiten"))
        live(self.close_button, "setAccessibleName", lambda: self.tr("Uitleg sluiten"))
        self.close_button.clicked.connect(self.close)
        buttons = QDialogButtonBox()
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.load()
        follow(self, self.load)  # the page in the new language

    def load(self) -> None:
        path = help_file(current().language)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = "<p>" + html.escape(self.tr("De uitleg is niet gevonden.")) + "</p>"
        self.browser.setHtml(text)
        self.source = path


def show_help(window: Shell) -> HelpWindow:
    """F1: open (or bring forward) the help page."""
    dialog = getattr(window, "help_window", None)
    if dialog is None:
        dialog = HelpWindow(window)
        window.help_window = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.browser.setFocus()
    return dialog
