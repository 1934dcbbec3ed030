"""The log: an expected failure is one WARNING line; only the unexpected gets a traceback."""

from __future__ import annotations

import logging

import pytest

from companion.errors import CancelledError
from companion.logs import log_failure
from companion.sync.errors import NetworkError
from companion.ui.workers import TaskRunner

LOGGER = "companion.ui.workers"


def run_task(qtbot, fn):
    """Run ``fn`` on the worker pool; the errors it reported to the window."""
    runner = TaskRunner()
    failures, results = [], []
    runner.start(fn, on_error=failures.append, on_success=results.append)
    qtbot.waitUntil(lambda: bool(failures or results), timeout=10000)
    runner.shutdown()
    return failures


def test_a_refused_update_file_is_one_warning_line(qtbot, caplog, tmp_path):
    from companion.sync.service import import_update_file

    garbage = tmp_path / "kapot.kitupdate"
    garbage.write_bytes(b"PK\x03\x04 dit is geen zip")
    with caplog.at_level(logging.INFO, logger=LOGGER):
        [error] = run_task(
            qtbot, lambda _r, _c: import_update_file(tmp_path / "kit.sqlite", garbage)
        )
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelname == "WARNING" and record.exc_info is None
    line = record.getMessage()
    assert "\n" not in line and "UpdateFileError" in line
    assert str(error.message) in line  # the reason the screen shows, for whoever reads the log


def test_an_unreachable_portal_and_a_full_disk_are_warnings_too(caplog):
    log = logging.getLogger(LOGGER)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        log_failure(log, "update check", NetworkError("De portal is niet bereikbaar.", "timed out"))
        log_failure(log, "export", OSError(28, "No space left on device"))
        log_failure(log, "install", CancelledError("Gestopt."))
    assert [(r.levelname, r.exc_info) for r in caplog.records] == [
        ("WARNING", None),
        ("WARNING", None),
        ("INFO", None),
    ]
    assert "De portal is niet bereikbaar. (timed out)" in caplog.records[0].getMessage()


def test_the_unexpected_keeps_its_traceback(qtbot, caplog):
    def broken(_report, _cancelled):
        raise ZeroDivisionError("een fout in het programma")

    with caplog.at_level(logging.INFO, logger=LOGGER):
        [error] = run_task(qtbot, broken)
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelname == "ERROR" and record.exc_info[1] is error


@pytest.fixture
def plan_window(real_window):
    window = real_window()
    window.show_screen("actieplan")
    return window


def test_a_refused_plan_file_is_one_warning_line(qtbot, caplog, plan_window, tmp_path):
    broken = tmp_path / "kapot.actieplan"
    broken.write_text("{ geen planbestand", encoding="utf-8")
    logger = "companion.ui.screens.actionplan.screen"
    with caplog.at_level(logging.INFO, logger=logger):
        assert not plan_window.actionplan_screen.import_plan(broken)
    [record] = [r for r in caplog.records if r.name == logger]
    assert record.levelname == "WARNING" and record.exc_info is None
    assert "kapot.actieplan" in record.getMessage() and "PlanFileError" in record.getMessage()
