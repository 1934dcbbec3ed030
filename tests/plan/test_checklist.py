"""'Waar begin je?': ticks and notes per stable id, progress, kit updates that drop items."""

from __future__ import annotations

import pytest

from companion.plan.actionplan import ActionPlanService
from companion.plan.checklist import ChecklistService
from tests.support.plan_kit import build_kit, install, open_context, steps_v1


@pytest.fixture
def kit(tmp_path, kit_builder, test_key, test_public_keys):
    """A context with kit v1 installed; returns (context, service, builder helpers)."""
    v1 = build_kit(kit_builder, test_key, 1, steps_v1(), "v1")
    context = open_context(tmp_path, v1, test_public_keys)
    install(context, v1)
    yield context, ChecklistService(context.user, context.library)
    context.close()


def by_id(views):
    return {v.id: v for v in views}


def items_of(view):
    return {i.id: i for i in view.items}


def test_overview_has_kit_steps_in_order_with_ticks_notes_and_progress(kit):
    _context, service = kit
    service.set_done("stap-1-a", True)
    service.set_done("stap-2-b", True)
    service.set_done("stap-2-b", False)
    service.set_done("stap-2-a", True)
    service.set_item_note("stap-1-c", "Taalhuis en UWV")
    service.set_step_note("stap-2", "Eerst met Anna overleggen.")

    views = service.overview()
    assert [v.id for v in views] == ["stap-1", "stap-2", "stap-3"]
    assert [v.number for v in views] == [1, 2, 3]
    first, second, _third = views
    assert [i.id for i in first.items] == ["stap-1-a", "stap-1-b", "stap-1-c"]
    assert first.documents == ("werkblad-klantreis", "handleiding-vindplaatsen")
    assert (first.done_count, first.total) == (1, 3)
    assert items_of(first)["stap-1-c"].note == "Taalhuis en UWV"
    assert second.note == "Eerst met Anna overleggen."
    assert [i.done for i in second.items] == [True, False]
    progress = service.progress(views)
    assert (progress.done, progress.total, progress.percent) == (2, 6, 33)


def test_ticks_and_notes_survive_an_update_that_removes_items_and_a_step(
    kit, kit_builder, test_key
):
    context, service = kit
    service.set_done("stap-1-b", True)
    service.set_item_note("stap-1-b", "Gesprek op 12 maart")
    service.set_done("stap-3-a", True)
    service.set_step_note("stap-3", "Evaluatie met het team")
    service.set_done("stap-1-a", True)
    before = list(context.user.conn.execute("SELECT * FROM checklist_items ORDER BY item_id"))

    steps = steps_v1()
    del steps[0]["items"][1]  # stap-1-b is gone
    del steps[2]  # the whole of stap-3 is gone
    install(context, build_kit(kit_builder, test_key, 2, steps, "v2"))
    service.remember_kit_texts()

    views = by_id(service.overview())
    gone = items_of(views["stap-1"])["stap-1-b"]
    assert not gone.in_kit and gone.done and gone.note == "Gesprek op 12 maart"
    assert gone.text == "Spreek de beleidsmedewerker van de gemeente"
    # The removed step is still there, with its item and its note.
    old_step = views["stap-3"]
    assert not old_step.in_kit and old_step.number is None
    assert old_step.title == "Kijk terug" and old_step.note == "Evaluatie met het team"
    assert [(i.id, i.done, i.in_kit) for i in old_step.items] == [("stap-3-a", True, False)]
    # Progress counts what the kit asks now: 1 of stap-1-a, stap-1-c, stap-2-a, stap-2-b.
    progress = service.progress()
    assert (progress.done, progress.total) == (1, 4)
    # Nothing the person made was deleted.
    after = list(context.user.conn.execute("SELECT * FROM checklist_items ORDER BY item_id"))
    assert [row[:1] + row[4:6] for row in after] == [row[:1] + row[4:6] for row in before]

    # When the item comes back in a later version, its tick is simply there again.
    install(context, build_kit(kit_builder, test_key, 3, steps_v1(), "v3"))
    back = items_of(by_id(service.overview())["stap-1"])["stap-1-b"]
    assert back.in_kit and back.done and back.note == "Gesprek op 12 maart"


def test_removed_item_shows_the_last_wording_the_person_saw(kit, kit_builder, test_key):
    context, service = kit
    service.set_done("stap-2-a", True)
    steps = steps_v1()
    steps[1]["items"][0]["text"] = "Schrijf in twee zinnen op wat je wilt bereiken"
    install(context, build_kit(kit_builder, test_key, 2, steps, "v2"))
    assert service.remember_kit_texts() == 1  # the ticked item's new wording
    del steps[1]["items"][0]
    install(context, build_kit(kit_builder, test_key, 3, steps, "v3"))
    gone = items_of(by_id(service.overview())["stap-2"])["stap-2-a"]
    assert not gone.in_kit
    assert gone.text == "Schrijf in twee zinnen op wat je wilt bereiken"


def test_tick_follows_an_item_that_moves_to_another_step(kit, kit_builder, test_key):
    context, service = kit
    service.set_done("stap-2-b", True)
    steps = steps_v1()
    steps[0]["items"].append(steps[1]["items"].pop(1))
    install(context, build_kit(kit_builder, test_key, 2, steps, "v2"))
    views = by_id(service.overview())
    assert "stap-2-b" not in items_of(views["stap-2"])
    moved = items_of(views["stap-1"])["stap-2-b"]
    assert moved.in_kit and moved.done


def test_untouched_items_that_leave_the_kit_are_not_kept(kit, kit_builder, test_key):
    context, service = kit
    service.set_done("stap-1-b", True)
    service.set_done("stap-1-b", False)  # ticked and unticked: nothing left to keep
    steps = steps_v1()
    del steps[0]["items"][1]
    install(context, build_kit(kit_builder, test_key, 2, steps, "v2"))
    assert "stap-1-b" not in items_of(by_id(service.overview())["stap-1"])


def test_make_action_links_back_to_the_item(kit):
    context, service = kit
    plans = ActionPlanService(context.user)
    plan = plans.create_plan("Zaanstad")
    action = service.make_action(plans, plan.id, "stap-1-c")
    assert action.title == "Kies twee partners om mee te beginnen"
    assert action.step_id == "stap-1"
    assert action.document_ids == ("werkblad-klantreis", "handleiding-vindplaatsen")
    assert action.source_item_id == "stap-1-c"
    assert action.source_item_text == "Kies twee partners om mee te beginnen"
    assert plans.actions_from_items() == {"stap-1-c": [(plan.id, action.id)]}
