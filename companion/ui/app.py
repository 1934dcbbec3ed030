"""Starting the program with a window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..context import AppContext
from ..errors import StoreError
from ..logs import setup_logging
from ..paths import app_paths, resources_dir
from .error_handler import ErrorHandler
from .main_window import MainWindow

log = logging.getLogger(__name__)


def run_app(data_dir: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Strategiekit Companion")
    app.setOrganizationName("strategiekit-companion")
    app.setDesktopFileName("strategiekit")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "strategiekit.svg")))
    paths = app_paths(data_dir)
    log_path = setup_logging(paths.log_dir)
    errors = ErrorHandler(log_path)
    errors.install()
    log.info("start, data in %s", paths.data_dir)
    try:
        context = AppContext.open(paths)
    except StoreError as exc:
        log.error("cannot open stores: %s (%s)", exc.message, exc.detail)
        QMessageBox.critical(None, "Strategiekit Companion", f"{exc.message}\n\n{exc.detail}")
        return 1
    window = MainWindow(context)
    errors.parent = window
    window.show()
    # Start after the window is on screen, so the first paint is not delayed.
    QTimer.singleShot(0, window.start)
    code = app.exec()
    context.close()
    log.info("stop")
    return code
