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
    assert screen.model.index(0, 0).data().startswith("Samenwerken met vindplaatsen")
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


def test_every_result_is_reached_by_scrolling_and_by_end(qtbot, start_window, kit_builder):
    """The list hands its rows to the view in batches: all of them still come into view."""
    for number in range(1, 31):
        kit_builder.documents[f"tip-{number:02d}"] = [
            f"Tip {number} over de voorleesochtend\nLees voor in de wijk."
        ]
    _window, screen = open_search(qtbot, start_window, kit_builder)
    qtbot.keyClicks(screen.box, "voorleesochtend")
    # Generous: the first search in a fresh process on a busy 2-core machine can take seconds.
    qtbot.waitUntil(lambda: "30 documenten gevonden" in screen.status.text(), timeout=20000)
    view, model = screen.results, screen.model
    bar = view.verticalScrollBar()
    seen: set[str] = set()

    def scrolled_to_the_last() -> bool:
        bar.setValue(bar.maximum())
        for row in range(model.rowCount()):
            if view.visualRect(model.index(row, 0)).intersects(view.viewport().rect()):
                seen.add(model.index(row, 0).data())
        return model.rowCount() == 30 and bar.value() == bar.maximum()

    qtbot.waitUntil(scrolled_to_the_last, timeout=10000)
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    for number in range(1, 31):
        assert sum(f"Tip {number} over" in title for title in titles) == 1
    assert any("Tip" in title for title in seen)

    screen.box.setText("voorleesochtend wijk")  # a new search starts at the top again
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.busy(), timeout=20000)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 29
    assert view.visualRect(view.currentIndex()).intersects(view.viewport().rect())
