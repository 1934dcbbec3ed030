"""Wiring the Updates screen into the main window, kept out of main_window.py.

The main window calls three functions (menus, screen, start) and forwards
drops; everything else about updates lives here and in ``updates_screen.py``:
the badge on the "Updates" item, the quiet banner, the settings dialog, the
library's "nieuw"/"gewijzigd" marks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence

from companion.ui.live import live
from companion.ui.texts import ui_text

if TYPE_CHECKING:
    from companion.ui.screens.updates.screen import UpdatesScreen
    from companion.ui.settings_dialog import SettingsDialog
    from companion.ui.shell import Shell

KEY = "updates"


def add_update_menu(window: Shell) -> None:
    """File menu: open / make an update file, settings (before 'Afsluiten')."""
    actions = (
        (
            lambda: QCoreApplication.translate("UpdatesGlue", "Updatebestand openen…"),
            "Ctrl+O",
            lambda: _screen(window).ask_import_file(),
            True,
        ),
        (
            lambda: QCoreApplication.translate("UpdatesGlue", "Updatebestand maken…"),
            None,
            lambda: _screen(window).ask_export_file(),
            True,
        ),
        (
            lambda: QCoreApplication.translate("UpdatesGlue", "Zoeken naar een nieuwe versie"),
            None,
            lambda: _screen(window).check_now(),
            True,
        ),
        (
            lambda: QCoreApplication.translate("UpdatesGlue", "Instellingen…"),
            "Ctrl+,",
            lambda: open_settings(window),
            False,
        ),
    )
    for label, keys, slot, show_updates in actions:
        action = QAction(window)
        live(action, "setText", label)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(
            lambda _checked=False, slot=slot, show=show_updates: _run(window, slot, show)
        )
        window.file_menu.insertAction(window.quit_action, action)
    window.file_menu.insertSeparator(window.quit_action)


def _run(window: Shell, slot, show_updates: bool) -> None:
    if show_updates:
        window.show_screen(KEY)
    slot()


def _screen(window: Shell) -> UpdatesScreen:
    return cast("UpdatesScreen", window.screen(KEY))


def build_updates_screen(window: Shell) -> UpdatesScreen:
    """Build the Updates screen (on first use) and connect it to the window."""
    from companion.ui.screens.updates.screen import UpdatesScreen

    screen = UpdatesScreen(window.context, window.runner)
    item = window.nav_item(KEY)

    def found(result) -> None:
        live(item, "setText", lambda: QCoreApplication.translate("UpdatesGlue", "Updates (nieuw)"))
        live(
            item,
            "setData",
            lambda: QCoreApplication.translate(
                "UpdatesGlue", "Updates: er is een nieuwe versie van de kit"
            ),
            Qt.ItemDataRole.AccessibleTextRole,
        )
        number = window.nav.row(item) + 1
        version = result.preview.new_version
        window.banner.show_message(
            lambda: QCoreApplication.translate(
                "UpdatesGlue",
                "Er is een nieuwe versie van de kit (versie {version}). "
                "Bij Updates (Ctrl+{number}) zie je wat er verandert en kun je hem installeren.",
            ).format(version=version, number=number)
        )

    def updated(outcome) -> None:
        live(item, "setText", lambda: QCoreApplication.translate("UpdatesGlue", "Updates"))
        live(
            item,
            "setData",
            lambda: QCoreApplication.translate("UpdatesGlue", "Updates"),
            Qt.ItemDataRole.AccessibleTextRole,
        )
        window.kit_changed.emit()
        window.banner.show_message(
            lambda: QCoreApplication.translate(
                "UpdatesGlue",
                "{outcome} Wat nieuw of gewijzigd is, staat gemarkeerd in de Bibliotheek.",
            ).format(outcome=ui_text(outcome.message))
        )

    screen.update_found.connect(found)
    screen.kit_updated.connect(updated)
    screen.status_message.connect(lambda text: window.statusBar().showMessage(text, 15000))
    screen.settings_requested.connect(lambda: open_settings(window))
    screen.kit_busy = lambda: window.import_task is not None
    return screen


def open_settings(window: Shell) -> SettingsDialog:
    """Open the settings without blocking the window (``open``, not ``exec``)."""
    from companion.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.context.user, window)
    dialog.accepted.connect(_screen(window).reload)
    dialog.appearance_chosen.connect(window.set_appearance)
    dialog.finished.connect(dialog.deleteLater)
    window.settings_dialog = dialog
    dialog.open()
    return dialog


def update_file_from(mime: QMimeData) -> Path | None:
    """The first local .kitupdate file in dropped data, if any."""
    if not mime.hasUrls():
        return None
    # Imported here: the menus are made before the first paint, the kit readers are not.
    from companion.kit.source import UPDATE_SUFFIX

    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(UPDATE_SUFFIX):
            return Path(url.toLocalFile())
    return None


def drop_update_file(window: Shell, mime: QMimeData) -> bool:
    """Install a dropped update file; False when the drop holds none."""
    path = update_file_from(mime)
    if path is None:
        return False
    window.show_screen(KEY)
    _screen(window).import_file(path)
    return True
