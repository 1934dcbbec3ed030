"""The start: the Library is on screen first; the slower work waits until it is painted.

The PDF engine's worker processes, the backup of your own data and the full
check of the kit store start just after the window's first paint; until the
check is done, ``data_folder.checking`` says so (``--selftest`` and the tests
wait for it). The start path itself imports only what the Library needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from companion.ui.main_window import AfterFirstPaint
from tests.support.project import ROOT
from tests.support.ui_walk import real_kit_copy


def _installed_and_closed(start_window, kit_builder):
    """A data folder with a kit in place, and its bundled kit (a second start follows)."""
    bundled = kit_builder.build(1, name="bundled")
    first = start_window(bundled, wait=True)
    first.close()
    first.context.close()
    return bundled


def test_the_engine_and_the_check_start_after_the_first_paint(qtbot, start_window, kit_builder):
    bundled = _installed_and_closed(start_window, kit_builder)

    window = start_window(bundled)
    # Before the event loop ran once: the list is filled, nothing else has started,
    # and the check is announced.
    assert window.library_screen.tree.topLevelItemCount() > 0
    assert window._engine is None
    assert window.data_folder.checking

    qtbot.waitUntil(lambda: window._engine is not None, timeout=10000)
    assert window._engine.pool.started
    qtbot.waitUntil(lambda: not window.data_folder.checking, timeout=20000)
    assert window.context.check_kit_store() is None


def test_the_background_work_waits_for_what_the_first_paint_queued(qtbot):
    """Work queued while the window is first painted (a click, the focus, a paint
    watch like the benchmark's) is handled before the background work starts."""
    window = QMainWindow()
    qtbot.addWidget(window)
    label = QLabel("Bibliotheek")
    window.setCentralWidget(label)
    order: list[str] = []
    AfterFirstPaint(window, lambda: order.append("background"))
    _QueueOnPaint(label, lambda: order.append("queued by the paint"))
    window.show()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["queued by the paint", "background"]


class _QueueOnPaint(QObject):
    def __init__(self, widget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self.then)
            self.then = None
        return False


def test_a_window_closed_before_its_first_paint_starts_no_workers(start_window, kit_builder):
    bundled = _installed_and_closed(start_window, kit_builder)

    window = start_window(bundled)
    window.close()
    assert not window.data_folder.checking  # nothing is left waiting for a check
    window._start_background_work()  # what the timer does if it still fires
    assert window._engine is None
    assert window.runner.busy() is False


# Runs the program the way main.py does and lists the modules loaded at the moment
# the Library's list is first painted with documents in it.
FIRST_PAINT = """
import gc, json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
seen = {}


class Watch(QObject):
    def __init__(self, tree):
        super().__init__(tree)
        self.tree = tree
        tree.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen and self.tree.topLevelItemCount():
            seen["rows"] = self.tree.topLevelItemCount()
            seen["frozen_at_paint"] = gc.get_freeze_count()
            seen["modules"] = sorted(sys.modules)
            # PySide6 makes its classes on first use: one it has not made is not paid for.
            widgets = sys.modules["PySide6.QtWidgets"].__dict__
            seen["widget_classes"] = [name for name in ("QWizard", "QMdiArea") if name in widgets]
            # Nor classes the first paint does not need (their enums cost: QIcon's 151 names).
            gui = sys.modules["PySide6.QtGui"].__dict__
            seen["classes_at_paint"] = [
                name for name in ("QIcon", "QAbstractSpinBox", "QComboBox")
                if name in gui or name in widgets
            ]
            QTimer.singleShot(0, wait_for_icon)
        return False


def wait_for_icon(tries=[0]):
    # The program's icon comes just after the first paint.
    from PySide6.QtGui import QGuiApplication

    tries[0] += 1
    icon = QGuiApplication.windowIcon()
    seen["icon_drawn"] = not icon.isNull() and not icon.pixmap(32).isNull()
    if seen["icon_drawn"] or tries[0] > 500:
        report()
    else:
        QTimer.singleShot(20, wait_for_icon)


def report():
    seen["frozen"] = gc.get_freeze_count()
    print(json.dumps(seen), flush=True)  # the program may end itself without returning
    app.quit()


def attach():
    window = next(w for w in app.topLevelWidgets() if hasattr(w, "library_screen"))
    Watch(window.library_screen.tree)


QTimer.singleShot(0, attach)
from companion.cli import main

main(["--data-dir", sys.argv[1]])
"""

NOT_TO_START = (
    "companion.ui.viewer",  # the viewer: built a second after start
    "companion.pdf.engine.pool",  # the engine's workers: after the first paint
    "multiprocessing",
    "pymupdf",
    "companion.kit.importer",  # the kit check after start, in a worker
    "companion.kit.source",  # the signed-kit readers: to install or check a kit
    "companion.kit.key_list",
    "ctypes",  # the window's memory setting: after the first paint
    "PySide6.QtNetwork",  # the answer to a second start: after the first paint
    "cryptography",
    "hashlib",  # OpenSSL (libcrypto): the kit check, backups and downloads, after the paint
    "secrets",
    "html",  # its table of named characters: the Library escapes with widgets/plain.py
    "companion.kit.search",  # the search screen, when first shown
    "companion.kit.manifest",  # its parser and records: to install or check a kit
    "companion.progress",  # progress of an import or a download
    "companion.pdf.page_box",  # the viewer's page sizes
    "companion.ui.screens.actionplan.screen",
    "companion.ui.help.help_window",
)


def test_the_start_path_loads_only_what_the_library_needs(tmp_path, installed_kit):
    data = real_kit_copy(installed_kit, tmp_path / "data")
    script = tmp_path / "first_paint.py"
    script.write_text(FIRST_PAINT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STRATEGIEKIT_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, str(script), str(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    seen = json.loads(lines[-1])
    assert seen["rows"] > 0
    loaded = [
        name
        for name in seen["modules"]
        if any(name == unwanted or name.startswith(unwanted + ".") for unwanted in NOT_TO_START)
    ]
    assert loaded == []
    # Touching the list's viewport (the program's column fitting, this script's
    # watch) does not make PySide6 create every widget class it has.
    assert seen["widget_classes"] == []
    assert seen["classes_at_paint"] == []
    # The window's icon (the program's own SVG) is set once the Library is painted.
    assert seen["icon_drawn"]
    # Then what the start made is kept out of full garbage collections (the first
    # one came inside the first search typed), and not before.
    assert seen["frozen_at_paint"] == 0
    assert seen["frozen"] > 10_000
