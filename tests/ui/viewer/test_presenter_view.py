"""The presenter view: notes only there, a countdown, the overview, black and freeze.

Real viewers with their own engine workers; the kit's notes come from the
real bundled kit in a real kit store, a PDF's from a file next to it.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from companion.ui.appearance import Appearance, apply_appearance, reset_appearance
from companion.ui.style import NORMAL
from tests.conftest import screenshot
from tests.support.viewer_support import numbered_pdf, opened
from tests.ui.test_contrast import contrast

PARTNERS = "presentatie-partnerbijeenkomst"


class FakeClock:
    """The countdown's clock, moved by the test (no waiting)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def texts_in(widget: QWidget) -> str:
    """Every text a window shows in its widgets (labels, text boxes, its title)."""
    parts = [widget.windowTitle()]
    parts += [label.text() for label in widget.findChildren(QLabel)]
    parts += [box.toPlainText() for box in widget.findChildren(QPlainTextEdit)]
    parts += [box.toPlainText() for box in widget.findChildren(QTextEdit)]
    return "\n".join(parts)


def present(qtbot, viewer, pdf_path=None, pages=8):
    if pdf_path is None:
        viewer.show_document("dias", "Dia's", numbered_pdf(pages), 1)
    else:
        viewer.show_file(pdf_path)
    opened(qtbot, viewer)
    presentation = viewer.start_presentation(presenter=True)
    assert presentation is not None and presentation.presenter is not None
    return presentation, presentation.presenter


def present_started(qtbot, viewer):
    presentation = viewer.start_presentation(presenter=True)
    assert presentation is not None and presentation.presenter is not None
    qtbot.waitUntil(presentation.presenter.isVisible, timeout=3000)
    return presentation, presentation.presenter


def test_kit_notes_show_in_the_presenter_view_only(qtbot, real_window):
    window = real_window()
    assert window.open_document(PARTNERS)
    viewer = window.viewer
    opened(qtbot, viewer)
    presentation, view = present_started(qtbot, viewer)
    view.resize(1366, 768)
    # The title slide's notes: who it is for and how long (not on the beamer), then the text.
    first = view.notes.toPlainText()
    assert first.startswith("Voor: Facilitator van de bibliotheek")
    assert "Tijd: 25 minuten" in first and "Stel jezelf en de bibliotheek kort voor" in first
    assert view.timer.text() == "25:00"  # the presentation's own length
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert "Vraag wie er vandaag iets uitlegde" in view.notes.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert "cijfer van de KB uit 2018" in view.notes.toPlainText()
    # The beamer's window has no notes widget and shows no note text anywhere.
    beamer = presentation.window
    assert not beamer.findChildren(QPlainTextEdit) and not beamer.findChildren(QTextEdit)
    shown = texts_in(beamer)
    for words in ("Facilitator", "Stel jezelf", "cijfer van de KB", "Vraag wie"):
        assert words not in shown
    qtbot.waitUntil(view.current.is_rendered, timeout=10000)
    screenshot(view, "presenter-view-kit-1366")
    presentation.stop()


def test_notes_file_next_to_a_pdf_pdfpc_and_notes_md(qtbot, make_viewer, tmp_path):
    talk = tmp_path / "lezing.pdf"
    talk.write_bytes(numbered_pdf(4))
    pdfpc = {
        "pdfpcFormat": 2,
        "duration": 15,
        "pages": [
            {"idx": 0, "label": "1", "overlay": 0, "note": "Welkom <b>iedereen</b>"},
            {"idx": 2, "label": "3", "overlay": 0, "note": "Vraag naar ervaringen."},
        ],
    }
    (tmp_path / "lezing.pdfpc").write_text(json.dumps(pdfpc), encoding="utf-8")
    viewer = make_viewer()
    presentation, view = present(qtbot, viewer, talk)
    assert view.notes.toPlainText() == "Welkom <b>iedereen</b>"  # plain text, as written
    assert view.timer.text() == "15:00"  # pdfpc's duration
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.notes.toPlainText() == ""
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.notes.toPlainText() == "Vraag naar ervaringen."
    assert "Vraag naar" not in texts_in(presentation.window)
    presentation.stop()

    other = tmp_path / "eigen.pdf"
    other.write_bytes(numbered_pdf(3))
    (tmp_path / "eigen.notes.md").write_text(
        "Notities bij eigen.pdf\n\n### 2\nNoem de wijkteams.\nEn de huisartsen.\n",
        encoding="utf-8",
    )
    presentation, view = present(qtbot, viewer, other)
    assert view.notes.toPlainText() == ""
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.notes.toPlainText() == "Noem de wijkteams.\nEn de huisartsen."
    presentation.stop()


def test_a_broken_notes_file_gives_a_dutch_message_and_the_pdf_still_opens(
    qtbot, make_viewer, tmp_path
):
    viewer = make_viewer()
    cases = {
        "kapot.pdfpc": b'{"pages": [{"idx": 0, "note": "half',
        "vreemd.pdfpc": b'{"pages": [{"idx": "een", "note": 5}]}',
        "latin.notes.md": "### 1\nCaf\xe9\n".encode("latin-1"),
        "groot.notes.md": b"### 1\n" + b"a" * (2 * 1024 * 1024),
    }
    for name, data in cases.items():
        stem = name.split(".")[0]
        pdf = tmp_path / f"{stem}.pdf"
        pdf.write_bytes(numbered_pdf(2))
        (tmp_path / name).write_bytes(data)
        viewer.show_file(pdf)
        opened(qtbot, viewer)
        assert viewer.page_count == 2 and viewer.failure is None
        message = viewer.info.text.text()
        assert viewer.info.isVisible() and "notitiebestand" in message and name in message
        assert "Traceback" not in message
        presentation = viewer.start_presentation(presenter=True)
        assert presentation.presenter.notes.toPlainText() == ""
        presentation.stop()


def test_countdown_turns_orange_then_red_and_counts_overtime(qtbot, make_viewer):
    # The program's look, as the main window applies it at every start: a bare viewer has
    # none of its own, and this test passed only after another one had applied it.
    reset_appearance()
    viewer = make_viewer()
    clock = FakeClock()
    viewer.presentation_clock = clock
    presentation, view = present(qtbot, viewer)
    view.minutes.setValue(10)  # the last 2 minutes (a fifth) are the warning
    colours = {}

    def at(seconds: float) -> str:
        clock.now = 1000.0 + seconds
        view.tick()
        colours[view.timer.property("stage")] = view.timer.palette().color(
            QPalette.ColorRole.WindowText
        )
        return view.timer.text()

    assert at(0) == "10:00" and view.timer.property("stage") == "normal"
    assert at(479) == "02:01" and view.timer.property("stage") == "normal"
    assert at(481) == "01:59" and view.timer.property("stage") == "warn"
    assert at(599) == "00:01" and view.timer.property("stage") == "warn"
    assert at(600 + 192) == "+03:12" and view.timer.property("stage") == "over"
    assert set(colours) == {"normal", "warn", "over"}
    assert len({c.name() for c in colours.values()}) == 3  # three different colours
    assert colours["warn"].red() > 200 and colours["warn"].blue() < 120  # orange
    assert colours["over"].red() > 200 and colours["over"].green() < 130  # red
    for colour in colours.values():
        assert contrast(colour.name(), NORMAL.presenter_bg) >= 4.5
    # Pause stops the count; start goes on from there.
    view.buttons["timer"].click()
    assert not presentation.countdown.running
    assert at(2000) == "+03:12"
    qtbot.keyClick(view, Qt.Key.Key_T)
    assert at(2010) == "+03:22"
    view.buttons["restart"].click()
    assert view.timer.text() == "10:00" and view.timer.property("stage") == "normal"
    presentation.stop()


def test_tab_overview_jumps_by_keyboard_and_mouse(qtbot, make_viewer):
    viewer = make_viewer()
    presentation, view = present(qtbot, viewer, pages=12)
    view.resize(1366, 768)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.overview_open and view.overview.isVisible()
    assert view.overview.selected == 0
    qtbot.waitUntil(view.overview.is_rendered, timeout=15000)  # thumbnails from the engine
    screenshot(view, "presenter-overview-1366")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert presentation.window.slide.index == 0  # the audience sees nothing of it
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not view.overview_open
    assert presentation.index == 2 and presentation.window.slide.index == 2
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert presentation.index == 11
    qtbot.keyClick(presentation.window, Qt.Key.Key_Tab)  # the clicker's window works too
    assert view.overview_open
    grid = view.overview
    qtbot.keyClick(view, Qt.Key.Key_Home)  # back to the top row, scrolled into view
    assert grid.visibleRegion().boundingRect().contains(grid.cell_rect(1))
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(1).center())
    assert presentation.index == 1 and not view.overview_open
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # Esc closes the overview, not the presentation
    assert not view.overview_open and presentation.running
    presentation.stop()


def test_black_keeps_the_presenter_slide_and_a_key_only_unblacks(qtbot, make_viewer):
    viewer = make_viewer()
    presentation, view = present(qtbot, viewer)
    view.resize(1366, 768)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(view.current.is_rendered, timeout=10000)
    size = view.current.size()
    page = view.current.page_rect()
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert presentation.window.slide.black
    assert view.state.isVisible() and "ZWART SCHERM" in view.state.text()
    # Same place, same size, and not blind: the page is still drawn (white in its middle).
    assert view.current.size() == size and view.current.page_rect() == page
    centre = view.current.grab().toImage().pixelColor(page.center().toPoint())
    assert centre.lightness() > 200
    screenshot(view, "presenter-view-black-1366")
    for key in (Qt.Key.Key_Shift,):  # half a key does nothing
        qtbot.keyClick(view, key)
        assert presentation.black
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert not presentation.window.slide.black and presentation.index == 1  # not advanced
    assert not view.state.isVisible() and view.current.size() == size
    qtbot.keyClick(presentation.window, Qt.Key.Key_Period)
    qtbot.mouseClick(presentation.window, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not presentation.black and presentation.index == 1  # a click only un-blacks too
    presentation.stop()


def test_freeze_keeps_the_beamer_while_the_presenter_moves_on(qtbot, make_viewer):
    viewer = make_viewer()
    presentation, view = present(qtbot, viewer)
    qtbot.keyClick(view, Qt.Key.Key_F)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.current.index == 2 and view.next.index == 3
    assert presentation.window.slide.index == 0  # the audience keeps the frozen slide
    assert view.state.isVisible() and "BEVROREN" in view.state.text() and "1" in view.state.text()
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert presentation.window.slide.index == 2 and not view.state.isVisible()
    presentation.stop()


def test_help_lists_the_keys_and_any_key_closes_it(qtbot, make_viewer):
    viewer = make_viewer()
    presentation, view = present(qtbot, viewer)
    view.resize(1366, 768)
    qtbot.keyClick(view, Qt.Key.Key_F1)
    assert view.help.isVisible()
    shown = texts_in(view.help)
    for words in ("Tab", "overzicht", "zwart scherm", "bevriezen", "aftellen", "Esc"):
        assert words in shown
    assert view.help.geometry().intersected(view.rect()) == view.help.geometry()
    screenshot(view, "presenter-help-1366")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not view.help.isVisible() and presentation.index == 0  # closing is all it did
    qtbot.keyClick(view, Qt.Key.Key_Question)
    assert view.help.isVisible()
    presentation.stop()


@pytest.mark.parametrize("text_size", [100, 200])
def test_nothing_is_cut_off_at_1366_by_768(qtbot, make_viewer, text_size):
    viewer = make_viewer()
    presentation, view = present(qtbot, viewer)
    try:
        apply_appearance(Appearance(text_size=text_size))
        view.resize(1366, 768)
        qtbot.waitUntil(lambda: view.size().toTuple() == (1366, 768), timeout=3000)
        presentation.toggle_black()
        qtbot.waitUntil(lambda: view.buttons["stop"].isVisible(), timeout=3000)
        inside = view.rect()
        shown = [*view.buttons.values(), view.timer, view.clock, view.position, view.minutes]
        for widget in shown:
            box = widget.rect().translated(widget.mapTo(view, widget.rect().topLeft()))
            assert inside.contains(box), widget.accessibleName()
            assert widget.width() >= widget.sizeHint().width(), widget.accessibleName()
        band = view.state
        assert (
            band.height() >= band.heightForWidth(band.width())
            and band.width() == view.current.width()
        )
        assert view.current.height() > 768 * 0.5  # the slide keeps most of the height
        screenshot(view, f"presenter-view-black-1366-{text_size}")
    finally:
        presentation.stop()
        reset_appearance()
