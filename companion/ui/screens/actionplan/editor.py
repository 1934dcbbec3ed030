"""The form on the right of the action plan: every field of one action.

The form never writes to the store itself. It reports each change as
``edited(action id, {field: value})`` and the screen turns that into an
undoable command. Typing is gathered for a moment (and sent at once when the
field loses focus), so autosave does not make one undo step per letter.
Loading an action only touches fields whose value differs, so a save that
comes back while someone types does not move their cursor.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.kit.library import DocumentInfo, StepInfo
from companion.plan.actionplan import PRIORITIES, STATUSES, Action
from companion.plan.checklist import REMOVED_LABEL
from companion.ui.appearance import px
from companion.ui.live import live
from companion.ui.texts import priority_label, status_label, ui_text
from companion.ui.widgets.date_field import DateField
from companion.ui.widgets.plain import plain_tip

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
TYPING_DELAY_MS = 600


class _FocusOut(QObject):
    """Sends typed text as soon as a field loses focus."""

    def __init__(self, callback, parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False


class ActionEditor(QWidget):
    edited = Signal(int, dict)
    open_document = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action: Action | None = None
        self._pending: dict = {}
        self._pending_id: int | None = None
        self._steps: list[StepInfo] = []
        self._documents: list[DocumentInfo] = []
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        focus_out = _FocusOut(self.flush, self)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a title from a plan file
        self.heading.setObjectName("documentTitle")
        self.title = QLineEdit()
        live(self.title, "setAccessibleName", lambda: self.tr("Titel van de actie"))
        self.status = QComboBox()
        live(self.status, "setAccessibleName", lambda: self.tr("Status"))
        for index, status in enumerate(STATUSES):
            self.status.addItem("", status)
            live(self.status, "setItemText", lambda s=status: status_label(s), index)
        self.priority = QComboBox()
        live(self.priority, "setAccessibleName", lambda: self.tr("Prioriteit"))
        for index, number in enumerate(PRIORITIES):
            self.priority.addItem("", number)
            live(self.priority, "setItemText", lambda n=number: priority_label(n), index)
        self.partner = QLineEdit()
        live(self.partner, "setAccessibleName", lambda: self.tr("Partner (vindplaats)"))
        live(
            self.partner,
            "setPlaceholderText",
            lambda: self.tr("Bijvoorbeeld: Schuldhulp, UWV, Taalhuis"),
        )
        self.partner_completer = QCompleter([], self)
        self.partner_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.partner.setCompleter(self.partner_completer)
        self.owner = QLineEdit()
        live(self.owner, "setAccessibleName", lambda: self.tr("Eigenaar (wie doet het)"))
        live(self.owner, "setPlaceholderText", lambda: self.tr("Wie doet het?"))
        self.start = DateField(lambda: self.tr("Startdatum"))
        self.due = DateField(lambda: self.tr("Einddatum"))
        self.step = QComboBox()
        live(self.step, "setAccessibleName", lambda: self.tr("Stap uit Waar begin je?"))
        # Long step titles are shortened in a narrow form, not the form made wider.
        self.step.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.step.setMinimumContentsLength(12)
        self.documents = QListWidget()
        live(
            self.documents,
            "setAccessibleName",
            lambda: self.tr("Documenten bij deze actie (aanvinken)"),
        )
        live(self.documents, "setMaximumHeight", lambda: px(110))
        live(self.documents, "setMinimumHeight", lambda: px(80))
        self.documents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.documents.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.open_doc = QPushButton()
        live(self.open_doc, "setText", lambda: self.tr("Openen"))
        live(self.open_doc, "setAccessibleName", lambda: self.tr("Gekozen document openen"))
        self.open_doc.clicked.connect(self._open_selected)
        self.documents.itemActivated.connect(
            lambda item: self.open_document.emit(item.data(DOC_ROLE))
        )
        self.description = QPlainTextEdit()
        live(self.description, "setAccessibleName", lambda: self.tr("Omschrijving van de actie"))
        live(
            self.description,
            "setPlaceholderText",
            lambda: self.tr("Wat moet er gebeuren, en waarom?"),
        )
        self.description.setTabChangesFocus(True)
        self.source = QLabel()
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # the kit's words
        self.source.setObjectName("hint")
        self.source.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setObjectName("errorText")
        self.problem.setWordWrap(True)
        self.problem.hide()

        for name, edit in (
            ("title", self.title),
            ("partner", self.partner),
            ("owner", self.owner),
        ):
            edit.textEdited.connect(lambda text, n=name: self._typed(n, text))
            edit.editingFinished.connect(self.flush)
        self.description.textChanged.connect(self._description_typed)
        self.description.installEventFilter(focus_out)
        self.status.activated.connect(lambda *_: self._now("status", self.status.currentData()))
        self.priority.activated.connect(
            lambda *_: self._now("priority", self.priority.currentData())
        )
        self.step.activated.connect(lambda *_: self._now("step_id", self.step.currentData()))
        self.start.changed.connect(lambda: self._now("start_date", self.start.value()))
        self.due.changed.connect(lambda: self._now("due_date", self.due.value()))
        self.documents.itemChanged.connect(self._documents_changed)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(lambda: self.tr("&Titel"), self.title), self.title)
        # Each on its own row: the form stays narrow enough for large text beside the list.
        form.addRow(self._label(lambda: self.tr("Status"), self.status), self.status)
        form.addRow(self._label(lambda: self.tr("Prioriteit"), self.priority), self.priority)
        form.addRow(self._label(lambda: self.tr("&Partner"), self.partner), self.partner)
        form.addRow(self._label(lambda: self.tr("&Eigenaar"), self.owner), self.owner)
        form.addRow(self._label(lambda: self.tr("&Start"), self.start.edit), self.start)
        form.addRow(self._label(lambda: self.tr("&Klaar op"), self.due.edit), self.due)
        form.addRow(self._label(lambda: self.tr("St&ap"), self.step), self.step)
        # The open button under the row's name: no extra row below the list.
        docs_label = QWidget()
        docs_column = QVBoxLayout(docs_label)
        docs_column.setContentsMargins(0, 0, 0, 0)
        docs_column.addWidget(self._label(lambda: self.tr("Documenten"), self.documents))
        docs_column.addWidget(self.open_doc, 0, Qt.AlignmentFlag.AlignLeft)
        docs_column.addStretch(1)
        form.addRow(docs_label, self.documents)
        form.addRow(
            self._label(lambda: self.tr("&Omschrijving"), self.description), self.description
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.problem)
        layout.addLayout(form, 1)
        layout.addWidget(self.source)
        self.load(None)

    def _label(self, text: Callable[[], str], buddy: QWidget) -> QLabel:
        label = QLabel()
        live(label, "setText", text)
        label.setBuddy(buddy)
        return label

    def focus_chain(self) -> list[QWidget]:
        """The form's fields in reading order (the screen sets the Tab order with it)."""
        chain: list[QWidget] = []
        for widget in self._fields():
            dates = (self.start, self.due)
            if widget in dates:
                chain += [widget.edit, widget.calendar_button]  # type: ignore[attr-defined]
            else:
                chain.append(widget)
        return chain

    def retranslate(self) -> None:
        """Words made from the action (heading, step list, documents) in the new language.

        Only those: what is typed in the fields stays exactly as it is.
        """
        a = self.action
        if a is None:
            self.heading.setText(self.tr("Kies een actie in de lijst"))
            return
        self.heading.setText(self.tr("Actie bewerken"))
        self._loading = True
        try:
            self._fill_steps(a)
            self._fill_documents(a)
            self.source.setText(self._source_text(a))
        finally:
            self._loading = False

    # -- kit and partners ------------------------------------------------------------

    def set_kit(self, steps: list[StepInfo], documents: list[DocumentInfo]) -> None:
        self._steps = steps
        self._documents = documents
        current, self.action = self.action, None
        self.load(current)

    def set_partners(self, names: list[str]) -> None:
        self.partner_completer.model().setStringList(names)  # type: ignore[attr-defined]

    # -- showing one action ----------------------------------------------------------

    def load(self, action: Action | None) -> None:
        """Show ``action`` (or an empty, disabled form)."""
        if action is None or self.action is None or action.id != self.action.id:
            self.flush()
            self.problem.hide()
        previous = self.action
        self.action = action
        self._loading = True
        try:
            self._fill(action, previous)
        finally:
            self._loading = False

    def _fill(self, a: Action | None, previous: Action | None) -> None:
        for widget in self._fields():
            widget.setEnabled(a is not None)
        if a is None:
            self.heading.setText(self.tr("Kies een actie in de lijst"))
            for edit in (self.title, self.partner, self.owner):
                edit.clear()
            self.description.clear()
            self.source.clear()
            self.documents.clear()
            self.step.clear()
            return
        self.heading.setText(self.tr("Actie bewerken"))
        same = previous is not None and previous.id == a.id
        for edit, value in (
            (self.title, a.title),
            (self.partner, a.partner),
            (self.owner, a.owner),
        ):
            if edit.text() != value and not (same and edit.hasFocus() and self._pending):
                edit.setText(value)
        if self.description.toPlainText() != a.description and not (
            same and self.description.hasFocus() and self._pending
        ):
            self.description.setPlainText(a.description)
        self.status.setCurrentIndex(STATUSES.index(a.status))
        self.priority.setCurrentIndex(list(PRIORITIES).index(a.priority))
        self.start.set_value(a.start_date, keep_typing=same)
        self.due.set_value(a.due_date, keep_typing=same)
        self._fill_steps(a)
        self._fill_documents(a)
        self.source.setText(self._source_text(a))

    def _fields(self) -> list[QWidget]:
        """Every field of the form, in reading order."""
        return [
            self.title,
            self.status,
            self.priority,
            self.partner,
            self.owner,
            self.start,
            self.due,
            self.step,
            self.documents,
            self.open_doc,
            self.description,
        ]

    def _fill_steps(self, a: Action) -> None:
        self.step.clear()
        self.step.addItem(self.tr("Geen stap"), None)
        for number, step in enumerate(self._steps, start=1):
            self.step.addItem(
                self.tr("Stap {number}. {title}").format(number=number, title=step.title), step.id
            )
        if a.step_id and a.step_id not in {s.id for s in self._steps}:
            self.step.addItem(self._gone(a.step_id), a.step_id)
        self.step.setCurrentIndex(max(0, self.step.findData(a.step_id)))

    def _fill_documents(self, a: Action) -> None:
        self.documents.blockSignals(True)
        self.documents.clear()
        linked = set(a.document_ids)
        known = {d.id for d in self._documents}
        entries = [(d.id, d.title) for d in self._documents]
        entries += [(d, self._gone(d)) for d in a.document_ids if d not in known]
        for doc_id, title in entries:
            item = QListWidgetItem(title)
            item.setToolTip(
                plain_tip(self.tr("{title} (dubbelklik om te openen)").format(title=title))
            )
            item.setData(DOC_ROLE, doc_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if doc_id in linked else Qt.CheckState.Unchecked
            )
            self.documents.addItem(item)
        self.documents.blockSignals(False)

    def _gone(self, name: str) -> str:
        return self.tr("{name} ({removed})").format(name=name, removed=ui_text(REMOVED_LABEL))

    def _source_text(self, a: Action) -> str:
        if not a.source_item_id:
            return ""
        step_no = next((n for n, s in enumerate(self._steps, 1) if s.id == a.step_id), None)
        in_kit = any(i.id == a.source_item_id for s in self._steps for i in s.items)
        item = a.source_item_text if in_kit else self._gone(a.source_item_text)
        if step_no:
            return self.tr("Komt uit Waar begin je?, stap {number}: “{item}”").format(
                number=step_no, item=item
            )
        return self.tr("Komt uit Waar begin je?, “{item}”").format(item=item)

    # -- reporting changes -----------------------------------------------------------

    def _typed(self, name: str, text: str) -> None:
        if self._loading or self.action is None:
            return
        if self._pending_id not in (None, self.action.id):
            self.flush()
        self._pending_id = self.action.id
        self._pending[name] = text
        self._timer.start()

    def _description_typed(self) -> None:
        if not self._loading and self.description.hasFocus():
            self._typed("description", self.description.toPlainText())

    def _now(self, name: str, value: object) -> None:
        if self._loading or self.action is None:
            return
        self.flush()
        if getattr(self.action, name) != value:
            self.edited.emit(self.action.id, {name: value})

    def _documents_changed(self, _item: QListWidgetItem) -> None:
        if self._loading or self.action is None:
            return
        ids = tuple(
            self.documents.item(i).data(DOC_ROLE)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        )
        self._now("document_ids", ids)

    def flush(self) -> None:
        """Send what was typed and not yet saved."""
        self._timer.stop()
        if not self._pending or self._pending_id is None:
            return
        pending, action_id = self._pending, self._pending_id
        self._pending, self._pending_id = {}, None
        for name, value in pending.items():
            self.edited.emit(action_id, {name: value})

    def show_problem(self, message: object, changes: dict | None = None) -> None:
        """A refused change (a PlanError or its message), in the current language.

        A refused date is also marked on its field (red, with the reason), which
        then shows the stored date again once the person corrects it.
        """
        live(self.problem, "setText", lambda: ui_text(message))
        self.problem.show()
        for name, field in (("start_date", self.start), ("due_date", self.due)):
            if changes and name in changes and self.action is not None:
                field.refuse(message, getattr(self.action, name))

    def clear_problem(self) -> None:
        self.problem.hide()
        # A date refused next to the other one (start after end) is tried again
        # once the other changed: it may fit now, or it says why not.
        for field in (self.start, self.due):
            if field.refused():
                QTimer.singleShot(0, field, field.commit)

    def _open_selected(self) -> None:
        item = self.documents.currentItem()
        if item is not None:
            self.open_document.emit(item.data(DOC_ROLE))
