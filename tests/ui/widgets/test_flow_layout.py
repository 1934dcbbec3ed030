"""The wrapping row grows and shrinks with what it holds, also after it was laid out once.

Its height per width is remembered between Qt's questions (a window asks
many times while it lays out); these tests change the row after that and
look at what a person would see: every control whole inside the row, none
on top of another.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tests.support.toolbar_window import window_with_row


def _window(qtbot, widgets):
    return window_with_row(qtbot, widgets)


def _all_shown_whole(row: QWidget, widgets) -> bool:
    shown = [w for w in widgets if w.isVisible()]
    inside = all(row.rect().contains(w.geometry()) for w in shown)
    apart = all(
        not a.geometry().intersects(b.geometry())
        for i, a in enumerate(shown)
        for b in shown[i + 1 :]
    )
    return inside and apart


def test_the_row_grows_when_its_texts_get_longer_and_shrinks_back(qtbot):
    widgets = [QPushButton("Terug"), QLabel("Pagina"), QPushButton("Zoeken"), QLabel("van 5")]
    _shown, row = _window(qtbot, widgets)
    one_line = row.height()
    assert _all_shown_whole(row, widgets)

    widgets[1].setText("Een heel lange titel die niet meer op een regel past")
    widgets[2].setText("Zoeken in dit hele lange document")
    qtbot.waitUntil(lambda: row.height() > one_line, timeout=3000)
    qtbot.waitUntil(lambda: _all_shown_whole(row, widgets), timeout=3000)

    widgets[1].setText("Pagina")
    widgets[2].setText("Zoeken")
    qtbot.waitUntil(lambda: row.height() == one_line, timeout=3000)
    assert _all_shown_whole(row, widgets)


def test_a_control_shown_later_gets_room_of_its_own(qtbot):
    extra = QPushButton("Printpakket maken voor deze workshop")
    widgets = [QPushButton("Afdrukken"), QPushButton("Opslaan als PDF"), extra]
    extra.hide()
    _shown, row = _window(qtbot, widgets)
    before = row.height()
    extra.show()
    qtbot.waitUntil(lambda: row.height() > before, timeout=3000)
    qtbot.waitUntil(lambda: _all_shown_whole(row, widgets), timeout=3000)
