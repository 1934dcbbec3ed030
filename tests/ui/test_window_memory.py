"""What the started window keeps in memory that nothing shows."""

from __future__ import annotations

import linecache

import companion.ui.main_window as main_window


def test_the_started_window_keeps_no_source_text_of_its_modules(qtbot, start_window, kit_builder):
    """PySide6 reads the source of every module imported after it (some 6 MB in the
    program) and Python would keep it all; once the viewer is prepared it is let go."""
    linecache.getlines(main_window.__file__)  # as PySide6 did when it was imported
    assert main_window.__file__ in linecache.cache

    def configure(window) -> None:
        window.prepare_viewer_ms = 0

    window = start_window(kit_builder.build(1, name="bundled"), configure=configure, wait=True)
    qtbot.waitUntil(lambda: window._viewer is not None, timeout=10000)
    assert main_window.__file__ not in linecache.cache
