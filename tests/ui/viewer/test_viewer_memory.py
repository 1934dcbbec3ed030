"""The viewer's memory rules while a reader moves fast through a long document."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.pdf_files import numbered_pdf
from tests.support.viewer_support import opened, wait_rendered


def test_moving_fast_keeps_only_the_pages_next_to_the_screen(qtbot, make_viewer):
    """PageDown held: pages passed are let go at once (a 200 % preview is 8 MB each)."""
    viewer = make_viewer(width=700, height=600)
    viewer.show_document("doc", "Lang", numbered_pdf(80), 1)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 0)
    canvas, service = viewer.canvas, viewer.service
    checked = 0
    for _ in range(40):
        qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: not canvas._request_timer.isActive(), timeout=5000)
        if not canvas._fast:
            continue
        checked += 1
        visible = canvas.visible_pages()
        far = [key for key in service.tiles if not visible.start - 1 <= key[0] <= visible.stop]
        assert far == [], (visible, far)
    assert checked  # PageDown held this fast did move into the quick mode
    assert viewer.page > 20
