"""Real-world trouble, made with PyMuPDF: turned pages, a 1x1 pt page, 5,000 pages,
a broken cross-reference table. The viewer shows what it can and stays usable.
"""

from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import screenshot
from tests.support.viewer_support import (
    EXTERNAL_URL,
    broken_xref_pdf,
    click_at_points,
    dark_fraction,
    many_pages_pdf,
    opened,
    rotated_pdf,
    tiny_page_pdf,
    wait_rendered,
)


def lit_area(viewer, index: int) -> QRect:
    """The view pixels of the (only) highlight on page ``index``."""
    (rect,) = viewer.canvas.highlight_rects(index)
    canvas = viewer.canvas
    top_left = canvas.view_point(index, rect[0], rect[1])
    bottom_right = canvas.view_point(index, rect[2], rect[3])
    return QRect(top_left, bottom_right)


@pytest.mark.parametrize("index", [1, 2, 3], ids=["rotate-90", "rotate-180", "rotate-270"])
def test_highlight_covers_the_word_on_a_turned_page(qtbot, make_viewer, index):
    viewer = make_viewer(width=1000, height=760)
    viewer.show_document(
        "gedraaid", "Gedraaide pagina's", rotated_pdf(), index + 1, ("vindplaats",)
    )
    opened(qtbot, viewer)
    # Until the engine has read every page's size, they are guessed from the first (upright)
    # page: measure where the highlight lands once the turned page is laid out as turned.
    qtbot.waitUntil(lambda: viewer.service.boxes[index].rotation == index * 90, timeout=10000)
    qtbot.waitUntil(lambda: len(viewer.canvas.highlight_rects(index)) == 1, timeout=10000)
    (word,) = viewer.canvas.highlight_rects(index)
    viewer.canvas.go_to(index, word[1])  # the highlight a quarter down the view
    wait_rendered(qtbot, viewer, index)
    area = lit_area(viewer, index)
    assert area.width() > 5 and area.height() > 5
    assert viewer.canvas.viewport().rect().contains(area)
    # Where the highlight is, the word is: dark letter pixels (under the yellow) fill
    # a good part of it.
    viewer.find_bar.close_bar()  # no yellow: the page's own pixels
    image = viewer.canvas.viewport().grab().toImage()
    assert dark_fraction(image, area) > 0.08
    # Beside the word, away from the next line of text (which the turn moves around).
    away = {1: (area.width() + 20, 0), 2: (0, area.height() + 40), 3: (-area.width() - 20, 0)}
    beside = area.translated(*away[index])
    assert dark_fraction(image, beside) < 0.02
    # A turned word is taller than wide on a page turned a quarter, wider than tall otherwise.
    assert (area.height() > area.width()) == (index in (1, 3))


def test_rotated_page_screenshot_and_links_land_on_the_turned_word(qtbot, make_viewer):
    opened_urls: list[str] = []
    viewer = make_viewer(
        width=1000,
        height=760,
        online=lambda: True,
        confirm_link=lambda _url: True,
        open_url=opened_urls.append,
    )
    viewer.show_document("gedraaid", "Gedraaide pagina's", rotated_pdf(), 2, ("vindplaats",))
    opened(qtbot, viewer)
    qtbot.waitUntil(lambda: len(viewer.canvas.highlight_rects(1)) == 1, timeout=10000)
    wait_rendered(qtbot, viewer, 1)
    screenshot(viewer, "viewer-rotated-90-highlight")
    # The link area sits over the word wherever the page turns it.
    qtbot.waitUntil(lambda: viewer.content.links(1) is not None, timeout=10000)
    (x0, y0, x1, y1) = viewer.canvas.highlight_rects(1)[0]
    click_at_points(qtbot, viewer, 1, (x0 + x1) / 2, (y0 + y1) / 2)
    assert opened_urls == [EXTERNAL_URL]


def test_a_1x1_point_page_is_shown_and_passed(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("klein", "Piepklein", tiny_page_pdf(), 1)
    opened(qtbot, viewer)
    assert viewer.page_count == 3
    qtbot.waitUntil(lambda: viewer.service.boxes[1].width == 1, timeout=10000)
    viewer.go_to(3)
    wait_rendered(qtbot, viewer, 2)
    viewer.go_to(2)
    assert viewer.page == 2
    qtbot.waitUntil(lambda: viewer.canvas.is_rendered(1), timeout=10000)
    assert not viewer.service.failed


def test_5000_pages_open_without_a_widget_per_page(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("lang", "Vijfduizend pagina's", many_pages_pdf(5000), 1)
    opened(qtbot, viewer)
    assert viewer.page_total.text() == "van 5000"
    wait_rendered(qtbot, viewer, 0)
    viewer.go_to(4321)
    wait_rendered(qtbot, viewer, 4320)
    # The page shown is page 4321 (the worker reads its words: the number is there).
    qtbot.waitUntil(lambda: viewer.content.words(4320) is not None, timeout=10000)
    assert [w.text for w in viewer.content.words(4320)] == ["Pagina", "4321"]
    # One canvas paints them all: the viewer has no widget per page.
    assert len(viewer.canvas.viewport().findChildren(QWidget)) < 10
    assert {key[0] for key in viewer.service.tiles} <= set(range(4310, 4332))
    # The thumbnails (laid out a batch at a time) follow: page 4321's is marked, on screen.
    qtbot.waitUntil(lambda: marked_on_screen(viewer, 4320), timeout=5000)
    assert viewer.sidebar.model.rowCount() == 5000


def marked_on_screen(viewer, index: int) -> bool:
    """Page ``index``'s thumbnail is the marked one, and in view in the side panel."""
    thumbnails = viewer.sidebar.thumbnails
    current = thumbnails.currentIndex()
    rect = thumbnails.visualRect(current)
    return current.row() == index and thumbnails.viewport().rect().contains(rect.center())


def test_a_page_shown_while_the_thumbnails_are_laid_out_is_followed_by_the_list(qtbot, make_viewer):
    """The list lays 5,000 thumbnails out a batch at a time and sets how far it scrolls
    only after the last batch. A page shown when its thumbnail is laid out but the list
    is not done yet (after a jump on a busy machine: seconds) is scrolled to all the same."""
    viewer = make_viewer()
    viewer.show_document("lang", "Vijfduizend pagina's", many_pages_pdf(5000), 1)
    opened(qtbot, viewer)
    qtbot.waitUntil(lambda: marked_on_screen(viewer, 0), timeout=5000)  # the viewer settled
    thumbnails = viewer.sidebar.thumbnails
    # The list is laid out anew, as when the engine has read the real page sizes.
    viewer.sidebar.set_document(viewer.service.sizes, viewer.devicePixelRatioF())
    row = viewer.sidebar.model.index(299)
    # The event loop one pass at a time (a batch each), until page 300's row is laid out.
    for _pass in range(1000):
        if not thumbnails.visualRect(row).isEmpty():
            break
        QApplication.processEvents()
    bar = thumbnails.verticalScrollBar()
    # Laid out, but beyond where the list can scroll yet: the rest is still to come.
    assert thumbnails.visualRect(row).top() > bar.maximum() + thumbnails.viewport().height()
    viewer.sidebar.show_page(299)  # what the viewer asks once the reader stops on page 300
    qtbot.waitUntil(lambda: marked_on_screen(viewer, 299), timeout=5000)


def test_a_broken_cross_reference_table_is_repaired_and_shown(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("reparatie", "Kapotte index", broken_xref_pdf(), 2)
    opened(qtbot, viewer)
    assert viewer.failure is None and viewer.page_count == 3
    wait_rendered(qtbot, viewer, 1)
    qtbot.waitUntil(lambda: viewer.content.words(1) is not None, timeout=10000)
    assert [w.text for w in viewer.content.words(1)] == ["Pagina", "2"]


def test_the_pages_drawn_are_mupdfs_own(qtbot, make_viewer):
    """What the viewer paints is the page itself: compare with MuPDF at the same size."""
    data = rotated_pdf()
    viewer = make_viewer(width=1000, height=760)
    viewer.show_document("gedraaid", "Gedraaide pagina's", data, 2)
    opened(qtbot, viewer)
    viewer.canvas.go_to(1)
    wait_rendered(qtbot, viewer, 1)
    rect = viewer.canvas.page_rect(1).toAlignedRect()
    shown = viewer.canvas.viewport().grab().toImage()
    page = pymupdf.open(stream=data, filetype="pdf")[1]
    scale = viewer.canvas.render_scale()
    bare = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    differing = 0
    samples = 0
    for y in range(5, min(rect.height(), bare.height) - 5, 13):
        for x in range(5, min(rect.width(), bare.width) - 5, 13):
            if not shown.rect().contains(rect.left() + x, rect.top() + y):
                continue  # below the view
            view = shown.pixelColor(rect.left() + x, rect.top() + y)
            samples += 1
            red, _g, _b = bare.pixel(x, y)
            differing += abs(view.red() - red) > 60
    assert samples > 200 and differing / samples < 0.02
