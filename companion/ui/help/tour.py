"""Rondleiding: a small panel that shows, screen by screen, what each one is for.

The panel stands beside the screen it explains, at the right of the main
window (the window puts it in its layout), so it never covers what it talks
about; it is not a dialog, so the screens keep working (and can be clicked).
Each step shows its screen. Volgende / Vorige walk through the five steps,
Overslaan (or Esc) closes it. ``finished`` is emitted when the person closes
it either way; the window then remembers that the tour was seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from companion.ui.appearance import px
from companion.ui.live import live
from companion.ui.widgets.common import tab_chain

if TYPE_CHECKING:
    from companion.ui.shell import Shell

TOUR_WIDTH = 300  # pixels at 100 % text


# (screen key, title, what it is for): translated when shown (context Tour).
STEPS: tuple[tuple[str, Callable[[], str], Callable[[], str]], ...] = (
    (
        "bibliotheek",
        lambda: QCoreApplication.translate("Tour", "Bibliotheek"),
        lambda: QCoreApplication.translate(
            "Tour",
            "Hier staat de hele kit: handleidingen, werkbladen, workshops en voorbeelden. "
            "Kies een document om te zien waar het over gaat. Dubbelklik of druk op Enter "
            "om het te openen.",
        ),
    ),
    (
        "zoeken",
        lambda: QCoreApplication.translate("Tour", "Zoeken"),
        lambda: QCoreApplication.translate(
            "Tour",
            "Zoek in alle documenten tegelijk. Typ een of meer woorden: je ziet meteen waar ze "
            "staan. Enter opent het document op de goede pagina. Vanuit elk scherm: Ctrl+K.",
        ),
    ),
    (
        "waar-begin-je",
        lambda: QCoreApplication.translate("Tour", "Waar begin je?"),
        lambda: QCoreApplication.translate(
            "Tour",
            "De stappen van de kit als checklist. Vink af wat klaar is en schrijf notities. "
            "Met ‘Maak actie’ zet je een punt in je actieplan.",
        ),
    ),
    (
        "actieplan",
        lambda: QCoreApplication.translate("Tour", "Actieplan"),
        lambda: QCoreApplication.translate(
            "Tour",
            "Zet op een rij wat je gaat doen, met wie en wanneer. Alles wordt vanzelf bewaard. "
            "Je kunt het plan afdrukken, exporteren en op een andere computer inlezen.",
        ),
    ),
    (
        "updates",
        lambda: QCoreApplication.translate("Tour", "Updates"),
        lambda: QCoreApplication.translate(
            "Tour",
            "Haal een nieuwe versie van de kit op: via internet of met een updatebestand van "
            "een USB-stick. Je vinkjes, notities en plannen blijven altijd bewaard.",
        ),
    ),
)


class Tour(QFrame):
    """The tour panel; ``start()`` shows step 1, ``finished`` when it is closed."""

    finished = Signal()

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        self.window_ = window
        self.step = 0
        self.setObjectName("tour")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        live(self, "setAccessibleName", lambda: self.tr("Rondleiding"))
        self.counter = QLabel()
        self.counter.setObjectName("hint")
        self.title = QLabel()
        self.title.setObjectName("tourTitle")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.footer = QLabel()
        self.footer.setObjectName("hint")
        self.footer.setWordWrap(True)
        live(
            self.footer,
            "setText",
            lambda: self.tr("Deze rondleiding staat ook in het menu Help. F1 geeft uitleg."),
        )
        self.previous_button = QPushButton()
        live(self.previous_button, "setText", lambda: self.tr("Vorige"))
        live(self.previous_button, "setAccessibleName", lambda: self.tr("Vorige stap"))
        self.previous_button.clicked.connect(lambda: self.go_to(self.step - 1))
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.skip_button = QPushButton()
        live(self.skip_button, "setText", lambda: self.tr("Overslaan"))
        live(
            self.skip_button,
            "setAccessibleName",
            lambda: self.tr("Rondleiding overslaan en sluiten"),
        )
        self.skip_button.clicked.connect(self.skip)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.footer)
        layout.addLayout(buttons)
        layout.addStretch(1)  # the words at the top of the column, where the eye starts
        tab_chain(self.previous_button, self.next_button, self.skip_button)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.skip)
        live(self, "setFixedWidth", lambda: px(TOUR_WIDTH))
        self.hide()

    # -- walking through ------------------------------------------------------------

    def start(self) -> None:
        self.go_to(0)
        self.show()
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        if self.step >= len(STEPS) - 1:
            self.close_tour()
        else:
            self.go_to(self.step + 1)

    def go_to(self, step: int) -> None:
        self.step = max(0, min(len(STEPS) - 1, step))
        key, title, text = STEPS[self.step]
        number, total = self.step + 1, len(STEPS)
        live(
            self.counter,
            "setText",
            lambda: self.tr("Stap {number} van {total}").format(number=number, total=total),
        )
        live(self.title, "setText", title)
        live(self.text, "setText", text)
        last = self.step == len(STEPS) - 1
        live(
            self.next_button,
            "setText",
            (lambda: self.tr("Klaar")) if last else (lambda: self.tr("Volgende")),
        )
        live(
            self.next_button,
            "setAccessibleName",
            (lambda: self.tr("Rondleiding afsluiten"))
            if last
            else (lambda: self.tr("Volgende stap")),
        )
        self.previous_button.setEnabled(self.step > 0)
        self.window_.show_screen(key)

    def skip(self) -> None:
        self.close_tour()

    def close_tour(self) -> None:
        self.hide()
        self.finished.emit()
