"""'Waar begin je?': the kit's steps as a checklist with the person's ticks and notes.

The steps and items come from the kit (``KitLibrary.steps()``); ticks and
notes live in the user store, keyed by the kit's stable item and step ids.
When a kit update removes an item that someone ticked or wrote a note on, the
item stays visible as "niet meer in de kit" with the remembered text: nothing
a person made disappears because the kit changed. Items are unique across the
whole kit, so a tick also follows an item that moved to another step.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.library import KitLibrary, StepInfo
from companion.plan.actionplan import Action, ActionPlanService
from companion.store.user_store import UserStore

REMOVED_LABEL = QT_TRANSLATE_NOOP("messages", "niet meer in de kit")
MAX_NOTE = 20_000


@dataclass(frozen=True)
class ItemView:
    id: str
    step_id: str
    text: str
    done: bool
    note: str
    in_kit: bool


@dataclass(frozen=True)
class StepView:
    id: str
    number: int | None  # place in the kit (1-based); None for a step no longer in the kit
    title: str
    summary: str
    documents: tuple[str, ...]
    items: tuple[ItemView, ...]
    note: str
    in_kit: bool

    @property
    def kit_items(self) -> tuple[ItemView, ...]:
        return tuple(i for i in self.items if i.in_kit)

    @property
    def done_count(self) -> int:
        return sum(1 for i in self.kit_items if i.done)

    @property
    def total(self) -> int:
        return len(self.kit_items)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class ChecklistService:
    """Reads the kit's steps, keeps ticks and notes in the user store."""

    def __init__(self, user: UserStore, library: KitLibrary) -> None:
        self.user = user
        self.library = library

    def overview(self) -> list[StepView]:
        """Every kit step in order, then steps only the person's data still knows."""
        steps = self.library.steps()
        saved = self._saved_items()
        notes = self._step_notes()
        kit_item_ids = {item.id for step in steps for item in step.items}
        removed: dict[str, list[ItemView]] = {}
        for item_id, (step_id, text, _step_title, done, note) in saved.items():
            if item_id not in kit_item_ids and (done or note.strip()):
                removed.setdefault(step_id, []).append(
                    ItemView(item_id, step_id, text, bool(done), note, in_kit=False)
                )

        views = []
        for number, step in enumerate(steps, start=1):
            items = []
            for item in step.items:
                row = saved.get(item.id)
                done, note = (bool(row[3]), row[4]) if row else (False, "")
                items.append(ItemView(item.id, step.id, item.text, done, note, in_kit=True))
            items.extend(removed.pop(step.id, []))
            views.append(
                StepView(
                    step.id,
                    number,
                    step.title,
                    step.summary,
                    step.documents,
                    tuple(items),
                    notes.get(step.id, ("", ""))[1],
                    in_kit=True,
                )
            )
        # Steps the kit dropped, kept for what the person wrote there.
        kit_step_ids = {s.id for s in steps}
        gone_steps = set(removed) | {
            sid for sid, (_t, note) in notes.items() if sid not in kit_step_ids and note.strip()
        }
        for step_id in sorted(gone_steps):
            items = removed.get(step_id, [])
            title = notes.get(step_id, ("", ""))[0] or next(
                (saved[i.id][2] for i in items if saved[i.id][2]), step_id
            )
            views.append(
                StepView(
                    step_id,
                    None,
                    title,
                    "",
                    (),
                    tuple(items),
                    notes.get(step_id, ("", ""))[1],
                    in_kit=False,
                )
            )
        return views

    def progress(self, views: list[StepView] | None = None) -> Progress:
        """Ticked kit items of all kit items (items no longer in the kit do not count)."""
        views = self.overview() if views is None else views
        return Progress(sum(v.done_count for v in views), sum(v.total for v in views))

    # -- writes (one statement each: autosave) -----------------------------------

    def set_done(self, item_id: str, done: bool) -> None:
        self._save_item(item_id, "done", int(bool(done)))

    def set_item_note(self, item_id: str, note: str) -> None:
        self._save_item(item_id, "note", note[:MAX_NOTE])

    def _save_item(self, item_id: str, column: str, value: object) -> None:
        """Write one of the person's fields, with the item's current wording beside it."""
        assert column in ("done", "note")
        step_id, text, step_title = self._item_context(item_id)
        self.user.conn.execute(
            f"INSERT INTO checklist_items (item_id, step_id, item_text, step_title, {column}, "
            f"updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET "
            f"{column} = excluded.{column}, step_id = excluded.step_id, "
            "item_text = excluded.item_text, step_title = excluded.step_title, "
            "updated_at = excluded.updated_at",
            (item_id, step_id, text, step_title, value, _now()),
        )

    def set_step_note(self, step_id: str, note: str) -> None:
        step = self._kit_step(step_id)
        title = step.title if step else self._remembered_step_title(step_id)
        self.user.conn.execute(
            "INSERT INTO step_notes (step_id, step_title, note, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (step_id) DO UPDATE SET note = excluded.note, "
            "step_title = excluded.step_title, updated_at = excluded.updated_at",
            (step_id, title, note[:MAX_NOTE], _now()),
        )

    def remember_kit_texts(self) -> int:
        """Store the kit's current wording next to saved ticks and notes.

        Run after a kit update: if a later version drops an item, the text
        shown is the last one the person saw, not an older one.
        Returns how many rows changed.
        """
        if self.user.read_only:
            return 0  # bookkeeping only: a read-only data folder shows what it has
        steps = self.library.steps()
        changed = 0
        with self.user.transaction() as conn:
            for step in steps:
                changed += conn.execute(
                    "UPDATE step_notes SET step_title = ? WHERE step_id = ? AND step_title != ?",
                    (step.title, step.id, step.title),
                ).rowcount
                for item in step.items:
                    changed += conn.execute(
                        "UPDATE checklist_items SET step_id = ?, item_text = ?, step_title = ? "
                        "WHERE item_id = ? AND (step_id != ? OR item_text != ? "
                        "OR step_title != ?)",
                        (
                            step.id,
                            item.text,
                            step.title,
                            item.id,
                            step.id,
                            item.text,
                            step.title,
                        ),
                    ).rowcount
        return changed

    # -- turning an item into an action --------------------------------------------

    def make_action(self, plans: ActionPlanService, plan_id: int, item_id: str) -> Action:
        """A new action in ``plan_id`` for this item, linked back to it."""
        step_id, text, _title = self._item_context(item_id)
        step = self._kit_step(step_id)
        return plans.add_action(
            plan_id,
            title=text or item_id,
            step_id=step_id,
            document_ids=step.documents if step else (),
            source_item_id=item_id,
            source_item_text=text,
        )

    # -- helpers --------------------------------------------------------------------

    def _saved_items(self) -> dict[str, tuple[str, str, str, int, str]]:
        rows = self.user.conn.execute(
            "SELECT item_id, step_id, item_text, step_title, done, note FROM checklist_items"
        )
        return {row[0]: tuple(row[1:]) for row in rows}

    def _step_notes(self) -> dict[str, tuple[str, str]]:
        rows = self.user.conn.execute("SELECT step_id, step_title, note FROM step_notes")
        return {row[0]: (row[1], row[2]) for row in rows}

    def _kit_step(self, step_id: str) -> StepInfo | None:
        return next((s for s in self.library.steps() if s.id == step_id), None)

    def _item_context(self, item_id: str) -> tuple[str, str, str]:
        """(step id, item text, step title): from the kit, or remembered if it is gone."""
        for step in self.library.steps():
            for item in step.items:
                if item.id == item_id:
                    return step.id, item.text, step.title
        row = self.user.conn.execute(
            "SELECT step_id, item_text, step_title FROM checklist_items WHERE item_id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise KeyError(item_id)
        return row[0], row[1], row[2]

    def _remembered_step_title(self, step_id: str) -> str:
        row = self.user.conn.execute(
            "SELECT step_title FROM step_notes WHERE step_id = ? UNION ALL "
            "SELECT step_title FROM checklist_items WHERE step_id = ? LIMIT 1",
            (step_id, step_id),
        ).fetchone()
        return row[0] if row else ""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")
