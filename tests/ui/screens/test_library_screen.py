"""The Bibliotheek on the real kit: each document once, tags, theme chips, a quick filter."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from companion.ui.screens.library import TAGS_COLUMN
from tests.conftest import screenshot
from tests.support.project import ROOT

MANIFEST = json.loads((ROOT / "bundled_kit" / "portal" / "manifest.json").read_text("utf-8"))


def rows(screen):
    tree = screen.tree
    return [
        (
            tree.topLevelItem(i).text(0),
            [
                tree.topLevelItem(i).child(j).text(0)
                for j in range(tree.topLevelItem(i).childCount())
            ],
        )
        for i in range(tree.topLevelItemCount())
    ]


def test_by_theme_shows_each_document_once_with_its_other_themes_as_tags(qtbot, real_window):
    window = real_window()
    window.resize(1366, 768)
    screen = window.library_screen
    groups = rows(screen)
    titles = [title for _group, docs in groups for title in docs]
    assert sorted(titles) == sorted(d["title"] for d in MANIFEST["documents"])  # once each
    assert len(groups) + len(titles) <= 60
    # A document with three themes: under the first, the other two as tags.
    doc = next(d for d in MANIFEST["documents"] if len(d["themes"]) == 3)
    themes = {t["id"]: t["title"] for t in MANIFEST["themes"]}
    assert screen.select_document(doc["id"])
    item = screen.tree.currentItem()
    assert item.parent().text(0).startswith(themes[doc["themes"][0]])
    expected_tags = ", ".join(themes[t].split(":")[0] for t in doc["themes"][1:])
    assert item.text(TAGS_COLUMN) == expected_tags
    assert not screen.tree.isColumnHidden(TAGS_COLUMN)  # there is room at 1366 wide
    screenshot(window, "library-by-theme-1366")


def test_a_theme_chip_keeps_that_theme_and_all_themes_comes_back(qtbot, real_window):
    window = real_window()
    screen = window.library_screen
    chip = screen.chip_buttons["vindplaatsen"]
    assert chip.text() == "Samenwerken met vindplaatsen"
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    [(group, docs)] = rows(screen)
    wanted = [d["title"] for d in MANIFEST["documents"] if "vindplaatsen" in d["themes"]]
    assert group.startswith("Samenwerken met vindplaatsen") and sorted(docs) == sorted(wanted)
    qtbot.mouseClick(screen.by_type, Qt.MouseButton.LeftButton)
    assert sorted(t for _g, docs in rows(screen) for t in docs) == sorted(wanted)
    qtbot.mouseClick(screen.chip_buttons[""], Qt.MouseButton.LeftButton)
    assert sum(len(docs) for _g, docs in rows(screen)) == len(MANIFEST["documents"])


def test_typing_in_the_filter_reads_nothing_from_the_stores(qtbot, real_window):
    window = real_window()
    screen = window.library_screen
    seen: list[str] = []
    for store in (window.context.kit, window.context.user):
        store.conn.set_trace_callback(seen.append)
    try:
        screen.filter.setFocus()
        qtbot.keyClicks(screen.filter, "klantreis")
    finally:
        for store in (window.context.kit, window.context.user):
            store.conn.set_trace_callback(None)
    assert [t for _g, docs in rows(screen) for t in docs] == [
        d["title"] for d in MANIFEST["documents"] if "klantreis" in d["title"].lower()
    ]
    assert all(sql.strip().upper() == "PRAGMA DATA_VERSION" for sql in seen), seen


def test_the_list_looks_the_same_as_with_qts_own_viewport(qtbot, real_window):
    """The list's viewport is made by the program (see widgets/viewport.py): the list
    must look exactly as one with the viewport Qt makes, in both contrasts."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QTreeWidget

    from companion.ui.appearance import Appearance

    for appearance in (Appearance(), Appearance(high_contrast=True)):
        window = real_window(appearance)
        tree = window.library_screen.tree
        tree.setCurrentItem(None)
        tree.clearSelection()
        plain = QTreeWidget()  # Qt's own viewport
        qtbot.addWidget(plain)
        plain.setHeaderLabels([tree.headerItem().text(c) for c in range(tree.columnCount())])
        plain.setAlternatingRowColors(True)
        plain.setUniformRowHeights(True)
        plain.addTopLevelItems([tree.topLevelItem(i).clone() for i in range(3)])
        plain.expandAll()
        plain.resize(tree.size())
        plain.header().setStretchLastSection(False)
        for column in range(tree.columnCount()):
            plain.setColumnHidden(column, tree.isColumnHidden(column))
        for view in (tree, plain):  # three groups fit: no scroll bar in either
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        while tree.topLevelItemCount() > 3:
            tree.takeTopLevelItem(3)
        plain.show()
        qtbot.waitExposed(plain)
        qtbot.waitUntil(lambda t=tree, p=plain: t.viewport().size() == p.viewport().size())
        for column in range(tree.columnCount()):
            plain.setColumnWidth(column, tree.columnWidth(column))
        # The title column (rows, groups, alternating colours) and the empty space below.
        width = min(tree.columnWidth(0), plain.columnWidth(0))
        area = QRect(0, 0, width, tree.viewport().height())
        mine = tree.viewport().grab(area).toImage()
        theirs = plain.viewport().grab(area).toImage()
        assert mine == theirs
        window.close()
