"""Unexpected errors: write them to the log and tell the person plainly.

Without this, an exception in a Qt slot prints to a console nobody sees, or
closes the program. Now the window stays open and the message says where the
log is, so a colleague or helpdesk can look.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("companion.unexpected")

ShowMessage = Callable[[str], None]


def unexpected_error_text(log_path: Path) -> str:
    return QCoreApplication.translate(
        "ErrorHandler",
        "Er ging iets mis in het programma. Je gegevens zijn bewaard.\n\n"
        "Wat er gebeurde staat in het logbestand:\n"
        "{path}\n\n"
        "Probeer het nog eens. Gebeurt het vaker, geef dit bestand dan aan wie je helpt.",
    ).format(path=log_path)


class _Relay(QObject):
    """Carries an error from any thread to the GUI thread."""

    raised = Signal(str)


class ErrorHandler:
    """Installs itself as sys.excepthook and threading.excepthook."""

    def __init__(self, log_path: Path, show: ShowMessage | None = None) -> None:
        self.log_path = log_path
        self.show = show
        self.relay = _Relay()
        self.relay.raised.connect(self._show)
        self.count = 0
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
        )

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        self.count += 1
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        self.relay.raised.emit(unexpected_error_text(self.log_path))

    def _show(self, text: str) -> None:
        if self.show is not None:
            self.show(text)
            return
        box = QMessageBox(getattr(self, "parent", None))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorHandler", "Er ging iets mis"))
        box.setText(text)
        box.open()  # not exec(): the window keeps working behind it
