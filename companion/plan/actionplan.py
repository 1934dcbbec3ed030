"""Action plans: plans, their actions, and the rules an action must follow.

Plain Python over the user store, so the screen, the exports, the plan file
import and the tests all change plans the same way. Every change is its own
committed transaction (autosave); the screen's undo works by calling these
methods with the values from before (see ``restore_action`` and
``restore_plan``, which put deleted rows back with their own ids).

Wrong input (empty title, a start date after the due date, an unknown status)
raises :class:`PlanError` with a Dutch sentence, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.store.user_store import UserStore

STATUSES = ("te doen", "bezig", "klaar")
# Labels are Dutch here (exports, command line); the window translates them.
STATUS_LABELS = {
    "te doen": QT_TRANSLATE_NOOP("messages", "Te doen"),
    "bezig": QT_TRANSLATE_NOOP("messages", "Bezig"),
    "klaar": QT_TRANSLATE_NOOP("messages", "Klaar"),
}
PRIORITIES = {
    1: QT_TRANSLATE_NOOP("messages", "Hoog"),
    2: QT_TRANSLATE_NOOP("messages", "Normaal"),
    3: QT_TRANSLATE_NOOP("messages", "Laag"),
}
PLAN_GONE = QT_TRANSLATE_NOOP("messages", "Dit plan bestaat niet meer.")
ACTION_GONE = QT_TRANSLATE_NOOP("messages", "Deze actie bestaat niet meer.")
MAX_TITLE = 300
MAX_NAME = 200
MAX_TEXT = 20_000
# The plan a person works in, shared by "Waar begin je?" and Actieplan (a plan id).
CURRENT_PLAN_SETTING = "actieplan.huidig"


class PlanError(CompanionError):
    """An action or plan change was refused; nothing was stored."""


@dataclass(frozen=True)
class Plan:
    id: int
    name: str
    description: str = ""
    location: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Action:
    """One action. Dates are ISO strings (``2026-03-15``) or ``None``."""

    id: int
    plan_id: int
    title: str
    description: str = ""
    step_id: str | None = None
    document_ids: tuple[str, ...] = ()
    partner: str = ""
    owner: str = ""
    start_date: str | None = None
    due_date: str | None = None
    status: str = "te doen"
    priority: int = 2
    position: int = 0
    source_item_id: str | None = None
    source_item_text: str = ""
    created_at: str = ""
    updated_at: str = ""

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its due date and not done: the screen and the exports mark it."""
        if not self.due_date or self.status == "klaar":
            return False
        return self.due_date < (today or dt.date.today()).isoformat()


# Fields a person edits; everything else is bookkeeping.
EDITABLE = (
    "title",
    "description",
    "step_id",
    "document_ids",
    "partner",
    "owner",
    "start_date",
    "due_date",
    "status",
    "priority",
)
_COLUMNS = (
    "id, plan_id, title, description, step_id, partner, owner, start_date, due_date, "
    "status, priority, position, source_item_id, source_item_text, created_at, updated_at"
)


@dataclass
class PlanSnapshot:
    """A whole plan with its actions, for undoing a delete and for plan files."""

    plan: Plan
    actions: list[Action] = field(default_factory=list)


# The names of dates in messages ("De startdatum is geen geldige datum."), translatable.
DATE_LABELS = {
    "startdatum": Text(QT_TRANSLATE_NOOP("messages", "startdatum")),
    "einddatum": Text(QT_TRANSLATE_NOOP("messages", "einddatum")),
    "datum": Text(QT_TRANSLATE_NOOP("messages", "datum")),
}


def parse_date(value: object, label: str) -> str | None:
    """An ISO date string or None; anything else is refused with a Dutch message.

    ``label`` names the date in the message: "startdatum", "einddatum" or "datum".
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.isoformat() == value:
            return value
    raise PlanError(
        QT_TRANSLATE_NOOP("messages", "De {label} is geen geldige datum."),
        repr(value),
        label=DATE_LABELS.get(label, label),
    )


def _required_text(value: object, when_empty: str, what: Text, limit: int) -> str:
    """A name or title: trimmed, not empty, not longer than ``limit``."""
    text = str(value or "").strip()
    if not text:
        raise PlanError(when_empty)
    if len(text) > limit:
        raise PlanError(
            QT_TRANSLATE_NOOP("messages", "De {what} is te lang (meer dan {limit} tekens)."),
            what=what,
            limit=limit,
        )
    return text


def check_action_fields(values: dict) -> dict:
    """Clean and check the editable fields of an action (partial dicts allowed)."""
    out = dict(values)
    unknown = set(out) - set(EDITABLE) - {"source_item_id", "source_item_text"}
    if unknown:
        raise ValueError(f"unknown action fields: {sorted(unknown)}")
    if "title" in out:
        out["title"] = _required_text(
            out["title"],
            QT_TRANSLATE_NOOP("messages", "Geef de actie een titel."),
            Text(QT_TRANSLATE_NOOP("messages", "titel")),
            MAX_TITLE,
        )
    for name in ("description", "partner", "owner", "source_item_text"):
        if name in out:
            text = str(out[name] or "")
            text = text.strip() if name in ("partner", "owner") else text
            if len(text) > MAX_TEXT:
                raise PlanError(
                    QT_TRANSLATE_NOOP("messages", "Een tekst bij deze actie is te lang.")
                )
            out[name] = text
    for name in ("step_id", "source_item_id"):
        if name in out:
            out[name] = str(out[name]) if out[name] else None
    if "start_date" in out:
        out["start_date"] = parse_date(out["start_date"], "startdatum")
    if "due_date" in out:
        out["due_date"] = parse_date(out["due_date"], "einddatum")
    if "status" in out and out["status"] not in STATUSES:
        raise PlanError(
            QT_TRANSLATE_NOOP("messages", "Kies als status te doen, bezig of klaar."),
            repr(out["status"]),
        )
    if "priority" in out and (
        out["priority"] not in PRIORITIES or isinstance(out["priority"], bool)
    ):
        raise PlanError(
            QT_TRANSLATE_NOOP("messages", "Kies als prioriteit hoog, normaal of laag."),
            repr(out["priority"]),
        )
    if "document_ids" in out:
        ids = []
        for doc_id in out["document_ids"] or ():
            if not isinstance(doc_id, str) or not doc_id:
                raise PlanError(
                    QT_TRANSLATE_NOOP(
                        "messages", "Een gekoppeld document heeft geen geldige naam."
                    ),
                    repr(doc_id),
                )
            if doc_id not in ids:
                ids.append(doc_id)
        out["document_ids"] = tuple(ids)
    return out


def check_action_update(current: Action, changes: dict) -> dict:
    """Check changes to an existing action, dates against each other included."""
    values = check_action_fields(changes)
    _check_dates(
        values.get("start_date", current.start_date), values.get("due_date", current.due_date)
    )
    return values


def check_plan_fields(values: dict) -> dict:
    out = dict(values)
    unknown = set(out) - {"name", "description", "location"}
    if unknown:
        raise ValueError(f"unknown plan fields: {sorted(unknown)}")
    if "name" in out:
        out["name"] = _required_text(
            out["name"],
            QT_TRANSLATE_NOOP("messages", "Geef het plan een naam."),
            Text(QT_TRANSLATE_NOOP("messages", "naam")),
            MAX_NAME,
        )
    for key in ("description", "location"):
        if key in out:
            text = str(out[key] or "")
            if len(text) > MAX_TEXT:
                raise PlanError(QT_TRANSLATE_NOOP("messages", "Een tekst bij dit plan is te lang."))
            out[key] = text.strip() if key == "location" else text
    return out


class ActionPlanService:
    """Plans and actions in the user store."""

    def __init__(self, user: UserStore) -> None:
        self.user = user
        self.conn = user.conn

    # -- plans -------------------------------------------------------------------

    def plans(self) -> list[Plan]:
        rows = self.conn.execute(
            "SELECT id, name, description, location, created_at, updated_at FROM plans "
            "ORDER BY name COLLATE NOCASE, id"
        )
        return [Plan(*row) for row in rows]

    def plan(self, plan_id: int) -> Plan | None:
        row = self.conn.execute(
            "SELECT id, name, description, location, created_at, updated_at FROM plans "
            "WHERE id = ?",
            (plan_id,),
        ).fetchone()
        return None if row is None else Plan(*row)

    def create_plan(self, name: str, description: str = "", location: str = "") -> Plan:
        values = check_plan_fields({"name": name, "description": description, "location": location})
        now = _now()
        with self.user.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO plans (name, description, location, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (values["name"], values["description"], values["location"], now, now),
            )
        plan = self.plan(int(cursor.lastrowid))
        assert plan is not None
        return plan

    def current_plan(self) -> Plan | None:
        """The plan chosen last, in either screen; else the first by name; None without plans.

        One choice for the whole program, kept in the user store: a plan picked
        in "Waar begin je?" is the one Actieplan shows, also after a restart. A
        deleted choice falls back to the first plan left.
        """
        plans = self.plans()
        saved = self.user.setting(CURRENT_PLAN_SETTING) or ""
        chosen = next((p for p in plans if saved.isdigit() and p.id == int(saved)), None)
        return chosen or (plans[0] if plans else None)

    def set_current_plan(self, plan_id: int) -> None:
        """Make ``plan_id`` the plan both screens show and new actions go to."""
        if self.plan(plan_id) is None:
            raise PlanError(PLAN_GONE, f"plan {plan_id}")
        if self.user.setting(CURRENT_PLAN_SETTING) != str(plan_id):
            self.user.set_setting(CURRENT_PLAN_SETTING, str(plan_id))

    def update_plan(self, plan_id: int, **changes: str) -> Plan:
        values = check_plan_fields(changes)
        if values:
            sets = ", ".join(f"{k} = ?" for k in values)
            with self.user.transaction() as conn:
                conn.execute(
                    f"UPDATE plans SET {sets}, updated_at = ? WHERE id = ?",
                    (*values.values(), _now(), plan_id),
                )
        plan = self.plan(plan_id)
        if plan is None:
            raise PlanError(PLAN_GONE, f"plan {plan_id}")
        return plan

    def snapshot(self, plan_id: int) -> PlanSnapshot:
        plan = self.plan(plan_id)
        if plan is None:
            raise PlanError(PLAN_GONE, f"plan {plan_id}")
        return PlanSnapshot(plan, self.actions(plan_id))

    def delete_plan(self, plan_id: int) -> PlanSnapshot:
        """Delete a plan and its actions; returns what was there (to undo)."""
        snapshot = self.snapshot(plan_id)
        with self.user.transaction() as conn:
            conn.execute("DELETE FROM plans WHERE id = ?", (plan_id,))
        return snapshot

    def restore_plan(self, snapshot: PlanSnapshot) -> Plan:
        """Put a deleted plan back with its own ids (undo of a delete)."""
        p = snapshot.plan
        with self.user.transaction() as conn:
            conn.execute(
                "INSERT INTO plans (id, name, description, location, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (p.id, p.name, p.description, p.location, p.created_at, p.updated_at),
            )
            for action in snapshot.actions:
                self._insert(conn, action, keep_id=True)
        return p

    def import_snapshot(self, snapshot: PlanSnapshot) -> Plan:
        """Store a plan from elsewhere as a new plan (new ids, name made unique)."""
        p = snapshot.plan
        values = check_plan_fields(
            {"name": p.name, "description": p.description, "location": p.location}
        )
        checked = [check_action_fields(_editable(a)) for a in snapshot.actions]
        name = self._unique_name(values["name"])
        now = _now()
        with self.user.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO plans (name, description, location, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, values["description"], values["location"], p.created_at or now, now),
            )
            plan_id = int(cursor.lastrowid)
            for position, (action, fields) in enumerate(
                zip(snapshot.actions, checked, strict=True)
            ):
                self._insert(
                    conn,
                    dataclasses.replace(
                        action,
                        **fields,
                        id=0,
                        plan_id=plan_id,
                        position=position,
                        created_at=action.created_at or now,
                        updated_at=action.updated_at or now,
                    ),
                    keep_id=False,
                )
        plan = self.plan(plan_id)
        assert plan is not None
        return plan

    def _unique_name(self, name: str) -> str:
        taken = {p.name.casefold() for p in self.plans()}
        if name.casefold() not in taken:
            return name
        number = 2
        while f"{name} ({number})".casefold() in taken:
            number += 1
        return f"{name} ({number})"

    # -- actions -----------------------------------------------------------------

    def actions(self, plan_id: int) -> list[Action]:
        """The plan's actions in the person's own order."""
        docs: dict[int, list[str]] = {}
        for action_id, doc_id in self.conn.execute(
            "SELECT d.action_id, d.document_id FROM action_documents d "
            "JOIN actions a ON a.id = d.action_id WHERE a.plan_id = ? "
            "ORDER BY d.action_id, d.position",
            (plan_id,),
        ):
            docs.setdefault(action_id, []).append(doc_id)
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM actions WHERE plan_id = ? ORDER BY position, id", (plan_id,)
        )
        return [_action(row, docs.get(row[0], ())) for row in rows]

    def action(self, action_id: int) -> Action | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM actions WHERE id = ?", (action_id,)
        ).fetchone()
        if row is None:
            return None
        docs = [
            r[0]
            for r in self.conn.execute(
                "SELECT document_id FROM action_documents WHERE action_id = ? ORDER BY position",
                (action_id,),
            )
        ]
        return _action(row, docs)

    def actions_from_items(self) -> dict[str, list[tuple[int, int]]]:
        """Checklist item id -> [(plan id, action id)] for actions made from an item."""
        found: dict[str, list[tuple[int, int]]] = {}
        for item_id, plan_id, action_id in self.conn.execute(
            "SELECT source_item_id, plan_id, id FROM actions "
            "WHERE source_item_id IS NOT NULL ORDER BY plan_id, position"
        ):
            found.setdefault(item_id, []).append((plan_id, action_id))
        return found

    def add_action(self, plan_id: int, index: int | None = None, **fields: object) -> Action:
        """A new action at ``index`` (default: at the end)."""
        values = check_action_fields({"title": fields.pop("title", ""), **fields})
        _check_dates(values.get("start_date"), values.get("due_date"))
        now = _now()
        with self.user.transaction() as conn:
            if not conn.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone():
                raise PlanError(PLAN_GONE, f"plan {plan_id}")
            count = conn.execute(
                "SELECT count(*) FROM actions WHERE plan_id = ?", (plan_id,)
            ).fetchone()[0]
            position = count if index is None else max(0, min(index, count))
            conn.execute(
                "UPDATE actions SET position = position + 1 WHERE plan_id = ? AND position >= ?",
                (plan_id, position),
            )
            action_id = self._insert(
                conn,
                Action(
                    id=0,
                    plan_id=plan_id,
                    position=position,
                    created_at=now,
                    updated_at=now,
                    **values,  # type: ignore[arg-type]
                ),
                keep_id=False,
            )
        action = self.action(action_id)
        assert action is not None
        return action

    def update_action(self, action_id: int, **changes: object) -> Action:
        """Change some fields of one action (one transaction)."""
        current = self.action(action_id)
        if current is None:
            raise PlanError(ACTION_GONE, f"action {action_id}")
        values = check_action_update(current, changes)
        docs = values.pop("document_ids", None)
        with self.user.transaction() as conn:
            if not conn.execute("SELECT 1 FROM actions WHERE id = ?", (action_id,)).fetchone():
                raise PlanError(ACTION_GONE, f"action {action_id}")  # deleted meanwhile
            if values:
                sets = ", ".join(f"{k} = ?" for k in values)
                conn.execute(
                    f"UPDATE actions SET {sets}, updated_at = ? WHERE id = ?",
                    (*values.values(), _now(), action_id),
                )
            if docs is not None:
                conn.execute("DELETE FROM action_documents WHERE action_id = ?", (action_id,))
                _insert_docs(conn, action_id, docs)
                conn.execute("UPDATE actions SET updated_at = ? WHERE id = ?", (_now(), action_id))
            self._touch_plan(conn, current.plan_id)
        updated = self.action(action_id)
        assert updated is not None
        return updated

    def delete_action(self, action_id: int) -> Action:
        """Delete one action; returns it as it was (to undo).

        Read inside the write transaction: another window on the same data may
        have moved or deleted it since this one last looked.
        """
        with self.user.transaction() as conn:
            action = self.action(action_id)
            if action is None:
                raise PlanError(ACTION_GONE, f"action {action_id}")
            conn.execute("DELETE FROM actions WHERE id = ?", (action_id,))
            conn.execute(
                "UPDATE actions SET position = position - 1 WHERE plan_id = ? AND position > ?",
                (action.plan_id, action.position),
            )
            self._touch_plan(conn, action.plan_id)
        return action

    def restore_action(self, action: Action) -> Action:
        """Put a deleted action back with its id, fields and place (undo of a delete)."""
        with self.user.transaction() as conn:
            count = conn.execute(
                "SELECT count(*) FROM actions WHERE plan_id = ?", (action.plan_id,)
            ).fetchone()[0]
            position = max(0, min(action.position, count))
            conn.execute(
                "UPDATE actions SET position = position + 1 WHERE plan_id = ? AND position >= ?",
                (action.plan_id, position),
            )
            self._insert(conn, dataclasses.replace(action, position=position), keep_id=True)
            self._touch_plan(conn, action.plan_id)
        restored = self.action(action.id)
        assert restored is not None
        return restored

    def move_action(self, action_id: int, index: int) -> int:
        """Move an action to place ``index`` in its plan; returns where it was."""
        with self.user.transaction() as conn:
            # Read under the write lock (see delete_action).
            action = self.action(action_id)
            if action is None:
                raise PlanError(ACTION_GONE, f"action {action_id}")
            order = [a.id for a in self.actions(action.plan_id)]
            old = order.index(action_id)
            order.pop(old)
            order.insert(max(0, min(index, len(order))), action_id)
            conn.executemany(
                "UPDATE actions SET position = ? WHERE id = ?",
                [(pos, aid) for pos, aid in enumerate(order)],
            )
            self._touch_plan(conn, action.plan_id)
        return old

    # -- helpers -----------------------------------------------------------------

    def _insert(self, conn: sqlite3.Connection, action: Action, *, keep_id: bool) -> int:
        columns = [
            "plan_id",
            "title",
            "description",
            "step_id",
            "partner",
            "owner",
            "start_date",
            "due_date",
            "status",
            "priority",
            "position",
            "source_item_id",
            "source_item_text",
            "created_at",
            "updated_at",
        ]
        values = [getattr(action, c) for c in columns]
        if keep_id:
            columns.insert(0, "id")
            values.insert(0, action.id)
        cursor = conn.execute(
            f"INSERT INTO actions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            values,
        )
        action_id = action.id if keep_id else int(cursor.lastrowid)
        _insert_docs(conn, action_id, action.document_ids)
        return action_id

    @staticmethod
    def _touch_plan(conn: sqlite3.Connection, plan_id: int) -> None:
        conn.execute("UPDATE plans SET updated_at = ? WHERE id = ?", (_now(), plan_id))


# -- sorting and filtering (pure functions, used by the screen and the exports) ----

SORT_KEYS = {
    "eigen": QT_TRANSLATE_NOOP("messages", "Eigen volgorde"),
    "einddatum": QT_TRANSLATE_NOOP("messages", "Einddatum"),
    "status": QT_TRANSLATE_NOOP("messages", "Status"),
    "partner": QT_TRANSLATE_NOOP("messages", "Partner"),
    "prioriteit": QT_TRANSLATE_NOOP("messages", "Prioriteit"),
}


def sort_actions(actions: Iterable[Action], key: str = "eigen") -> list[Action]:
    """Sorted copy; actions without a due date or partner go last."""
    items = list(actions)
    if key == "einddatum":
        return sorted(items, key=lambda a: (a.due_date is None, a.due_date or "", a.position))
    if key == "status":
        return sorted(items, key=lambda a: (STATUSES.index(a.status), a.position))
    if key == "partner":
        return sorted(items, key=lambda a: (not a.partner, a.partner.casefold(), a.position))
    if key == "prioriteit":
        return sorted(items, key=lambda a: (a.priority, a.position))
    return sorted(items, key=lambda a: a.position)


DUE_FILTERS = {
    "": QT_TRANSLATE_NOOP("messages", "Alle datums"),
    "te-laat": QT_TRANSLATE_NOOP("messages", "Te laat"),
    "week": QT_TRANSLATE_NOOP("messages", "Binnen 7 dagen"),
    "maand": QT_TRANSLATE_NOOP("messages", "Binnen 30 dagen"),
    "geen": QT_TRANSLATE_NOOP("messages", "Zonder einddatum"),
}


def filter_actions(
    actions: Iterable[Action],
    *,
    status: str | None = None,
    partner: str | None = None,
    due: str = "",
    today: dt.date | None = None,
) -> list[Action]:
    """Only the actions that match every given filter (None or "" means: any)."""
    today = today or dt.date.today()
    out = []
    for a in actions:
        if status and a.status != status:
            continue
        if partner is not None and partner != "" and a.partner != partner:
            continue
        if due == "te-laat" and not a.is_overdue(today):
            continue
        if due in ("week", "maand"):
            days = 7 if due == "week" else 30
            limit = (today + dt.timedelta(days=days)).isoformat()
            if not a.due_date or a.status == "klaar" or a.due_date > limit:
                continue
        if due == "geen" and a.due_date:
            continue
        out.append(a)
    return out


def partners(actions: Sequence[Action]) -> list[str]:
    return sorted({a.partner for a in actions if a.partner}, key=str.casefold)


def dutch_date(value: str | None) -> str:
    """``2026-03-15`` -> ``15-03-2026`` (how Dutch readers write dates)."""
    if not value:
        return ""
    d = dt.date.fromisoformat(value)
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def _editable(action: Action) -> dict:
    values = {name: getattr(action, name) for name in EDITABLE}
    values["source_item_id"] = action.source_item_id
    values["source_item_text"] = action.source_item_text
    return values


def _check_dates(start: str | None, due: str | None) -> None:
    if start and due and start > due:
        raise PlanError(
            QT_TRANSLATE_NOOP(
                "messages", "De startdatum ligt na de einddatum. Pas een van de twee aan."
            )
        )


def _insert_docs(conn: sqlite3.Connection, action_id: int, doc_ids: Iterable[str]) -> None:
    conn.executemany(
        "INSERT INTO action_documents (action_id, document_id, position) VALUES (?, ?, ?)",
        [(action_id, doc_id, pos) for pos, doc_id in enumerate(doc_ids)],
    )


def _action(row: tuple, docs: Iterable[str]) -> Action:
    return Action(
        id=row[0],
        plan_id=row[1],
        title=row[2],
        description=row[3],
        step_id=row[4],
        partner=row[5],
        owner=row[6],
        start_date=row[7],
        due_date=row[8],
        status=row[9],
        priority=row[10],
        position=row[11],
        source_item_id=row[12],
        source_item_text=row[13],
        created_at=row[14],
        updated_at=row[15],
        document_ids=tuple(docs),
    )


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")
