"""Every way a plan file is refused, with the sentence the person reads (Dutch and English).

One table: the bytes of a file, and the exact message. Nothing is stored for
any of them (the import reads and checks the whole file first).
"""

from __future__ import annotations

import json

import pytest

from companion.plan.plan_file import MAX_ACTIONS, PlanFileError, parse_plan_bytes, read_plan_file
from tests.support.english import in_english

NOTHING = "Er is niets geïmporteerd."


def plan_file(plan=None, actions=None, **top) -> bytes:
    data = {"format": "strategiekit-actieplan", "format_version": 1, **top}
    data["plan"] = {"name": "Zaanstad"} if plan is None else plan
    data["actions"] = [] if actions is None else actions
    return json.dumps(data).encode()


def wrong(reason: str) -> str:
    return f"Dit actieplan-bestand klopt niet: {reason} {NOTHING}"


CASES = [
    (b"  \n", f"Dit bestand is leeg. {NOTHING}"),
    (b"\xff\xfe\x00{", f"Dit is geen actieplan-bestand (het is geen tekst). {NOTHING}"),
    (
        b"[" * 100 + b"]" * 100,
        f"Dit actieplan-bestand zit veel dieper in elkaar dan een actieplan. {NOTHING}",
    ),
    (b'{"a": "\\ud800"}', f"Dit actieplan-bestand bevat ongeldige tekens. {NOTHING}"),
    (b'{"format": ', f"Dit actieplan-bestand is beschadigd of niet compleet. {NOTHING}"),
    (b"[]", f"Dit is geen actieplan-bestand van de Strategiekit. {NOTHING}"),
    (b'{"format": "iets anders"}', f"Dit is geen actieplan-bestand van de Strategiekit. {NOTHING}"),
    (
        plan_file(format_version=0),
        f"Dit actieplan-bestand is beschadigd (versie onbekend). {NOTHING}",
    ),
    (
        plan_file(format_version=True),
        f"Dit actieplan-bestand is beschadigd (versie onbekend). {NOTHING}",
    ),
    (
        plan_file(format_version=2),
        "Dit actieplan is gemaakt met een nieuwere versie van het programma. "
        f"Werk het programma bij en probeer het opnieuw. {NOTHING}",
    ),
    (plan_file(plan=[]), wrong("het plan ontbreekt.")),
    (plan_file(actions={"title": "Bel"}), wrong("de lijst met acties ontbreekt.")),
    (
        plan_file(actions=[{"title": "x"}] * (MAX_ACTIONS + 1)),
        wrong("er staan meer dan 10000 acties in."),
    ),
    (plan_file(plan={"name": "  "}), wrong("de naam van het plan is leeg.")),
    (plan_file(plan={"name": 5}), wrong("de naam van het plan is geen tekst.")),
    (plan_file(plan={"name": "x" * 201}), wrong("de naam van het plan is te lang.")),
    (plan_file(actions=[{"title": "Bel"}, 5]), wrong("actie 2 is geen actie.")),
    (
        plan_file(actions=[{"title": "Bel", "document_ids": "abc"}]),
        wrong("de documenten bij actie 1 kloppen niet."),
    ),
    (
        plan_file(actions=[{"title": "Bel", "document_ids": [""]}]),
        wrong("de documenten bij actie 1 kloppen niet."),
    ),
    (
        plan_file(actions=[{"title": "Bel", "status": "af"}]),
        wrong("actie 1 heeft een onbekende status."),
    ),
    (
        plan_file(actions=[{"title": "Bel", "priority": True}]),
        wrong("actie 1 heeft een onbekende prioriteit."),
    ),
    (
        plan_file(actions=[{"title": "Bel", "start_date": "2026-03-02", "due_date": "2026-03-01"}]),
        wrong("bij actie 1 ligt de startdatum na de einddatum."),
    ),
    (plan_file(actions=[{"title": " "}]), wrong("de titel van actie 1 is leeg.")),
    (plan_file(actions=[{"title": "Bel", "description": 5}]), wrong("description is geen tekst.")),
]


@pytest.mark.parametrize(("raw", "message"), CASES)
def test_a_refused_plan_file_says_why(raw, message):
    with pytest.raises(PlanFileError) as info:
        parse_plan_bytes(raw)
    assert info.value.message == message
    english = in_english(info.value)
    assert english != message and "{" not in english


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (b"[]", "format list"),
        (b'{"format": "iets anders"}', "format iets anders"),
        (plan_file(format_version="1"), "format_version '1'"),
        (plan_file(format_version=3), "format_version 3 > 1"),
        (b'{"format": ', "syntax: Expecting value: line 1 column 12 (char 11)"),
    ],
)
def test_the_log_says_what_was_found(raw, detail):
    with pytest.raises(PlanFileError) as info:
        parse_plan_bytes(raw)
    assert info.value.detail == detail


def test_a_file_that_cannot_be_read(tmp_path):
    with pytest.raises(PlanFileError) as info:
        read_plan_file(tmp_path)  # a folder
    assert info.value.message == "Het bestand kan niet worden gelezen."
    assert "Is a directory" in info.value.detail


def test_what_a_good_file_may_leave_out_or_carry_at_its_limits():
    raw = "\ufeff".encode() + plan_file(
        plan={"name": "Zaanstad", "updated_at": "2026-01-02T10:00:00"},
        actions=[
            {"title": "Bel", "start_date": "2026-03-01", "due_date": "2026-03-01"},
            {"title": "Mail", "updated_at": "2026-01-03T11:00:00", "document_ids": ["a", "a", "b"]},
        ],
    )
    snapshot = parse_plan_bytes(raw)  # a byte order mark, as Windows Notepad saves it
    assert snapshot.plan.updated_at == "2026-01-02T10:00:00"
    bel, mail = snapshot.actions
    assert (bel.priority, bel.status, bel.position, mail.position) == (2, "te doen", 0, 1)
    assert mail.updated_at == "2026-01-03T11:00:00"
    assert mail.document_ids == ("a", "b")
    assert (
        len(parse_plan_bytes(plan_file(actions=[{"title": "x"}] * MAX_ACTIONS)).actions)
        == MAX_ACTIONS
    )
