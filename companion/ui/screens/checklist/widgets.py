"""The parts of 'Waar begin je?': one card per step, one row per checklist item.

Widgets only report what a person did (ticked, typed, clicked); the screen
saves it. Notes are sent a moment after typing stops and at once when the
field loses focus, so nothing typed is lost when someone walks away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
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

from companion.plan.checklist import REMOVED_LABEL, ItemView, StepView
from companion.ui.appearance import px
from companion.ui.live import live
from companion.ui.texts import ui_text
from companion.ui.widgets.eliding_button import ElidingButton
from companion.ui.widgets.flow_layout import wrapping_row
from companion.ui.widgets.plain import plain_tip

NOTE_DELAY_MS = 600


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

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the kit's words, never markup

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
        live(
            self.checkbox,
            "setAccessibleName",
            lambda: (
                item.text
                if item.in_kit
                else self.tr("{item} ({removed})").format(
                    item=item.text, removed=ui_text(REMOVED_LABEL)
                )
            ),
        )
        self.checkbox.toggled.connect(lambda on: self.toggled.emit(item.id, on))
        self.label = ClickLabel(item.text)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.clicked.connect(self.checkbox.toggle)
        self.removed_label = QLabel()
        live(
            self.removed_label,
            "setText",
            lambda: self.tr("⚠ {removed}").format(removed=ui_text(REMOVED_LABEL)),
        )
        self.removed_label.setObjectName("removedItem")
        live(
            self.removed_label,
            "setToolTip",
            lambda: self.tr(
                "Dit punt staat niet meer in de nieuwe versie van de kit. "
                "Je vinkje en notitie zijn bewaard."
            ),
        )
        self.note_button = QPushButton()
        live(self.note_button, "setText", lambda: self.tr("Notitie"))
        self.note_button.setCheckable(True)
        live(
            self.note_button,
            "setAccessibleName",
            lambda: self.tr("Notitie bij: {item}").format(item=item.text),
        )
        self.note_button.toggled.connect(self._show_note)
        self.action_button = QPushButton()
        self.action_button.clicked.connect(lambda: self.action_clicked.emit(item.id))
        self.set_action_link(False)

        self.note_edit = QLineEdit(item.note)
        live(
            self.note_edit,
            "setPlaceholderText",
            lambda: self.tr("Notitie bij dit punt (wordt vanzelf bewaard)"),
        )
        live(
            self.note_edit,
            "setAccessibleName",
            lambda: self.tr("Notitie bij: {item}").format(item=item.text),
        )
        self.note_saver = Debounce(
            lambda: self.note_changed.emit(item.id, self.note_edit.text()), self
        )
        self.note_edit.textEdited.connect(lambda *_: self.note_saver.poke())
        self.note_edit.installEventFilter(self.note_saver)

        self.buttons = QWidget()
        button_row = QHBoxLayout(self.buttons)
        button_row.setContentsMargins(0, 0, 0, 0)
        button_row.addWidget(self.note_button)
        button_row.addWidget(self.action_button)
        self.top = QHBoxLayout()
        self.top.setContentsMargins(0, 0, 0, 0)
        self.top.addWidget(self.checkbox, 0, Qt.AlignmentFlag.AlignTop)
        self.top.addWidget(self.label, 1)
        self.top.addWidget(self.removed_label)
        self.top.addWidget(self.buttons)
        # With large text and little room the buttons go under the text (see resizeEvent).
        self.below = QHBoxLayout()
        self.below.setContentsMargins(0, 0, 0, 0)
        self.below.addStretch(1)
        self._narrow = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(self.top)
        layout.addLayout(self.below)
        layout.addWidget(self.note_edit)
        # Visibility only now that every part has a parent (else it flashes up as a window).
        self.removed_label.setVisible(not item.in_kit)
        self.note_edit.setVisible(bool(item.note))
        self.note_button.blockSignals(True)
        self.note_button.setChecked(bool(item.note))
        self.note_button.blockSignals(False)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for the buttons-under-the-text layout, so a card may shrink to it."""
        hint = super().minimumSizeHint()
        if self._narrow:
            return hint
        narrow = max(self.buttons.sizeHint().width(), self.checkbox.sizeHint().width() + px(120))
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        room = self.width() - self.checkbox.sizeHint().width() - self.buttons.sizeHint().width()
        narrow = room < px(260)
        if narrow != self._narrow:
            self._narrow = narrow
            if narrow:
                self.top.removeWidget(self.buttons)
                self.below.addWidget(self.buttons)
            else:
                self.below.removeWidget(self.buttons)
                self.top.addWidget(self.buttons)
            self.updateGeometry()

    def _show_note(self, on: bool) -> None:
        self.note_edit.setVisible(on or bool(self.note_edit.text()))
        if on:
            self.note_edit.setFocus()

    def set_action_link(self, linked: bool) -> None:
        text = self.item.text
        button = self.action_button
        if linked:
            live(button, "setText", lambda: self.tr("In actieplan ✓"))
            live(
                button,
                "setToolTip",
                lambda: self.tr("Deze actie staat in je actieplan. Klik om haar te zien."),
            )
            live(
                button,
                "setAccessibleName",
                lambda: self.tr("Bekijk de actie van: {item}").format(item=text),
            )
        else:
            live(button, "setText", lambda: self.tr("Maak actie"))
            live(button, "setToolTip", lambda: self.tr("Zet dit punt als actie in je actieplan"))
            live(
                button,
                "setAccessibleName",
                lambda: self.tr("Maak een actie van: {item}").format(item=text),
            )


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
        self.setProperty("removed", not step.in_kit)

        def heading() -> str:
            if step.in_kit:
                return self.tr("Stap {number}. {title}").format(
                    number=step.number, title=step.title
                )
            return self.tr("{step} ({removed})").format(
                step=step.title, removed=ui_text(REMOVED_LABEL)
            )

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        live(self.title, "setText", heading)
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        self.summary = QLabel(step.summary)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        live(
            self.progress,
            "setAccessibleName",
            lambda: self.tr("Voortgang {step}").format(step=heading()),
        )
        live(self.progress, "setFormat", lambda: self.tr("%v van %m klaar"))
        live(self.progress, "setMinimumWidth", lambda: px(170))
        live(self.progress, "setMaximumWidth", lambda: px(260))

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
            documents_label = QLabel()
            live(documents_label, "setText", lambda: self.tr("Documenten:"))
            buttons: list[QWidget] = [documents_label]
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
            for doc_id in step.documents:
                title = doc_titles.get(doc_id, doc_id)
                button = ElidingButton(icon, title)
                button.setObjectName("docLink")
                live(
                    button,
                    "setAccessibleName",
                    lambda t=title: self.tr("Document openen: {title}").format(title=t),
                )
                live(
                    button,
                    "setToolTip",
                    lambda t=title: plain_tip(self.tr("{title} openen").format(title=t)),
                )
                button.clicked.connect(lambda _c=False, d=doc_id: self.open_document.emit(d))
                self.doc_buttons[doc_id] = button
                buttons.append(button)
            layout.addWidget(wrapping_row(buttons))

        note_label = QLabel()
        live(note_label, "setText", lambda: self.tr("Notitie bij deze stap:"))
        note_label.setObjectName("hint")
        layout.addWidget(note_label)
        self.note_edit = QPlainTextEdit(step.note)
        live(
            self.note_edit,
            "setPlaceholderText",
            lambda: self.tr("Afspraken, ideeën, wie je wilt spreken… (wordt vanzelf bewaard)"),
        )
        live(
            self.note_edit,
            "setAccessibleName",
            lambda: self.tr("Notitie bij {step}").format(step=heading()),
        )
        self.note_edit.setTabChangesFocus(True)
        live(self.note_edit, "setFixedHeight", lambda: px(64))
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
