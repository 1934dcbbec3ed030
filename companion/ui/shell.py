"""What the parts around the main window may ask of it, without importing it.

The help menu, the tour and the Updates wiring need a few things from the main
window (its menus, its banner, "show that screen"). They get them through this
protocol instead of ``MainWindow`` itself, so imports point one way only: the
main window imports them, never the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMenu, QStatusBar, QWidget

    from companion.context import AppContext
    from companion.ui.appearance import Appearance
    from companion.ui.widgets.banner import NoticeBanner
    from companion.ui.workers import TaskRunner


class Shell(Protocol):
    """The main window as its helpers see it (see :class:`companion.ui.main_window.MainWindow`)."""

    context: AppContext
    runner: TaskRunner
    banner: NoticeBanner
    nav: QListWidget
    file_menu: QMenu
    help_menu: QMenu
    quit_action: QAction
    import_task: Any
    kit_changed: SignalInstance
    # Set by the helpers themselves, so a second click shows the same dialog.
    help_window: Any
    about_dialog: Any
    settings_dialog: Any
    help_action: QAction
    tour_action: QAction
    about_action: QAction

    def show_screen(self, key: str) -> None: ...

    def nav_item(self, key: str) -> QListWidgetItem: ...

    def screen(self, key: str) -> QWidget: ...

    def start_tour(self) -> Any: ...

    def set_appearance(self, appearance: Appearance) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def centralWidget(self) -> QWidget: ...

    def addAction(self, action: QAction) -> None: ...
