"""The list of actions in a plan, one row each.

An overdue action (past its due date, not done) is shown in dark red AND with
a warning sign and the words "te laat", so it stands out also for people who
do not see colour, and in a screen reader.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from companion.plan.actionplan import Action, dutch_date
from companion.plan.checklist import REMOVED_LABEL
from companion.ui.appearance import px, theme
from companion.ui.live import live
from companion.ui.texts import priority_label, status_label, ui_text
from companion.ui.widgets.plain import plain_tip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_COUNT = 6
TITLE_CHARACTERS = 30  # a title shows at least this much; other columns give way first
# Columns that step aside when the title needs the room, least needed first (the form
# beside the list shows them all): priority, owner, partner, status. "Klaar op" stays.
GIVE_WAY = (5, 3, 2, 1)


class ActionTable(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        live(self, "setAccessibleName", lambda: self.tr("Acties in dit plan"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        live(
            self,
            "setHeaderLabels",
            lambda: [
                self.tr("Actie"),
                self.tr("Status"),
                self.tr("Partner"),
                self.tr("Eigenaar"),
                self.tr("Klaar op"),
                self.tr("Prioriteit"),
            ],
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COLUMN_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.viewport().installEventFilter(self)  # its width is known after the list's

    def eventFilter(self, watched, event) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Show as many columns as fit beside a title of at least 30 characters."""
        # A little more than 30: the columns' own measure of their width varies a bit.
        wanted = self.fontMetrics().averageCharWidth() * (TITLE_CHARACTERS + 2)
        widths = {c: self._content_width(c) for c in (*GIVE_WAY, 4)}
        room = self.viewport().width() - sum(widths.values())
        hidden = set()
        for column in GIVE_WAY:
            if room >= wanted:
                break
            hidden.add(column)
            room += widths[column]
        for column in GIVE_WAY:
            if self.isColumnHidden(column) != (column in hidden):
                self.setColumnHidden(column, column in hidden)

    def show_actions(
        self, actions: list[Action], today: dt.date, step_titles: dict[str, str]
    ) -> None:
        """Fill the list; keeps the selected action selected when it is still there."""
        selected = self.current_action_id()
        self.blockSignals(True)
        self.clear()
        for a in actions:
            self.addTopLevelItem(self._row(a, today, step_titles))
        self.blockSignals(False)
        if selected is not None:
            self.select_action(selected)
        self.fit_columns()  # new rows may need other widths

    def _row(self, a: Action, today: dt.date, step_titles: dict[str, str]) -> QTreeWidgetItem:
        late = a.is_overdue(today)
        due = dutch_date(a.due_date)
        if late:
            due = self.tr("{date} ⚠ te laat").format(date=due)
        status = ("✓ " if a.status == "klaar" else "") + status_label(a.status)
        item = QTreeWidgetItem(
            [a.title, status, a.partner, a.owner, due, priority_label(a.priority)]
        )
        item.setData(0, ID_ROLE, a.id)
        tip = [a.title]
        late_tip = self.tr("Te laat: de einddatum is voorbij en de actie is nog niet klaar.")
        if a.step_id:
            step = step_titles.get(a.step_id) or self.tr("{step} ({removed})").format(
                step=a.step_id, removed=ui_text(REMOVED_LABEL)
            )
            tip.append(self.tr("Stap: {step}").format(step=step))
        if late:
            tip.append(late_tip)
        item.setToolTip(0, plain_tip("\n".join(tip)))  # a title from a plan file
        colours = theme()
        if late:
            brush = QBrush(QColor(colours.late))
            for column in range(COLUMN_COUNT):
                item.setForeground(column, brush)
            font = item.font(4)
            font.setBold(True)
            item.setFont(4, font)
            item.setToolTip(4, late_tip)
        elif a.status == "klaar":
            item.setForeground(1, QBrush(QColor(colours.done)))
        return item

    def _content_width(self, column: int) -> int:
        """What a column needs for its header and its words, shown or hidden (measured the
        same way either way, so hiding a column never changes the decision)."""
        metrics = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        texts = [self.headerItem().text(column)]
        texts += [self.topLevelItem(i).text(column) for i in range(self.topLevelItemCount())]
        widest = max(QFontMetrics(bold).horizontalAdvance(t) for t in texts)
        return widest + 2 * metrics.averageCharWidth() + px(12)  # the cell's own margins

    def current_action_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def visible_ids(self) -> list[int]:
        return [self.topLevelItem(i).data(0, ID_ROLE) for i in range(self.topLevelItemCount())]

    def row_texts(self, action_id: int) -> list[str]:
        item = self._item(action_id)
        return [] if item is None else [item.text(c) for c in range(COLUMN_COUNT)]

    def row_colour(self, action_id: int) -> QColor | None:
        item = self._item(action_id)
        return None if item is None else item.foreground(0).color()

    def select_action(self, action_id: int) -> bool:
        item = self._item(action_id)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def _item(self, action_id: int) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            if self.topLevelItem(i).data(0, ID_ROLE) == action_id:
                return self.topLevelItem(i)
        return None
