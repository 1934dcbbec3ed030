"""Action plans in the user store: rules, order, undo support, filters, schema checks."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from companion.plan.actionplan import (
    ActionPlanService,
    PlanError,
    filter_actions,
    partners,
    sort_actions,
)
from companion.store.user_store import UserStore

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def service(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    yield ActionPlanService(user)
    user.close()


def dump(service):
    return list(service.user.conn.iterdump())


def titles(service, plan_id):
    return [a.title for a in service.actions(plan_id)]


def test_plan_with_actions_keeps_every_field(service):
    plan = service.create_plan("  Zaanstad  ", "Laaggeletterden bereiken", " Bibliotheek Zaanstad ")
    assert (plan.name, plan.location) == ("Zaanstad", "Bibliotheek Zaanstad")
    action = service.add_action(
        plan.id,
        title="Gesprek met schuldhulp",
        description="Uitleggen wat de bibliotheek doet.\nTweede regel.",
        step_id="stap-2",
        document_ids=["werkblad-klantreis", "persona-henk", "werkblad-klantreis"],
        partner="Schuldhulp",
        owner="Anna",
        start_date="2026-03-01",
        due_date=dt.date(2026, 3, 15),
        status="bezig",
        priority=1,
    )
    again = service.action(action.id)
    assert again == action
    assert action.document_ids == ("werkblad-klantreis", "persona-henk")
    assert action.due_date == "2026-03-15"
    assert (action.status, action.priority, action.position) == ("bezig", 1, 0)

    changed = service.update_action(action.id, status="klaar", document_ids=["persona-henk"])
    assert changed.status == "klaar" and changed.document_ids == ("persona-henk",)
    assert changed.title == "Gesprek met schuldhulp"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"title": "   "}, "titel"),
        ({"title": "x" * 301}, "te lang"),
        ({"title": "a", "due_date": "2026-02-30"}, "geen geldige datum"),
        ({"title": "a", "due_date": "15-03-2026"}, "geen geldige datum"),
        ({"title": "a", "start_date": "2026-04-01", "due_date": "2026-03-01"}, "startdatum"),
        ({"title": "a", "status": "gedaan"}, "status"),
        ({"title": "a", "priority": 7}, "prioriteit"),
    ],
)
def test_wrong_input_is_refused_in_dutch_and_nothing_is_stored(service, fields, words):
    plan = service.create_plan("Plan")
    before = dump(service)
    with pytest.raises(PlanError) as info:
        service.add_action(plan.id, **fields)
    assert words in info.value.message
    assert dump(service) == before


def test_update_that_breaks_a_rule_changes_nothing(service):
    plan = service.create_plan("Plan")
    action = service.add_action(plan.id, title="a", due_date="2026-03-01")
    before = dump(service)
    with pytest.raises(PlanError):
        service.update_action(action.id, start_date="2026-04-01")
    with pytest.raises(PlanError):
        service.update_action(action.id, title="")
    assert dump(service) == before


def test_schema_itself_refuses_what_the_service_would_refuse(service):
    """CHECK constraints and foreign keys hold even for writes that skip the service."""
    plan = service.create_plan("Plan")
    conn = service.user.conn
    base = (
        "INSERT INTO actions (plan_id, title, status, priority, position, due_date, "
        "start_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'x', 'x')"
    )
    for values in [
        (plan.id, "a", "gedaan", 2, 0, None, None),
        (plan.id, "a", "te doen", 4, 0, None, None),
        (plan.id, "", "te doen", 2, 0, None, None),
        (plan.id, "a", "te doen", 2, -1, None, None),
        (plan.id, "a", "te doen", 2, 0, "2026-02-30", None),
        (plan.id, "a", "te doen", 2, 0, "2026-03-01", "2026-04-01"),
        (9999, "a", "te doen", 2, 0, None, None),
    ]:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(base, values)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO checklist_items (item_id, step_id, done, updated_at) "
            "VALUES ('a', 'b', 2, 'x')"
        )


def test_deleting_a_plan_removes_its_actions_and_documents(service):
    plan = service.create_plan("Weg")
    keep = service.create_plan("Blijft")
    service.add_action(plan.id, title="a", document_ids=["d1", "d2"])
    service.add_action(keep.id, title="b", document_ids=["d1"])
    snapshot = service.delete_plan(plan.id)
    conn = service.user.conn
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM action_documents").fetchone()[0] == 1
    # Undo puts everything back with the same ids.
    service.restore_plan(snapshot)
    assert service.snapshot(plan.id) == snapshot


def test_order_moves_deletes_and_restores(service):
    plan = service.create_plan("Plan")
    ids = [service.add_action(plan.id, title=t).id for t in "abcd"]
    assert service.move_action(ids[3], 0) == 3
    assert titles(service, plan.id) == ["d", "a", "b", "c"]
    service.move_action(ids[3], 99)
    assert titles(service, plan.id) == ["a", "b", "c", "d"]
    gone = service.delete_action(ids[1])
    assert titles(service, plan.id) == ["a", "c", "d"]
    assert [a.position for a in service.actions(plan.id)] == [0, 1, 2]
    service.restore_action(gone)
    assert titles(service, plan.id) == ["a", "b", "c", "d"]
    assert service.action(ids[1]) == gone
    inserted = service.add_action(plan.id, index=1, title="x")
    assert titles(service, plan.id) == ["a", "x", "b", "c", "d"]
    assert [a.position for a in service.actions(plan.id)] == [0, 1, 2, 3, 4]
    assert inserted.position == 1


def test_overdue_filters_and_sorting(service):
    plan = service.create_plan("Plan")
    add = service.add_action
    late = add(plan.id, title="te laat", due_date="2026-03-01", partner="UWV")
    done_late = add(plan.id, title="klaar", due_date="2026-03-01", status="klaar", partner="UWV")
    soon = add(plan.id, title="binnenkort", due_date="2026-03-14", priority=1, partner="Taalhuis")
    add(plan.id, title="later", due_date="2026-04-05", status="bezig", priority=3)
    undated = add(plan.id, title="geen datum", partner="schuldhulp")
    actions = service.actions(plan.id)

    assert late.is_overdue(TODAY) and not done_late.is_overdue(TODAY)
    assert not soon.is_overdue(TODAY) and not undated.is_overdue(TODAY)

    def names(result):
        return [a.title for a in result]

    assert names(filter_actions(actions, due="te-laat", today=TODAY)) == ["te laat"]
    assert names(filter_actions(actions, due="week", today=TODAY)) == ["te laat", "binnenkort"]
    assert names(filter_actions(actions, due="maand", today=TODAY)) == [
        "te laat",
        "binnenkort",
        "later",
    ]
    assert names(filter_actions(actions, due="geen", today=TODAY)) == ["geen datum"]
    assert names(filter_actions(actions, status="klaar")) == ["klaar"]
    assert names(filter_actions(actions, partner="UWV")) == ["te laat", "klaar"]
    assert names(filter_actions(actions, partner="UWV", status="te doen")) == ["te laat"]
    assert partners(actions) == ["schuldhulp", "Taalhuis", "UWV"]

    assert names(sort_actions(actions, "einddatum")) == [
        "te laat",
        "klaar",
        "binnenkort",
        "later",
        "geen datum",
    ]
    assert names(sort_actions(actions, "status"))[:2] == ["te laat", "binnenkort"]
    assert names(sort_actions(actions, "status"))[-1] == "klaar"
    assert names(sort_actions(actions, "prioriteit"))[0] == "binnenkort"
    assert names(sort_actions(actions, "prioriteit"))[-1] == "later"
    assert names(sort_actions(actions, "partner")) == [
        "geen datum",
        "binnenkort",
        "te laat",
        "klaar",
        "later",
    ]
    assert names(sort_actions(reversed(actions))) == [a.title for a in actions]


def positions(service, plan_id):
    return [
        row[0]
        for row in service.user.conn.execute(
            "SELECT position FROM actions WHERE plan_id = ? ORDER BY position", (plan_id,)
        )
    ]


@pytest.mark.parametrize("operation", ["delete", "move"])
def test_two_windows_on_one_data_folder_keep_positions_whole(tmp_path, operation):
    """Window B deletes the first action while window A deletes or moves another.

    A's change waits for B's write lock; what A then changes must be read
    after B committed, or positions get duplicates and gaps.
    """
    import threading

    path = tmp_path / "user.sqlite"
    a = ActionPlanService(UserStore(path))
    plan = a.create_plan("Samen")
    ids = [a.add_action(plan.id, title=f"Actie {n}").id for n in range(6)]
    b = UserStore(path)
    b.conn.execute("BEGIN IMMEDIATE")
    b.conn.execute("DELETE FROM actions WHERE id = ?", (ids[0],))
    b.conn.execute("UPDATE actions SET position = position - 1 WHERE plan_id = ?", (plan.id,))

    waiting = threading.Event()
    a.user.conn.set_trace_callback(lambda sql: sql == "BEGIN IMMEDIATE" and waiting.set())
    if operation == "delete":
        work = threading.Thread(target=a.delete_action, args=(ids[3],))
    else:
        work = threading.Thread(target=a.move_action, args=(ids[3], 0))
    work.start()
    assert waiting.wait(10), "window A never asked for the write lock"
    b.conn.execute("COMMIT")  # A gets the lock now, after B's change
    work.join(10)
    a.user.conn.set_trace_callback(None)
    expected = 4 if operation == "delete" else 5
    assert positions(a, plan.id) == list(range(expected))
    b.close()
    a.user.close()
