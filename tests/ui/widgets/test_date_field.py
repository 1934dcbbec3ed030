"""The date field on its own: typing, the day in words, the calendar, refusals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QTableView

from companion.ui.appearance import Appearance, apply_appearance, reset_appearance
from companion.ui.widgets.date_field import DateField

TODAY = dt.date(2026, 11, 12)  # a Thursday


def field_for(qtbot) -> DateField:
    field = DateField(lambda: "Einddatum")
    field.today = lambda: TODAY
    qtbot.addWidget(field)
    field.show()
    return field


def type_in(qtbot, field: DateField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_typed_words_become_a_date_shown_back_in_words(qtbot):
    field = field_for(qtbot)
    with qtbot.waitSignal(field.changed):
        type_in(qtbot, field, "vrijdag")
    assert field.value() == "2026-11-13"
    assert field.edit.text() == "13-11-2026"
    assert field.words.text() == "vrijdag 13 november 2026"


def test_the_day_is_said_while_typing_before_it_is_kept(qtbot):
    field = field_for(qtbot)
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "overmorgen")
    assert field.words.text() == "zaterdag 14 november 2026"
    assert field.value() is None  # not kept until Enter or leaving the field


def test_a_wrong_date_turns_red_keeps_nothing_and_says_why(qtbot):
    field = field_for(qtbot)
    field.set_value("2027-03-19")
    with qtbot.assertNotEmitted(field.changed):
        type_in(qtbot, field, "32-1-2027")
    assert field.value() == "2027-03-19"
    assert field.edit.property("invalid") is True
    assert field.problem.isVisibleTo(field) and not field.words.isVisibleTo(field)
    assert field.problem.text().startswith("Januari 2027 heeft geen dag 32.")
    assert "Januari 2027" in field.edit.accessibleDescription()
    type_in(qtbot, field, "19-3-2027")  # corrected: red is gone
    assert field.edit.property("invalid") is False and not field.problem.isVisibleTo(field)


def test_the_calendar_button_picks_a_day(qtbot):
    field = field_for(qtbot)
    field.set_value("2027-03-19")
    seen = {}

    def pick() -> None:
        calendar = field.calendar
        seen["shown"] = calendar.isVisible()
        seen["started_on"] = calendar.selectedDate()
        calendar.setSelectedDate(QDate(2027, 3, 24))
        view = calendar.findChild(QTableView)
        qtbot.keyClick(view, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    with qtbot.waitSignal(field.changed):
        field.calendar_button.click()  # the month opens as a popup
    assert seen == {"shown": True, "started_on": QDate(2027, 3, 19)}
    assert field.value() == "2027-03-24"
    assert field.words.text() == "woensdag 24 maart 2027"
    assert not field.menu.isVisible()


def test_english_screens_accept_dutch_and_say_the_day_in_english(qtbot):
    field = field_for(qtbot)
    apply_appearance(Appearance(language="en"))
    try:
        type_in(qtbot, field, "15 maart 2027")
        assert field.words.text() == "Monday 15 March 2027"
        type_in(qtbot, field, "31-2-2027")
        assert field.problem.text().startswith("February 2027 has no day 31.")
    finally:
        reset_appearance()
    assert field.words.text() == "maandag 15 maart 2027"
