"""A first start: the PDF engine's workers wait until the Library shows the imported kit.

Until the kit is in place the import's extraction workers have every core;
the engine's workers start only once the Library's list has been painted
with the kit in it, so they do not take turns with that paint.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from tests.conftest import wait_for_kit


class _FirstListPaint(QObject):
    """Notes whether the engine had started when the list first painted rows."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.engine_started: bool | None = None
        window.library_screen.tree.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if (
            self.engine_started is None
            and event.type() == QEvent.Type.Paint
            and self.window.library_screen.tree.topLevelItemCount() > 0
        ):
            engine = self.window._engine
            self.engine_started = engine is not None and engine.pool.started
        return False


def test_the_engine_starts_after_the_library_shows_the_first_kit(qtbot, start_window, kit_builder):
    bundled = kit_builder.build(1, name="bundled")
    seen: list[_FirstListPaint] = []

    window = start_window(bundled, configure=lambda w: seen.append(_FirstListPaint(w)))
    wait_for_kit(qtbot, window)
    qtbot.waitUntil(lambda: seen[0].engine_started is not None, timeout=10000)
    assert seen[0].engine_started is False

    qtbot.waitUntil(lambda: window._engine is not None and window._engine.pool.started)
