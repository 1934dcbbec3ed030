"""Faults under a real viewer: a worker killed mid-render, a page past its deadline.

The page frame shows "Deze pagina kan niet worden getoond" with the reason,
the rest of the document keeps working, the window stays responsive, the log
names the document and the page, and nothing is left in /dev/shm.
"""

from __future__ import annotations

import logging
import os
import signal
import time

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from companion.pdf.engine.protocol import CRASHED, TIMEOUT
from companion.pdf.engine.settings import DEADLINE_KEY
from companion.pdf.engine.shared_pixels import leftover_blocks
from companion.store.user_store import UserStore
from tests.conftest import screenshot
from tests.support.viewer_support import heavy_pdf, opened, wait_rendered


class Lateness:
    """How late a 20 ms timer fires: a frozen window shows as seconds."""

    def __init__(self) -> None:
        self.worst = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        self.worst = max(self.worst, self._clock.restart() - 20)

    def stop(self) -> int:
        self._timer.stop()
        return self.worst


def placeholder_shown(viewer, index: int) -> bool:
    """The page's frame on screen is the grey placeholder (no white paper, no drawing)."""
    image = viewer.canvas.viewport().grab().toImage()
    rect = viewer.canvas.page_rect(index).toAlignedRect().adjusted(4, 4, -4, -4)
    rect = rect.intersected(image.rect())
    colours = {
        image.pixelColor(x, y).name()
        for x in range(rect.left(), rect.right(), 9)
        for y in range(rect.top(), rect.bottom(), 9)
    }
    return "#eeeef0" in colours and "#ffffff" not in colours


# The viewer splits a page into bands drawn by both workers; a band of heavy_pdf()'s page
# takes about a second, so these pages are made heavy enough that every band of page 1
# outlasts the shortest deadline (2 s) and a kill always lands mid-render.
SLOW_BAND_PATHS = 1_000_000


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_a_worker_killed_mid_render_costs_one_placeholder(qtbot, make_viewer, caplog, sig):
    caplog.set_level(logging.WARNING)
    viewer = make_viewer(width=900, height=700)
    viewer.show_document("zwaar", "Zware tekening", heavy_pdf(SLOW_BAND_PATHS), 1)
    opened(qtbot, viewer)
    pool = viewer.engine.pool
    qtbot.waitUntil(
        lambda: any(r.page == 0 for _pid, r in pool.busy() if hasattr(r, "width")), timeout=10000
    )
    pid = next(pid for pid, r in pool.busy() if getattr(r, "page", -1) == 0)
    lateness = Lateness()
    os.kill(pid, sig)
    qtbot.waitUntil(lambda: 0 in viewer.service.failed, timeout=10000)
    assert viewer.service.failed[0].kind == CRASHED
    qtbot.waitUntil(lambda: placeholder_shown(viewer, 0), timeout=5000)
    screenshot(viewer, f"viewer-placeholder-{sig.name}")
    # The rest of the document keeps working, on new workers.
    viewer.go_to(3)
    wait_rendered(qtbot, viewer, 2)
    assert lateness.stop() < 1000  # the window never froze
    assert viewer.isVisible() and viewer.page == 3
    assert any("page 1 of Zware tekening" in r.getMessage() for r in caplog.records)
    pids_before = set(pool.worker_pids())
    assert pid not in pids_before


def test_a_page_past_the_deadline_shows_why_and_a_click_tries_again(
    qtbot, make_viewer, tmp_path, caplog
):
    caplog.set_level(logging.WARNING)
    user = UserStore(tmp_path / "user.sqlite")
    user.set_setting(DEADLINE_KEY, "2")  # the shortest a person can choose
    try:
        viewer = make_viewer(width=900, height=700, settings=user)
        started = time.monotonic()
        lateness = Lateness()
        viewer.show_document("zwaar", "Zware tekening", heavy_pdf(SLOW_BAND_PATHS), 1)
        opened(qtbot, viewer)
        qtbot.waitUntil(lambda: 0 in viewer.service.failed, timeout=15000)
        assert time.monotonic() - started >= 2
        failure = viewer.service.failed[0]
        assert failure.kind == TIMEOUT and failure.detail == "2 s"
        qtbot.waitUntil(lambda: placeholder_shown(viewer, 0), timeout=5000)
        assert lateness.stop() < 1000  # drawing for seconds elsewhere never froze the window
        screenshot(viewer, "viewer-placeholder-deadline")
        assert any(
            "page 1 of Zware tekening" in r.getMessage() and "replacing" in r.getMessage()
            for r in caplog.records
        )
        # The next pages are there.
        viewer.go_to(2)
        wait_rendered(qtbot, viewer, 1)
        # A click on the placeholder tries again (and runs into the deadline again).
        viewer.go_to(1)
        qtbot.mouseClick(
            viewer.canvas.viewport(),
            Qt.MouseButton.LeftButton,
            pos=viewer.canvas.view_point(0, 300, 400),
        )
        assert 0 not in viewer.service.failed
        qtbot.waitUntil(lambda: 0 in viewer.service.failed, timeout=15000)
    finally:
        user.close()


def test_closing_the_viewer_leaves_no_shared_memory_and_no_workers(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("zwaar", "Zware tekening", heavy_pdf(), 2)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 1)
    pids = viewer.engine.pool.worker_pids()
    assert leftover_blocks()  # the document and the pixel blocks
    viewer.shutdown()
    assert leftover_blocks() == []
    for pid in pids:  # the workers are gone (reaped, so no such process)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
