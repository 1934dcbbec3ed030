"""The Help menu: Hoe werkt het? (F1), Rondleiding, Over Strategiekit Companion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from companion.ui.live import live

if TYPE_CHECKING:
    from companion.ui.shell import Shell


def add_help_menu(window: Shell) -> None:
    """Help menu: Hoe werkt het? (F1), Rondleiding, Over Strategiekit Companion."""
    menu = window.help_menu
    how = QAction(window)
    live(how, "setText", lambda: QCoreApplication.translate("Help", "Hoe werkt het?"))
    how.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    how.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    how.triggered.connect(lambda: _show_help(window))
    tour = QAction(window)
    live(tour, "setText", lambda: QCoreApplication.translate("Help", "Rondleiding"))
    tour.triggered.connect(lambda: window.start_tour())
    about = QAction(window)
    live(
        about, "setText", lambda: QCoreApplication.translate("Help", "Over Strategiekit Companion")
    )
    about.triggered.connect(lambda: _show_about(window))
    for action in (how, tour):
        menu.addAction(action)
        window.addAction(action)  # F1 works while the menu bar is closed
    menu.addSeparator()
    menu.addAction(about)
    window.help_action, window.tour_action, window.about_action = how, tour, about


# The help window and the about box are imported when first asked for: not at start.


def _show_help(window: Shell) -> None:
    from companion.ui.help.help_window import show_help

    show_help(window)


def _show_about(window: Shell) -> None:
    from companion.ui.help.about import show_about

    show_about(window)
