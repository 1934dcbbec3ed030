"""The parts of 'Waar begin je?': one card per step, one row per checklist item.

Widgets only report what a person did (ticked, typed, clicked); the screen
saves it. Notes are sent a moment after typing stops and at once when the
field loses focus, so nothing typed is lost when someone walks away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..checklist import REMOVED_LABEL, ItemView, StepView
from .flow_layout import wrapping_row

NOTE_DELAY_MS = 600
CARD_STYLE = """
QFrame#stepCard { background: white; border: 1px solid #d5dce6; border-radius: 6px; }
QFrame#stepCard[removed="true"] { background: #f7f7f7; border-style: dashed; }
QLabel#removedItem { color: #7a4b00; font-style: italic; }
"""


class Debounce(QObject):
    """Calls ``callback`` a moment after the last change, or at once on ``flush()``."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback
        self.pending = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NOTE_DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def poke(self) -> None:
        self.pending = True
        self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if self.pending:
            self.pending = False
            self.callback()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


class ClickLabel(QLabel):
    """Item text that ticks its box when clicked, like a checkbox's own text."""

    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ItemRow(QWidget):
    toggled = Signal(str, bool)
    note_changed = Signal(str, str)
    action_clicked = Signal(str)

    def __init__(self, item: ItemView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.checkbox = QCheckBox()
        self.checkbox.setChecked(item.done)
        name = item.text if item.in_kit else f"{item.text} ({REMOVED_LABEL})"
        self.checkbox.setAccessibleName(name)
        self.checkbox.toggled.connect(lambda on: self.toggled.emit(item.id, on))
        self.label = ClickLabel(item.text)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.clicked.connect(self.checkbox.toggle)
        self.removed_label = QLabel(f"⚠ {REMOVED_LABEL}")
        self.removed_label.setObjectName("removedItem")
        self.removed_label.setToolTip(
            "Dit punt staat niet meer in de nieuwe versie van de kit. "
            "Je vinkje en notitie zijn bewaard."
        )
        self.note_button = QPushButton("Notitie")
        self.note_button.setCheckable(True)
        self.note_button.setAccessibleName(f"Notitie bij: {item.text}")
        self.note_button.toggled.connect(self._show_note)
        self.action_button = QPushButton("Maak actie")
        self.action_button.setAccessibleName(f"Maak een actie van: {item.text}")
        self.action_button.setToolTip("Zet dit punt als actie in je actieplan")
        self.action_button.clicked.connect(lambda: self.action_clicked.emit(item.id))

        self.note_edit = QLineEdit(item.note)
        self.note_edit.setPlaceholderText("Notitie bij dit punt (wordt vanzelf bewaard)")
        self.note_edit.setAccessibleName(f"Notitie bij: {item.text}")
        self.note_saver = Debounce(
            lambda: self.note_changed.emit(item.id, self.note_edit.text()), self
        )
        self.note_edit.textEdited.connect(lambda *_: self.note_saver.poke())
        self.note_edit.installEventFilter(self.note_saver)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.checkbox, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.label, 1)
        top.addWidget(self.removed_label)
        top.addWidget(self.note_button)
        top.addWidget(self.action_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note_edit)
        # Visibility only now that every part has a parent (else it flashes up as a window).
        self.removed_label.setVisible(not item.in_kit)
        self.note_edit.setVisible(bool(item.note))
        self.note_button.blockSignals(True)
        self.note_button.setChecked(bool(item.note))
        self.note_button.blockSignals(False)

    def _show_note(self, on: bool) -> None:
        self.note_edit.setVisible(on or bool(self.note_edit.text()))
        if on:
            self.note_edit.setFocus()

    def set_action_link(self, linked: bool) -> None:
        if linked:
            self.action_button.setText("In actieplan ✓")
            self.action_button.setToolTip("Deze actie staat in je actieplan. Klik om haar te zien.")
            self.action_button.setAccessibleName(f"Bekijk de actie van: {self.item.text}")
        else:
            self.action_button.setText("Maak actie")
            self.action_button.setToolTip("Zet dit punt als actie in je actieplan")
            self.action_button.setAccessibleName(f"Maak een actie van: {self.item.text}")


class StepCard(QFrame):
    toggled = Signal(str, bool)
    item_note_changed = Signal(str, str)
    step_note_changed = Signal(str, str)
    action_clicked = Signal(str)
    open_document = Signal(str)

    def __init__(
        self, step: StepView, doc_titles: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName("stepCard")
        self.setStyleSheet(CARD_STYLE)
        self.setProperty("removed", not step.in_kit)
        heading = (
            f"Stap {step.number}. {step.title}"
            if step.in_kit
            else f"{step.title} ({REMOVED_LABEL})"
        )
        self.title = QLabel(heading)
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.summary = QLabel(step.summary)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(f"Voortgang {heading}")
        self.progress.setFormat("%v van %m klaar")
        self.progress.setMinimumWidth(170)
        self.progress.setMaximumWidth(260)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.progress)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)

        self.rows: dict[str, ItemRow] = {}
        for item in step.items:
            row = ItemRow(item)
            row.toggled.connect(self._toggled)
            row.note_changed.connect(self.item_note_changed)
            row.action_clicked.connect(self.action_clicked)
            self.rows[item.id] = row
            layout.addWidget(row)

        self.doc_buttons: dict[str, QPushButton] = {}
        if step.documents:
            buttons: list[QWidget] = [QLabel("Documenten:")]
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            for doc_id in step.documents:
                title = doc_titles.get(doc_id, doc_id)
                button = QPushButton(icon, title)
                button.setObjectName("docLink")
                button.setAccessibleName(f"Document openen: {title}")
                button.setToolTip(f"{title} openen")
                button.clicked.connect(lambda _c=False, d=doc_id: self.open_document.emit(d))
                self.doc_buttons[doc_id] = button
                buttons.append(button)
            layout.addWidget(wrapping_row(buttons))

        note_label = QLabel("Notitie bij deze stap:")
        note_label.setObjectName("hint")
        layout.addWidget(note_label)
        self.note_edit = QPlainTextEdit(step.note)
        self.note_edit.setPlaceholderText(
            "Afspraken, ideeën, wie je wilt spreken… (wordt vanzelf bewaard)"
        )
        self.note_edit.setAccessibleName(f"Notitie bij {heading}")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(64)
        self.note_saver = Debounce(
            lambda: self.step_note_changed.emit(step.id, self.note_edit.toPlainText()), self
        )
        self.note_edit.textChanged.connect(self._note_typed)
        self.note_edit.installEventFilter(self.note_saver)
        layout.addWidget(self.note_edit)
        self.summary.setVisible(bool(step.summary))
        self.progress.setVisible(step.total > 0)
        self._update_progress()

    def _note_typed(self) -> None:
        if self.note_edit.toPlainText() != self.step.note or self.note_saver.pending:
            self.note_saver.poke()

    def _toggled(self, item_id: str, on: bool) -> None:
        self.toggled.emit(item_id, on)
        self._update_progress()

    def _update_progress(self) -> None:
        kit_rows = [r for r in self.rows.values() if r.item.in_kit]
        self.progress.setMaximum(max(1, len(kit_rows)))
        self.progress.setValue(sum(1 for r in kit_rows if r.checkbox.isChecked()))

    def done_count(self) -> tuple[int, int]:
        kit_rows = [r for r in self.rows.values() if r.item.in_kit]
        return sum(1 for r in kit_rows if r.checkbox.isChecked()), len(kit_rows)

    def flush(self) -> None:
        self.note_saver.flush()
        for row in self.rows.values():
            row.note_saver.flush()
