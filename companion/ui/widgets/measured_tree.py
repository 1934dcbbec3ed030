"""A tree list whose content-sized columns are measured once per distinct text.

Qt sizes a ``ResizeToContents`` column by asking the item delegate for the
size of that column's cell in every row, and it does so again at every
relayout of the header: a start has a dozen of them (the window is shown,
the splitter lays out, the stretched title column changes width). With 300
documents that was some 15,000 text measurements, about a twentieth of the
program's whole start before the Library was painted.

A cell's size depends on its text and its font, not on its row. So the tree
keeps one sample row per distinct text of a column (the owner says which, as
it makes the rows) and :meth:`sizeHintForColumn` asks the delegate about the
samples only: the same answer as Qt's, in the current font and style, for a
handful of measurements. Columns without samples are measured by Qt as
always.
"""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtWidgets import QTreeView, QTreeWidget, QTreeWidgetItem


class MeasuredTree(QTreeWidget):
    """A ``QTreeWidget`` that measures a column by one sample row per distinct text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # column -> one cell per distinct text (followed by Qt when rows come and go)
        self._samples: dict[int, list[QPersistentModelIndex]] = {}

    def clear(self) -> None:
        self._samples = {}
        super().clear()

    def measure_on(self, samples: dict[int, dict[str, QTreeWidgetItem]]) -> None:
        """Measure each column in ``samples`` on its rows: one (in the tree) per distinct text.

        Call it whenever the texts of such a column change (rows made, a
        column's text set), after the rows are in the tree. A sample row
        taken out of the tree later makes Qt measure that column itself again.
        """
        for column, rows in samples.items():
            self._samples[column] = [
                QPersistentModelIndex(self.indexFromItem(item, column)) for item in rows.values()
            ]

    def sizeHintForColumn(self, column: int) -> int:
        samples = self._samples.get(column)
        # The column that carries the tree's branches adds each row's indentation: Qt's way.
        tree_column = self.header().logicalIndex(0) == column
        if not samples or tree_column or not all(cell.isValid() for cell in samples):
            return QTreeView.sizeHintForColumn(self, column)
        self.ensurePolished()  # the style sheet's font, as Qt's own measuring does
        model = self.model()
        return max(
            self.sizeHintForIndex(model.index(cell.row(), column, cell.parent())).width()
            for cell in samples
        )
