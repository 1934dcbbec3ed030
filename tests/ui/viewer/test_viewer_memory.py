"""The viewer's page cache holds to its byte cap, counting the pieces still on their way."""

from __future__ import annotations

from tests.support.pdf_files import numbered_pdf
from tests.support.viewer_support import opened, wait_rendered


def _on_their_way(service) -> int:
    """Bytes of the page pieces asked for and not yet arrived, from their clips."""
    total = 0
    for key, wanted in service._wanted.items():
        if len(key) == 4:  # (page, scale, column, row); thumbnails have their own cache
            x0, y0, x1, y1 = wanted.clip
            total += (x1 - x0) * (y1 - y0) * 4
    return total


def test_pieces_asked_for_and_pieces_cached_stay_under_the_cap(qtbot, make_viewer):
    """A jump asks for a new screen: what it replaces goes before the new pixels exist
    (they are copied into the window as soon as a worker is done, and may wait there)."""
    cap = 6 * 2**20
    viewer = make_viewer(width=700, height=600, max_cache_bytes=cap)
    viewer.show_document("doc", "Lang", numbered_pdf(120), 1)
    opened(qtbot, viewer)
    canvas, service = viewer.canvas, viewer.service
    held: list[int] = []
    ask = service.request

    def request(lane, wanted) -> None:
        ask(lane, wanted)
        held.append(service.tiles.total_bytes + _on_their_way(service))

    service.request = request
    bar = canvas.verticalScrollBar()
    for index in (0, 1, 40, 41, 90, 7, 119, 60):
        bar.setValue(canvas.page_layout.boxes[index].y)
        wait_rendered(qtbot, viewer, index)
        assert viewer.page == index + 1
    assert service.tiles.max_bytes == cap
    assert held and max(held) <= cap


def test_on_a_200_percent_screen_no_piece_is_larger_than_on_an_ordinary_one(qtbot, make_viewer):
    """The page cache grows with the screen, the pieces do not: a preview of a whole
    page while scrolling fast (8 MB at 200 %) comes in bands, so no worker keeps a
    block that size for the rest of the session."""
    viewer = make_viewer(width=700, height=600, max_cache_bytes=96 * 2**20)
    viewer.show_document("doc", "Lang", numbered_pdf(3), 1)
    opened(qtbot, viewer)
    service = viewer.service
    service.fit_screen(700 * 600 * 4)  # an ordinary screen
    ordinary = service.grid(0, 1190 / 595)  # an A4 page 1190 px wide: 8 MB whole
    service.fit_screen(3300 * 1900 * 4)  # a maximised window on a 200 % screen
    assert service.tiles.max_bytes > 30 * 2**20
    large = service.grid(0, 1190 / 595)
    sizes = {grid: [] for grid in ("ordinary", "large")}
    for name, grid in (("ordinary", ordinary), ("large", large)):
        for column, row in grid.all():
            x0, y0, x1, y1 = grid.clip(column, row)
            sizes[name].append((x1 - x0) * (y1 - y0) * 4)
    assert len(sizes["large"]) > 1
    assert max(sizes["large"]) <= max(sizes["ordinary"]) < 8 * 2**20
    assert sum(sizes["large"]) == 1190 * 1684 * 4  # the whole page, in pieces


def test_memory_kept_for_reuse_counts_in_the_cap(qtbot, make_viewer):
    """Pixels let go are kept to copy the next ones into, but only in the room the
    cached pieces and those on their way leave: never on top of the cap."""
    cap = 6 * 2**20
    viewer = make_viewer(width=700, height=600, max_cache_bytes=cap)
    viewer.show_document("doc", "Lang", numbered_pdf(120), 1)
    opened(qtbot, viewer)
    canvas, service = viewer.canvas, viewer.service
    memory = viewer.engine.pool.pixel_memory
    held: list[int] = []
    ask = service.request

    def request(lane, wanted) -> None:
        ask(lane, wanted)
        held.append(service.tiles.total_bytes + _on_their_way(service) + memory.spare_bytes)

    service.request = request
    bar = canvas.verticalScrollBar()
    for index in (0, 1, 40, 41, 90, 7, 119, 60):
        bar.setValue(canvas.page_layout.boxes[index].y)
        wait_rendered(qtbot, viewer, index)
    assert held and max(held) <= cap
    # With the cache emptied (a jump leaves it behind), the memory stays for the next pixels.
    service.tiles.clear()
    qtbot.waitUntil(lambda: memory.spare_bytes > 0, timeout=5000)
    assert memory.spare_bytes <= min(cap, memory.max_bytes)


def test_on_a_wide_200_percent_screen_the_cache_is_sized_by_the_pages_not_the_empty_sides(
    qtbot, make_viewer
):
    """Fit width stops at a readable size, so on a wide window the pages leave the sides
    of the view empty. The page cache holds 1.5 screens of the pages shown (not of the
    view's whole width, a third more at 200 %), and every screen is still drawn sharp."""
    viewer = make_viewer(width=1900, height=1000, max_cache_bytes=96 * 2**20)
    viewer.canvas.dpr_override = 2.0  # what a 200 % screen reports
    viewer.show_document("doc", "Breed", numbered_pdf(30), 1)
    opened(qtbot, viewer)
    canvas, service = viewer.canvas, viewer.service
    view = canvas.viewport()
    page_width = canvas.page_rect(0).width()
    assert page_width < view.width() * 0.8  # the sides of the view stay empty
    view_bytes = view.width() * 2 * view.height() * 2 * 4
    pages_bytes = page_width * 2 * view.height() * 2 * 4
    bar = canvas.verticalScrollBar()
    for _ in range(5):
        bar.setValue(bar.value() + view.height())
        for index in canvas.visible_pages():
            wait_rendered(qtbot, viewer, index)
        assert service.tiles.total_bytes <= service.tiles.max_bytes
    assert pages_bytes <= service.tiles.max_bytes < 1.5 * view_bytes * 0.85
