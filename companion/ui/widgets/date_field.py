"""A date field that takes what people type, with a calendar button and the day in words.

Type ``15-3-2027``, ``15 maart``, ``morgen`` or ``vrijdag`` (the rules are in
:mod:`companion.dutch.dates`); Enter or leaving the field keeps it. The line
under the field says the day in words ("vrijdag 19 maart 2027"), already while
typing, so a person sees which day the program understood before it is kept.
Something that is not a date turns the field red with a short reason, and the
stored date stays as it was. An empty field means "no date". The calendar
button opens a month to click in, for whoever prefers that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from companion.dutch.dates import DateError, date_in_words, parse_date, short_date
from companion.ui.appearance import current, px, theme
from companion.ui.live import follow, live
from companion.ui.texts import ui_text
from companion.ui.widgets.flow_layout import FlowLayout


def calendar_icon(colour: str, size: int = 64) -> QIcon:
    """A small month page: drawn, so it is sharp at any text size and in any theme."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour))
    pen.setWidthF(size / 14)
    painter.setPen(pen)
    page = QRectF(size * 0.12, size * 0.2, size * 0.76, size * 0.68)
    painter.drawRoundedRect(page, size * 0.08, size * 0.08)
    painter.fillRect(QRectF(page.left(), page.top(), page.width(), size * 0.16), QColor(colour))
    for x in (0.32, 0.68):  # the rings on top
        painter.drawLine(QPointF(size * x, size * 0.1), QPointF(size * x, size * 0.28))
    dot = size * 0.09
    for row in range(2):
        for column in range(3):
            painter.fillRect(
                QRectF(size * (0.24 + column * 0.2), size * (0.48 + row * 0.18), dot, dot),
                QColor(colour),
            )
    painter.end()
    return QIcon(pixmap)


class DateField(QWidget):
    """``changed`` is emitted when a new date (ISO text, or None) is kept."""

    changed = Signal()

    def __init__(self, label: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: str | None = None
        self._problem: object | None = None
        self.today: Callable[[], dt.date] = dt.date.today
        self.edit = QLineEdit()
        live(self.edit, "setAccessibleName", label)
        live(self.edit, "setPlaceholderText", lambda: self.tr("bijv. 15-3-2027"))
        live(
            self.edit,
            "setToolTip",
            lambda: self.tr("Typ een datum, bijvoorbeeld 15-3-2027, 15 maart, morgen of vrijdag."),
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(self._typing)
        self.edit.editingFinished.connect(self.commit)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("calendarButton")
        live(
            self.calendar_button,
            "setAccessibleName",
            lambda: self.tr("{date}: kies in de kalender").format(date=label()),
        )
        live(self.calendar_button, "setToolTip", lambda: self.tr("Kies een dag in de kalender"))
        live(self.calendar_button, "setIconSize", lambda: QSize(px(18), px(18)))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The month is made when first opened: most fields never need it.
        self._calendar: QCalendarWidget | None = None
        self.menu = QMenu(self.calendar_button)
        self.menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar_button.setMenu(self.menu)
        # The day in words, or why what was typed is not a date.
        self.words = QLabel()
        self.words.setObjectName("hint")
        self.problem = QLabel()
        self.problem.setObjectName("errorText")
        self.problem.setWordWrap(True)
        self.problem.hide()

        entry = QWidget()
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        live(self.edit, "setMinimumWidth", lambda: self.edit.fontMetrics().averageCharWidth() * 16)
        # The day in words beside the field when there is room, under it when not.
        line = QWidget()
        flow = FlowLayout(line, spacing=px(8), centre_lines=True)
        flow.addWidget(entry)
        flow.addWidget(self.words)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(line)
        layout.addWidget(self.problem)
        follow(self, self._restyle, "restyle")
        self._restyle()
        self._show_words()

    # -- the value ----------------------------------------------------------------

    def value(self) -> str | None:
        """The kept date as ISO text (``2027-03-15``), or None."""
        return self._value

    def set_value(self, value: str | None, *, keep_typing: bool = False) -> None:
        """Show a stored date (no ``changed``); clears a refusal.

        With ``keep_typing``, a field the person is typing in keeps its text
        (a save of another field came back meanwhile).
        """
        if keep_typing and self.edit.hasFocus() and self.edit.isModified():
            self._value = value
            return
        if keep_typing and self.refused() and value == self._value:
            return  # the refused date stays in view until it fits or is changed
        if value == self._value and self._problem is None and self.edit.text() == self._text(value):
            return
        self._value = value
        self._set_problem(None)
        if self.edit.text() != self._text(value):
            self.edit.setText(self._text(value))
        self._show_words()

    def refuse(self, problem: object, stored: str | None) -> None:
        """The plan refused the date (say, a start after the end): red, with its reason."""
        self._value = stored
        self._set_problem(problem)

    def refused(self) -> bool:
        """True while the field shows the plan's refusal (not a typing mistake)."""
        return self._problem is not None and not isinstance(self._problem, DateError)

    def is_valid(self) -> bool:
        """False while the field shows a refusal."""
        return self._problem is None

    def commit(self) -> bool:
        """Keep what is typed when it is a date; otherwise say why (and keep nothing)."""
        try:
            day = parse_date(self.edit.text(), self.today())
        except DateError as refused:
            self._set_problem(refused)
            return False
        self._set_problem(None)
        new = day.isoformat() if day else None
        self.edit.setText(self._text(new))
        self.edit.setModified(False)
        changed = new != self._value
        self._value = new
        self._show_words()
        if changed:
            self.changed.emit()
        return True

    # -- showing --------------------------------------------------------------------

    @staticmethod
    def _text(value: str | None) -> str:
        return short_date(dt.date.fromisoformat(value)) if value else ""

    def _typing(self, text: str) -> None:
        """While typing: the day it will be, in words (no red until the field is left)."""
        try:
            day = parse_date(text, self.today())
        except DateError:
            day = None
        if day is not None:
            live(self.words, "setText", lambda: date_in_words(day, current().language))
        else:
            self._show_words()

    def _show_words(self) -> None:
        value = self._value
        if value:
            day = dt.date.fromisoformat(value)
            live(self.words, "setText", lambda: date_in_words(day, current().language))
        else:
            live(self.words, "setText", lambda: self.tr("geen datum"))

    def _set_problem(self, problem: object | None) -> None:
        self._problem = problem
        self.edit.setProperty("invalid", problem is not None)
        self._restyle()
        if problem is None:
            self.problem.hide()
            self.edit.setAccessibleDescription("")
            self.words.show()
            self.words.parentWidget().updateGeometry()
            return
        live(self.problem, "setText", lambda: ui_text(problem))
        self.edit.setAccessibleDescription(ui_text(problem))
        self.problem.show()
        self.words.hide()
        self.words.parentWidget().updateGeometry()  # its line is one row shorter now

    def _restyle(self) -> None:
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        self.calendar_button.setIcon(calendar_icon(theme().text))

    # -- the calendar ---------------------------------------------------------------

    @property
    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            calendar = QCalendarWidget()
            calendar.setGridVisible(False)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            holder = QWidgetAction(self.menu)
            holder.setDefaultWidget(calendar)
            self.menu.addAction(holder)
            self._calendar = calendar
        return self._calendar

    def _prepare_calendar(self) -> None:
        self.calendar.setLocale(QLocale())  # month and day names in the chosen language
        shown = dt.date.fromisoformat(self._value) if self._value else self.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, date: QDate) -> None:
        self.menu.close()
        self.edit.setText(short_date(dt.date(date.year(), date.month(), date.day())))
        self.commit()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
