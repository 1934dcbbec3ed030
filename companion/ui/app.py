"""Starting the program with a window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from companion.context import AppContext
from companion.errors import StoreError
from companion.logs import setup_logging
from companion.paths import app_paths, resources_dir
from companion.pdf.engine.memory import return_large_blocks
from companion.ui.error_handler import ErrorHandler
from companion.ui.main_window import MainWindow

log = logging.getLogger(__name__)


SELFTEST_TIMEOUT_MS = 120_000


def run_app(
    data_dir: Path | None = None,
    *,
    selftest: bool = False,
    open_file: Path | None = None,
    page: int = 1,
) -> int:
    """Start the program; with ``selftest``, quit once the kit is ready (exit 0) or not (1).

    ``open_file`` shows that PDF from disk at ``page`` once the window is up.
    """
    return_large_blocks()  # page images come and go by the megabyte
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
    window.offer_tour = not selftest  # the tour of the screens after the first import
    errors.parent = window
    window.show()
    # Start after the window is on screen, so the first paint is not delayed.
    QTimer.singleShot(0, window.start)
    if open_file is not None:
        QTimer.singleShot(0, lambda: window.open_pdf_file(open_file, page))
    if selftest:
        _quit_when_ready(app, window, showing_file=open_file is not None)
    code = app.exec()
    context.close()
    log.info("stop")
    return code


def _quit_when_ready(app: QApplication, window: MainWindow, *, showing_file: bool) -> None:
    """For --selftest: report the installed kit and that the PDF engine draws pages, then quit.

    The engine check opens the first kit document (or the file given with
    ``open``) and waits until its page is painted: that proves the worker
    processes start from this installation (a frozen build included).
    """
    started = QTimer(window)
    waited = [0]
    stage = ["kit"]

    def fail(line: str) -> None:
        started.stop()
        _say(line, sys.stderr)
        window.close()
        app.exit(1)

    def poll() -> None:
        waited[0] += 100
        if waited[0] > SELFTEST_TIMEOUT_MS:
            fail(f"NIET OK: geen antwoord na {SELFTEST_TIMEOUT_MS // 1000} seconden ({stage[0]}).")
            return
        if stage[0] == "kit":
            if window.import_task is not None:
                return
            installed = window.context.library.installed()
            if installed is None:
                fail("NIET OK: de kit staat niet klaar.")
                return
            documents = window.context.library.documents()
            _say(
                f"OK: {installed.title}, versie {installed.version}, {len(documents)} documenten.",
                sys.stdout,
            )
            if not showing_file and documents:
                window.open_document(documents[0].id, page=1)
            stage[0] = "engine"
            return
        viewer = window._viewer
        if viewer is None:
            return
        if viewer.failure is not None:
            fail(f"NIET OK: {viewer.message.text()}")
            return
        if viewer.page_count and viewer.canvas.is_rendered(viewer.page - 1):
            started.stop()
            _say(
                f"OK: de PDF-motor tekent: {viewer.document_title}, pagina {viewer.page} "
                f"van {viewer.page_count}.",
                sys.stdout,
            )
            window.close()
            app.exit(0)

    started.timeout.connect(poll)
    started.start(100)


def _say(line: str, stream) -> None:
    """Print when there is a console (a Windows GUI build has none), and log it."""
    log.info(line)
    if stream is not None:
        print(line, file=stream)
