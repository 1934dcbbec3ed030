"""The Library's list measures its columns on one row per distinct text: Qt's own answer,
with air after each content-sized column at every text size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle, QTreeView

from companion.ui.appearance import Appearance, apply_appearance
from companion.ui.screens.library import (
    DOC_ID_ROLE,
    MEASURED_COLUMNS,
    TIME_COLUMN,
    TYPE_COLUMN,
)


def qt_widths(tree) -> list[int]:
    """What Qt measures, every row of every column (QTreeView's own sizeHintForColumn),
    plus the air after each column but the title (the one with the branches)."""
    gap = tree.column_gap()
    return [
        width + gap if column and width > 0 else width
        for column, width in enumerate(
            QTreeView.sizeHintForColumn(tree, column) for column in range(tree.columnCount())
        )
    ]


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


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_widest_kind_and_time_stand_apart_from_the_next_column(qtbot, real_window, text_size):
    """ "Handleiding" and "10 min" no longer touch: at least one character of air between the
    end of a column's widest text, as painted, and where the next column starts."""
    window = real_window(Appearance(text_size=text_size))
    window.resize(1366, 768)
    tree = window.library_screen.tree
    qtbot.waitUntil(lambda: tree.header().sectionSize(TYPE_COLUMN) > 0)
    header = tree.header()
    metrics = tree.fontMetrics()
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    one_character = metrics.averageCharWidth()
    for column in (TYPE_COLUMN, TIME_COLUMN):
        texts = {
            tree.topLevelItem(i).child(j).text(column)
            for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())
        }
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        assert widest > 0  # the real kit has kinds and times
        text_ends = header.sectionPosition(column) + margin + widest
        next_starts = header.sectionPosition(column) + header.sectionSize(column)
        assert next_starts - text_ends >= one_character, (column, next_starts - text_ends)


def test_columns_changed_while_the_library_is_hidden_are_measured_again_when_it_shows(
    qtbot, real_window
):
    """Hidden (a document opened), the list answers with the widths it had, so the header
    lays its sections out for nobody cheaply; back on screen, what changed meanwhile (marks,
    another grouping, larger text) is measured at Qt's own widths again."""
    window = real_window(Appearance())
    screen = window.library_screen
    tree = screen.tree
    doc_id = tree.topLevelItem(0).child(0).data(0, DOC_ID_ROLE)
    before = widths(tree)
    assert window.open_document(doc_id)
    qtbot.waitUntil(lambda: not tree.isVisible())
    assert widths(tree) == before  # hidden: what it had
    ids = [tree.topLevelItem(0).child(j).data(0, DOC_ID_ROLE) for j in range(2)]
    screen._marks = {ids[0]: "nieuw", ids[1]: "gewijzigd"}
    screen._apply_marks()  # a column's texts changed while hidden: measured anew
    assert widths(tree)[MEASURED_COLUMNS[-1]] == qt_widths(tree)[MEASURED_COLUMNS[-1]]
    screen.by_type.setChecked(True)  # rows made again while hidden
    apply_appearance(Appearance(text_size=200))  # and larger text: every width changes
    window.show_screen("bibliotheek")
    qtbot.waitUntil(tree.isVisible)
    shown = [c for c in range(tree.columnCount()) if not tree.isColumnHidden(c)]
    assert [widths(tree)[c] for c in shown] == [qt_widths(tree)[c] for c in shown]
