"""Zoeken in the real window: results while typing, a corrected typo said, Enter before results."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import screenshot, wait_for_kit


def open_search(qtbot, start_window, kit_builder):
    window = start_window(kit_builder.build(1, name="bundled"))
    wait_for_kit(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    return window, window.search_screen


def test_a_typo_shows_the_corrected_results_and_one_click_searches_as_typed(
    qtbot, start_window, kit_builder
):
    window, screen = open_search(qtbot, start_window, kit_builder)
    qtbot.keyClicks(screen.box, "vindplaasten")
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=5000)
    assert screen.correction.isVisible() and screen.literal.isVisible()
    assert screen.correction.text() == "Resultaten voor ‘vindplaatsen’."
    assert screen.literal.text() == "Zocht je toch ‘vindplaasten’?"
    assert screen.model.item(0).text().startswith("Samenwerken met vindplaatsen")
    screenshot(window, "search-corrected")

    qtbot.mouseClick(screen.literal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=5000)
    assert "Niets gevonden voor ‘vindplaasten’" in screen.status.text()
    assert not screen.correction.isVisible() and not screen.literal.isVisible()


def test_enter_typed_before_the_results_opens_the_best_one(qtbot, start_window, kit_builder):
    window, screen = open_search(qtbot, start_window, kit_builder)
    # Text set and Enter pressed in one go: the search is still running on its thread.
    screen.box.setText("bril")
    qtbot.keyClick(screen.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_screen_key() == "document", timeout=5000)
    assert window.viewer.document_id == "persona-henk"
