"""Choosing a backup of your own data: from the menu, or when the store cannot be read.

``Bestand > Reservekopie terugzetten…`` lists the backups by date (newest
first) with what each holds, so the right one is easy to recognise. The same
list appears at start when ``user.sqlite`` cannot be read: the damaged file is
already kept aside, and the person picks a backup or starts without data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.store.backups import Backup, summarize
from companion.ui.appearance import px

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class BackupList(QListWidget):
    """The backups, newest first: date and time, and how many plans, actions and ticks."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Reservekopieën"))
        self.setMinimumHeight(px(200))
        locale = QLocale()
        for backup in backups:
            when = locale.toString(backup.made_at, "dddd d MMMM yyyy, HH:mm")
            summary = summarize(backup.path)
            if summary is None:
                what = self.tr("kan niet worden gelezen")
            else:
                plans = (
                    self.tr("1 plan")
                    if summary.plans == 1
                    else self.tr("{count} plannen").format(count=summary.plans)
                )
                actions = (
                    self.tr("1 actie")
                    if summary.actions == 1
                    else self.tr("{count} acties").format(count=summary.actions)
                )
                ticks = self.tr("{count} afgevinkt").format(count=summary.ticks)
                what = f"{plans}, {actions}, {ticks}"
            item = QListWidgetItem(f"{when} · {what}")
            item.setData(PATH_ROLE, str(backup.path))
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def chosen(self) -> Path | None:
        item = self.currentItem()
        return Path(item.data(PATH_ROLE)) if item is not None else None


class RestoreDialog(QDialog):
    """Bestand > Reservekopie terugzetten…: pick one; the current state is backed up first."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reservekopie terugzetten"))
        intro = QLabel(
            self.tr(
                "Kies de reservekopie die je terug wilt zetten. Je vinkjes, notities en "
                "actieplannen worden dan zoals ze toen waren. Wat je nu hebt, wordt eerst zelf "
                "als reservekopie bewaard, dus je kunt dit weer ongedaan maken."
            )
        )
        intro.setWordWrap(True)
        self.list = BackupList(backups)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("Terugzetten"))
        self.restore_button.setEnabled(self.list.count() > 0)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not backups:
            none = QLabel(self.tr("Er zijn nog geen reservekopieën."))
            layout.addWidget(none)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(px(560), px(380))

    def chosen(self) -> Path | None:
        return self.list.chosen()


class DamagedUserStoreDialog(QDialog):
    """At start: your data could not be read. Put a backup back, or start without data."""

    def __init__(self, aside: Path, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Je gegevens konden niet worden gelezen"))
        text = QLabel()
        text.setTextFormat(Qt.TextFormat.PlainText)  # contains a file name
        text.setWordWrap(True)
        if backups:
            text.setText(
                self.tr(
                    "Je eigen gegevens (vinkjes, notities, actieplannen) konden niet worden "
                    "gelezen. Het bestand is niet weggegooid: het staat als {name} in {folder}.\n\n"
                    "Zet een reservekopie terug. De nieuwste staat bovenaan."
                ).format(name=aside.name, folder=aside.parent)
            )
        else:
            text.setText(
                self.tr(
                    "Je eigen gegevens (vinkjes, notities, actieplannen) konden niet worden "
                    "gelezen. Het bestand is niet weggegooid: het staat als {name} in {folder}.\n\n"
                    "Er is geen reservekopie. Het programma begint zonder eigen gegevens; "
                    "de kit zelf is er gewoon."
                ).format(name=aside.name, folder=aside.parent)
            )
        self.list = BackupList(backups)
        self.list.setVisible(bool(backups))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        if backups:
            restore = QPushButton(self.tr("Terugzetten"))
            buttons.addButton(restore, QDialogButtonBox.ButtonRole.AcceptRole)
            empty = QPushButton(self.tr("Zonder gegevens beginnen"))
            buttons.addButton(empty, QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(px(560), px(360) if backups else px(200))

    def chosen(self) -> Path | None:
        return self.list.chosen() if self.result() == QDialog.DialogCode.Accepted else None
