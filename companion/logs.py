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

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from companion.errors import CancelledError, CompanionError

LOG_NAME = "strategiekit.log"
MAX_BYTES = 1_000_000
BACKUPS = 3


FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the program's log records to the rotating file; returns its path.

    A log folder that cannot be written (a read-only data folder) is no reason
    not to start: the records then go to the console, and None is returned.
    """
    path = log_dir / LOG_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path  # already set up (tests start the window more than once)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        handler, path = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path


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
