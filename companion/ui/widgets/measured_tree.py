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

While the list is hidden (a document opened from it) the header still lays
its sections out when it is hidden; the list then answers with the widths it
measured last, a column whose texts changed excepted. Shown again, it measures.

Qt's answer leaves only a few pixels of cell margin between the end of one
column's widest text and the start of the next ("Handleiding10 min" at 200 %
text), so every column but the one with the branches gets :data:`GAP_CHARACTERS`
of air on top, measured in the list's own font: it grows with the text size.
"""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtWidgets import QTreeView, QTreeWidget, QTreeWidgetItem

# Air after a content-sized column's widest text, in average characters of the list's font.
GAP_CHARACTERS = 1.0


class MeasuredTree(QTreeWidget):
    """A ``QTreeWidget`` that measures a column by one sample row per distinct text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # column -> one cell per distinct text (followed by Qt when rows come and go)
        self._samples: dict[int, list[QPersistentModelIndex]] = {}
        self._hidden_widths: dict[int, int] = {}  # the last width measured, per column

    def clear(self) -> None:
        self._samples = {}
        self._hidden_widths = {}
        super().clear()

    def measure_on(self, samples: dict[int, dict[str, QTreeWidgetItem]]) -> None:
        """Measure each column in ``samples`` on its rows: one (in the tree) per distinct text.

        Call it whenever the texts of such a column change (rows made, a
        column's text set), after the rows are in the tree. A sample row
        taken out of the tree later makes Qt measure that column itself again.
        """
        for column, rows in samples.items():
            self._hidden_widths.pop(column, None)
            self._samples[column] = [
                QPersistentModelIndex(self.indexFromItem(item, column)) for item in rows.values()
            ]

    def sizeHintForColumn(self, column: int) -> int:
        if not self.isVisible() and column in self._hidden_widths:
            # Hidden (the library as a document opens): the header still lays its sections
            # out, for nobody. The width it had does; shown again, the header measures anew.
            return self._hidden_widths[column]
        width = self._measure(column)
        self._hidden_widths[column] = width
        return width

    def _measure(self, column: int) -> int:
        samples = self._samples.get(column)
        # The column that carries the tree's branches adds each row's indentation: Qt's way.
        tree_column = self.header().logicalIndex(0) == column
        if not samples or tree_column or not all(cell.isValid() for cell in samples):
            width = QTreeView.sizeHintForColumn(self, column)
        else:
            self.ensurePolished()  # the style sheet's font, as Qt's own measuring does
            model = self.model()
            width = max(
                self.sizeHintForIndex(model.index(cell.row(), column, cell.parent())).width()
                for cell in samples
            )
        if tree_column or width <= 0:
            return width
        return width + self.column_gap()

    def column_gap(self) -> int:
        """The air after a content-sized column (see :data:`GAP_CHARACTERS`), in pixels."""
        self.ensurePolished()
        return round(GAP_CHARACTERS * self.fontMetrics().averageCharWidth())
