"""The Library's list measures its columns on one row per distinct text: Qt's own answer."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTreeView

from companion.ui.appearance import Appearance
from companion.ui.screens.library import DOC_ID_ROLE, MEASURED_COLUMNS


def qt_widths(tree) -> list[int]:
    """What Qt measures, every row of every column (QTreeView's own sizeHintForColumn)."""
    return [QTreeView.sizeHintForColumn(tree, column) for column in range(tree.columnCount())]


def widths(tree) -> list[int]:
    return [tree.sizeHintForColumn(column) for column in range(tree.columnCount())]


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_library_columns_are_as_wide_as_qt_measures_them(qtbot, real_window, text_size):
    window = real_window(Appearance(text_size=text_size))
    screen = window.library_screen
    tree = screen.tree
    # Kinds, times and tags of the real kit; the title column is Qt's own.
    assert widths(tree) == qt_widths(tree)
    assert all(width > 0 for width in widths(tree)[1:4])

    # "nieuw" / "gewijzigd" in bold after an update, then opened and gone again.
    ids = [tree.topLevelItem(0).child(j).data(0, DOC_ID_ROLE) for j in range(2)]
    screen._marks = {ids[0]: "nieuw", ids[1]: "gewijzigd"}
    screen._apply_marks()
    assert not tree.isColumnHidden(MEASURED_COLUMNS[-1])
    assert widths(tree) == qt_widths(tree)
    screen._marks = {ids[1]: "gewijzigd"}
    screen._apply_marks()
    assert widths(tree) == qt_widths(tree)

    # Grouped by kind, and one theme only: rows made again.
    screen.by_type.setChecked(True)
    assert widths(tree) == qt_widths(tree)
    screen.by_theme.setChecked(True)
    screen.set_theme_filter(next(key for key in screen.chip_buttons if key))
    assert widths(tree) == qt_widths(tree)
    # The header shows them at those widths.
    header = tree.header()
    for column in MEASURED_COLUMNS[:2]:
        if not tree.isColumnHidden(column):
            wanted = max(qt_widths(tree)[column], header.sectionSizeHint(column))
            assert header.sectionSize(column) == wanted
