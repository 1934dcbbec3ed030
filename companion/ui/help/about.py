"""Over Strategiekit Companion: version, installed kit, folders and licences.

Non-modal like the help page, so the values can be read and copied while the
program keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from companion.ui.appearance import px
from companion.ui.live import live
from companion.ui.widgets.common import on_screen, screen_heading, scroll_area

if TYPE_CHECKING:
    from companion.ui.shell import Shell

# Third-party parts and their licences, as shipped (see pyproject.toml).
LICENCES = (
    ("PySide6 / Qt", "LGPL-3.0"),
    ("PyMuPDF", "AGPL-3.0"),
    ("sqlite-utils", "Apache-2.0"),
    ("platformdirs", "MIT"),
    ("cryptography", "Apache-2.0 / BSD"),
    ("truststore", "MIT"),
    ("markdown-it-py", "MIT"),
)


# -- Over Strategiekit Companion ----------------------------------------------------------


def program_version() -> str:
    """The installed package's version, or 'onbekend' when run from loose files."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("strategiekit-companion")
    except PackageNotFoundError:
        return QCoreApplication.translate("Help", "onbekend")


KIT_SOURCE = "Strategiekit Hoger Bereik, KB — de Bibliotheek en basisvaardigheden"


class AboutDialog(QDialog):
    """Version, kit, folders and licences; the values can be selected and copied."""

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.main_window = window
        live(self, "setWindowTitle", lambda: self.tr("Over Strategiekit Companion"))
        self.setModal(False)
        title, intro = screen_heading(
            lambda: self.tr("Strategiekit Companion"),
            lambda: self.tr("De strategiekit Hoger Bereik op de werkplek, ook zonder internet."),
        )

        context = window.context
        self.version = self._value(program_version)
        self.kit = self._value(lambda: "")
        self.refresh()
        self.data_dir = self._value(lambda: str(context.paths.data_dir))
        self.log_dir = self._value(lambda: str(context.paths.log_dir))
        form = QFormLayout()
        for label, value in (
            (lambda: self.tr("Versie van het programma:"), self.version),
            (lambda: self.tr("Kit:"), self.kit),
            (lambda: self.tr("Gegevensmap:"), self.data_dir),
            (lambda: self.tr("Logbestanden:"), self.log_dir),
        ):
            name = QLabel()
            live(name, "setText", label)
            live(value, "setAccessibleName", label)
            form.addRow(name, value)

        licences = QLabel()
        licences.setObjectName("documentTitle")
        live(licences, "setText", lambda: self.tr("Licenties"))
        program = QLabel()
        program.setWordWrap(True)
        live(
            program,
            "setText",
            lambda: self.tr("Dit programma: AGPL-3.0-or-later (vrije software)."),
        )
        parts = QLabel()
        live(parts, "setText", lambda: self.tr("Gebruikte onderdelen:"))
        components = QLabel("\n".join(f"{name}: {licence}" for name, licence in LICENCES))
        components.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        content = QLabel()
        content.setWordWrap(True)
        live(
            content,
            "setText",
            lambda: self.tr(
                "De inhoud van de kit: {source} (voor dit programma geschreven uit openbare "
                "bronnen)."
            ).format(source=KIT_SOURCE),
        )

        self.close_button = QPushButton()
        live(self.close_button, "setText", lambda: self.tr("Sluiten"))
        live(self.close_button, "setAccessibleName", lambda: self.tr("Venster sluiten"))
        self.close_button.clicked.connect(self.close)
        buttons = QDialogButtonBox()
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        # In a scroll area: with large text the box may be taller than the screen.
        area, layout = scroll_area()
        for widget in (title, intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (licences, program, parts, components, content):
            layout.addWidget(widget)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(area, 1)
        outer.addWidget(buttons)
        live(self, "resize", lambda: on_screen(self, px(600), px(480)))

    def _value(self, text) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)  # folder names and the kit's title
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        live(label, "setText", text)
        return label

    def refresh(self) -> None:
        """The installed kit now (it may have changed since the box was made)."""
        installed = self.main_window.context.library.installed()

        def text() -> str:
            if installed is None:
                return self.tr("Er is nog geen kit geïnstalleerd.")
            return self.tr("{title}, versie {version} (gepubliceerd {date})").format(
                title=installed.title, version=installed.version, date=installed.published
            )

        live(self.kit, "setText", text)


def show_about(window: Shell) -> AboutDialog:
    dialog = getattr(window, "about_dialog", None)
    if dialog is None:
        dialog = AboutDialog(window)
        window.about_dialog = dialog
    else:
        dialog.refresh()  # the kit may have changed
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.close_button.setFocus()
    return dialog
