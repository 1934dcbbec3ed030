"""Action plans at their edges: limits, dates on the day, gone plans and actions, imports.

Each test is something a person sees in Actieplan: the sentence a refusal
shows (also in English), the order of a list, a name, a date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from companion.plan.actionplan import (
    MAX_TEXT,
    Action,
    ActionPlanService,
    Plan,
    PlanError,
    PlanSnapshot,
    dutch_date,
    filter_actions,
    parse_date,
    sort_actions,
)
from companion.store.user_store import UserStore
from tests.support.english import in_english

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def service(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    yield ActionPlanService(user)
    user.close()


@pytest.fixture
def plan(service):
    return service.create_plan("Zaanstad")


# -- refusals, in Dutch and in English -------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message", "detail"),
    [
        (lambda s: s.update_action(99, title="x"), "Deze actie bestaat niet meer.", "action 99"),
        (lambda s: s.delete_action(99), "Deze actie bestaat niet meer.", "action 99"),
        (lambda s: s.move_action(99, 0), "Deze actie bestaat niet meer.", "action 99"),
        (lambda s: s.update_plan(98, name="x"), "Dit plan bestaat niet meer.", "plan 98"),
        (lambda s: s.snapshot(98), "Dit plan bestaat niet meer.", "plan 98"),
        (lambda s: s.set_current_plan(98), "Dit plan bestaat niet meer.", "plan 98"),
        (lambda s: s.add_action(98, title="x"), "Dit plan bestaat niet meer.", "plan 98"),
    ],
)
def test_a_plan_or_action_that_is_gone(service, call, message, detail):
    with pytest.raises(PlanError) as info:
        call(service)
    assert info.value.message == message
    assert info.value.detail == detail
    assert in_english(info.value) in (
        "This action no longer exists.",
        "This plan no longer exists.",
    )


@pytest.mark.parametrize(
    ("field", "label"), [("start_date", "startdatum"), ("due_date", "einddatum")]
)
def test_an_impossible_date_names_which_date(service, plan, field, label):
    with pytest.raises(PlanError) as info:
        service.add_action(plan.id, title="Bel", **{field: "2026-02-30"})
    assert str(info.value) == f"De {label} is geen geldige datum. ('2026-02-30')"
    assert (
        in_english(info.value)
        == {
            "startdatum": "The start date is not a valid date.",
            "einddatum": "The due date is not a valid date.",
        }[label]
    )
    assert service.actions(plan.id) == []


def test_dates_as_people_give_them():
    assert parse_date("", "datum") is None
    assert parse_date(None, "datum") is None
    assert parse_date(dt.date(2026, 3, 1), "datum") == "2026-03-01"
    with pytest.raises(PlanError) as info:
        parse_date("1-3-2026", "vervaldag")  # a label the program has no word for: as given
    assert info.value.message == "De vervaldag is geen geldige datum."


@pytest.mark.parametrize("field", ["description", "partner", "owner", "source_item_text"])
def test_each_text_of_an_action_has_a_limit(service, plan, field):
    service.add_action(plan.id, title="Precies genoeg", **{field: "x" * MAX_TEXT})
    with pytest.raises(PlanError) as info:
        service.add_action(plan.id, title="Te lang", **{field: "x" * (MAX_TEXT + 1)})
    assert info.value.message == "Een tekst bij deze actie is te lang."
    assert titles(service, plan.id) == ["Precies genoeg"]


def test_partner_and_owner_are_trimmed_the_description_is_not(service, plan):
    action = service.add_action(
        plan.id,
        title="Bel",
        description="  ingesprongen\n",
        partner=" Taalhuis ",
        owner=" Anna ",
        step_id="",
        source_item_id="",
    )
    assert (action.description, action.partner, action.owner) == (
        "  ingesprongen\n",
        "Taalhuis",
        "Anna",
    )
    assert (action.step_id, action.source_item_id) == (None, None)


@pytest.mark.parametrize(("field", "value"), [("status", "af"), ("priority", 4)])
def test_an_unknown_status_or_priority_is_named(service, plan, field, value):
    with pytest.raises(PlanError) as info:
        service.add_action(plan.id, title="Bel", **{field: value})
    assert str(info.value).endswith(f"({value!r})")


@pytest.mark.parametrize("doc_id", ["", 5])
def test_a_linked_document_needs_a_name(service, plan, doc_id):
    with pytest.raises(PlanError) as info:
        service.add_action(plan.id, title="Bel", document_ids=["persona-henk", doc_id])
    assert str(info.value) == f"Een gekoppeld document heeft geen geldige naam. ({doc_id!r})"


def test_an_unknown_field_is_a_programming_error(service, plan):
    with pytest.raises(ValueError, match=r"unknown action fields: \['kleur'\]"):
        service.add_action(plan.id, title="Bel", kleur="rood")


def test_changing_one_date_is_checked_against_the_other(service, plan):
    action = service.add_action(
        plan.id, title="Bel", start_date="2026-03-05", due_date="2026-03-09"
    )
    with pytest.raises(PlanError):
        service.update_action(action.id, due_date="2026-03-04")
    with pytest.raises(PlanError):
        service.update_action(action.id, start_date="2026-03-10")
    same_day = service.update_action(action.id, start_date="2026-03-09")
    assert (same_day.start_date, same_day.due_date) == ("2026-03-09", "2026-03-09")


# -- changes -------------------------------------------------------------------------------


def titles(service, plan_id):
    return [a.title for a in service.actions(plan_id)]


def age_plan(service, plan_id):
    service.conn.execute(
        "UPDATE plans SET updated_at = '2000-01-01T00:00:00' WHERE id = ?", (plan_id,)
    )


def test_every_change_to_an_action_marks_its_plan_changed(service, plan):
    first = service.add_action(plan.id, title="Bel", document_ids=["persona-henk"])
    second = service.add_action(plan.id, title="Mail")
    deleted = []
    changes = [
        lambda: service.update_action(first.id, title="Bel de gemeente", partner="Taalhuis"),
        lambda: service.move_action(second.id, 0),
        lambda: deleted.append(service.delete_action(first.id)),
        lambda: service.restore_action(deleted.pop()),
        lambda: service.delete_action(second.id),
    ]
    for change in changes:
        age_plan(service, plan.id)
        change()
        assert service.plan(plan.id).updated_at != "2000-01-01T00:00:00"
    [kept] = service.actions(plan.id)
    assert (kept.title, kept.partner, kept.document_ids) == (
        "Bel de gemeente",
        "Taalhuis",
        ("persona-henk",),
    )


def test_a_restored_first_action_is_first_again(service, plan):
    for title in ("Een", "Twee", "Drie"):
        service.add_action(plan.id, title=title)
    first = service.actions(plan.id)[0]
    service.restore_action(service.delete_action(first.id))
    assert titles(service, plan.id) == ["Een", "Twee", "Drie"]


def test_updating_a_plan(service, plan):
    changed = service.update_plan(plan.id, name=" Zaanstad-Noord ", location=" De Poort ")
    assert (changed.name, changed.location) == ("Zaanstad-Noord", "De Poort")
    assert service.plan(plan.id) == changed
    assert service.update_plan(plan.id) == changed


def test_an_imported_plan_gets_a_free_name_new_places_and_keeps_its_times(service):
    for name in ("Zaanstad", "zaanstad (2)", "Zaanstad (4)"):
        service.create_plan(name)
    snapshot = PlanSnapshot(
        Plan(7, "ZAANSTAD", created_at="2025-01-01T09:00:00"),
        [
            Action(3, 7, "Bel", partner=" Taalhuis ", position=5, created_at="2025-01-02T10:00:00"),
            Action(4, 7, "Mail", position=9, updated_at="2025-01-03T11:00:00"),
        ],
    )
    imported = service.import_snapshot(snapshot)
    assert imported.name == "ZAANSTAD (3)"
    assert imported.created_at == "2025-01-01T09:00:00"
    bel, mail = service.actions(imported.id)
    assert (bel.title, bel.partner, bel.position, bel.created_at) == (
        "Bel",
        "Taalhuis",
        0,
        "2025-01-02T10:00:00",
    )
    assert (mail.position, mail.updated_at) == (1, "2025-01-03T11:00:00")
    assert mail.created_at and bel.updated_at  # the moment of the import


# -- sorting and filtering -------------------------------------------------------------------


def action(position, **fields) -> Action:
    return Action(
        id=position + 1, plan_id=1, title=f"actie {position}", position=position, **fields
    )


def test_sorting_by_due_date_puts_undated_last():
    actions = [
        action(0),
        action(1, due_date="2026-05-01"),
        action(2, due_date="2026-04-01"),
        action(3),
    ]
    assert [a.position for a in sort_actions(actions, "einddatum")] == [2, 1, 0, 3]
    assert [a.position for a in sort_actions(reversed(actions))] == [0, 1, 2, 3]


def test_filters_on_the_day_itself():
    week_end = (TODAY + dt.timedelta(days=7)).isoformat()
    month_end = (TODAY + dt.timedelta(days=30)).isoformat()
    actions = [
        action(0, status="klaar", partner="Taalhuis", due_date=TODAY.isoformat()),
        action(1, partner="", due_date=week_end),
        action(2, partner="UWV", due_date=(TODAY + dt.timedelta(days=8)).isoformat()),
        action(3, status="bezig", due_date=month_end),
        action(4, due_date=(TODAY + dt.timedelta(days=31)).isoformat()),
        action(5, due_date=(TODAY - dt.timedelta(days=1)).isoformat()),
    ]

    def positions(**filters):
        return [a.position for a in filter_actions(actions, today=TODAY, **filters)]

    assert positions(due="week") == [1, 5]
    assert positions(due="maand") == [1, 2, 3, 5]
    assert positions(due="te-laat") == [5]  # due today is not late yet
    assert positions(partner="") == [0, 1, 2, 3, 4, 5]
    assert positions(partner="UWV") == [2]
    assert positions(status="bezig") == [3]
    assert positions(status="te doen") == [1, 2, 4, 5]


def test_due_today_is_not_overdue():
    assert not action(0, due_date=TODAY.isoformat()).is_overdue(TODAY)
    assert action(0, due_date=(TODAY - dt.timedelta(days=1)).isoformat()).is_overdue(TODAY)


def test_no_date_reads_as_nothing():
    assert dutch_date(None) == ""
    assert dutch_date("") == ""
    assert dutch_date("2026-03-05") == "05-03-2026"


def test_an_action_deleted_by_another_window_meanwhile_is_not_changed(service, plan, tmp_path):
    action = service.add_action(plan.id, title="Bel")
    other = UserStore(tmp_path / "user.sqlite")  # a second copy of the program on the same data
    deleted = []

    def delete_first(statement: str) -> None:
        # Just before this window starts its change, the other one deletes the action.
        if statement == "BEGIN IMMEDIATE" and not deleted:
            deleted.append(ActionPlanService(other).delete_action(action.id))

    service.conn.set_trace_callback(delete_first)
    try:
        with pytest.raises(PlanError) as info:
            service.update_action(action.id, title="Bel de gemeente")
    finally:
        service.conn.set_trace_callback(None)
        other.close()
    assert (info.value.message, info.value.detail) == (
        "Deze actie bestaat niet meer.",
        f"action {action.id}",
    )
    assert service.actions(plan.id) == []


def test_a_restored_action_stands_before_one_added_after_it(service, plan):
    for title in ("Een", "Twee", "Drie", "Vier"):
        service.add_action(plan.id, title=title)
    _een, twee, drie, vier = service.actions(plan.id)
    gone = service.delete_action(vier.id)
    service.delete_action(drie.id)
    service.delete_action(twee.id)
    service.restore_action(gone)  # its old place (the fourth) no longer exists
    service.add_action(plan.id, title="Vijf")
    assert titles(service, plan.id) == ["Een", "Vier", "Vijf"]
