"""The real main window on a temporary data dir: first start, browse, search, open."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from tests.conftest import screenshot, wait_for_kit


@pytest.fixture
def open_window(start_window, kit_builder):
    """Start the window the way the program does; returns a function for restarts."""
    bundled = kit_builder.build(1, name="bundled")
    return lambda bundled_dir=bundled: start_window(bundled_dir)


def titles_in_tree(window):
    tree = window.library_screen.tree
    return {
        tree.topLevelItem(i).child(j).text(0)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    }


def test_first_start_imports_with_progress_then_shows_library(qtbot, open_window):
    window = open_window()
    # The first-run panel with its progress bar is what a person sees first.
    assert window.stack.currentWidget() is window.first_run
    assert not window.nav.isEnabled()
    wait_for_kit(qtbot, window)

    assert window.current_screen_key() == "bibliotheek"
    assert titles_in_tree(window) == {
        "Samenwerken met vindplaatsen",
        "Werkblad klantreis",
        "Persona Henk",
    }
    assert window.kit_label.text() == "Strategiekit Hoger Bereik · versie 1"
    screenshot(window, "library")


def test_second_start_opens_existing_store_at_once(qtbot, open_window):
    first = open_window()
    wait_for_kit(qtbot, first)
    first.close()
    second = open_window()
    # No import and no progress panel: the library is there straight away.
    assert second.import_task is None
    assert second.stack.currentWidget() is second.library_screen
    assert "Persona Henk" in titles_in_tree(second)


def test_library_by_type_and_details(qtbot, open_window):
    window = open_window()
    wait_for_kit(qtbot, window)
    screen = window.library_screen
    qtbot.mouseClick(screen.by_type, Qt.MouseButton.LeftButton)
    groups = [screen.tree.topLevelItem(i).text(0) for i in range(screen.tree.topLevelItemCount())]
    assert groups == ["Handleidingen (1)", "Werkbladen (1)", "Persona's (1)"]
    assert screen.select_document("werkblad-klantreis")
    details = screen.details.toPlainText()
    assert "Samenvatting van werkblad-klantreis." in details
    assert "30 min" in details and "Werkblad" in details
    screen.filter.setText("henk")
    assert titles_in_tree(window) == {"Persona Henk"}


def test_open_from_library_shows_first_page(qtbot, open_window):
    window = open_window()
    wait_for_kit(qtbot, window)
    screen = window.library_screen
    screen.select_document("handleiding-vindplaatsen")
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_key() == "document"
    qtbot.waitUntil(lambda: window.viewer.canvas.is_rendered(0), timeout=5000)
    assert window.viewer.page == 1 and window.viewer.page_total.text() == "van 3"


def test_search_then_open_result_lands_on_the_page_with_words_lit(qtbot, open_window):
    window = open_window()
    wait_for_kit(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_key() == "zoeken"
    assert window.search_screen.box.hasFocus()
    qtbot.keyClicks(window.search_screen.box, "reintegratie")
    qtbot.waitUntil(lambda: window.search_screen.model.rowCount() == 1, timeout=3000)
    assert "1 document gevonden" in window.search_screen.status.text()
    screenshot(window, "search")

    qtbot.keyClick(window.search_screen.box, Qt.Key.Key_Return)

    viewer = window.viewer
    assert window.current_screen_key() == "document"
    assert viewer.document_id == "handleiding-vindplaatsen"
    qtbot.waitUntil(lambda: viewer.page_box.value() == 3, timeout=5000)
    assert viewer.page == 3
    qtbot.waitUntil(lambda: len(viewer.highlights) == 1, timeout=5000)
    screenshot(window, "document")
    # The word lit is the one searched for, on the page that holds it.
    x0, _y0, x1, _y1 = viewer.highlights[0]
    assert x1 - x0 > 10
    # Back goes to the search results, not the library.
    qtbot.keyClick(viewer, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_screen_key() == "zoeken"


def test_last_page_is_remembered(qtbot, open_window):
    window = open_window()
    wait_for_kit(qtbot, window)
    window.open_document("handleiding-vindplaatsen")
    window.viewer.go_to(2)
    window.close()
    again = open_window()
    again.open_document("handleiding-vindplaatsen")
    assert again.viewer.page == 2


def test_damaged_kit_store_is_rebuilt_with_a_message(qtbot, open_window, tmp_path):
    first = open_window()
    wait_for_kit(qtbot, first)
    first.close()
    first.context.close()
    (tmp_path / "data" / "kit.sqlite").write_bytes(b"kapot" * 1000)
    for suffix in ("-wal", "-shm"):
        (tmp_path / "data" / f"kit.sqlite{suffix}").unlink(missing_ok=True)

    window = open_window()
    assert window.banner.isVisible()
    assert "was beschadigd en wordt opnieuw klaargezet" in window.banner.text.text()
    wait_for_kit(qtbot, window)
    assert "Persona Henk" in titles_in_tree(window)


def test_broken_bundled_kit_shows_message_and_retry(qtbot, open_window, tmp_path, kit_builder):
    broken = kit_builder.build(1, name="broken")
    (broken / "manifest.json").write_bytes(b"{}")
    window = open_window(bundled_dir=broken)
    qtbot.waitUntil(lambda: window.first_run.retry.isVisible(), timeout=10000)
    assert "handtekening" in window.first_run.error.text()
    assert window.context.library.installed() is None


def test_ctrl_q_quits_on_every_platform(qtbot, open_window, monkeypatch):
    from PySide6.QtGui import QKeySequence

    from companion.ui.main_window import quit_keys

    window = open_window()
    wait_for_kit(qtbot, window)
    assert QKeySequence("Ctrl+Q") in window.quit_action.shortcuts()
    # Qt's Windows key table has no Quit keys at all: Ctrl+Q must not depend on it.
    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(lambda _key: []))
    assert quit_keys() == [QKeySequence("Ctrl+Q")]
    monkeypatch.undo()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_defaults_of_it_set_language_and_text_size(qtbot, start_window, kit_builder, tmp_path):
    from companion.paths import SITE_CONFIG_ENV
    from companion.ui.appearance import current, reset_appearance

    config = tmp_path / "strategiekit.toml"
    config.write_text('[weergave]\ntaal = "en"\ntekstgrootte = 150\n', encoding="utf-8")
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv(SITE_CONFIG_ENV, str(config))
    try:
        window = start_window(kit_builder.build(1), wait=True)
        assert current().text_size == 150 and current().language == "en"
        assert window.nav.item(0).text() == "Library"
        assert window.context.user.own_setting("weergave.taal") is None  # still IT's
    finally:
        monkeypatch.undo()
        reset_appearance()


def fill_the_disk(conn) -> None:
    """SQLite's own limit on the file's size, set to what it has: it cannot grow any more,
    as on a full disk. The free room left is filled with the smallest rows that fit."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    number = 0
    with pytest.raises(sqlite3.OperationalError, match="full"):
        while True:
            conn.execute(
                "INSERT INTO opened_documents (document_id, revision, opened_at) VALUES (?, 0, 0)",
                (str(number),),
            )
            number += 1


def test_a_full_disk_when_a_document_is_marked_read_is_said_in_dutch(qtbot, open_window):
    window = open_window()
    wait_for_kit(qtbot, window)
    fill_the_disk(window.context.user.conn)
    assert window.open_document("handleiding-vindplaatsen")
    text = window.banner.text
    qtbot.waitUntil(lambda: window.banner.isVisible() and "vol" in text.text(), timeout=10000)
    assert text.text().startswith("Het document staat open, maar dat je het gelezen hebt kon")
    assert "De schijf is vol" in text.text()
    # Nothing else changed: the page is on screen, the document is still not marked read.
    qtbot.waitUntil(lambda: window.viewer.canvas.is_rendered(0), timeout=5000)
    assert window.current_screen_key() == "document"
    assert "handleiding-vindplaatsen" not in window.context.user.opened_revisions()
    screenshot(window, "mark-opened-disk-full")
