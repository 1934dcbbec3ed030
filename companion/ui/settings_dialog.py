"""Instellingen: one dialog with a tab per subject.

Each tab is a page widget with a ``title`` and a ``save()`` that stores its
values (in the user store) or raises a CompanionError with a Dutch message; the
dialog then stays open on that tab with the message shown. Other parts of the
program add their own tab with :meth:`SettingsDialog.add_page`.

The dialog is opened with ``open()`` (window-modal but not blocking), so tests
can fill it in and press its buttons.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import CompanionError
from ..store.user_store import UserStore
from ..sync.settings import SyncSettings, load_sync_settings, save_sync_settings


class SettingsPage(Protocol):
    title: str

    def save(self) -> None: ...


class UpdateSettingsPage(QWidget):
    """Where updates come from, and whether to look at start."""

    title = "Updates"

    def __init__(self, user: UserStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        current = load_sync_settings(user)
        self.portal = QLineEdit(current.portal_url)
        self.portal.setPlaceholderText("https://www.voorbeeld.nl/strategiekit/")
        self.portal.setAccessibleName("Adres van de portal")
        self.portal.setMinimumWidth(380)
        self.check_at_start = QCheckBox("Bij het starten kijken of er een nieuwe versie is")
        self.check_at_start.setAccessibleName("Bij het starten zoeken naar een nieuwe versie")
        self.check_at_start.setChecked(current.check_at_start)

        explain = QLabel(
            "De portal is de website waar de nieuwste versie van de kit staat. Uw bibliotheek "
            "of de beheerder van de kit geeft u het adres. Laat het leeg als deze computer "
            "nooit internet heeft: werk de kit dan bij met een updatebestand."
        )
        network = QLabel(
            "Het programma kijkt alleen als er internet is, en stoort u niet. Het gebruikt "
            "de proxy-instellingen en de certificaten van uw systeem."
        )
        for label in (explain, network):
            label.setWordWrap(True)
            label.setObjectName("hint")

        form = QFormLayout()
        form.addRow("Adres van de portal:", self.portal)
        form.addRow("", self.check_at_start)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(network)
        layout.addStretch(1)

    def save(self) -> None:
        saved = save_sync_settings(
            self.user, SyncSettings(self.portal.text(), self.check_at_start.isChecked())
        )
        self.portal.setText(saved.portal_url)


class SettingsDialog(QDialog):
    def __init__(self, user: UserStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Instellingen")
        self.resize(640, 420)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onderwerpen van de instellingen")
        self.pages: list[SettingsPage] = []
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Opslaan")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("Opslaan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.updates_page = UpdateSettingsPage(user)
        self.add_page(self.updates_page)

    def add_page(self, page: SettingsPage) -> None:
        self.pages.append(page)
        self.tabs.addTab(page, page.title)  # type: ignore[arg-type]

    def accept(self) -> None:
        """Save every page; on a refusal stay open on that page and say why."""
        for page in self.pages:
            try:
                page.save()
            except CompanionError as exc:
                self.tabs.setCurrentWidget(page)  # type: ignore[arg-type]
                self.error.setText(exc.message)
                self.error.show()
                return
        self.error.hide()
        super().accept()
