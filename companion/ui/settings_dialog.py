"""Instellingen: one dialog with a tab per subject.

Each tab is a page widget with a ``title`` (a function giving the tab's name
in the current language, or a plain string) and a ``save()`` that stores its
values (in the user store) or raises a CompanionError with a Dutch message;
the dialog then stays open on that tab with the message shown. Other parts of
the program add their own tab with :meth:`SettingsDialog.add_page`.

The dialog is opened with ``open()`` (window-modal but not blocking), so tests
can fill it in and press its buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.store.user_store import UserStore
from companion.sync.settings import SyncSettings, load_sync_settings, save_sync_settings
from companion.ui.appearance import TEXT_SIZES, Appearance, current, px
from companion.ui.live import live
from companion.ui.texts import ui_text
from companion.ui.widgets.common import on_screen, scroll_body


class SettingsPage(Protocol):
    title: str | Callable[[], str]

    def save(self) -> None: ...


class UpdateSettingsPage(QWidget):
    """Where updates come from, and whether to look at start."""

    def title(self) -> str:
        return self.tr("Updates")

    def __init__(self, user: UserStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        current_sync = load_sync_settings(user)
        self.portal = QLineEdit(current_sync.portal_url)
        self.portal.setPlaceholderText("https://www.voorbeeld.nl/strategiekit/")
        live(self.portal, "setAccessibleName", lambda: self.tr("Adres van de portal"))
        live(self.portal, "setMinimumWidth", lambda: px(260))
        self.check_at_start = QCheckBox()
        live(
            self.check_at_start,
            "setText",
            lambda: self.tr("Bij het starten kijken of er een nieuwe versie is"),
        )
        live(
            self.check_at_start,
            "setAccessibleName",
            lambda: self.tr("Bij het starten zoeken naar een nieuwe versie"),
        )
        self.check_at_start.setChecked(current_sync.check_at_start)

        explain = QLabel()
        live(
            explain,
            "setText",
            lambda: self.tr(
                "De portal is de website waar de nieuwste versie van de kit staat. Je bibliotheek "
                "of de beheerder van de kit geeft je het adres. Laat het leeg als deze computer "
                "nooit internet heeft: werk de kit dan bij met een updatebestand."
            ),
        )
        network = QLabel()
        live(
            network,
            "setText",
            lambda: self.tr(
                "Het programma kijkt alleen als er internet is, en stoort je niet. Het gebruikt "
                "de proxy-instellingen en de certificaten van je systeem."
            ),
        )
        for label in (explain, network):
            label.setWordWrap(True)
            label.setObjectName("hint")

        portal_label = QLabel()
        live(portal_label, "setText", lambda: self.tr("Adres van de portal:"))
        portal_label.setBuddy(self.portal)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # large text: field below
        form.addRow(portal_label, self.portal)
        form.addRow("", self.check_at_start)
        layout = scroll_body(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(network)
        layout.addStretch(1)

    def save(self) -> None:
        saved = save_sync_settings(
            self.user, SyncSettings(self.portal.text(), self.check_at_start.isChecked())
        )
        self.portal.setText(saved.portal_url)


class AppearancePage(QWidget):
    """Weergave: language, text size and contrast; applied when the dialog is saved."""

    def title(self) -> str:
        return self.tr("Weergave")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        now = current()
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(now.language)))
        live(self.language, "setAccessibleName", lambda: self.tr("Taal / Language"))
        self.text_size = QComboBox()
        for size in TEXT_SIZES:
            self.text_size.addItem(f"{size}%", size)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(now.text_size)))
        live(self.text_size, "setAccessibleName", lambda: self.tr("Tekstgrootte"))
        self.contrast = QCheckBox()
        live(self.contrast, "setText", lambda: self.tr("Hoog contrast (wit op zwart)"))
        live(
            self.contrast,
            "setAccessibleName",
            lambda: self.tr("Hoog contrast: witte tekst op zwart, geel voor de focus"),
        )
        self.contrast.setChecked(now.high_contrast)

        explain = QLabel()
        live(
            explain,
            "setText",
            lambda: self.tr(
                "Kies de taal van het programma, hoe groot de tekst is en of je liever "
                "witte tekst op zwart ziet. De inhoud van de kit blijft Nederlands. "
                "Het programma past zich meteen aan; wat je typte blijft staan."
            ),
        )
        explain.setWordWrap(True)
        explain.setObjectName("hint")

        form = QFormLayout()
        for text, field in (
            (lambda: self.tr("Taal / Language:"), self.language),
            (lambda: self.tr("Tekstgrootte:"), self.text_size),
        ):
            label = QLabel()
            live(label, "setText", text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.contrast)
        layout = scroll_body(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addStretch(1)

    def chosen(self) -> Appearance:
        return Appearance(
            language=self.language.currentData(),
            text_size=int(self.text_size.currentData()),
            high_contrast=self.contrast.isChecked(),
        )

    def save(self) -> None:
        """Nothing to store here: the dialog hands the choice to the window."""


class SettingsDialog(QDialog):
    appearance_chosen = Signal(object)  # Appearance, after a successful save

    def __init__(self, user: UserStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        live(self, "setWindowTitle", lambda: self.tr("Instellingen"))
        self.resize(on_screen(self, px(640), px(420)))
        self.tabs = QTabWidget()
        live(self.tabs, "setAccessibleName", lambda: self.tr("Onderwerpen van de instellingen"))
        live(
            self.tabs.tabBar(),
            "setAccessibleName",
            lambda: self.tr("Onderwerpen van de instellingen"),
        )
        self.pages: list[SettingsPage] = []
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        # Own buttons, not Qt's standard ones: those take back Qt's words on a language change.
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton()
        live(self.save_button, "setText", lambda: self.tr("Opslaan"))
        live(self.save_button, "setAccessibleName", lambda: self.tr("Opslaan"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        live(self.cancel_button, "setText", lambda: self.tr("Annuleren"))
        live(self.cancel_button, "setAccessibleName", lambda: self.tr("Annuleren"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.updates_page = UpdateSettingsPage(user)
        self.add_page(self.updates_page)
        self.appearance_page = AppearancePage()
        self.add_page(self.appearance_page)
        from companion.ui.viewer.settings_page import DocumentSettingsPage

        self.documents_page = DocumentSettingsPage(user)
        self.add_page(self.documents_page)

    def add_page(self, page: SettingsPage) -> None:
        self.pages.append(page)
        title = page.title
        index = self.tabs.addTab(page, "")  # type: ignore[arg-type]
        live(self.tabs, "setTabText", title if callable(title) else (lambda: title), index)

    def accept(self) -> None:
        """Save every page; on a refusal stay open on that page and say why."""
        for page in self.pages:
            try:
                page.save()
            except CompanionError as exc:
                self.tabs.setCurrentWidget(page)  # type: ignore[arg-type]
                live(self.error, "setText", lambda exc=exc: ui_text(exc))
                self.error.show()
                return
        self.error.hide()
        super().accept()
        chosen = self.appearance_page.chosen()
        if chosen != current():
            self.appearance_chosen.emit(chosen)
