"""Actieplan: plans, their actions, sorting and filtering, undo, export and print.

Every change is saved at once through :class:`ActionPlanService` and goes on
a QUndoStack, so Ctrl+Z / Ctrl+Shift+Z take back edits, deletes and moves.
Questions that need a dialog (delete a plan? where to save? which printer?)
are attributes that tests replace; exports run on the TaskRunner with a
busy bar, and the screen shows the result or a Dutch message in a line
under the title (no popups).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.context import AppContext
from companion.i18n import QT_TRANSLATE_NOOP
from companion.logs import log_failure
from companion.plan.actionplan import (
    DUE_FILTERS,
    SORT_KEYS,
    STATUSES,
    ActionPlanService,
    PlanError,
    check_action_update,
    check_plan_fields,
    filter_actions,
    partners,
    sort_actions,
)
from companion.plan.export import ExportData, export_csv, export_ics, export_pdf, plan_html
from companion.plan.file_names import export_file_name
from companion.plan.plan_file import PlanFileError, import_plan_file, write_plan_file
from companion.ui.appearance import current, px
from companion.ui.live import follow, live
from companion.ui.screens.actionplan import dialogs as plan_dialogs
from companion.ui.screens.actionplan.commands import (
    AddActionCommand,
    DeleteActionCommand,
    DeletePlanCommand,
    EditActionCommand,
    EditPlanCommand,
    MoveActionCommand,
)
from companion.ui.screens.actionplan.editor import ActionEditor
from companion.ui.screens.actionplan.table import ActionTable
from companion.ui.texts import status_label, ui_text
from companion.ui.widgets.common import (
    button_row,
    say,
    screen_heading,
    scroll_area,
    scroll_body,
    tab_chain,
)
from companion.ui.widgets.flow_layout import kept_together, wrapping_row
from companion.ui.workers import TaskRunner

log = logging.getLogger(__name__)

ONE_ROW_WIDTH = 1000  # the plan's name, library and description on one row from this width


# Labels are translated where the menu is made (context ActionPlanScreen).
EXPORTS = (
    (
        "pdf",
        QT_TRANSLATE_NOOP("ActionPlanScreen", "PDF om af te drukken, per status…"),
        {"group_by": "status"},
    ),
    (
        "pdf",
        QT_TRANSLATE_NOOP("ActionPlanScreen", "PDF om af te drukken, per stap…"),
        {"group_by": "stap"},
    ),
    (
        "csv",
        QT_TRANSLATE_NOOP("ActionPlanScreen", "CSV voor Excel (Nederlands, puntkomma)…"),
        {"semicolon": True},
    ),
    ("csv", QT_TRANSLATE_NOOP("ActionPlanScreen", "CSV met komma's…"), {"semicolon": False}),
    (
        "ics",
        QT_TRANSLATE_NOOP("ActionPlanScreen", "Agenda: afspraak op elke einddatum (.ics)…"),
        {"todo": False},
    ),
    ("ics", QT_TRANSLATE_NOOP("ActionPlanScreen", "Agenda: taken (.ics)…"), {"todo": True}),
    (
        "actieplan",
        QT_TRANSLATE_NOOP("ActionPlanScreen", "Planbestand voor een andere computer (.actieplan)…"),
        {},
    ),
)


class ActionPlanScreen(QWidget):
    plans_changed = Signal()

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        open_document: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.service = ActionPlanService(context.user)
        self.runner = runner
        self.open_document = open_document or (lambda _doc_id: None)
        self.today: Callable[[], dt.date] = dt.date.today
        self.plan_id: int | None = None
        self._fields_plan_id: int | None = None  # the plan the name/location fields show
        self.step_titles: dict[str, str] = {}
        self.doc_titles: dict[str, str] = {}
        self.undo_stack = QUndoStack(self)
        self.export_task = None
        self.last_export: Path | None = None
        # Questions a person answers in a dialog; tests put lambdas here.
        self.confirm: Callable[[str, str], bool] = lambda title, question: plan_dialogs.confirm(
            self, title, question
        )
        self.choose_save_path: Callable[[str, str], Path | None] = lambda kind, suggested: (
            plan_dialogs.choose_save_path(self, kind, suggested)
        )
        self.choose_open_path: Callable[[], Path | None] = lambda: plan_dialogs.choose_open_path(
            self
        )
        self.ask_printer: Callable[[], QPrinter | None] = lambda: plan_dialogs.ask_printer(self)

        self._build()
        self._build_shortcuts()
        self.reload()

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        title, intro = screen_heading(
            lambda: self.tr("Actieplan"),
            lambda: self.tr(
                "Zet op een rij wat je gaat doen, met wie en wanneer. Alles wordt vanzelf bewaard."
            ),
        )
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names files and plans
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        live(self.busy, "setAccessibleName", lambda: self.tr("Bezig met opslaan"))
        self.busy.hide()

        # Plan row
        self.plan_box = QComboBox()
        live(self.plan_box, "setAccessibleName", lambda: self.tr("Kies een actieplan"))
        live(self.plan_box, "setMinimumWidth", lambda: px(160))
        self.plan_box.activated.connect(lambda *_: self.show_plan(self.plan_box.currentData()))
        self.new_plan_button = self._button(
            lambda: self.tr("Nieuw plan"), lambda: self.tr("Nieuw actieplan maken"), self.new_plan
        )
        self.delete_plan_button = self._button(
            lambda: self.tr("Plan verwijderen…"),
            lambda: self.tr("Dit actieplan verwijderen"),
            self.delete_plan,
        )
        self.import_button = self._button(
            lambda: self.tr("Importeren…"),
            lambda: self.tr("Actieplan importeren uit een planbestand"),
            lambda: self.import_plan(),
        )
        self.export_button = QPushButton()
        self.export_button.setProperty("menuButton", True)
        live(self.export_button, "setText", lambda: self.tr("Exporteren"))
        live(self.export_button, "setAccessibleName", lambda: self.tr("Actieplan exporteren"))
        live(self.export_button, "setToolTip", lambda: self.tr("Actieplan exporteren (Ctrl+E)"))
        self.export_menu = QMenu(self)
        self.export_actions: list[QAction] = []
        for kind, label, options in EXPORTS:
            action = self.export_menu.addAction("")
            live(action, "setText", lambda label=label: self.tr(label))
            action.triggered.connect(
                lambda _checked=False, k=kind, o=options: self.ask_export(k, **o)
            )
            self.export_actions.append(action)
        self.export_button.setMenu(self.export_menu)
        self.print_button = self._button(
            lambda: self.tr("Afdrukken…"),
            lambda: self.tr("Actieplan afdrukken (Ctrl+P)"),
            lambda: self.print_plan(),
        )
        # Rows of controls wrap onto a next line when large text needs the room, so
        # the screen never gets wider than the window.
        plan_choice = QWidget()
        choice_row = QHBoxLayout(plan_choice)
        choice_row.setContentsMargins(0, 0, 0, 0)
        choice_row.addWidget(self._label(lambda: self.tr("Plan:"), self.plan_box))
        choice_row.addWidget(self.plan_box, 1)
        self.plan_row = wrapping_row(
            [plan_choice, self.new_plan_button, self.delete_plan_button],
            growing=(plan_choice,),
            centre_lines=True,
        )
        title_row = QHBoxLayout()
        title_row.addWidget(title)

        # Plan details, edited in place
        self.plan_name = QLineEdit()
        live(self.plan_name, "setAccessibleName", lambda: self.tr("Naam van het plan"))
        self.plan_location = QLineEdit()
        live(self.plan_location, "setAccessibleName", lambda: self.tr("Bibliotheek of vestiging"))
        live(self.plan_location, "setPlaceholderText", lambda: self.tr("Bibliotheek of vestiging"))
        self.plan_description = QLineEdit()
        live(
            self.plan_description, "setAccessibleName", lambda: self.tr("Omschrijving van het plan")
        )
        live(
            self.plan_description, "setPlaceholderText", lambda: self.tr("Waar gaat dit plan over?")
        )
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(600)
        self._plan_timer.timeout.connect(self._save_plan_fields)
        for edit in (self.plan_name, self.plan_location, self.plan_description):
            edit.textEdited.connect(lambda *_: self._plan_timer.start())
            edit.editingFinished.connect(self._save_plan_fields)
        self.details = QGridLayout()
        self._detail_labels = (
            self._label(lambda: self.tr("Naam"), self.plan_name),
            self._label(lambda: self.tr("Bibliotheek"), self.plan_location),
            self._label(lambda: self.tr("Omschrijving"), self.plan_description),
        )
        self._details_in_one_row: bool | None = None
        self._arrange_details(one_row=False)

        # Filters
        self.status_filter = self._combo(
            lambda: self.tr("Filter op status"),
            [(lambda: self.tr("Alle statussen"), "")]
            + [(lambda s=s: status_label(s), s) for s in STATUSES],
        )
        self.partner_filter = self._combo(
            lambda: self.tr("Filter op partner"), [(lambda: self.tr("Alle partners"), "")]
        )
        # Partner names are the person's own: long ones are shortened, not the row widened.
        self.partner_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.partner_filter.setMinimumContentsLength(14)
        self.due_filter = self._combo(
            lambda: self.tr("Filter op einddatum"),
            [(lambda label=label: ui_text(label), key) for key, label in DUE_FILTERS.items()],
        )
        self.sort_box = self._combo(
            lambda: self.tr("Sorteren"),
            [(lambda label=label: ui_text(label), key) for key, label in SORT_KEYS.items()],
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        filters = wrapping_row(
            [
                kept_together(
                    self._label(lambda: self.tr("Tonen:"), self.status_filter), self.status_filter
                ),
                self.partner_filter,
                self.due_filter,
                kept_together(
                    self._label(lambda: self.tr("Sorteren:"), self.sort_box), self.sort_box
                ),
            ],
            spacing=8,
            centre_lines=True,
        )

        # Table and its buttons
        self.table = ActionTable()
        self.table.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.new_action_button = self._button(
            lambda: self.tr("Nieuwe actie"),
            lambda: self.tr("Nieuwe actie toevoegen (Ctrl+N)"),
            self.new_action,
        )
        self.delete_action_button = self._button(
            lambda: self.tr("Verwijderen"),
            lambda: self.tr("Gekozen actie verwijderen (Delete)"),
            self.delete_action,
        )
        self.up_button = self._button(
            lambda: "▲", lambda: self.tr("Actie omhoog (Alt+Pijl omhoog)"), self.move_up
        )
        self.down_button = self._button(
            lambda: "▼", lambda: self.tr("Actie omlaag (Alt+Pijl omlaag)"), self.move_down
        )
        self.undo_button = self._button(
            lambda: self.tr("Ongedaan"),
            lambda: self.tr("Ongedaan maken (Ctrl+Z)"),
            self.undo_stack.undo,
        )
        self.redo_button = self._button(
            lambda: self.tr("Opnieuw"),
            lambda: self.tr("Opnieuw doen (Ctrl+Shift+Z)"),
            self.undo_stack.redo,
        )
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        # The buttons for actions stand above the list, so no screen height hides them.
        buttons = wrapping_row(
            [
                self.new_action_button,
                self.delete_action_button,
                kept_together(self.up_button, self.down_button),
                self.count_label,
            ],
            centre_lines=True,
        )
        # The buttons beside the title wrap under each other when large text needs the room.
        title_row.addWidget(
            wrapping_row(
                [
                    self.undo_button,
                    self.redo_button,
                    self.import_button,
                    self.export_button,
                    self.print_button,
                ],
                align_right=True,
            ),
            1,
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(buttons)
        left_layout.addWidget(self.table, 1)

        self.editor = ActionEditor()
        self.editor.edited.connect(self._edit_action)
        self.editor.open_document.connect(lambda doc_id: self.open_document(doc_id))
        # The form is long: it scrolls on its own, the list and its buttons stay in view.
        self.editor_area, editor_layout = scroll_area()
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.editor)
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor_area)
        self.splitter.setChildrenCollapsible(False)
        # List and form share the width 3:2 until the person drags the divider.
        self._splitter_dragged = False
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_dragged", True))
        self.splitter.installEventFilter(self)

        self.invite = self._build_invite()

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(self.details)
        body_layout.addWidget(filters)
        body_layout.addWidget(self.splitter, 1)

        layout = scroll_body(self)
        self.scroll_layout = layout
        layout.addLayout(title_row)
        layout.addWidget(intro)
        layout.addWidget(self.plan_row)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.invite)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # takes the free room while there is no plan (see refresh)
        self._set_tab_order()
        # Another language: the table's words, the count and the editor's lists again.
        follow(self, self._retranslate)

    def _arrange_details(self, *, one_row: bool) -> None:
        """Name, library and description: one row when the screen is wide, else two.

        On a 1366 wide screen one row leaves the height for the list and the form.
        """
        if one_row == self._details_in_one_row:
            return
        self._details_in_one_row = one_row
        grid = self.details
        name_label, place_label, about_label = self._detail_labels
        for widget in (*self._detail_labels, self.plan_name, self.plan_location):
            grid.removeWidget(widget)
        grid.removeWidget(self.plan_description)
        for column in range(6):
            grid.setColumnStretch(column, 0)
        grid.addWidget(name_label, 0, 0)
        grid.addWidget(self.plan_name, 0, 1)
        grid.addWidget(place_label, 0, 2)
        grid.addWidget(self.plan_location, 0, 3)
        if one_row:
            grid.addWidget(about_label, 0, 4)
            grid.addWidget(self.plan_description, 0, 5)
            for column in (1, 3, 5):
                grid.setColumnStretch(column, 2 if column == 5 else 1)
        else:
            grid.addWidget(about_label, 1, 0)
            grid.addWidget(self.plan_description, 1, 1, 1, 3)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(3, 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange_details(one_row=self.width() >= px(ONE_ROW_WIDTH))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._share_width()
        return super().eventFilter(watched, event)

    def _share_width(self) -> None:
        # The form never narrower than its fields need (it does not scroll sideways).
        bar = self.editor_area.verticalScrollBar().sizeHint().width()
        self.editor_area.setMinimumWidth(self.editor.minimumSizeHint().width() + bar + 2)
        if self._splitter_dragged:
            return
        total = self.splitter.width() - self.splitter.handleWidth()
        if total > 0:
            self.splitter.setSizes([total * 3 // 5, total - total * 3 // 5])

    def _build_invite(self) -> QWidget:
        """No plan yet: one clear invitation at the top, not parts scattered down the screen."""
        card = QFrame()
        card.setObjectName("stepCard")
        heading = QLabel()
        heading.setObjectName("stepTitle")
        live(heading, "setText", lambda: self.tr("Maak je eerste plan"))
        words = QLabel()
        words.setWordWrap(True)
        live(
            words,
            "setText",
            lambda: self.tr(
                "Een plan zet op een rij wat je gaat doen, met wie en wanneer. Geef het een naam "
                "en voeg acties toe; alles wordt vanzelf bewaard. Heb je een planbestand van "
                "een collega? Importeer het dan."
            ),
        )
        hint = QLabel()
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        live(
            hint,
            "setText",
            lambda: self.tr(
                "Tip: in ‘Waar begin je?’ maak je van een punt uit de checklist met één klik een "
                "actie; het plan komt er dan vanzelf bij."
            ),
        )
        self.first_plan_button = self._button(
            lambda: self.tr("Maak je eerste plan"),
            lambda: self.tr("Maak je eerste actieplan"),
            self.new_plan,
        )
        self.first_plan_button.setDefault(True)
        self.first_import_button = self._button(
            lambda: self.tr("Planbestand importeren…"),
            lambda: self.tr("Actieplan importeren uit een planbestand"),
            lambda: self.import_plan(),
        )
        layout = QVBoxLayout(card)
        layout.addWidget(heading)
        layout.addWidget(words)
        layout.addLayout(button_row(self.first_plan_button, self.first_import_button))
        layout.addWidget(hint)
        return card

    def _set_tab_order(self) -> None:
        """Reading order: the buttons at the top, the plan, its fields, filters, list, form."""
        tab_chain(
            self.first_plan_button,
            self.first_import_button,
            self.import_button,
            self.export_button,
            self.print_button,
            self.undo_button,
            self.redo_button,
            self.plan_box,
            self.new_plan_button,
            self.delete_plan_button,
            self.plan_name,
            self.plan_location,
            self.plan_description,
            self.status_filter,
            self.partner_filter,
            self.due_filter,
            self.sort_box,
            self.new_action_button,
            self.delete_action_button,
            self.up_button,
            self.down_button,
            self.table,
            *self.editor.focus_chain(),
        )

    def _retranslate(self) -> None:
        # Save what is being typed first: refresh() shows what is stored.
        self.editor.flush()
        self._save_plan_fields()
        if self.plan_id is not None:
            self.refresh()
        self.editor.retranslate()

    def _label(self, text: Callable[[], str], buddy: QWidget) -> QLabel:
        label = QLabel()
        live(label, "setText", text)
        label.setBuddy(buddy)
        return label

    def _button(
        self, text: Callable[[], str], name: Callable[[], str], slot: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton()
        live(button, "setText", text)
        live(button, "setAccessibleName", name)
        live(button, "setToolTip", name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _combo(
        self, name: Callable[[], str], entries: list[tuple[Callable[[], str], str]]
    ) -> QComboBox:
        box = QComboBox()
        live(box, "setAccessibleName", name)
        # As wide as the longest choice ("Eigen volgorde", "Binnen 30 dagen"): never cut off.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for index, (label, data) in enumerate(entries):
            box.addItem("", data)
            live(box, "setItemText", label, index)
        box.activated.connect(lambda *_: self.refresh())
        return box

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Own actions, not QUndoStack's: their words must follow the language.
        undo = QAction(self)
        live(undo, "setText", lambda: self.tr("Ongedaan maken"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        undo.triggered.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        redo = QAction(self)
        live(redo, "setText", lambda: self.tr("Opnieuw"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        for action in (undo, redo):
            action.setEnabled(False)
            action.setShortcutContext(context)
            self.addAction(action)
        self.undo_action, self.redo_action = undo, redo
        for keys, slot in (
            ("Ctrl+N", self.new_action),
            ("Alt+Up", self.move_up),
            ("Alt+Down", self.move_down),
            ("Ctrl+P", lambda: self.print_plan()),
            ("Ctrl+E", lambda: self.export_button.showMenu()),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_action)

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        """The kit changed: new step and document titles; then show the plan again."""
        steps = self.context.library.steps()
        documents = self.context.library.documents()
        self.step_titles = {s.id: s.title for s in steps}
        self.doc_titles = {d.id: d.title for d in documents}
        self.editor.set_kit(steps, documents)
        self.refresh()

    def showEvent(self, event) -> None:
        # Actions made in "Waar begin je?" appear without pressing anything, in the
        # plan chosen there.
        super().showEvent(event)
        current = self.service.current_plan()
        if current is not None and current.id != self.plan_id:
            self.show_plan(current.id)  # saves what was typed in the plan shown before
        else:
            self.refresh()

    def refresh(self) -> None:
        plans = self.service.plans()
        if self.plan_id is None or all(p.id != self.plan_id for p in plans):
            current = self.service.current_plan()
            self.plan_id = current.id if current is not None else None
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for p in plans:
            self.plan_box.addItem(p.name + (f" ({p.location})" if p.location else ""), p.id)
        self.plan_box.setCurrentIndex(max(0, self.plan_box.findData(self.plan_id)))
        self.plan_box.blockSignals(False)

        has_plan = self.plan_id is not None
        self.invite.setVisible(not has_plan)
        self.plan_row.setVisible(bool(plans))
        self.body.setVisible(has_plan)
        # Without a plan the invitation stays at the top; the free room goes below it.
        self.scroll_layout.setStretch(self.scroll_layout.count() - 1, 0 if has_plan else 1)
        for widget in (self.delete_plan_button, self.export_button, self.print_button):
            widget.setEnabled(has_plan)
        if not has_plan:
            self._fields_plan_id = None
            self.table.clear()
            self.editor.load(None)
            return

        plan = self.service.plan(self.plan_id)
        assert plan is not None
        other_plan = self._fields_plan_id != plan.id
        for edit, value in (
            (self.plan_name, plan.name),
            (self.plan_location, plan.location),
            (self.plan_description, plan.description),
        ):
            if edit.text() != value and (other_plan or not edit.hasFocus()):
                edit.setText(value)
                edit.setCursorPosition(0)
        self._fields_plan_id = plan.id

        actions = self.service.actions(self.plan_id)
        self._fill_partner_filter(partners(actions))
        self.editor.set_partners(partners(actions))
        today = self.today()
        shown = filter_actions(
            actions,
            status=self.status_filter.currentData() or None,
            partner=self.partner_filter.currentData() or None,
            due=self.due_filter.currentData() or "",
            today=today,
        )
        shown = sort_actions(shown, self.sort_box.currentData() or "eigen")
        self.table.show_actions(shown, today, self.step_titles)
        late = sum(1 for a in actions if a.is_overdue(today))
        if len(actions) == 1:
            count = self.tr("1 actie")
        else:
            count = self.tr("{count} acties").format(count=len(actions))
        if len(shown) != len(actions):
            count = self.tr("{shown} van {total}").format(shown=len(shown), total=count)
        if late:
            count = self.tr("{count} · ⚠ {late} te laat").format(count=count, late=late)
        self.count_label.setText(count)
        if self.table.currentItem() is None and self.table.topLevelItemCount():
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._selection_changed()

    def _fill_partner_filter(self, names: list[str]) -> None:
        current = self.partner_filter.currentData()
        self.partner_filter.blockSignals(True)
        self.partner_filter.clear()
        self.partner_filter.addItem(self.tr("Alle partners"), "")
        for name in names:
            self.partner_filter.addItem(name, name)
        self.partner_filter.setCurrentIndex(max(0, self.partner_filter.findData(current)))
        self.partner_filter.blockSignals(False)

    def _selection_changed(self) -> None:
        self.editor.flush()  # typing in the action left behind is saved to that action
        action_id = self.table.current_action_id()
        action = self.service.action(action_id) if action_id is not None else None
        self.editor.load(action)
        own_order = (self.sort_box.currentData() or "eigen") == "eigen"
        ids = self.table.visible_ids()
        index = ids.index(action_id) if action_id in ids else -1
        self.delete_action_button.setEnabled(action is not None)
        self.up_button.setEnabled(own_order and index > 0)
        self.down_button.setEnabled(own_order and 0 <= index < len(ids) - 1)

    # -- plans -------------------------------------------------------------------------

    def show_plan(self, plan_id: int | None, action_id: int | None = None) -> None:
        self.editor.flush()
        self._save_plan_fields()
        if plan_id is not None:
            self._remember_plan(plan_id)
        self._refresh_showing(action_id)

    def _remember_plan(self, plan_id: int) -> None:
        """Make ``plan_id`` current, and the one shown first next time."""
        if plan_id != self.plan_id:
            self.plan_id = plan_id
            self.service.set_current_plan(plan_id)

    def _refresh_showing(self, action_id: int | None) -> None:
        """Read the plan again and select ``action_id``, clearing filters that hide it."""
        self.refresh()
        if action_id is not None and not self.table.select_action(action_id):
            self.clear_filters()
            self.table.select_action(action_id)

    def select_action(self, plan_id: int, action_id: int) -> bool:
        """Show one action (from 'Waar begin je?'), with the keyboard in the list."""
        self.show_plan(plan_id, action_id)
        self.table.setFocus()
        return self.table.current_action_id() == action_id

    def clear_filters(self) -> None:
        for box in (self.status_filter, self.partner_filter, self.due_filter):
            box.setCurrentIndex(0)
        self.refresh()

    def new_plan(self) -> None:
        names = {p.name for p in self.service.plans()}
        name, number = self.tr("Nieuw actieplan"), 2
        while name in names:
            name, number = self.tr("Nieuw actieplan {number}").format(number=number), number + 1
        plan = self.service.create_plan(name)
        self.show_plan(plan.id)
        self.plan_name.setFocus()
        self.plan_name.selectAll()
        self._say(
            lambda: self.tr("Plan ‘{name}’ gemaakt. Geef het een eigen naam.").format(
                name=plan.name
            )
        )
        self.plans_changed.emit()

    def delete_plan(self) -> None:
        plan = self.service.plan(self.plan_id) if self.plan_id is not None else None
        if plan is None:
            return
        count = len(self.service.actions(plan.id))
        if count == 1:
            question = self.tr(
                "Plan ‘{name}’ met 1 actie verwijderen? "
                "Je kunt dit daarna nog ongedaan maken met Ctrl+Z."
            ).format(name=plan.name)
        else:
            question = self.tr(
                "Plan ‘{name}’ met {count} acties verwijderen? "
                "Je kunt dit daarna nog ongedaan maken met Ctrl+Z."
            ).format(name=plan.name, count=count)
        if not self.confirm(self.tr("Plan verwijderen"), question):
            return
        self.plan_id = None
        self.undo_stack.push(DeletePlanCommand(self.service, self._show, plan.id))
        self._say(
            lambda: self.tr("Plan ‘{name}’ verwijderd. Ongedaan maken: Ctrl+Z.").format(
                name=plan.name
            )
        )
        (self.plan_box if self.plan_box.count() else self.first_plan_button).setFocus()
        self.plans_changed.emit()

    def _save_plan_fields(self) -> None:
        self._plan_timer.stop()
        if self.plan_id is None or self._fields_plan_id != self.plan_id:
            return  # the fields do not show this plan (yet)
        plan = self.service.plan(self.plan_id)
        if plan is None:
            return
        after = {
            key: edit.text()
            for key, edit in (
                ("name", self.plan_name),
                ("location", self.plan_location),
                ("description", self.plan_description),
            )
            if edit.text() != getattr(plan, key)
        }
        if not after:
            return
        try:
            check_plan_fields(after)
        except PlanError as exc:
            self._fail(exc)
            return
        before = {key: getattr(plan, key) for key in after}
        self.undo_stack.push(EditPlanCommand(self.service, self._show, plan.id, before, after))
        self._say("")
        self.plans_changed.emit()

    # -- actions -------------------------------------------------------------------------

    def _show(self, plan_id: int, action_id: int | None) -> None:
        """Called by every undo command after it wrote to the store."""
        if plan_id == 0:
            self.plan_id = None
        else:
            self._remember_plan(plan_id)
        self._refresh_showing(action_id)
        self._clear_error()

    def new_action(self) -> None:
        if self.plan_id is None:
            self.new_plan()
        assert self.plan_id is not None
        self.editor.flush()
        self.undo_stack.push(
            AddActionCommand(
                self.service, self._show, self.plan_id, {"title": self.tr("Nieuwe actie")}
            )
        )
        self.editor.title.setFocus()
        self.editor.title.selectAll()

    def _edit_action(self, action_id: int, changes: dict) -> None:
        current = self.service.action(action_id)
        if current is None:
            return
        try:
            check_action_update(current, changes)
        except PlanError as exc:
            self.editor.show_problem(exc, changes)
            return
        self.editor.clear_problem()
        self.undo_stack.push(EditActionCommand(self.service, self._show, current, changes))

    def delete_action(self) -> None:
        action_id = self.table.current_action_id()
        action = self.service.action(action_id) if action_id is not None else None
        if action is None:
            return
        self.editor.flush()
        action = self.service.action(action.id)
        assert action is not None
        ids = self.table.visible_ids()
        index = ids.index(action.id)
        self.undo_stack.push(DeleteActionCommand(self.service, self._show, action))
        remaining = self.table.visible_ids()
        if remaining:
            self.table.select_action(remaining[min(index, len(remaining) - 1)])
        title = action.title
        self._say(
            lambda: self.tr("Actie ‘{title}’ verwijderd. Ongedaan maken: Ctrl+Z.").format(
                title=title
            )
        )

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, step: int) -> None:
        if (self.sort_box.currentData() or "eigen") != "eigen":
            self._say(lambda: self.tr("Verplaatsen kan alleen bij ‘Eigen volgorde’."))
            return
        action_id = self.table.current_action_id()
        ids = self.table.visible_ids()
        if action_id is None or action_id not in ids:
            return
        index = ids.index(action_id)
        if not 0 <= index + step < len(ids):
            return
        self.editor.flush()
        action = self.service.action(action_id)
        neighbour = self.service.action(ids[index + step])
        assert action is not None and neighbour is not None
        self.undo_stack.push(
            MoveActionCommand(self.service, self._show, action, neighbour.position)
        )
        self.table.setFocus()

    # -- export, print, import ---------------------------------------------------------

    def export_data(self) -> ExportData:
        assert self.plan_id is not None
        plan = self.service.plan(self.plan_id)
        assert plan is not None
        # Exports and printouts speak the language the person chose for the program.
        return ExportData(
            plan,
            self.service.actions(plan.id),
            self.step_titles,
            self.doc_titles,
            self.today(),
            language=current().language,
        )

    def ask_export(self, kind: str, **options) -> None:
        if self.plan_id is None:
            return
        self.editor.flush()
        self._save_plan_fields()
        plan = self.service.plan(self.plan_id)
        assert plan is not None
        path = self.choose_save_path(kind, export_file_name(plan.name, kind))
        if path is not None:
            self.export_to(kind, path, **options)

    def export_to(self, kind: str, path: Path, **options) -> None:
        """Write the plan to ``path`` in a worker; ``last_export`` is set when it is done."""
        data = self.export_data()
        snapshot = self.service.snapshot(data.plan.id)
        path = Path(path)

        def work(report, _cancelled):
            if kind == "pdf":
                export_pdf(data, path, options.get("group_by", "status"), report)
            elif kind == "csv":
                export_csv(data, path, semicolon=options.get("semicolon", True))
            elif kind == "ics":
                export_ics(data, path, todo=options.get("todo", False))
            elif kind == "actieplan":
                write_plan_file(snapshot, path, self.step_titles)
            else:
                raise ValueError(kind)
            return path

        self.busy.show()
        self._say(lambda: self.tr("Bezig met opslaan…"))
        self.export_task = self.runner.start(
            work,
            on_success=self._exported,
            on_error=self._export_failed,
            on_progress=lambda text: self._say(
                lambda: self.tr("Bezig met opslaan… {step}").format(step=ui_text(text))
            ),
        )

    def _exported(self, path: Path) -> None:
        self.export_task = None
        self.busy.hide()
        self.last_export = path
        self._clear_error()
        self._say(lambda: self.tr("Opgeslagen: {path}").format(path=path))

    def _export_failed(self, error: Exception) -> None:
        self.export_task = None
        self.busy.hide()
        self._say("")
        reason = error.strerror if isinstance(error, OSError) and error.strerror else ""

        def text() -> str:
            words = self.tr(
                "Opslaan is niet gelukt. Kies een andere map of naam en probeer het opnieuw."
            )
            return f"{words} ({reason})" if reason else words

        self._fail(text)

    def print_plan(self, printer: QPrinter | None = None, group_by: str = "status") -> bool:
        """Print the plan; with no printer given, the print dialog asks which one."""
        if self.plan_id is None:
            return False
        self.editor.flush()
        self._save_plan_fields()
        printer = printer or self.ask_printer()
        if printer is None:
            return False
        plan_dialogs.print_html(printer, plan_html(self.export_data(), group_by))
        self._say(lambda: self.tr("Het plan is naar de printer gestuurd."))
        return True

    def import_plan(self, path: Path | None = None) -> bool:
        """Read a plan file as a new plan. A bad file changes nothing and says why."""
        path = path or self.choose_open_path()
        if path is None:
            return False
        try:
            plan = import_plan_file(self.service, Path(path))
        except PlanFileError as exc:
            log_failure(log, f"plan file {Path(path).name} refused", exc)
            self._fail(exc)
            return False
        count = len(self.service.actions(plan.id))
        self.show_plan(plan.id)
        self._clear_error()
        if count == 1:
            self._say(
                lambda: self.tr("Plan ‘{name}’ geïmporteerd met 1 actie.").format(name=plan.name)
            )
        else:
            self._say(
                lambda: self.tr("Plan ‘{name}’ geïmporteerd met {count} acties.").format(
                    name=plan.name, count=count
                )
            )
        self.plans_changed.emit()
        return True

    # -- messages ----------------------------------------------------------------------

    def _say(self, text: Callable[[], str] | str) -> None:
        """A line under the title; ``text`` makes the words (so they follow the language)."""
        say(self.message, text)

    def _fail(self, text: Callable[[], str] | Exception) -> None:
        say(self.error, text if callable(text) else (lambda: ui_text(text)))

    def _clear_error(self) -> None:
        say(self.error, None)

    def hideEvent(self, event) -> None:
        # Leaving the screen saves what was typed.
        self.editor.flush()
        self._save_plan_fields()
        super().hideEvent(event)
