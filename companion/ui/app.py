"""Starting the program with a window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..context import AppContext
from ..errors import StoreError
from ..paths import app_paths
from .main_window import MainWindow


def run_app(data_dir: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Strategiekit Companion")
    app.setOrganizationName("strategiekit-companion")
    try:
        context = AppContext.open(app_paths(data_dir))
    except StoreError as exc:
        QMessageBox.critical(None, "Strategiekit Companion", f"{exc.message}\n\n{exc.detail}")
        return 1
    window = MainWindow(context)
    window.show()
    # Start after the window is on screen, so the first paint is not delayed.
    QTimer.singleShot(0, window.start)
    code = app.exec()
    context.close()
    return code
