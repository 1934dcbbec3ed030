"""Unexpected errors: write them to the log and tell the person plainly.

Without this, an exception in a Qt slot prints to a console nobody sees, or
closes the program. Now the window stays open and the message says where the
log is, so a colleague or helpdesk can look.

An error the program explains itself (a :class:`CompanionError`: a full disk,
a read-only folder) shows its own Dutch sentence instead. An error that
points at a damaged database file also calls ``on_damage``, so the window can
check its stores and heal what it can.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from companion.errors import CompanionError
from companion.store.sqlite_base import is_damage
from companion.ui.texts import ui_text

log = logging.getLogger("companion.unexpected")

ShowMessage = Callable[[str], None]


def unexpected_error_text(log_path: Path | None) -> str:
    if log_path is None:  # no log file (a read-only data folder)
        return QCoreApplication.translate(
            "ErrorHandler",
            "Er ging iets mis in het programma. Je gegevens zijn bewaard.\n\nProbeer het nog eens.",
        )
    return QCoreApplication.translate(
        "ErrorHandler",
        "Er ging iets mis in het programma. Je gegevens zijn bewaard.\n\n"
        "Wat er gebeurde staat in het logbestand:\n"
        "{path}\n\n"
        "Probeer het nog eens. Gebeurt het vaker, geef dit bestand dan aan wie je helpt.",
    ).format(path=log_path)


class _Relay(QObject):
    """Carries an error from any thread to the GUI thread."""

    raised = Signal(object)  # a CompanionError, or None for an unexpected error
    damaged = Signal()


class ErrorHandler:
    """Installs itself as sys.excepthook and threading.excepthook.

    Make it in the GUI thread: the message is always shown there, also for an
    error in a worker thread (a widget made in another thread crashes Qt).
    """

    def __init__(
        self,
        log_path: Path | None,
        show: ShowMessage | None = None,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.log_path = log_path
        self.show = show
        self.on_damage = on_damage
        self.relay = _Relay()
        # Queued, never direct: the message waits for the GUI thread's event loop.
        self.relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.relay.damaged.connect(self._damaged, Qt.ConnectionType.QueuedConnection)
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
        if isinstance(exc, CompanionError):
            log.warning("refused: %s (%s)", exc.message, exc.detail)
            self.relay.raised.emit(exc)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if is_damage(exc):
            self.relay.damaged.emit()
        self.relay.raised.emit(None)

    def _damaged(self) -> None:
        if self.on_damage is not None:
            self.on_damage()

    def _show(self, error: CompanionError | None) -> None:
        text = unexpected_error_text(self.log_path) if error is None else ui_text(error)
        if self.show is not None:
            self.show(text)
            return
        from PySide6.QtWidgets import QMessageBox  # loaded when an error is shown

        box = QMessageBox(getattr(self, "parent", None))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorHandler", "Er ging iets mis"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # a path or file name is never markup
        box.setText(text)
        box.open()  # not exec(): the window keeps working behind it
