"""Jumping to a page: the page's own pixels first, nothing of an earlier jump in front.

Real viewer screens with their own engine workers on real PDFs; the speed
itself is measured by the benchmark (viewer_jump, viewer_jump_after_jump).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, QObject

from companion.pdf.engine.pixel_memory import PixelMemory
from companion.pdf.engine.protocol import Pixels
from companion.ui.viewer.engine_client import pixels_to_image
from companion.ui.viewer.render_service import LANE_PREFETCH
from tests.support.viewer_support import heavy_pdf, numbered_pdf, opened, wait_rendered


def painted_log(viewer) -> list[tuple[int, bool]]:
    """Every (page, sharp) the reading view paints from now on."""
    log: list[tuple[int, bool]] = []
    viewer.canvas.paint_listener = lambda index, sharp: log.append((index, sharp))
    return log


def pixels_there(canvas, index: int, area=None) -> bool:
    """Every pixel of page ``index`` inside ``area`` of the view (a QRect or QRegion; the
    whole view if None) is drawn sharp."""
    if area is None:
        return canvas.is_rendered(index)
    bounds = area.boundingRect() if hasattr(area, "boundingRect") else area
    page = canvas.page_rect(index).toAlignedRect().intersected(bounds)
    if page.isEmpty():
        return True
    top = canvas.verticalScrollBar().value()
    rect = canvas._pixel_rect(index, top + page.top(), top + page.bottom() + 1)
    return canvas.service.is_rendered(index, canvas.render_scale(), rect)


def forty_pages_open(qtbot, make_viewer):
    """A viewer showing page 1 of a 40-page document, drawn."""
    viewer = make_viewer(width=900, height=700)
    viewer.show_document("veertig", "Veertig pagina's", numbered_pdf(40), 1)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 0)
    return viewer


def test_a_jump_asks_for_one_paint_once_its_page_is_there(qtbot, make_viewer):
    viewer = forty_pages_open(qtbot, make_viewer)
    canvas = viewer.canvas
    # However slow this machine is, the view waits for the page (within the hold).
    canvas._hold_timer.setInterval(60_000)
    view = canvas.viewport()
    asked: list[bool] = []  # each repaint the view asks for: was the page there?
    update, repaint = view.update, view.repaint  # later (a frame) or at once
    view.update = lambda *area: (asked.append(canvas.is_rendered(30)), update(*area))
    # At once: the whole page, or (a page in pieces) a piece that is there.
    view.repaint = lambda *area: (asked.append(pixels_there(canvas, 30, *area)), repaint(*area))
    log = painted_log(viewer)
    viewer.go_to(31)
    qtbot.waitUntil(lambda: (30, True) in log, timeout=10000)
    # No stand-in first: the one repaint asked for came with the page's pixels (a paint
    # Qt does by itself, say for a focus frame, may still show the stand-in meanwhile).
    assert asked and all(asked)
    assert viewer.page == 31 and canvas.is_rendered(30)


class _Paints(QObject):
    """Appends ``name`` to ``order`` each time the widget it watches is painted."""

    def __init__(self, order: list[str], names: dict) -> None:
        super().__init__()
        self.order, self.names = order, names

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self.names:
            self.order.append(self.names[watched])
        return False


def test_the_scroll_bar_and_page_number_are_repainted_after_a_jumps_page(qtbot, make_viewer):
    viewer = forty_pages_open(qtbot, make_viewer)
    canvas = viewer.canvas
    canvas._hold_timer.setInterval(60_000)  # the view waits for the page, however slow
    bar = canvas.verticalScrollBar()
    order: list[str] = []
    spy = _Paints(order, {bar: "bar", viewer.page_box: "number"})
    bar.installEventFilter(spy)
    viewer.page_box.installEventFilter(spy)

    def painted(index: int, sharp: bool) -> None:
        if index == 30 and sharp and canvas.is_rendered(30) and "page" not in order:
            order.append("page")

    canvas.paint_listener = painted
    viewer.go_to(31)
    assert viewer.page_box.value() == 31 and bar.value() > 0  # their values change at once
    qtbot.waitUntil(lambda: "bar" in order and "number" in order, timeout=10000)
    # Their pixels follow the page (on two cores their painting would take the GUI thread
    # while the workers draw it), and then they show where the view is.
    assert order[0] == "page", order
    assert viewer.page_box.text() == "31" and bar.updatesEnabled()
    # A jump that takes longer than the hold still brings them along (with the stand-in).
    order.clear()
    canvas._hold_timer.setInterval(1)
    viewer.go_to(5)
    qtbot.waitUntil(lambda: "bar" in order and "number" in order, timeout=10000)
    assert viewer.page_box.updatesEnabled() and viewer.page_box.text() == "5"


def test_a_page_slower_than_the_hold_shows_its_stand_in_meanwhile(qtbot, make_viewer):
    viewer = make_viewer(width=900, height=700)
    viewer.show_document("zwaar", "Zware tekening", heavy_pdf(), 2)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 1)
    log = painted_log(viewer)
    viewer.go_to(1)  # seconds of drawing
    qtbot.waitUntil(lambda: (0, False) in log, timeout=5000)
    assert not viewer.canvas.is_rendered(0)  # the stand-in came before the page


def test_a_second_jump_drops_what_the_first_one_still_waited_for(qtbot, make_viewer):
    viewer = forty_pages_open(qtbot, make_viewer)
    service = viewer.service
    viewer.go_to(30)

    def tiles_of(index):
        return [w.ticket for k, w in service._wanted.items() if k[:1] == (index,) and len(k) == 4]

    first = tiles_of(29)
    assert first  # the first jump's page was asked for
    viewer.go_to(10)  # before the first jump's page is drawn
    # Whatever of page 30 had not started is cancelled: page 10 goes first.
    assert all(ticket.cancelled or ticket.started for ticket in first)
    assert tiles_of(29) == []
    wait_rendered(qtbot, viewer, 9)
    assert viewer.page == 10


def _pixels(width: int, height: int, value: int, memory: PixelMemory) -> Pixels:
    """Pixels as the pool hands them on: in memory of their own, from ``memory``."""
    buffer = memory.buffer(width * height * 4)
    buffer[:] = bytes([value, 255 - value, 7, 255]) * (width * height)
    return Pixels(0, width, height, width * 4, buffer)


def test_page_images_keep_their_pixels_and_give_the_memory_back_when_gone(qapp):
    memory = PixelMemory(max_bytes=3 * 2**20)
    width, height = 1200, 300  # 1.4 MB: large enough to be kept
    first = pixels_to_image(_pixels(width, height, 10, memory))
    gc.collect()  # the answer is gone: the image still has its pixels (no copy was made)
    assert first.pixelColor(5, 5).getRgb() == (7, 245, 10, 255)
    assert memory.spare_bytes == 0
    del first
    gc.collect()
    assert memory.spare_bytes >= width * height * 4
    second = pixels_to_image(_pixels(width, height, 200, memory))
    assert memory.reused == 1 and memory.spare_bytes == 0
    # Its own pixels, everywhere (nothing of the image before it).
    assert {second.pixelColor(x, y).getRgb() for x in (0, 600, 1199) for y in (0, 150, 299)} == {
        (7, 55, 200, 255)
    }
    kept = [pixels_to_image(_pixels(width, height, n, memory)) for n in range(4)]
    del kept, second
    gc.collect()
    assert memory.spare_bytes <= 3 * 2**20  # what is kept for later stays under its cap
    # Thumbnails (small) come from the ordinary heap.
    small = pixels_to_image(_pixels(110, 156, 30, memory))
    assert memory.reused == 1 and small.pixelColor(0, 0).getRgb() == (7, 225, 30, 255)


def test_a_jump_asks_for_its_page_alone_and_reads_ahead_once_it_is_painted(qtbot, make_viewer):
    viewer = forty_pages_open(qtbot, make_viewer)
    canvas, service = viewer.canvas, viewer.service
    canvas._hold_timer.setInterval(60_000)  # the view waits for the page, however slow
    log = painted_log(viewer)
    viewer.go_to(21)
    on_screen = set(canvas.visible_pages())
    # Right after the jump the workers draw the pages on screen; the pages around them are
    # not asked for yet (the side panel's thumbnails wait behind them as before).
    asked = {key[0] for key in service._wanted if len(key) == 4}
    around = set(range(min(on_screen) - 3, max(on_screen) + 4)) - on_screen
    assert 20 in on_screen and on_screen <= asked and not asked & around
    qtbot.waitUntil(lambda: (20, True) in log, timeout=10000)
    # Once page 21 is painted, the page below it is read ahead: scrolling on shows it at once.
    below = max(on_screen) + 1
    qtbot.waitUntil(lambda: any(key[0] == below for key in service.tiles), timeout=10000)


def test_a_jump_far_away_stops_the_read_ahead_of_the_place_left_behind(qtbot, make_viewer):
    viewer = make_viewer(width=900, height=700)
    viewer.show_document("zwaar", "Zware tekening", heavy_pdf(normal_pages=30), 2)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 1)
    service, pool = viewer.service, viewer.service.engine.pool
    # Reading ahead onto the heavy first page (seconds of drawing), as the view does.
    service.request(LANE_PREFETCH, [(0, viewer.canvas.render_scale(), None)])
    ahead = [w.ticket for key, w in service._wanted.items() if key[0] == 0 and len(key) == 4]
    assert ahead
    drawing = lambda: any(getattr(r, "page", -1) == 0 for _pid, r in pool.busy())  # noqa: E731
    qtbot.waitUntil(drawing, timeout=10000)
    viewer.go_to(31)
    # Cancelled at once (a worker drawing it is stopped), not left to hold a worker while
    # the page jumped to waits; nothing of page 1 is waited for any more.
    assert all(ticket.cancelled for ticket in ahead if not ticket.done)
    assert not any(key[0] == 0 for key in service._wanted if len(key) == 4)
    wait_rendered(qtbot, viewer, 30)
    assert viewer.page == 31


def test_the_pieces_of_a_jumps_page_go_to_the_workers_together(qtbot, make_viewer):
    viewer = make_viewer(width=1400, height=900)  # a page this wide comes in bands
    viewer.show_document("veertig", "Veertig pagina's", numbered_pdf(40), 1)
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 0)
    pool = viewer.service.engine.pool
    qtbot.waitUntil(lambda: pool.pending() == 0, timeout=10000)  # read-ahead done: idle
    steps: list[str] = []
    submit, send = pool.submit, pool._send

    def asked(request, **kwargs):
        steps.append("asked")
        return submit(request, **kwargs)

    def sent(worker, message):
        if isinstance(message, tuple) and isinstance(message[0], int):
            steps.append("sent")
        send(worker, message)

    pool.submit, pool._send = asked, sent
    try:
        viewer.go_to(25)
    finally:
        pool.submit, pool._send = submit, send
    pieces = steps.count("asked")
    assert pieces >= 2  # the view shows two bands of a page, or two pages
    # Every piece on screen was asked for before the first was sent: no worker starts
    # (and takes a core from the window) while the others are still being asked for.
    assert steps[:pieces] == ["asked"] * pieces and "sent" in steps
    wait_rendered(qtbot, viewer, 24)
