"""Running slow work off the GUI thread, with progress and cancel.

A task is a plain function ``fn(report, cancelled)``: ``report(value)`` sends
progress to the window, ``cancelled()`` says whether the person pressed
Stop. Results and errors come back as Qt signals, which Qt delivers on the
GUI thread, so screens never touch widgets from a worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from companion.logs import log_failure

log = logging.getLogger(__name__)

TaskFunction = Callable[[Callable[[Any], None], Callable[[], bool]], Any]


class TaskSignals(QObject):
    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Task(QRunnable):
    """One background job. Keep a reference until ``finished`` fires."""

    def __init__(self, fn: TaskFunction) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self._cancel.is_set)
        except Exception as exc:  # handed to the window, which explains it
            log_failure(log, "background task failed", exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.done.set()
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive while they run."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()

    def start(
        self,
        fn: TaskFunction,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Task:
        task = Task(fn)
        if on_success:
            task.signals.succeeded.connect(on_success)
        if on_error:
            task.signals.failed.connect(on_error)
        if on_progress:
            task.signals.progress.connect(on_progress)
        self._running.add(task)
        task.signals.finished.connect(lambda: self._running.discard(task))
        self.pool.start(task)
        return task

    def busy(self) -> bool:
        """Work still running (a finished task may not have said so yet)."""
        return any(not task.done.is_set() for task in self._running)

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Ask every task to stop and wait for them (on closing the window)."""
        for task in list(self._running):
            task.cancel()
        self.pool.waitForDone(timeout_ms)
