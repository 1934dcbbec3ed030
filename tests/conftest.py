"""Shared test set-up: headless Qt, the test keys (a throw-away root), small signed kits."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Engine workers fork from a server that has PyMuPDF loaded: milliseconds per worker
# instead of a fresh interpreter each (the program itself spawns; tests/pdf checks that).
os.environ.setdefault("STRATEGIEKIT_ENGINE_START", "forkserver")

from pathlib import Path

import pytest

from tests.support import keys as test_keys
from tests.support.kitbuilder import KitBuilder


@pytest.fixture(scope="session")
def test_key():
    """The test release key: signs the test kits."""
    return test_keys.release_key()


@pytest.fixture(scope="session")
def test_key_list():
    """The test root's key list naming ``test_key``."""
    return test_keys.key_list()


@pytest.fixture(scope="session")
def test_public_keys() -> tuple[bytes, ...]:
    """The roots the tests pin (``trusted_keys=``): the test root only."""
    return test_keys.root_public_keys()


@pytest.fixture
def kit_builder(tmp_path, test_key) -> KitBuilder:
    return KitBuilder(tmp_path / "kits", test_key)


def screenshot(widget, name: str) -> None:
    """Save what a widget shows as PNG when SCREENSHOT_DIR is set (to look at it)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()  # pending layouts first: the picture a person sees
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture(autouse=True)
def first_run_checkpoints_done():
    """A first import's checkpoint runs on a thread of its own (importer.checkpoint_soon):
    done before the next test, as the program waits for it before it ends."""
    yield
    importer = sys.modules.get("companion.kit.importer")
    if importer is not None:
        assert importer.wait_for_checkpoints(timeout=60)


@pytest.fixture
def start_window(qtbot, tmp_path, test_public_keys):
    """Start the real main window on ``tmp_path/data`` the way the program does.

    Call it again for a restart on the same data. ``prepare(context)`` runs
    before the window exists, ``configure(window)`` before it starts.
    """
    from PySide6.QtWidgets import QApplication

    from companion.context import AppContext
    from companion.paths import app_paths
    from companion.ui.main_window import MainWindow

    windows = []

    def start(bundled_dir, *, prepare=None, configure=None, activate=False, wait=False):
        context = AppContext.open(
            app_paths(tmp_path / "data"), bundled_dir=bundled_dir, trusted_keys=test_public_keys
        )
        if prepare is not None:
            prepare(context)
        window = MainWindow(context)
        qtbot.addWidget(window)
        if configure is not None:
            configure(window)
        window.show()
        window.start()
        windows.append(window)
        if activate:  # window shortcuts need the active window
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        if wait:
            wait_for_kit(qtbot, window)
        return window

    yield start
    for window in windows:
        window.close()  # stops the viewer's render thread and the background tasks
        window.context.close()


def wait_for_kit(qtbot, window) -> None:
    """Until the first import is done and the library shows the kit."""
    qtbot.waitUntil(lambda: window.import_task is None, timeout=20000)
    qtbot.waitUntil(lambda: window.context.library.installed() is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.library_screen.tree.topLevelItemCount() > 0, timeout=5000)


@pytest.fixture(scope="session")
def installed_kit(tmp_path_factory):
    """The real bundled kit, imported once; each window gets a copy of the store."""
    from tests.support.ui_walk import install_real_kit

    return install_real_kit(tmp_path_factory.mktemp("real-kit"))


@pytest.fixture
def real_window(qtbot, tmp_path, installed_kit):
    """The real main window on the real kit, active (for shortcuts); call again to restart."""
    from PySide6.QtWidgets import QApplication

    from companion.ui.appearance import reset_appearance
    from tests.support.ui_walk import close_window, open_real_window, real_kit_copy

    windows = []

    def start(appearance=None):
        window = open_real_window(
            qtbot, real_kit_copy(installed_kit, tmp_path / "data"), appearance
        )
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        windows.append(window)
        return window

    yield start
    for window in windows:
        close_window(window)
    reset_appearance()
