"""The list of actions in a plan, one row each.

An overdue action (past its due date, not done) is shown in dark red AND with
a warning sign and the words "te laat", so it stands out also for people who
do not see colour, and in a screen reader.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from ..actionplan import PRIORITIES, STATUS_LABELS, Action, dutch_date

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LATE_COLOUR = QColor("#a4000f")
DONE_COLOUR = QColor("#2e6b30")
COLUMNS = ("Actie", "Status", "Partner", "Eigenaar", "Klaar op", "Prioriteit")
LATE_TEXT = "⚠ te laat"


class ActionTable(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Acties in dit plan")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setHeaderLabels(list(COLUMNS))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

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

    def _row(self, a: Action, today: dt.date, step_titles: dict[str, str]) -> QTreeWidgetItem:
        late = a.is_overdue(today)
        due = dutch_date(a.due_date)
        if late:
            due = f"{due} {LATE_TEXT}"
        status = ("✓ " if a.status == "klaar" else "") + STATUS_LABELS[a.status]
        item = QTreeWidgetItem([a.title, status, a.partner, a.owner, due, PRIORITIES[a.priority]])
        item.setData(0, ID_ROLE, a.id)
        tip = [a.title]
        if a.step_id:
            tip.append("Stap: " + step_titles.get(a.step_id, f"{a.step_id} (niet meer in de kit)"))
        if late:
            tip.append("Te laat: de einddatum is voorbij en de actie is nog niet klaar.")
        item.setToolTip(0, "\n".join(tip))
        if late:
            brush = QBrush(LATE_COLOUR)
            for column in range(len(COLUMNS)):
                item.setForeground(column, brush)
            font = item.font(4)
            font.setBold(True)
            item.setFont(4, font)
            item.setToolTip(4, "Te laat: de einddatum is voorbij en de actie is nog niet klaar.")
        elif a.status == "klaar":
            item.setForeground(1, QBrush(DONE_COLOUR))
        return item

    def current_action_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def visible_ids(self) -> list[int]:
        return [self.topLevelItem(i).data(0, ID_ROLE) for i in range(self.topLevelItemCount())]

    def row_texts(self, action_id: int) -> list[str]:
        item = self._item(action_id)
        return [] if item is None else [item.text(c) for c in range(len(COLUMNS))]

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
