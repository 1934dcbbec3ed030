"""Looking after the data folder while the window runs.

- Just after start, in a worker (never on the GUI thread, so the start stays
  fast): a backup of the user store when it changed, and the full check of the
  kit store. A damaged kit store is moved aside and rebuilt from the newest
  verified source, with a notice; the user store is never touched by that.
- When an error points at a damaged database, the same check runs again.
- ``Bestand > Reservekopie terugzetten…`` puts a backup of your own data back
  (the current state is kept as a backup first).
- A read-only data folder: a banner and a mark in the status bar; editing
  controls are made read-only, and saving is refused with a plain sentence.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from companion.errors import CompanionError, StoreError
from companion.store.sqlite_base import connect
from companion.ui.live import live

if TYPE_CHECKING:
    from companion.kit.bundled import KitProblem
    from companion.store.backups import Backup
    from companion.ui.shell import Shell

log = logging.getLogger(__name__)

# Screens that hold a person's own data: read-only in a read-only folder,
# built again after a backup was put back.
USER_DATA_SCREENS = ("waar-begin-je", "actieplan")


class Health(NamedTuple):
    """What the check after start found."""

    kit_problem: KitProblem | None
    backup: Backup | None
    keys_expired_on: str | None = None  # the installed kit's key list expired that day


def freeze_editing(widget: QWidget) -> None:
    """Make every control in ``widget`` that would change something read-only.

    Buttons that only show or open something keep working; ticks, text
    fields, lists to choose from and dates do not change.
    """
    # Imported here: PySide6 makes a class's enums when the class is first named, and
    # most starts have a writable folder (these would cost ~2 ms before the first paint).
    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QRadioButton,
        QTextEdit,
    )

    for child in widget.findChildren(QWidget):
        if isinstance(child, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            child.setReadOnly(True)
        elif isinstance(child, QCheckBox | QRadioButton | QComboBox):
            child.setEnabled(False)


class DataFolderGuard(QObject):
    def __init__(self, window: Shell) -> None:
        super().__init__(window)  # type: ignore[arg-type]
        self.window = window
        self.context = window.context
        self.checking = False
        self._expected = False  # the window starts the check soon (after its first paint)
        self.restore_action = QAction(window)  # type: ignore[arg-type]
        live(
            self.restore_action,
            "setText",
            lambda: QCoreApplication.translate("DataFolder", "Reservekopie terugzetten…"),
        )
        self.restore_action.triggered.connect(self.ask_restore)
        self.restore_action.setEnabled(not self.context.read_only)
        window.file_menu.insertAction(window.quit_action, self.restore_action)
        if self.context.read_only:
            mark = QLabel()
            mark.setObjectName("hint")
            live(mark, "setText", lambda: QCoreApplication.translate("DataFolder", "Alleen lezen"))
            live(
                mark,
                "setToolTip",
                lambda: QCoreApplication.translate(
                    "DataFolder",
                    "De gegevensmap kan niet worden beschreven: er wordt niets bewaard.",
                ),
            )
            window.statusBar().addPermanentWidget(mark)

    # -- screens ------------------------------------------------------------------

    def screen_added(self, key: str, screen: QWidget) -> None:
        if self.context.read_only and key in USER_DATA_SCREENS:
            freeze_editing(screen)

    # -- after start ----------------------------------------------------------------

    def expect_check(self) -> None:
        """The window starts the check in a moment: ``checking`` holds from now on."""
        if not self.context.read_only and not self.checking:
            self._expected = self.checking = True

    def drop_expected_check(self) -> None:
        """The window closed before it started the check it announced."""
        if self._expected:
            self._expected = self.checking = False

    def after_start(self) -> None:
        """The backup and the kit check, in a worker."""
        if self.context.read_only or (self.checking and not self._expected):
            return
        self._expected = False
        self.checking = True
        self.window.runner.start(
            lambda _report, _cancelled: self._check(),
            on_success=self._checked,
            on_error=self._check_failed,
        )

    def _check(self) -> Health:
        from companion.store.backups import backup_folder, make_backup

        backup = None
        try:
            conn = connect(self.context.paths.user_store)
            try:
                backup = make_backup(conn, backup_folder(self.context.paths.user_store))
            finally:
                conn.close()
        except StoreError as exc:  # a backup that cannot be made is no reason to stop
            log.warning("no backup of the user store: %s (%s)", exc.message, exc.detail)
        kit = self.context.kit_health()
        return Health(kit.problem, backup, kit.keys_expired_on)

    def _check_failed(self, error: Exception) -> None:
        self.checking = False
        log.warning("the check after start failed: %s", error)

    def _checked(self, health: Health) -> None:
        self.checking = False
        if health.backup is not None:
            log.info("user store backed up to %s", health.backup.path)
        if health.kit_problem is None:
            if self.window.import_task is not None:
                # A kit is being put in place (a first start): its key list once it is.
                self.window.kit_changed.connect(self._check_keys_after_install)
            self._tell_expired_keys(health.keys_expired_on)
            return
        log.warning("kit store %s: %s", health.kit_problem.kind, health.kit_problem.detail)
        if self.window.import_task is not None:
            return  # a kit is being put in place right now; it is checked again next start
        notice = self.context.rebuild_kit_store(health.kit_problem.kind)
        self.window.banner.show_message(notice)
        self.window.install_kit()

    def _check_keys_after_install(self) -> None:
        self.window.kit_changed.disconnect(self._check_keys_after_install)
        self.window.runner.start(
            lambda _report, _cancelled: self.context.kit_health(whole_file=False),
            on_success=lambda kit: self._tell_expired_keys(kit.keys_expired_on),
            on_error=self._check_failed,
        )

    def _tell_expired_keys(self, day: str | None) -> None:
        """Offline an expired key list never stops reading; the person is told, calmly."""
        if day is None:
            return
        from companion.kit.bundled import keys_expired_notice

        log.info("the installed kit's key list expired on %s", day)
        self.window.banner.show_message(keys_expired_notice(day))

    def damage_suspected(self) -> None:
        """An error pointed at a damaged database: check both stores again."""
        problems = [] if self.context.read_only else self.context.user.quick_check()
        if problems:
            log.warning("user store damaged: %s", problems)
            self.window.banner.show_message(
                lambda: QCoreApplication.translate(
                    "DataFolder",
                    "Je eigen gegevens (user.sqlite) zijn beschadigd. Zet een reservekopie "
                    "terug met Bestand > Reservekopie terugzetten…",
                )
            )
        self.after_start()

    # -- restoring a backup ------------------------------------------------------------

    def backups(self) -> list[Backup]:
        from companion.store.backups import backup_folder, list_backups

        return list_backups(backup_folder(self.context.paths.user_store))

    def ask_restore(self) -> None:
        from companion.ui.datafolder.backups_dialog import RestoreDialog

        dialog = RestoreDialog(self.backups(), self.window)  # type: ignore[arg-type]
        dialog.accepted.connect(lambda: self.restore(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        self.window.restore_dialog = dialog
        dialog.open()

    def restore(self, path: Path | None) -> bool:
        """Put the backup at ``path`` back; the current state becomes a backup first."""
        if path is None:
            return False
        from companion.store.backups import backup_folder, make_backup, restore_into

        chosen = next((b for b in self.backups() if b.path == path), None)
        user = self.context.user
        try:
            make_backup(user.conn, backup_folder(user.path), force=True)
            restore_into(path, user.conn)
        except CompanionError as exc:
            self.window.banner.show_message(exc.message)
            return False
        self.window.user_data_replaced()
        when = QLocale().toString(chosen.made_at, QLocale.FormatType.ShortFormat) if chosen else ""
        self.window.banner.show_message(
            lambda: QCoreApplication.translate(
                "DataFolder",
                "De reservekopie van {when} is teruggezet. Wat je daarvoor had, is ook als "
                "reservekopie bewaard.",
            ).format(when=when)
        )
        return True
