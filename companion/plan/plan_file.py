"""The plan file (``.actieplan``): a plan to carry to another copy of the program.

JSON in UTF-8 with a format name and a format version::

    {"format": "strategiekit-actieplan", "format_version": 1,
     "exported_at": "2026-03-01T10:00:00", "program": "Strategiekit Companion",
     "plan": {"name": ..., "description": ..., "location": ..., "created_at": ...},
     "actions": [{"title": ..., "description": ..., "step_id": ..., "step_title": ...,
                  "document_ids": [...], "partner": ..., "owner": ...,
                  "start_date": "2026-03-01", "due_date": null, "status": "te doen",
                  "priority": 2, "source_item_id": ..., "source_item_text": ...,
                  "created_at": ..., "updated_at": ...}]}

Reading checks everything before anything is stored: a file that is not
JSON, is cut off, names another format, comes from a newer program (a higher
``format_version``), nests absurdly deep, holds text that is not valid Unicode
(a lone surrogate) or impossible values is refused with a Dutch message and
the user store stays as it was. Unknown keys are ignored, so a
newer program can add fields without raising the version.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from companion.errors import CompanionError
from companion.files import write_atomic
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.json_input import JsonInputError, load_json
from companion.plan.actionplan import (
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    PRIORITIES,
    STATUSES,
    Action,
    ActionPlanService,
    Plan,
    PlanError,
    PlanSnapshot,
    parse_date,
)

FORMAT = "strategiekit-actieplan"
FORMAT_VERSION = 1
SUFFIX = ".actieplan"
MAX_BYTES = 20 * 1024 * 1024
MAX_ACTIONS = 10_000
NOT_RIGHT = QT_TRANSLATE_NOOP(
    "messages", "Dit actieplan-bestand klopt niet: {reason} Er is niets geïmporteerd."
)


class PlanFileError(CompanionError):
    """A plan file was refused; nothing was stored."""


def plan_to_dict(snapshot: PlanSnapshot, step_titles: dict[str, str] | None = None) -> dict:
    step_titles = step_titles or {}
    p = snapshot.plan
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "program": "Strategiekit Companion",
        "plan": {
            "name": p.name,
            "description": p.description,
            "location": p.location,
            "created_at": p.created_at,
            "updated_at": p.updated_at,
        },
        "actions": [
            {
                "title": a.title,
                "description": a.description,
                "step_id": a.step_id,
                "step_title": step_titles.get(a.step_id or "", ""),
                "document_ids": list(a.document_ids),
                "partner": a.partner,
                "owner": a.owner,
                "start_date": a.start_date,
                "due_date": a.due_date,
                "status": a.status,
                "priority": a.priority,
                "source_item_id": a.source_item_id,
                "source_item_text": a.source_item_text,
                "created_at": a.created_at,
                "updated_at": a.updated_at,
            }
            for a in sorted(snapshot.actions, key=lambda a: a.position)
        ],
    }


def write_plan_file(
    snapshot: PlanSnapshot, path: Path, step_titles: dict[str, str] | None = None
) -> Path:
    data = json.dumps(plan_to_dict(snapshot, step_titles), ensure_ascii=False, indent=2)
    write_atomic(path, (data + "\n").encode("utf-8"))
    return path


def read_plan_file(path: Path) -> PlanSnapshot:
    """Read and check a plan file completely; raises PlanFileError with a Dutch message."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlanFileError(
                QT_TRANSLATE_NOOP("messages", "Dit bestand is te groot voor een actieplan."),
                f"{size} bytes > {MAX_BYTES}",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(
            QT_TRANSLATE_NOOP("messages", "Het bestand kan niet worden gelezen."), str(exc)
        ) from exc
    return parse_plan_bytes(raw)


def parse_plan_bytes(raw: bytes) -> PlanSnapshot:
    if not raw.strip():
        raise PlanFileError(
            QT_TRANSLATE_NOOP("messages", "Dit bestand is leeg. Er is niets geïmporteerd.")
        )
    try:
        data = load_json(raw, allow_bom=True)
    except JsonInputError as exc:
        if exc.reason == "encoding":
            message = QT_TRANSLATE_NOOP(
                "messages",
                "Dit is geen actieplan-bestand (het is geen tekst). Er is niets geïmporteerd.",
            )
        elif exc.reason == "depth":
            message = QT_TRANSLATE_NOOP(
                "messages",
                "Dit actieplan-bestand zit veel dieper in elkaar dan een actieplan. "
                "Er is niets geïmporteerd.",
            )
        elif exc.reason == "characters":
            message = QT_TRANSLATE_NOOP(
                "messages",
                "Dit actieplan-bestand bevat ongeldige tekens. Er is niets geïmporteerd.",
            )
        else:
            message = QT_TRANSLATE_NOOP(
                "messages",
                "Dit actieplan-bestand is beschadigd of niet compleet. Er is niets geïmporteerd.",
            )
        raise PlanFileError(message, str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Dit is geen actieplan-bestand van de Strategiekit. Er is niets geïmporteerd.",
            ),
            f"format {data.get('format') if isinstance(data, dict) else type(data).__name__}",
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PlanFileError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Dit actieplan-bestand is beschadigd (versie onbekend). Er is niets geïmporteerd.",
            ),
            f"format_version {version!r}",
        )
    if version > FORMAT_VERSION:
        raise PlanFileError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Dit actieplan is gemaakt met een nieuwere versie van het programma. "
                "Werk het programma bij en probeer het opnieuw. Er is niets geïmporteerd.",
            ),
            f"format_version {version} > {FORMAT_VERSION}",
        )
    try:
        return _snapshot(data)
    except (PlanError, _Bad) as exc:
        raise PlanFileError(NOT_RIGHT, getattr(exc, "detail", ""), reason=exc.message) from exc


class _Bad(ValueError):
    """A value in the file is of the wrong kind (``message``: a Dutch part of a sentence)."""

    def __init__(self, template: str, **params: object) -> None:
        self.message = Text(template, **params)
        super().__init__(self.message)


def _action(number: int) -> Text:
    return Text(QT_TRANSLATE_NOOP("messages", "actie {number}"), number=number)


def _snapshot(data: dict) -> PlanSnapshot:
    plan = _obj(data.get("plan"), QT_TRANSLATE_NOOP("messages", "het plan ontbreekt."))
    actions = data.get("actions")
    if not isinstance(actions, list):
        raise _Bad(QT_TRANSLATE_NOOP("messages", "de lijst met acties ontbreekt."))
    if len(actions) > MAX_ACTIONS:
        raise _Bad(
            QT_TRANSLATE_NOOP("messages", "er staan meer dan {count} acties in."),
            count=MAX_ACTIONS,
        )
    name = _text(
        plan,
        "name",
        MAX_NAME,
        required=True,
        what=Text(QT_TRANSLATE_NOOP("messages", "de naam van het plan")),
    )
    snapshot_plan = Plan(
        id=0,
        name=name,
        description=_text(plan, "description", MAX_TEXT),
        location=_text(plan, "location", MAX_NAME),
        created_at=_stamp(plan, "created_at"),
        updated_at=_stamp(plan, "updated_at"),
    )
    out = []
    for index, value in enumerate(actions, start=1):
        where = _action(index)
        item = _obj(value, QT_TRANSLATE_NOOP("messages", "{where} is geen actie."), where=where)
        docs = item.get("document_ids", [])
        if not isinstance(docs, list) or not all(isinstance(d, str) and d for d in docs):
            raise _Bad(
                QT_TRANSLATE_NOOP("messages", "de documenten bij {where} kloppen niet."),
                where=where,
            )
        status = item.get("status", "te doen")
        if status not in STATUSES:
            raise _Bad(
                QT_TRANSLATE_NOOP("messages", "{where} heeft een onbekende status."), where=where
            )
        priority = item.get("priority", 2)
        if priority not in PRIORITIES or isinstance(priority, bool):
            raise _Bad(
                QT_TRANSLATE_NOOP("messages", "{where} heeft een onbekende prioriteit."),
                where=where,
            )
        start = _date(item, "start_date", where)
        due = _date(item, "due_date", where)
        if start and due and start > due:
            raise _Bad(
                QT_TRANSLATE_NOOP("messages", "bij {where} ligt de startdatum na de einddatum."),
                where=where,
            )
        out.append(
            Action(
                id=0,
                plan_id=0,
                title=_text(
                    item,
                    "title",
                    MAX_TITLE,
                    required=True,
                    what=Text(QT_TRANSLATE_NOOP("messages", "de titel van {where}"), where=where),
                ),
                description=_text(item, "description", MAX_TEXT),
                step_id=_text(item, "step_id", MAX_NAME) or None,
                document_ids=tuple(dict.fromkeys(docs)),
                partner=_text(item, "partner", MAX_NAME).strip(),
                owner=_text(item, "owner", MAX_NAME).strip(),
                start_date=start,
                due_date=due,
                status=status,
                priority=priority,
                position=index - 1,
                source_item_id=_text(item, "source_item_id", MAX_NAME) or None,
                source_item_text=_text(item, "source_item_text", MAX_TEXT),
                created_at=_stamp(item, "created_at"),
                updated_at=_stamp(item, "updated_at"),
            )
        )
    return PlanSnapshot(snapshot_plan, out)


def _obj(value: Any, template: str, **params: object) -> dict:
    if not isinstance(value, dict):
        raise _Bad(template, **params)
    return value


def _text(data: dict, key: str, limit: int, *, required: bool = False, what: str = "") -> str:
    value = data.get(key)
    if value is None:
        value = ""
    what = what or key
    if not isinstance(value, str):
        raise _Bad(QT_TRANSLATE_NOOP("messages", "{what} is geen tekst."), what=what)
    if required and not value.strip():
        raise _Bad(QT_TRANSLATE_NOOP("messages", "{what} is leeg."), what=what)
    if len(value) > limit:
        raise _Bad(QT_TRANSLATE_NOOP("messages", "{what} is te lang."), what=what)
    return value


def _date(data: dict, key: str, where: Text) -> str | None:
    try:
        return parse_date(data.get(key), "datum")
    except PlanError as exc:
        raise _Bad(
            QT_TRANSLATE_NOOP("messages", "{where} heeft een ongeldige datum."), where=where
        ) from exc


def _stamp(data: dict, key: str) -> str:
    value = data.get(key)
    return value[:32] if isinstance(value, str) else ""


def import_plan_file(service: ActionPlanService, path: Path) -> Plan:
    """Check a plan file, then store it as a new plan in one transaction."""
    snapshot = read_plan_file(path)
    try:
        return service.import_snapshot(snapshot)
    except PlanError as exc:
        raise PlanFileError(NOT_RIGHT, exc.detail, reason=exc.message) from exc
