"""Waar begin je?: the kit's steps as a checklist, with progress and notes.

Ticks and notes are saved the moment they change (user store, by the kit's
stable ids). After a kit update the screen is rebuilt; items the kit no
longer has stay visible with "niet meer in de kit" and the person's tick and
note. "Maak actie" puts an item in the chosen action plan with one click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.context import AppContext
from companion.plan.actionplan import ActionPlanService
from companion.plan.checklist import ChecklistService
from companion.ui.appearance import px
from companion.ui.live import follow, live
from companion.ui.screens.checklist.widgets import StepCard
from companion.ui.widgets.common import say, screen_heading, scroll_body

NEW_PLAN = -1


class ChecklistScreen(QWidget):
    show_action_requested = Signal(int, int)
    actions_changed = Signal()

    def __init__(
        self,
        context: AppContext,
        open_document: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.service = ChecklistService(context.user, context.library)
        self.plans = ActionPlanService(context.user)
        self.open_document = open_document or (lambda _doc_id: None)
        self.cards: dict[str, StepCard] = {}

        title, intro = screen_heading(
            lambda: self.tr("Waar begin je?"),
            lambda: self.tr(
                "De stappen van de kit, van begin tot eind. Vink af wat klaar is en schrijf "
                "notities bij een stap. Alles wordt vanzelf bewaard."
            ),
        )
        self.overall = QProgressBar()
        live(self.overall, "setAccessibleName", lambda: self.tr("Voortgang van alle stappen"))
        live(self.overall, "setFormat", lambda: self.tr("%v van %m punten klaar (%p%)"))
        self.plan_box = QComboBox()
        live(self.plan_box, "setAccessibleName", lambda: self.tr("Actieplan voor nieuwe acties"))
        live(self.plan_box, "setMinimumWidth", lambda: px(200))
        self.plan_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.plan_box.setMinimumContentsLength(16)
        self.plan_box.activated.connect(self._plan_chosen)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.hide()

        top = QHBoxLayout()
        plan_label = QLabel()
        live(plan_label, "setText", lambda: self.tr("Nieuwe acties komen in:"))
        plan_label.setBuddy(self.plan_box)
        top.addWidget(plan_label)
        top.addWidget(self.plan_box, 1)

        self.empty = QLabel()
        live(
            self.empty,
            "setText",
            lambda: self.tr(
                "De kit heeft (nog) geen stappen. Even geduld als de kit nog wordt klaargezet."
            ),
        )
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.container = QWidget()
        self.cards_layout = QVBoxLayout(self.container)
        self.cards_layout.setSpacing(12)
        self.cards_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.container)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setObjectName("steps")
        live(self.scroll, "setAccessibleName", lambda: self.tr("Stappen"))

        layout = scroll_body(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.overall)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll, 1)
        self.reload()
        follow(self, self._fill_plans)  # "(wordt gemaakt)" in the new language
        follow(self, self._update_overall)  # the bar's words may need more room

    # -- building -----------------------------------------------------------------------

    def reload(self) -> None:
        """The kit changed (first import, update): build the steps again."""
        self.flush()
        if self.context.library.installed() is not None:
            self.service.remember_kit_texts()
        doc_titles = {d.id: d.title for d in self.context.library.documents()}
        views = self.service.overview()
        position = self.scroll.verticalScrollBar().value()
        for card in self.cards.values():
            self.cards_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = {}
        for view in views:
            card = StepCard(view, doc_titles, self.container)
            card.toggled.connect(self._toggled)
            card.item_note_changed.connect(self.service.set_item_note)
            card.step_note_changed.connect(self.service.set_step_note)
            card.action_clicked.connect(self.make_or_show_action)
            card.open_document.connect(lambda doc_id: self.open_document(doc_id))
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            card.show()  # at once, not at the layout's next round
            self.cards[view.id] = card
        self.empty.setVisible(not views)
        self.scroll.setVisible(bool(views))
        self._update_overall()
        self.refresh_links()
        self.scroll.verticalScrollBar().setValue(position)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh_links()

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    def flush(self) -> None:
        """Save notes that are being typed."""
        for card in self.cards.values():
            card.flush()

    def refresh_links(self) -> None:
        """Which items already have an action; which plan new actions go to."""
        links = self.plans.actions_from_items()
        for card in self.cards.values():
            for item_id, row in card.rows.items():
                row.set_action_link(bool(links.get(item_id)))
        self._fill_plans()

    def _fill_plans(self) -> None:
        plans = self.plans.plans()
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for plan in plans:
            self.plan_box.addItem(plan.name, plan.id)
        if not plans:
            self.plan_box.addItem(
                self.tr("{name} (wordt gemaakt)").format(name=self.default_plan_name()), NEW_PLAN
            )
        current = self.current_plan_id()
        self.plan_box.setCurrentIndex(max(0, self.plan_box.findData(current)))
        self.plan_box.blockSignals(False)

    def current_plan_id(self) -> int | None:
        current = self.plans.current_plan()
        return current.id if current is not None else None

    def _plan_chosen(self, _index: int) -> None:
        plan_id = self.plan_box.currentData()
        if isinstance(plan_id, int) and plan_id != NEW_PLAN:
            self.plans.set_current_plan(plan_id)

    # -- what a person does --------------------------------------------------------------

    def _toggled(self, item_id: str, done: bool) -> None:
        self.service.set_done(item_id, done)
        self._update_overall()

    def _update_overall(self) -> None:
        done = total = 0
        for card in self.cards.values():
            d, t = card.done_count()
            done, total = done + d, total + t
        self.overall.setMaximum(max(1, total))
        self.overall.setValue(done)
        self.overall.setVisible(total > 0)
        # The words in the bar must fit, also with large text.
        words = self.overall.fontMetrics().horizontalAdvance(self.overall.text())
        self.overall.setMinimumWidth(words + px(40))

    def make_or_show_action(self, item_id: str) -> None:
        """One click: make an action from the item, or show the one already made."""
        links = self.plans.actions_from_items().get(item_id, [])
        if links:
            plan_id = self.current_plan_id()
            plan_id, action_id = next((x for x in links if x[0] == plan_id), links[0])
            self.show_action_requested.emit(plan_id, action_id)
            return
        plan_id = self.current_plan_id()
        if plan_id is None:
            plan_id = self.plans.create_plan(self.default_plan_name()).id
            self.plans.set_current_plan(plan_id)
        action = self.service.make_action(self.plans, plan_id, item_id)
        plan = self.plans.plan(plan_id)
        plan_name = plan.name if plan else ""
        say(
            self.message,
            lambda: self.tr(
                "Actie ‘{action}’ staat nu in plan ‘{plan}’. "
                "Klik nog eens op de knop om haar te bekijken."
            ).format(action=action.title, plan=plan_name),
        )
        self.refresh_links()
        self.actions_changed.emit()

    def default_plan_name(self) -> str:
        """The plan made for the first action, named in the person's language."""
        return self.tr("Mijn actieplan")

    # -- for tests and the window ----------------------------------------------------------

    def card(self, step_id: str) -> StepCard:
        return self.cards[step_id]

    def overall_counts(self) -> tuple[int, int]:
        return self.overall.value(), self.overall.maximum()

    def scroll_to(self, step_id: str) -> None:
        card = self.cards.get(step_id)
        if card is not None:
            self.scroll.ensureWidgetVisible(card)
            card.setFocus(Qt.FocusReason.OtherFocusReason)
