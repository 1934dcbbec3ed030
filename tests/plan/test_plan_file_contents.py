"""What a plan file holds, byte for byte where another program (or a person) reads it."""

from __future__ import annotations

import json
import re

import pytest

from companion.plan.actionplan import ActionPlanService
from companion.plan.plan_file import (
    MAX_BYTES,
    PlanFileError,
    import_plan_file,
    read_plan_file,
    write_plan_file,
)
from companion.store.user_store import UserStore


@pytest.fixture
def service(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    yield ActionPlanService(user)
    user.close()


def test_a_plan_file_is_readable_json_with_its_times_and_step_titles(service, tmp_path):
    plan = service.create_plan("Zaanstad é")
    service.add_action(plan.id, title="Bel", step_id="stap-1")
    service.add_action(plan.id, title="Mail")
    path = write_plan_file(
        service.snapshot(plan.id),
        tmp_path / "plan.actieplan",
        {"stap-1": "Breng het speelveld in kaart"},
    )
    raw = path.read_bytes()
    assert "Zaanstad é".encode() in raw  # the letters themselves, not \\u escapes
    assert raw.startswith(b'{\n  "format": "strategiekit-actieplan",\n')
    data = json.loads(raw)
    assert data["program"] == "Strategiekit Companion"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", data["exported_at"])
    saved = service.plan(plan.id)
    assert (data["plan"]["created_at"], data["plan"]["updated_at"]) == (
        saved.created_at,
        saved.updated_at,
    )
    bel, mail = service.actions(plan.id)
    assert [(a["step_title"], a["created_at"], a["updated_at"]) for a in data["actions"]] == [
        ("Breng het speelveld in kaart", bel.created_at, bel.updated_at),
        ("", mail.created_at, mail.updated_at),
    ]


def test_times_in_a_plan_file_come_back_and_odd_ones_are_cut_or_dropped(service, tmp_path):
    plan = {"name": "Zaanstad", "created_at": "2025-01-01T09:00:00" + "x" * 40}
    actions = [
        {"title": "Bel", "created_at": "2025-01-02T10:00:00", "updated_at": 20250103},
    ]
    path = tmp_path / "plan.actieplan"
    path.write_text(
        json.dumps(
            {
                "format": "strategiekit-actieplan",
                "format_version": 1,
                "plan": plan,
                "actions": actions,
            }
        ),
        encoding="utf-8",
    )
    snapshot = read_plan_file(path)
    assert snapshot.plan.created_at == ("2025-01-01T09:00:00" + "x" * 40)[:32]
    assert (snapshot.actions[0].created_at, snapshot.actions[0].updated_at) == (
        "2025-01-02T10:00:00",
        "",
    )
    imported = import_plan_file(service, path)
    assert imported.created_at == snapshot.plan.created_at
    assert service.actions(imported.id)[0].created_at == "2025-01-02T10:00:00"


def test_a_file_at_the_size_limit_is_read_one_byte_more_is_refused(tmp_path):
    body = json.dumps(
        {
            "format": "strategiekit-actieplan",
            "format_version": 1,
            "plan": {"name": "Groot"},
            "actions": [],
        }
    ).encode()
    path = tmp_path / "groot.actieplan"
    path.write_bytes(body + b" " * (MAX_BYTES - len(body)))
    assert read_plan_file(path).plan.name == "Groot"
    path.write_bytes(body + b" " * (MAX_BYTES + 1 - len(body)))
    with pytest.raises(PlanFileError) as info:
        read_plan_file(path)
    assert info.value.message == "Dit bestand is te groot voor een actieplan."
    assert info.value.detail == f"{MAX_BYTES + 1} bytes > {MAX_BYTES}"


def test_a_wrong_date_in_a_plan_file_says_which_action(tmp_path):
    actions = [{"title": "Bel"}, {"title": "Mail", "due_date": "2026-02-30"}]
    path = tmp_path / "plan.actieplan"
    path.write_text(
        json.dumps(
            {
                "format": "strategiekit-actieplan",
                "format_version": 1,
                "plan": {"name": "Z"},
                "actions": actions,
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(PlanFileError) as info:
        read_plan_file(path)
    assert info.value.message == (
        "Dit actieplan-bestand klopt niet: actie 2 heeft een ongeldige datum. "
        "Er is niets geïmporteerd."
    )
