"""The list of search results as a model that lays out only what is seen.

A search gives up to 50 documents. Making an item per result and laying out
each one's HTML (title, where, snippet) cost more than the search itself on
a busy machine, and most results are never looked at. This model hands the
view a first batch of rows and more whenever the view asks for them
(``canFetchMore``/``fetchMore``: Qt asks while the last row is in sight, so
scrolling, Page Down and End reach every result); each row's text and HTML
are made when the view first asks for them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from companion.kit.search import SearchHit
from companion.ui.widgets.html_delegate import HTML_ROLE

Index = QModelIndex | QPersistentModelIndex
# Rows handed to the view at once: more than a tall window shows (the view asks
# for the next batch as soon as the last row is in sight).
BATCH = 12


class SearchResultsModel(QAbstractListModel):
    """The hits of one search; ``text_of`` and ``html_of`` say how a row reads and looks."""

    def __init__(
        self,
        text_of: Callable[[SearchHit], str],
        html_of: Callable[[SearchHit], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.text_of = text_of
        self.html_of = html_of
        self.hits: list[SearchHit] = []
        self._shown = 0
        self._made: dict[tuple[int, int], str] = {}

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self._shown = min(BATCH, len(self.hits))
        self._made.clear()
        self.endResetModel()

    def retranslate(self) -> None:
        """The rows' words changed language: make them again when next asked."""
        self._made.clear()
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, 0))

    def show_all(self) -> None:
        """Hand the view every row now (before moving to the last one from the keyboard)."""
        if self.canFetchMore(QModelIndex()):
            self.beginInsertRows(QModelIndex(), self._shown, len(self.hits) - 1)
            self._shown = len(self.hits)
            self.endInsertRows()

    # -- QAbstractListModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self.hits)

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        last = min(len(self.hits), self._shown + BATCH) - 1
        self.beginInsertRows(QModelIndex(), self._shown, last)
        self._shown = last + 1
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._made_for(index.row(), 0, self.text_of)
        if role == HTML_ROLE:
            return self._made_for(index.row(), 1, self.html_of)
        return None

    def _made_for(self, row: int, kind: int, make: Callable[[SearchHit], str]) -> str:
        key = (row, kind)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = make(self.hits[row])
        return made
