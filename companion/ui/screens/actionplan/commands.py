"""Undo and redo for the action plan: one QUndoCommand per change.

Every command writes through :class:`ActionPlanService` at once (autosave);
undo writes the values from before. After each step the screen is told
which plan and action to show, so a person sees what was undone.
Consecutive typing in one field of one action merges into one command, so
Ctrl+Z takes back the whole edit, not one letter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from companion.plan.actionplan import Action, ActionPlanService, PlanSnapshot

# Called after every do/undo: (plan id to show, action id to select or None).
ShowFn = Callable[[int, int | None], None]

_MERGE_ID = 4711
TEXT_FIELDS = frozenset({"title", "description", "partner", "owner"})


def _values(action: Action, keys) -> dict:
    return {key: getattr(action, key) for key in keys}


class EditActionCommand(QUndoCommand):
    def __init__(
        self, service: ActionPlanService, show: ShowFn, before: Action, changes: dict
    ) -> None:
        super().__init__(QCoreApplication.translate("PlanCommands", "Actie bewerken"))
        self.service = service
        self.show = show
        self.action_id = before.id
        self.plan_id = before.plan_id
        self.after = dict(changes)
        self.before = _values(before, changes)
        self.first = True

    def redo(self) -> None:
        self.service.update_action(self.action_id, **self.after)
        # The first time, the person is still where they typed: leave the selection alone.
        self.show(self.plan_id, None if self.first else self.action_id)
        self.first = False

    def undo(self) -> None:
        self.service.update_action(self.action_id, **self.before)
        self.show(self.plan_id, self.action_id)

    def id(self) -> int:
        # Only text typing merges; a status or date change stays its own step.
        return _MERGE_ID if set(self.after) <= TEXT_FIELDS and len(self.after) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditActionCommand) or other.action_id != self.action_id:
            return False
        if set(other.after) != set(self.after):
            return False
        self.after = dict(other.after)
        return True


class AddActionCommand(QUndoCommand):
    def __init__(
        self, service: ActionPlanService, show: ShowFn, plan_id: int, fields: dict
    ) -> None:
        super().__init__(QCoreApplication.translate("PlanCommands", "Nieuwe actie"))
        self.service = service
        self.show = show
        self.plan_id = plan_id
        self.fields = fields
        self.action: Action | None = None

    def redo(self) -> None:
        if self.action is None:
            self.action = self.service.add_action(self.plan_id, **self.fields)
        else:  # redo after undo: the same action back, with its id
            self.action = self.service.restore_action(self.action)
        self.show(self.plan_id, self.action.id)

    def undo(self) -> None:
        assert self.action is not None
        self.action = self.service.delete_action(self.action.id)
        self.show(self.plan_id, None)


class DeleteActionCommand(QUndoCommand):
    def __init__(self, service: ActionPlanService, show: ShowFn, action: Action) -> None:
        super().__init__(
            QCoreApplication.translate("PlanCommands", "Actie verwijderen: {title}").format(
                title=action.title
            )
        )
        self.service = service
        self.show = show
        self.action = action

    def redo(self) -> None:
        self.action = self.service.delete_action(self.action.id)
        self.show(self.action.plan_id, None)

    def undo(self) -> None:
        self.service.restore_action(self.action)
        self.show(self.action.plan_id, self.action.id)


class MoveActionCommand(QUndoCommand):
    def __init__(
        self, service: ActionPlanService, show: ShowFn, action: Action, to_index: int
    ) -> None:
        super().__init__(QCoreApplication.translate("PlanCommands", "Actie verplaatsen"))
        self.service = service
        self.show = show
        self.action_id = action.id
        self.plan_id = action.plan_id
        self.to_index = to_index
        self.from_index = action.position

    def redo(self) -> None:
        self.from_index = self.service.move_action(self.action_id, self.to_index)
        self.show(self.plan_id, self.action_id)

    def undo(self) -> None:
        self.service.move_action(self.action_id, self.from_index)
        self.show(self.plan_id, self.action_id)


class EditPlanCommand(QUndoCommand):
    def __init__(
        self, service: ActionPlanService, show: ShowFn, plan_id: int, before: dict, after: dict
    ) -> None:
        super().__init__(QCoreApplication.translate("PlanCommands", "Plan bewerken"))
        self.service = service
        self.show = show
        self.plan_id = plan_id
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.service.update_plan(self.plan_id, **self.after)
        self.show(self.plan_id, None)

    def undo(self) -> None:
        self.service.update_plan(self.plan_id, **self.before)
        self.show(self.plan_id, None)

    def id(self) -> int:
        return _MERGE_ID + 1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditPlanCommand) or other.plan_id != self.plan_id:
            return False
        if set(other.after) != set(self.after):
            return False
        self.after = dict(other.after)
        return True


class DeletePlanCommand(QUndoCommand):
    def __init__(self, service: ActionPlanService, show: ShowFn, plan_id: int) -> None:
        super().__init__(QCoreApplication.translate("PlanCommands", "Plan verwijderen"))
        self.service = service
        self.show = show
        self.plan_id = plan_id
        self.snapshot: PlanSnapshot | None = None

    def redo(self) -> None:
        self.snapshot = self.service.delete_plan(self.plan_id)
        self.show(0, None)

    def undo(self) -> None:
        assert self.snapshot is not None
        self.service.restore_plan(self.snapshot)
        self.show(self.plan_id, None)
