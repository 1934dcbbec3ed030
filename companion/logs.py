"""The log file: where an unexpected error is written down for whoever helps.

One file in the platformdirs log folder (or ``<data-dir>/logs``), rotated at
1 MB with three old copies kept, so it never grows without bound on a
workstation that runs for years.

:func:`log_failure` keeps it readable: what the program expects to go wrong
(a refused update file, an unreachable portal, a refused plan file, a full
disk) is one WARNING line with the reason; only the unexpected gets a
traceback, at ERROR, because only that needs a developer.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from companion.errors import CancelledError, CompanionError

LOG_NAME = "strategiekit.log"
MAX_BYTES = 1_000_000
BACKUPS = 3


FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RotatingLog(logging.FileHandler):
    """The log file, moved to ``.1`` (``.1`` to ``.2``, ...) before it would pass ``MAX_BYTES``.

    What ``logging.handlers.RotatingFileHandler`` does; that module is not used
    because importing it loads ``socket``, ``pickle`` and ``queue`` for its
    network handlers, a noticeable part of the program's start.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, mode="a", encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._too_long(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _too_long(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        if not os.path.isfile(self.baseFilename):
            return False  # a device or pipe someone pointed the log at
        size = self.stream.seek(0, os.SEEK_END)
        return size > 0 and size + len(self.format(record)) + 1 >= MAX_BYTES

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        for n in range(BACKUPS - 1, 0, -1):
            older = f"{self.baseFilename}.{n}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{n + 1}")
        os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the program's log records to the rotating file; returns its path.

    A log folder that cannot be written (a read-only data folder) is no reason
    not to start: the records then go to the console, and None is returned.
    """
    path = log_dir / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingLog) and Path(handler.baseFilename) == path:
            return path  # already set up (tests start the window more than once)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingLog(path)
    except OSError:
        handler, path = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path


@contextlib.contextmanager
def logging_to_file(log_dir: Path) -> Iterator[Path | None]:
    """:func:`setup_logging` for one command of the command line, undone at its end.

    Without it the log's records (English, for whoever helps: MuPDF's remarks
    on a PDF it repaired, a warning for IT) went to the terminal between the
    program's own Dutch sentences. Undone, because tests run many commands in
    one process, each with a data folder of its own.
    """
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        yield setup_logging(log_dir)
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)


def is_expected(error: BaseException) -> bool:
    """A refusal the program explains to its user, or the computer saying no (disk, access)."""
    return isinstance(error, CompanionError | OSError)


def log_failure(logger: logging.Logger, what: str, error: BaseException) -> None:
    """One WARNING line for an expected failure; the traceback for anything else."""
    if isinstance(error, CancelledError):
        logger.info("%s: stopped by the person", what)
    elif isinstance(error, CompanionError):
        reason = f"{error.message} ({error.detail})" if error.detail else str(error.message)
        logger.warning("%s: %s: %s", what, type(error).__name__, _one_line(reason))
    elif isinstance(error, OSError):
        logger.warning("%s: %s: %s", what, type(error).__name__, _one_line(str(error)))
    else:
        logger.error("%s", what, exc_info=error)


def _one_line(text: str) -> str:
    return " ".join(text.split())
