"""Presenteren: full screen, clicker keys, black screen, leaving, the presenter view."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from companion.store.user_store import UserStore
from companion.ui.viewer.screen import PRESENTATION_SCREEN_SETTING
from tests.conftest import screenshot
from tests.support.viewer_support import numbered_pdf, opened


def centre_colour(widget):
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_f5_presents_full_screen_and_clicker_keys_move_black_and_leave(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("presentatie-x", "Presentatie", numbered_pdf(5), 2)
    opened(qtbot, viewer)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_F5)
    presentation = viewer.presentation
    assert presentation is not None
    window = presentation.window
    qtbot.waitUntil(window.isVisible, timeout=3000)
    assert window.isFullScreen()
    assert window.screen() is QGuiApplication.screens()[0]
    assert window.slide.index == 1  # starts where the reader was
    qtbot.waitUntil(window.slide.is_rendered, timeout=5000)
    # The page is fitted on black: the corner is black, the page itself is white.
    image = window.grab().toImage()
    page = window.slide.page_rect()
    assert image.pixelColor(1, 1) == Qt.GlobalColor.black or page.left() < 1
    assert image.pixelColor(page.center().toPoint()).lightness() > 200
    screenshot(window, "presentation")

    for key, expected in (
        (Qt.Key.Key_Space, 2),
        (Qt.Key.Key_PageDown, 3),
        (Qt.Key.Key_PageUp, 2),
        (Qt.Key.Key_Right, 3),
        (Qt.Key.Key_Left, 2),
    ):
        qtbot.keyClick(window, key)
        assert window.slide.index == expected
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert window.slide.index == 3
    assert viewer.page == 4  # the reading view follows along

    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.slide.black
    assert centre_colour(window).lightness() < 10
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert not window.slide.black
    qtbot.keyClick(window, Qt.Key.Key_Period)
    assert window.slide.black
    qtbot.keyClick(window, Qt.Key.Key_Space)  # on black a key only brings the slide back
    assert not window.slide.black and window.slide.index == 3
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.slide.index == 4
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.slide.index == 4  # the last page stays

    qtbot.keyClick(window, Qt.Key.Key_F)  # no freezing without a presenter view to see it
    qtbot.keyClick(window, Qt.Key.Key_Up)
    assert presentation.frozen is None and window.slide.index == 3

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert viewer.presentation is None
    assert not window.isVisible()
    assert viewer.page == 4


def test_presenter_view_shows_this_page_the_next_and_the_time(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("presentatie-x", "Presentatie", numbered_pdf(3), 1)
    opened(qtbot, viewer)
    presentation = viewer.start_presentation(presenter=True)
    view = presentation.presenter
    assert view is not None and view.isVisible()
    assert (view.current.index, view.next.index) == (0, 1)
    assert view.position.text() == "Pagina 1 van 3"
    assert re.fullmatch(r"\d\d:\d\d", view.clock.text())
    assert view.timer.text() == "20:00"  # a PDF without notes file: 20 minutes
    qtbot.waitUntil(lambda: view.current.is_rendered() and view.next.is_rendered(), timeout=5000)
    screenshot(view, "presenter-view")

    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # the clicker works on either window
    assert (view.current.index, view.next.index) == (1, 2)
    assert presentation.window.slide.index == 1
    assert view.position.text() == "Pagina 2 van 3"
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert view.state.isVisible() and view.state.text().startswith("ZWART SCHERM")
    assert presentation.window.slide.black and not view.current.black
    qtbot.keyClick(view, Qt.Key.Key_Space)  # un-blacks only
    assert not presentation.window.slide.black and not view.state.isVisible()
    assert view.current.index == 1
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert (view.current.index, view.next.index) == (2, -1)  # nothing after the last page
    # No page there, only "Einde" in grey on black.
    image = view.next.grab().toImage()
    samples = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    ]
    assert max(samples) < 200 and samples.count(0) > len(samples) * 0.9
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert viewer.presentation is None and not view.isVisible()


def test_chosen_screen_is_remembered_in_the_settings(qtbot, make_viewer, tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    try:
        viewer = make_viewer(settings=user)
        viewer.show_document("doc", "Presentatie", numbered_pdf(2), 1)
        opened(qtbot, viewer)
        viewer._fill_screen_menu()
        choices = viewer.screen_menu.actions()
        assert len(choices) == len(QGuiApplication.screens())
        assert choices[0].isChecked()
        choices[0].trigger()
        name = QGuiApplication.screens()[0].name()
        assert user.setting(PRESENTATION_SCREEN_SETTING) == name
        presentation = viewer.start_presentation()
        assert presentation.window.screen().name() == name
        presentation.stop()
        assert viewer.presentation is None
    finally:
        user.close()
