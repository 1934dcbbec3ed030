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
    encrypted_pdf,
    linked_pdf,
    numbered_pdf,
)


@pytest.fixture
def make_viewer(qtbot):
    """A real viewer screen in its own window, active so its shortcuts work."""
    maker = ViewerMaker(qtbot)
    yield maker
    maker.close()


def wait_rendered(qtbot, viewer: ViewerScreen, index: int) -> None:
    qtbot.waitUntil(lambda: viewer.canvas.is_rendered(index), timeout=5000)


def choose_zoom(viewer: ViewerScreen, text: str) -> None:
    row = viewer.zoom_box.findText(text)
    viewer.zoom_box.setCurrentIndex(row)
    viewer.zoom_box.activated.emit(row)


def test_keys_and_page_box_move_through_the_document(qtbot, make_viewer):
    viewer = make_viewer()
    remembered = []
    viewer.page_changed.connect(lambda doc_id, page: remembered.append((doc_id, page)))
    assert viewer.show_document("handleiding-x", "Twaalf pagina's", numbered_pdf(12), 1)
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
    assert remembered[-1] == ("handleiding-x", 7)
    screenshot(viewer, "viewer-page-7")


def test_zoom_modes_and_steps_change_the_rendered_size(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Drie", numbered_pdf(3), 1)
    canvas = viewer.canvas
    page = canvas.page_widgets[0]
    wait_rendered(qtbot, viewer, 0)
    assert abs(page.width() - (canvas.viewport().width() - 2 * GAP)) <= 1
    assert abs(canvas.service.image(0, canvas.render_scale()).width() - page.width()) <= 2

    choose_zoom(viewer, "Hele pagina")
    assert page.height() <= canvas.viewport().height() - 2 * GAP + 1
    fit_page_width = page.width()
    wait_rendered(qtbot, viewer, 0)
    assert abs(canvas.service.image(0, canvas.render_scale()).width() - fit_page_width) <= 2

    qtbot.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.mode is ZoomMode.FIXED
    assert page.width() > fit_page_width
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
    before = page.width()
    QApplication.sendEvent(canvas.viewport(), wheel)
    assert page.width() > before
    assert int(viewer.zoom_box.currentText()[:-1]) > int(stepped[:-1])
    wait_rendered(qtbot, viewer, 0)
    assert abs(canvas.service.image(0, canvas.render_scale()).width() - page.width()) <= 2
    qtbot.keyClick(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert page.width() < before + 1
    assert viewer.zoom_box.currentText() == stepped


def test_hidpi_screens_get_images_at_device_pixels(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.canvas.dpr_override = 2.0  # what a 200 % screen reports
    viewer.show_document("doc", "Scherp", numbered_pdf(2), 1)
    wait_rendered(qtbot, viewer, 0)
    image = viewer.service.image(0, viewer.canvas.render_scale())
    assert abs(image.width() - 2 * viewer.canvas.page_widgets[0].width()) <= 2


FIND_TEXT = {
    2: "Een vindplaats is een organisatie.",
    5: "Vindplaatsen en nog eens een VINDPLAATS.",
    9: "De laatste vindplaats.",
}


def test_find_lights_every_hit_and_f3_walks_through_them(qtbot, make_viewer):
    viewer = make_viewer()
    data = numbered_pdf(10, FIND_TEXT)
    viewer.show_document("doc", "Vinden", data, 1)
    canvas, bar = viewer.canvas, viewer.find_bar
    viewer.start_find()
    assert bar.isVisible() and bar.box.hasFocus()
    qtbot.keyClicks(bar.box, "vindplaats")
    qtbot.waitUntil(lambda: len(bar.hits) == 4, timeout=5000)
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
    qtbot.waitUntil(lambda: bar.count.text() == "Niet gevonden", timeout=5000)
    assert canvas.highlight_rects(1) == []
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_opened_with_search_words_lands_on_the_page_with_them_lit(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Vinden", numbered_pdf(10, FIND_TEXT), 5, ("vindplaats",))
    assert viewer.page == 5
    qtbot.waitUntil(lambda: len(viewer.highlights) == 2, timeout=5000)
    assert viewer.page == 5
    assert viewer.find_bar.count.text() == "2 van 4"
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F3)
    assert viewer.find_bar.count.text() == "3 van 4"


def click_at_points(qtbot, viewer: ViewerScreen, index: int, x: float, y: float, **kw) -> None:
    widget = viewer.canvas.page_widgets[index]
    scale = viewer.canvas.scale
    qtbot.mouseClick(
        widget, Qt.MouseButton.LeftButton, pos=QPoint(round(x * scale), round(y * scale)), **kw
    )


def test_links_jump_inside_and_ask_before_going_online(qtbot, make_viewer):
    online = [False]
    asked, opened, answer = [], [], [False]

    def confirm(url):
        asked.append(url)
        return answer[0]

    viewer = make_viewer(online=lambda: online[0], confirm_link=confirm, open_url=opened.append)
    viewer.show_document("doc", "Links", linked_pdf(), 1)
    assert viewer.sidebar.isTabVisible(1)  # the PDF has an outline
    assert viewer.sidebar.outline.topLevelItemCount() == 2

    click_at_points(qtbot, viewer, 0, 100, 195)  # "Naar de aanpak" -> page 4
    assert viewer.page == 4
    viewer.go_to(1)

    click_at_points(qtbot, viewer, 0, 100, 255)  # the website, while offline
    assert asked == [] and opened == []
    assert viewer.info.isVisible() and "niet online" in viewer.info.text.text()

    online[0] = True
    click_at_points(qtbot, viewer, 0, 100, 255)
    assert asked == [EXTERNAL_URL] and opened == []  # asked, said no
    answer[0] = True
    click_at_points(qtbot, viewer, 0, 100, 255)
    assert opened == [EXTERNAL_URL]

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
    model, service = viewer.sidebar.model, viewer.service
    assert model.rowCount() == 9

    def shown(row):
        return service.thumbnail(row, model.scale(row)) is not None

    qtbot.waitUntil(lambda: shown(0) and shown(2) and shown(3), timeout=5000)
    image = service.thumbnail(2, model.scale(2))
    assert image.width() > image.height()  # the landscape page, as it is
    # Once the thumbnails on screen are there, painting them again asks for nothing more.
    view = viewer.sidebar.thumbnails
    on_screen = [
        row
        for row in range(model.rowCount())
        if view.visualRect(model.index(row)).intersects(view.viewport().rect())
    ]
    qtbot.waitUntil(lambda: all(shown(row) for row in on_screen), timeout=5000)
    view.viewport().repaint()
    assert model._wanted == [] and not model._timer.isActive()

    viewer.sidebar.thumbnails.clicked.emit(model.index(5))
    assert viewer.page == 6
    assert viewer.sidebar.thumbnails.currentIndex().row() == 5
    wait_rendered(qtbot, viewer, 5)
    screenshot(viewer, "viewer-thumbnails")
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F9)
    assert not viewer.sidebar.isVisible()


def test_select_text_with_the_mouse_and_copy_it(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Tekst", numbered_pdf(2, {1: "Een vindplaats is fijn."}), 1)
    canvas = viewer.canvas
    widget = canvas.page_widgets[0]
    s = canvas.scale
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(60 * s), round(55 * s)))
    qtbot.mouseMove(widget, QPoint(round(300 * s), round(100 * s)))
    end = QPoint(round(300 * s), round(100 * s))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)
    assert canvas.selected_text() == "Pagina 1"
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Pagina 1"

    (word,) = pymupdf.open(stream=viewer.pdf_bytes)[0].search_for("vindplaats")
    inside = QPoint(round(word.x0 * s + 5), round(word.y0 * s + 5))
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=inside)
    assert canvas.selected_text() == "vindplaats"
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vindplaats"


def test_print_goes_through_qprinter_to_a_pdf_file(qtbot, make_viewer, tmp_path):
    viewer = make_viewer()
    viewer.show_document("doc", "Afdrukken", numbered_pdf(3), 1)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    assert viewer.print_document(printer) is not None
    qtbot.waitUntil(lambda: viewer.print_task is None, timeout=20000)
    assert viewer.info.text.text() == "3 pagina's naar de printer gestuurd."
    printed = pymupdf.open(tmp_path / "afdruk.pdf")
    assert printed.page_count == 3
    # The page is on the paper: dark pixels (the big "Pagina 1") on a white sheet.
    pix = printed[0].get_pixmap(dpi=30, alpha=False)
    assert min(pix.samples) < 100


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\nkapot en onleesbaar", "beschadigd"),
        (encrypted_pdf(), "wachtwoord"),
    ],
    ids=["broken", "password"],
)
def test_unreadable_pdf_gives_a_clear_message(qtbot, make_viewer, data, words):
    viewer = make_viewer()
    assert viewer.show_document("doc", "Kapot document", data, 1) is False
    assert viewer.message.isVisible()
    assert words in viewer.message.text() and "Kapot document" in viewer.message.text()
    assert not viewer.present_action.isEnabled() and not viewer.print_action.isEnabled()
    assert viewer.start_presentation() is None and viewer.print_document() is None
    screenshot(viewer, f"viewer-{words}")
    # The next good document opens as usual.
    assert viewer.show_document("doc2", "Goed", numbered_pdf(2), 1)
    assert not viewer.message.isVisible()
    wait_rendered(qtbot, viewer, 0)


def test_scrolling_300_pages_keeps_the_cache_under_its_cap(qtbot, make_viewer):
    cap = 8 * 1024 * 1024
    viewer = make_viewer(width=700, height=600, max_cache_bytes=cap)
    viewer.show_document("doc", "Lang", numbered_pdf(300), 1)
    canvas, service = viewer.canvas, viewer.service
    bar = canvas.verticalScrollBar()
    for index in range(0, 300, 23):
        bar.setValue(canvas.page_layout.boxes[index].y)
        assert viewer.page == index + 1
        wait_rendered(qtbot, viewer, index)
        assert service.cache.total_bytes <= cap
        # Nothing far from the screen is kept.
        assert all(abs(key[0] - index) <= 6 for key in service.cache)
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    wait_rendered(qtbot, viewer, 299)
    assert service.cache.peak_bytes <= cap
    assert service.thumbs.peak_bytes <= service.thumbs.max_bytes
    assert service.rendered_count < 150  # only pages that were on or near the screen
