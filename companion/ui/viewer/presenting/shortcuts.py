"""The keys of Presenteren, and the help panel that lists them (F1 or ?).

Keys are the ones presentation clickers send (PageUp/PageDown, arrows, Space,
B or . for a black screen) plus pdfpc's habits (Tab for the overview, F to
freeze). One table serves both the key handling and the help panel, so the
panel never lists a key that does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from companion.i18n import QT_TRANSLATE_NOOP
from companion.ui.live import live

NEXT_KEYS = {
    Qt.Key.Key_Space,
    Qt.Key.Key_Right,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_N,
}
PREVIOUS_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Up,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_P,
}
BLACK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
FREEZE_KEYS = {Qt.Key.Key_F}
OVERVIEW_KEYS = {Qt.Key.Key_Tab}
TIMER_KEYS = {Qt.Key.Key_T}
HELP_KEYS = {Qt.Key.Key_F1, Qt.Key.Key_Question}


def _t(text: str) -> str:
    return QCoreApplication.translate("PresenterHelp", text)


# (keys as written on the keyboard, what they do): translated when shown.
HELP_ROWS: tuple[tuple[str, str], ...] = (
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "Spatie, →, ↓, PageDown, Enter, N"),
        QT_TRANSLATE_NOOP("PresenterHelp", "volgende dia"),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "←, ↑, PageUp, Backspace, P"),
        QT_TRANSLATE_NOOP("PresenterHelp", "vorige dia"),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "Home / End"),
        QT_TRANSLATE_NOOP("PresenterHelp", "eerste / laatste dia"),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "B of ."),
        QT_TRANSLATE_NOOP(
            "PresenterHelp", "zwart scherm aan of uit (daarna doet elke toets alleen dat)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "F"),
        QT_TRANSLATE_NOOP(
            "PresenterHelp", "beamer bevriezen: het publiek houdt deze dia, jij bladert verder"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "Tab"),
        QT_TRANSLATE_NOOP(
            "PresenterHelp", "overzicht van alle dia's: kies met pijltjes en Enter, of klik"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "T"),
        QT_TRANSLATE_NOOP("PresenterHelp", "aftellen starten of pauzeren"),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "F1 of ?"),
        QT_TRANSLATE_NOOP("PresenterHelp", "deze hulp tonen of verbergen"),
    ),
    (
        QT_TRANSLATE_NOOP("PresenterHelp", "Esc"),
        QT_TRANSLATE_NOOP("PresenterHelp", "presentatie stoppen"),
    ),
)


class HelpPanel(QFrame):
    """The keys, over the presenter view; any key or click closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presenterHelp")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        live(
            self,
            "setAccessibleName",
            lambda: QCoreApplication.translate("PresenterHelp", "Sneltoetsen"),
        )
        grid = QGridLayout(self)
        title = QLabel()
        title.setObjectName("presenterHelpTitle")
        title.setTextFormat(Qt.TextFormat.PlainText)
        live(
            title,
            "setText",
            lambda: QCoreApplication.translate(
                "PresenterHelp", "Sneltoetsen tijdens het presenteren"
            ),
        )
        grid.addWidget(title, 0, 0, 1, 2)
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, (keys, what) in enumerate(HELP_ROWS, start=1):
            key_label, what_label = QLabel(), QLabel()
            for label in (key_label, what_label):
                label.setTextFormat(Qt.TextFormat.PlainText)
            what_label.setWordWrap(True)
            live(key_label, "setText", lambda k=keys: _t(k))
            live(what_label, "setText", lambda w=what: _t(w))
            grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what_label, row, 1)
            self.rows.append((key_label, what_label))
        close = QLabel()
        close.setTextFormat(Qt.TextFormat.PlainText)
        live(
            close,
            "setText",
            lambda: QCoreApplication.translate(
                "PresenterHelp", "Druk op een toets of klik om verder te gaan."
            ),
        )
        grid.addWidget(close, len(HELP_ROWS) + 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.hide()

    def place(self) -> None:
        """Centred over the parent, as large as its text needs (at most the parent)."""
        parent = self.parentWidget()
        width = min(parent.width() - 40, max(self.sizeHint().width(), parent.width() * 2 // 3))
        height = min(
            parent.height() - 40,
            self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height(),
        )
        self.setGeometry(
            (parent.width() - width) // 2, (parent.height() - height) // 2, width, height
        )

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.place()
            self.show()
            self.raise_()

    def mousePressEvent(self, event) -> None:
        self.hide()
