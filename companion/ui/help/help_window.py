"""Help: "Hoe werkt het?" (F1), the tour of the screens, and "Over Strategiekit Companion".

The help page is an HTML file per language in ``resources/help/``
(``hoe-werkt-het.nl.html``, ``hoe-werkt-het.en.html``): a translator edits
one readable page instead of dozens of loose sentences. Both windows are
non-modal (``show()``), so the program keeps working beside them and tests
can read them without clicking anything away.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.paths import resources_dir
from companion.ui.appearance import current, px
from companion.ui.live import follow, live
from companion.ui.widgets.common import screen_heading, scroll_area

if TYPE_CHECKING:
    from companion.ui.main_window import MainWindow

HELP_NAME = "hoe-werkt-het"

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


def add_help_menu(window: MainWindow) -> None:
    """Help menu: Hoe werkt het? (F1), Rondleiding, Over Strategiekit Companion."""
    menu = window.help_menu
    how = QAction(window)
    live(how, "setText", lambda: QCoreApplication.translate("Help", "Hoe werkt het?"))
    how.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    how.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    how.triggered.connect(lambda: show_help(window))
    tour = QAction(window)
    live(tour, "setText", lambda: QCoreApplication.translate("Help", "Rondleiding"))
    tour.triggered.connect(lambda: window.start_tour())
    about = QAction(window)
    live(
        about, "setText", lambda: QCoreApplication.translate("Help", "Over Strategiekit Companion")
    )
    about.triggered.connect(lambda: show_about(window))
    for action in (how, tour):
        menu.addAction(action)
        window.addAction(action)  # F1 works while the menu bar is closed
    menu.addSeparator()
    menu.addAction(about)
    window.help_action, window.tour_action, window.about_action = how, tour, about


# -- Hoe werkt het? ----------------------------------------------------------------------


def help_file(language: str) -> Path:
    folder = resources_dir() / "help"
    wanted = folder / f"{HELP_NAME}.{language}.html"
    return wanted if wanted.is_file() else folder / f"{HELP_NAME}.nl.html"


class HelpWindow(QDialog):
    """The help page, beside the program (not modal)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        live(self, "setWindowTitle", lambda: self.tr("Hoe werkt het?"))
        self.setModal(False)
        self.resize(px(720), px(640))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpPage")
        self.browser.setOpenExternalLinks(False)
        live(self.browser, "setAccessibleName", lambda: self.tr("Uitleg: hoe werkt het?"))
        self.close_button = QPushButton()
        live(self.close_button, "setText", lambda: self.tr("Sluiten"))
        live(self.close_button, "setAccessibleName", lambda: self.tr("Uitleg sluiten"))
        self.close_button.clicked.connect(self.close)
        buttons = QDialogButtonBox()
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.load()
        follow(self, self.load)  # the page in the new language

    def load(self) -> None:
        path = help_file(current().language)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = "<p>" + html.escape(self.tr("De uitleg is niet gevonden.")) + "</p>"
        self.browser.setHtml(text)
        self.source = path


def show_help(window: MainWindow) -> HelpWindow:
    """F1: open (or bring forward) the help page."""
    dialog = getattr(window, "help_window", None)
    if dialog is None:
        dialog = HelpWindow(window)
        window.help_window = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.browser.setFocus()
    return dialog


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

    def __init__(self, window: MainWindow) -> None:
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
        live(self, "resize", lambda: QSize(px(600), px(480)))

    def _value(self, text) -> QLabel:
        label = QLabel()
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


def show_about(window: MainWindow) -> AboutDialog:
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
