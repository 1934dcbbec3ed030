"""Unexpected errors end in the log and a plain message, and the window stays."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QTimer

from companion.logs import setup_logging
from companion.ui.error_handler import ErrorHandler


@pytest.fixture
def handler(tmp_path):
    log_path = setup_logging(tmp_path / "logs")
    shown: list[str] = []
    errors = ErrorHandler(log_path, show=shown.append)
    errors.install()
    yield errors, shown, log_path
    errors.uninstall()
    for h in list(logging.getLogger().handlers):
        if getattr(h, "baseFilename", "") == str(log_path):
            logging.getLogger().removeHandler(h)
            h.close()


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_explained(qtbot, handler):
    _errors, shown, log_path = handler

    def broken_slot():
        raise ValueError("kapotte knop")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)

    assert str(log_path) in shown[0]
    assert "Je gegevens zijn bewaard" in shown[0]
    logged = log_path.read_text(encoding="utf-8")
    assert "ValueError: kapotte knop" in logged and "broken_slot" in logged


def test_error_in_a_thread_reaches_the_gui_thread(qtbot, handler):
    """The message may only be shown from the GUI thread: Qt widgets break elsewhere."""
    errors, _shown, log_path = handler
    shown_in: list[threading.Thread] = []
    errors.show = lambda _text: shown_in.append(threading.current_thread())
    worker = threading.Thread(target=lambda: 1 / 0, name="werker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown_in), timeout=3000)
    assert shown_in == [threading.main_thread()]
    assert "ZeroDivisionError" in log_path.read_text(encoding="utf-8")


def test_log_rotates(tmp_path):
    from companion.logs import BACKUPS, MAX_BYTES

    log_path = setup_logging(tmp_path / "logs")
    logger = logging.getLogger("companion.test")
    for _ in range(MAX_BYTES // 2000 * (BACKUPS + 2)):
        logger.info("x" * 1950)
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == ["strategiekit.log"] + [f"strategiekit.log.{n}" for n in range(1, BACKUPS + 1)]
    assert all(p.stat().st_size <= MAX_BYTES + 2100 for p in (tmp_path / "logs").iterdir())
    for h in list(logging.getLogger().handlers):
        if getattr(h, "baseFilename", "") == str(log_path):
            logging.getLogger().removeHandler(h)
            h.close()
