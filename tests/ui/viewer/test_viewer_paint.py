"""What the reading view leaves on screen: the view as it is, drawn afresh.

After a jump or a scroll the view repaints only what can have changed (the
columns the pages can cover, not the page area's background beside them) and
paints the jump's page in the same call that brought its last piece. These
tests compare what the window really holds (the screen's copy of it) with the
whole view drawn afresh, pixel for pixel: nothing stale may stay behind, on
pages of one width or of several.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QRegion

from companion.ui.appearance import Appearance, apply_appearance, reset_appearance, theme
from tests.support.pdf_files import low_heavy_pdf, mixed_widths_pdf, numbered_pdf
from tests.support.viewer_support import opened, wait_rendered


def on_screen(canvas) -> QImage:
    """The reading view's pixels as the window holds them (what the screen shows)."""
    view = canvas.viewport()
    window = view.window()
    corner = view.mapTo(window, QPoint(0, 0))
    shot = window.screen().grabWindow(
        window.winId(), corner.x(), corner.y(), view.width(), view.height()
    )
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def drawn_afresh(canvas) -> QImage:
    """The whole reading view painted now, into an image of its own."""
    return canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def settled(canvas, index: int) -> bool:
    """Page ``index`` and every other page on screen drawn sharp, the view no longer
    waiting for a jump's page."""
    pages = canvas.visible_pages()
    return index in pages and all(canvas.is_rendered(i) for i in pages) and not canvas._holding


def assert_screen_is_whole_view(qtbot, canvas, index: int) -> None:
    qtbot.waitUntil(lambda: settled(canvas, index), timeout=10000)
    # The frame with the pages is flushed by now or in a moment; pixels left stale (never
    # painted again) would never match. (Compared while it waits: a piece that arrives
    # meanwhile, of read-ahead or a page at the edge, changes both.)
    qtbot.waitUntil(lambda: on_screen(canvas) == drawn_afresh(canvas), timeout=5000)


def open_pdf(qtbot, make_viewer, data: bytes, width: int = 900, height: int = 700):
    viewer = make_viewer(width=width, height=height)
    viewer.show_document("doc", "Document", data, 1)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 0)
    # However slow this machine is, a jump waits for its page (no stand-in first).
    viewer.canvas._hold_timer.setInterval(60_000)
    return viewer


def test_after_jumps_between_wide_and_narrow_pages_the_screen_shows_the_whole_view(
    qtbot, make_viewer
):
    viewer = open_pdf(qtbot, make_viewer, mixed_widths_pdf())
    canvas = viewer.canvas
    # Fit width: the wide pages fill it, the others do not (once the engine has read every
    # page's size: until then all are laid out as the first).
    qtbot.waitUntil(
        lambda: len({canvas.page_rect(i).width() for i in range(viewer.page_count)}) == 2,
        timeout=10000,
    )
    for page in (4, 7, 9, 2, 12):  # wide, narrow (beside a wide one's place), ...
        viewer.go_to(page)
        assert_screen_is_whole_view(qtbot, canvas, page - 1)
        assert viewer.page == page


def test_after_scrolling_and_a_jump_the_screen_shows_the_whole_view(qtbot, make_viewer):
    viewer = open_pdf(qtbot, make_viewer, numbered_pdf(30))
    canvas = viewer.canvas
    bar = canvas.verticalScrollBar()
    bar.setValue(bar.value() + 250)  # the reader scrolls down a bit
    assert_screen_is_whole_view(qtbot, canvas, canvas.current)
    viewer.go_to(21)
    assert_screen_is_whole_view(qtbot, canvas, 20)
    bar.setValue(bar.value() - 400)  # and back up over the gap between two pages
    assert_screen_is_whole_view(qtbot, canvas, canvas.current)


def pieces_on_screen(canvas, index: int) -> int:
    top, bottom = canvas.view_range()
    grid = canvas.service.grid(index, canvas.render_scale())
    return len(grid.covering(canvas._pixel_rect(index, top, bottom)))


@pytest.mark.parametrize("ratio", [1.0, 2.0], ids=["100%", "200%"])
def test_a_jumps_page_in_pieces_is_painted_once_whole_when_its_last_piece_comes(
    qtbot, make_viewer, ratio
):
    viewer = make_viewer(width=1500 if ratio == 1 else 900, height=1000 if ratio == 1 else 700)
    viewer.canvas.dpr_override = ratio  # 2: what a 200 % screen reports
    # Lines under the page's title: the piece with them takes a worker far longer.
    viewer.show_document("doc", "Document", low_heavy_pdf(12, paths=8000), 1)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 0, timeout=30000)
    canvas = viewer.canvas
    canvas._hold_timer.setInterval(60_000)  # the view waits for the page, however slow
    assert pieces_on_screen(canvas, 0) >= 2  # the workers draw the page in pieces
    view = canvas.viewport()
    asked: list[QRegion] = []  # what the view paints at once, in the call that brings a piece
    repaint = view.repaint
    view.repaint = lambda area: (asked.append(QRegion(area)), repaint(area))
    viewer.go_to(9)
    qtbot.waitUntil(lambda: settled(canvas, 8), timeout=30000)
    view.repaint = repaint
    assert pieces_on_screen(canvas, 8) >= 2
    # One paint, when the last piece came: the whole page on screen (no half-old view)...
    assert len(asked) == 1
    page = canvas.page_rect(8).toAlignedRect().intersected(view.rect())
    assert (QRegion(page) - asked[0]).isEmpty()
    # ... the same pixels as the view drawn afresh.
    assert_screen_is_whole_view(qtbot, canvas, 8)


def test_after_switching_to_high_contrast_the_background_beside_the_pages_follows(
    qtbot, make_viewer
):
    viewer = open_pdf(qtbot, make_viewer, numbered_pdf(10))
    canvas = viewer.canvas
    assert_screen_is_whole_view(qtbot, canvas, 0)
    try:
        apply_appearance(Appearance(high_contrast=True))
        bar = canvas.verticalScrollBar()
        bar.setValue(bar.value() + 300)  # the view moves down: only the page columns repaint
        assert_screen_is_whole_view(qtbot, canvas, canvas.current)
        beside = on_screen(canvas).pixelColor(2, canvas.viewport().height() // 2)
        assert beside.name() == theme().page_area  # black beside the pages, not the old grey
    finally:
        reset_appearance()
