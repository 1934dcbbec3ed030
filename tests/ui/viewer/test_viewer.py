"""The viewer screen driven like a person would: keys, mouse, zoom, find, links, print."""

from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from companion.pdf.page_layout import GAP, ZoomMode
from companion.ui.viewer import ViewerScreen
from tests.conftest import screenshot
from tests.support.viewer_support import (
    EXTERNAL_URL,
    ViewerMaker,
    click_at_points,
    encrypted_pdf,
    linked_pdf,
    numbered_pdf,
    opened,
    wait_rendered,
)


def choose_zoom(viewer: ViewerScreen, text: str) -> None:
    row = viewer.zoom_box.findText(text)
    viewer.zoom_box.setCurrentIndex(row)
    viewer.zoom_box.activated.emit(row)


def page_pixels(viewer: ViewerScreen, index: int):
    """The page as the person sees it: the view's own pixels over that page."""
    canvas = viewer.canvas
    image = canvas.viewport().grab().toImage()
    return image, canvas.page_rect(index).toAlignedRect()


def test_keys_and_page_box_move_through_the_document(qtbot, make_viewer):
    viewer = make_viewer()
    remembered = []
    viewer.page_changed.connect(lambda doc_id, page: remembered.append((doc_id, page)))
    assert viewer.show_document("handleiding-x", "Twaalf pagina's", numbered_pdf(12), 1)
    opened(qtbot, viewer)
    canvas = viewer.canvas
    assert viewer.page_total.text() == "van 12"
    wait_rendered(qtbot, viewer, 0)

    choose_zoom(viewer, "Hele pagina")  # one page per screen: PageDown turns a page
    assert canvas.mode is ZoomMode.FIT_PAGE
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert viewer.page == 2 and viewer.page_box.value() == 2
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert viewer.page == 12
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert viewer.page == 11
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert viewer.page == 1
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert viewer.page == 2
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert viewer.page == 1

    choose_zoom(viewer, "Paginabreedte")  # taller than the screen: keys scroll
    bar = canvas.verticalScrollBar()
    start = bar.value()
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert bar.value() == start + canvas.LINE_STEP
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert bar.value() > start + canvas.viewport().height() // 2

    viewer.page_box.selectAll()
    qtbot.keyClicks(viewer.page_box, "7")
    qtbot.keyClick(viewer.page_box, Qt.Key.Key_Return)
    assert viewer.page == 7
    assert 6 in canvas.visible_pages()
    wait_rendered(qtbot, viewer, 6)
    # What shows is page 7: its number is drawn in dark pixels where the text is.
    image, rect = page_pixels(viewer, 6)
    top = rect.top() + round(60 * canvas.scale)
    dark = [
        image.pixelColor(x, y).lightness() < 100
        for x in range(
            rect.left() + round(72 * canvas.scale), rect.left() + round(200 * canvas.scale)
        )
        for y in range(max(0, top), max(0, top) + round(40 * canvas.scale), 2)
    ]
    assert any(dark)
    # Remembered once the reader stays on the page (no disk write per page flicked past).
    qtbot.waitUntil(lambda: remembered[-1:] == [("handleiding-x", 7)], timeout=3000)
    screenshot(viewer, "viewer-page-7")


def test_the_page_buttons_offer_only_a_page_that_exists(qtbot, make_viewer):
    """On page 1 "Vorige pagina" is off, on the last page "Volgende pagina" is; also after
    the screen was hidden and shown again (going to the Library and back)."""
    viewer = make_viewer()
    assert viewer.show_document("handleiding-x", "Drie pagina's", numbered_pdf(3), 1)
    opened(qtbot, viewer)

    def buttons() -> tuple[bool, bool]:
        return viewer.previous_button.isEnabled(), viewer.next_button.isEnabled()

    assert viewer.page == 1 and buttons() == (False, True)
    viewer.hide()
    viewer.show()
    assert buttons() == (False, True)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_End)
    assert viewer.page == 3 and buttons() == (True, False)
    viewer.hide()
    viewer.show()
    assert buttons() == (True, False)
    qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)
    assert viewer.page == 2 and buttons() == (True, True)


def test_zoom_modes_and_steps_change_the_drawn_size(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Drie", numbered_pdf(3), 1)
    opened(qtbot, viewer)
    canvas = viewer.canvas
    wait_rendered(qtbot, viewer, 0)
    page = canvas.page_rect(0)
    assert abs(page.width() - (canvas.viewport().width() - 2 * GAP)) <= 1
    grid = viewer.service.grid(0, canvas.render_scale())
    assert abs(grid.width - page.width()) <= 1  # the pixels drawn are the pixels shown

    choose_zoom(viewer, "Hele pagina")
    assert canvas.page_rect(0).height() <= canvas.viewport().height() - 2 * GAP + 1
    fit_page_width = canvas.page_rect(0).width()
    wait_rendered(qtbot, viewer, 0)

    qtbot.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.mode is ZoomMode.FIXED
    assert canvas.page_rect(0).width() > fit_page_width
    stepped = viewer.zoom_box.currentText()
    assert stepped.endswith("%") and int(stepped[:-1]) > round(canvas.scale / 2)
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(50, 50),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    before = canvas.page_rect(0).width()
    QApplication.sendEvent(canvas.viewport(), wheel)
    assert canvas.page_rect(0).width() > before
    assert int(viewer.zoom_box.currentText()[:-1]) > int(stepped[:-1])
    wait_rendered(qtbot, viewer, canvas.current)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.page_rect(0).width() < before + 1
    assert viewer.zoom_box.currentText() == stepped


def test_hidpi_screens_get_tiles_at_device_pixels(qtbot, make_viewer):
    viewer = make_viewer(width=1100, height=800)
    viewer.canvas.dpr_override = 2.0  # what a 200 % screen reports
    viewer.show_document("doc", "Scherp", numbered_pdf(2), 1)
    opened(qtbot, viewer)
    choose_zoom(viewer, "300%")
    wait_rendered(qtbot, viewer, viewer.canvas.current)
    canvas, service = viewer.canvas, viewer.service
    grid = service.grid(canvas.current, canvas.render_scale())
    assert abs(grid.width - 2 * canvas.page_rect(canvas.current).width()) <= 2
    # At 300 % on a 200 % screen a page is far wider than the screen: square tiles.
    assert grid.columns > 1 and grid.rows > 1
    scale_key = round(canvas.render_scale() * 1000)
    drawn = [key for key in service.tiles if key[0] == canvas.current and key[1] == scale_key]
    assert 0 < len(drawn) < grid.columns * grid.rows  # only the tiles on (and near) the screen
    # Every tile is at most one tile size: never the whole page at once.
    assert all(service.tiles.peek(key).width() <= grid.tile_width for key in drawn)


FIND_TEXT = {
    2: "Een vindplaats is een organisatie.",
    5: "Vindplaatsen en nog eens een VINDPLAATS.",
    9: "De laatste vindplaats.",
}


def test_find_lights_every_hit_and_f3_walks_through_them(qtbot, make_viewer):
    viewer = make_viewer()
    data = numbered_pdf(10, FIND_TEXT)
    viewer.show_document("doc", "Vinden", data, 1)
    opened(qtbot, viewer)
    canvas, bar = viewer.canvas, viewer.find_bar
    viewer.start_find()
    assert bar.isVisible() and bar.box.hasFocus()
    qtbot.keyClicks(bar.box, "vindplaats")
    qtbot.waitUntil(lambda: not bar.searching and len(bar.hits) == 4, timeout=10000)
    assert bar.count.text() == "1 van 4"
    assert viewer.page == 2

    # What is lit on page 2 is exactly where the word is.
    doc = pymupdf.open(stream=data, filetype="pdf")
    (expected,) = doc[1].search_for("vindplaats")
    (lit,) = canvas.highlight_rects(1)
    assert abs(lit[0] - expected.x0) < 1 and abs(lit[2] - expected.x1) < 1
    assert len(canvas.highlight_rects(4)) == 2 and len(canvas.highlight_rects(8)) == 1
    wait_rendered(qtbot, viewer, 1)
    screenshot(viewer, "viewer-find")

    pages = []
    for _ in range(4):
        qtbot.keyClick(canvas, Qt.Key.Key_F3)
        pages.append((viewer.page, bar.count.text()))
    assert pages == [(5, "2 van 4"), (5, "3 van 4"), (9, "4 van 4"), (2, "1 van 4")]
    qtbot.keyClick(canvas, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert (viewer.page, bar.count.text()) == (9, "4 van 4")
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    assert bar.count.text() == "1 van 4"

    bar.box.selectAll()
    qtbot.keyClicks(bar.box, "bestaat niet")
    qtbot.waitUntil(lambda: bar.count.text() == "Niet gevonden", timeout=10000)
    assert canvas.highlight_rects(1) == []
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_opened_with_search_words_lands_on_the_page_with_them_lit(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Vinden", numbered_pdf(10, FIND_TEXT), 5, ("vindplaats",))
    opened(qtbot, viewer)
    assert viewer.page == 5
    qtbot.waitUntil(lambda: len(viewer.highlights) == 2, timeout=10000)
    assert viewer.page == 5
    qtbot.waitUntil(lambda: not viewer.find_bar.searching, timeout=10000)
    assert viewer.find_bar.count.text() == "2 van 4"
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F3)
    assert viewer.find_bar.count.text() == "3 van 4"


def test_links_jump_inside_and_ask_before_going_online(qtbot, make_viewer):
    online = [False]
    asked, opened_urls, answer = [], [], [False]

    def confirm(url):
        asked.append(url)
        return answer[0]

    viewer = make_viewer(
        online=lambda: online[0], confirm_link=confirm, open_url=opened_urls.append
    )
    viewer.show_document("doc", "Links", linked_pdf(), 1)
    opened(qtbot, viewer)
    qtbot.waitUntil(lambda: viewer.sidebar.isTabVisible(1), timeout=10000)  # it has an outline
    assert viewer.sidebar.outline.topLevelItemCount() == 2
    qtbot.waitUntil(lambda: viewer.content.links(0) is not None, timeout=10000)

    click_at_points(qtbot, viewer, 0, 100, 195)  # "Naar de aanpak" -> page 4
    assert viewer.page == 4
    viewer.go_to(1)

    click_at_points(qtbot, viewer, 0, 100, 255)  # the website, while offline
    assert asked == [] and opened_urls == []
    assert viewer.info.isVisible() and "niet online" in viewer.info.text.text()

    online[0] = True
    click_at_points(qtbot, viewer, 0, 100, 255)
    assert asked == [EXTERNAL_URL] and opened_urls == []  # asked, said no
    answer[0] = True
    click_at_points(qtbot, viewer, 0, 100, 255)
    assert opened_urls == [EXTERNAL_URL]

    outline = viewer.sidebar.outline
    outline.itemClicked.emit(outline.topLevelItem(1).child(0), 0)  # "Stap 1" -> page 5
    assert viewer.page == 5


def mixed_pdf() -> bytes:
    """Portrait pages with a landscape one in between (thumbnails differ in size)."""
    doc = pymupdf.open(stream=numbered_pdf(8), filetype="pdf")
    doc.new_page(pno=2, width=842, height=595).insert_text((72, 90), "Liggend", fontsize=28)
    return doc.tobytes()


def test_thumbnails_show_pages_and_take_you_there(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Plaatjes", mixed_pdf(), 1)
    opened(qtbot, viewer)
    model, service = viewer.sidebar.model, viewer.service
    # The side panel fills once the first page is on screen.
    qtbot.waitUntil(lambda: model.rowCount() == 9, timeout=10000)
    # The real sizes arrive after the first page's: the landscape page is laid out wide.
    qtbot.waitUntil(lambda: service.boxes[2].width > service.boxes[2].height, timeout=10000)

    def shown(row):
        return service.thumbnail(row, model.scale(row)) is not None

    qtbot.waitUntil(lambda: shown(0) and shown(2) and shown(3), timeout=10000)
    image = service.thumbnail(2, model.scale(2))
    assert image.width() > image.height()  # the landscape page, as it is
    # Once the thumbnails on screen are there, painting them again asks for nothing more.
    view = viewer.sidebar.thumbnails
    on_screen = [
        row
        for row in range(model.rowCount())
        if view.visualRect(model.index(row)).intersects(view.viewport().rect())
    ]
    qtbot.waitUntil(lambda: all(shown(row) for row in on_screen), timeout=10000)
    view.viewport().repaint()
    assert model._wanted == [] and not model._timer.isActive()

    viewer.sidebar.thumbnails.clicked.emit(model.index(5))
    assert viewer.page == 6
    qtbot.waitUntil(lambda: viewer.sidebar.thumbnails.currentIndex().row() == 5, timeout=3000)
    wait_rendered(qtbot, viewer, 5)
    screenshot(viewer, "viewer-thumbnails")
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F9)
    assert not viewer.sidebar.isVisible()


def test_select_text_with_the_mouse_and_copy_it(qtbot, make_viewer):
    viewer = make_viewer()
    data = numbered_pdf(2, {1: "Een vindplaats is fijn."})
    viewer.show_document("doc", "Tekst", data, 1)
    opened(qtbot, viewer)
    canvas = viewer.canvas
    port = canvas.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=canvas.view_point(0, 60, 55))
    qtbot.mouseMove(port, canvas.view_point(0, 300, 100))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=canvas.view_point(0, 300, 100))
    qtbot.waitUntil(lambda: canvas.selected_text() == "Pagina 1", timeout=10000)
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Pagina 1"

    (word,) = pymupdf.open(stream=data)[0].search_for("vindplaats")
    qtbot.mouseDClick(
        port, Qt.MouseButton.LeftButton, pos=canvas.view_point(0, word.x0 + 5, word.y0 + 5)
    )
    qtbot.waitUntil(lambda: canvas.selected_text() == "vindplaats", timeout=10000)
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vindplaats"


def test_print_goes_through_qprinter_to_a_pdf_file(qtbot, make_viewer, tmp_path):
    viewer = make_viewer()
    viewer.show_document("doc", "Afdrukken", numbered_pdf(3), 1)
    opened(qtbot, viewer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    assert viewer.print_document(printer)
    qtbot.waitUntil(lambda: not viewer.printing, timeout=30000)
    assert viewer.info.text.text().startswith("Opgeslagen (3 pagina's)")
    printed = pymupdf.open(tmp_path / "afdruk.pdf")
    assert printed.page_count == 3
    # The page is on the paper: dark pixels (the big "Pagina 1") on a white sheet.
    pix = printed[0].get_pixmap(dpi=30, alpha=False)
    assert min(pix.samples) < 100 and max(pix.samples) > 240


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\nkapot en onleesbaar", "beschadigd"),
        (encrypted_pdf(), "wachtwoord"),
        (b"Dit is een tekstbestand, geen PDF.\n", "geen PDF"),
    ],
    ids=["broken", "password", "not-a-pdf"],
)
def test_unreadable_pdf_gives_a_clear_message(qtbot, make_viewer, data, words):
    viewer = make_viewer()
    viewer.show_document("doc", "Kapot document", data, 1)
    opened(qtbot, viewer)
    assert viewer.failure is not None
    assert viewer.message.isVisible()
    assert words in viewer.message.text() and "Kapot document" in viewer.message.text()
    assert not viewer.present_action.isEnabled() and not viewer.print_action.isEnabled()
    assert viewer.start_presentation() is None and not viewer.print_document()
    screenshot(viewer, f"viewer-{words.replace(' ', '-')}")
    # The next good document opens as usual.
    viewer.show_document("doc2", "Goed", numbered_pdf(2), 1)
    opened(qtbot, viewer)
    assert not viewer.message.isVisible()
    wait_rendered(qtbot, viewer, 0)


def test_scrolling_300_pages_keeps_the_cache_under_its_cap(qtbot, make_viewer):
    cap = 8 * 1024 * 1024
    viewer = make_viewer(width=700, height=600, max_cache_bytes=cap)
    viewer.show_document("doc", "Lang", numbered_pdf(300), 1)
    opened(qtbot, viewer)
    canvas, service = viewer.canvas, viewer.service
    bar = canvas.verticalScrollBar()
    for index in range(0, 300, 37):
        bar.setValue(canvas.page_layout.boxes[index].y)
        assert viewer.page == index + 1
        wait_rendered(qtbot, viewer, index)
        assert service.tiles.total_bytes <= cap
        # Nothing far from the screen is kept.
        assert all(abs(key[0] - index) <= 6 for key in service.tiles)
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    wait_rendered(qtbot, viewer, 299)
    assert service.tiles.peak_bytes <= cap
    assert service.thumbs.peak_bytes <= service.thumbs.max_bytes
    assert service.rendered_count < 150  # only pages that were on or near the screen


def test_a_closed_viewer_forgets_its_live_texts_and_reopening_adds_none(qtbot):
    """The global registry of live texts holds nothing of a viewer that is gone.

    (A viewer that kept its entries made tests/ui/test_accessibility.py fail
    after any viewer test.)
    """
    from companion.ui import live

    live.refresh()  # drop entries of widgets deleted by earlier tests
    before = live.entry_count()
    maker = ViewerMaker(qtbot)
    try:
        viewer = maker()
        assert live.entry_count() > before
        counts = []
        for number in range(1, 4):
            viewer.show_document(f"doc-{number}", f"Document {number}", numbered_pdf(number + 1), 1)
            opened(qtbot, viewer)
            counts.append(live.entry_count())
        assert counts[1] == counts[2] == counts[0]  # opening documents replaces texts, adds none
    finally:
        maker.close()
    assert live.entry_count() == before


def test_page_sizes_from_the_kit_store_lay_the_document_out_at_once(qtbot, make_viewer):
    """With the sizes the import stored, opening asks the workers for nothing but pixels."""
    from companion.pdf.page_box import PageBox

    stored = [PageBox(595, 842, 0)] * 299 + [PageBox(842, 595, 90)]
    asked: list[str] = []
    viewer = make_viewer(page_boxes=lambda doc_id: asked.append(doc_id) or stored)
    probes = []
    submit = viewer.engine.submit
    viewer.engine.submit = lambda request, done, **kw: (
        probes.append(type(request).__name__),
        submit(request, done, **kw),
    )[1]
    viewer.show_document("lang", "Driehonderd", numbered_pdf(300), 120)
    # Laid out before any answer came back: no page was opened to learn its size.
    assert asked == ["lang"] and viewer.page_count == 300 and viewer.page == 120
    assert viewer.canvas.page_rect(299).width() > viewer.canvas.page_rect(0).width()
    assert "Probe" not in probes and "ReadBoxes" not in probes
    wait_rendered(qtbot, viewer, 119)
