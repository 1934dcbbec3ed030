"""'Waar begin je?' as the screen gets it: whole views, steps that left the kit, and notes
on steps the kit no longer has. Each assertion is what the checklist shows a person."""

from __future__ import annotations

import pytest

from companion.plan.actionplan import ActionPlanService
from companion.plan.checklist import ChecklistService, ItemView, StepView
from companion.store.user_store import UserStore
from tests.support.plan_kit import build_kit, install, open_context, steps_v1


@pytest.fixture
def kit(tmp_path, kit_builder, test_key, test_public_keys):
    v1 = build_kit(kit_builder, test_key, 1, steps_v1(), "v1")
    context = open_context(tmp_path, v1, test_public_keys)
    install(context, v1)
    yield context, ChecklistService(context.user, context.library)
    context.close()


def update(context, kit_builder, test_key, version, steps):
    install(context, build_kit(kit_builder, test_key, version, steps, f"v{version}"))


def test_a_kit_step_as_the_screen_shows_it(kit):
    _context, service = kit
    service.set_done("stap-1-a", True)
    service.set_item_note("stap-1-c", "Taalhuis en UWV")
    service.set_step_note("stap-2", "Eerst met Anna overleggen.")
    first, second, third = service.overview()
    assert first == StepView(
        "stap-1",
        1,
        "Breng het speelveld in kaart",
        "Wie zijn de partners in jouw gemeente?",
        ("werkblad-klantreis", "handleiding-vindplaatsen"),
        (
            ItemView("stap-1-a", "stap-1", "Maak een lijst van vindplaatsen", True, "", True),
            ItemView(
                "stap-1-b", "stap-1", "Spreek de beleidsmedewerker van de gemeente", False, "", True
            ),
            ItemView(
                "stap-1-c",
                "stap-1",
                "Kies twee partners om mee te beginnen",
                False,
                "Taalhuis en UWV",
                True,
            ),
        ),
        "",
        True,
    )
    assert (second.note, second.in_kit, third.note) == ("Eerst met Anna overleggen.", True, "")


def test_what_stays_of_items_and_steps_the_kit_dropped(kit, kit_builder, test_key):
    context, service = kit
    service.set_done("stap-1-b", True)  # its item leaves, its step stays
    service.set_done("stap-3-a", True)  # its whole step leaves, without a step note
    service.set_step_note("stap-2", "Met Anna")  # its whole step leaves, with only a note
    steps = steps_v1()
    del steps[0]["items"][1]
    update(context, kit_builder, test_key, 2, [steps[0]])
    views = service.overview()
    assert [(v.id, v.number, v.in_kit) for v in views] == [
        ("stap-1", 1, True),
        ("stap-2", None, False),
        ("stap-3", None, False),
    ]
    assert views[0].items[-1] == ItemView(
        "stap-1-b", "stap-1", "Spreek de beleidsmedewerker van de gemeente", True, "", False
    )
    assert (views[0].done_count, views[0].total) == (0, 2)
    assert views[1] == StepView("stap-2", None, "Maak een plan", "", (), (), "Met Anna", False)
    assert views[2] == StepView(
        "stap-3",
        None,
        "Kijk terug",  # remembered with the tick: there is no step note
        "",
        (),
        (ItemView("stap-3-a", "stap-3", "Plan een evaluatie na drie maanden", True, "", False),),
        "",
        False,
    )


def test_a_dropped_step_with_only_a_note_on_an_item_keeps_its_title(kit, kit_builder, test_key):
    context, service = kit
    service.set_item_note("stap-3-a", "Met het team")  # a note, no tick
    update(context, kit_builder, test_key, 2, steps_v1()[:2])
    [gone] = [v for v in service.overview() if not v.in_kit]
    assert (gone.id, gone.title, gone.items[0].note) == ("stap-3", "Kijk terug", "Met het team")


def test_a_note_on_a_step_the_kit_dropped_keeps_its_title(kit, kit_builder, test_key):
    context, service = kit
    service.set_step_note("stap-3", "Eerste gedachte")
    update(context, kit_builder, test_key, 2, steps_v1()[:2])
    service.set_step_note("stap-3", "Evaluatie met het team")
    [gone] = [v for v in service.overview() if not v.in_kit]
    assert (gone.title, gone.note) == ("Kijk terug", "Evaluatie met het team")


def test_a_note_on_a_step_nobody_knows_is_shown_under_its_id(kit):
    _context, service = kit
    service.set_step_note("stap-9", "Losse notitie")
    [gone] = [v for v in service.overview() if not v.in_kit]
    assert gone == StepView("stap-9", None, "stap-9", "", (), (), "Losse notitie", False)


def test_new_wording_is_remembered_for_notes_and_ticks(kit, kit_builder, test_key):
    context, service = kit
    service.set_step_note("stap-2", "Met Anna")
    service.set_done("stap-1-a", True)
    steps = steps_v1()
    steps[1]["title"] = "Maak samen een plan"
    steps[0]["items"][0]["text"] = "Maak een lijst van alle vindplaatsen"
    update(context, kit_builder, test_key, 2, steps)
    assert service.remember_kit_texts() == 2
    assert service.remember_kit_texts() == 0
    update(context, kit_builder, test_key, 3, [steps[2]])
    gone = {v.id: v for v in service.overview() if not v.in_kit}
    assert gone["stap-2"].title == "Maak samen een plan"
    assert gone["stap-1"].items[0].text == "Maak een lijst van alle vindplaatsen"


def test_a_read_only_data_folder_remembers_nothing(kit, tmp_path):
    context, _service = kit
    context.user.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file
    read_only = UserStore(context.user.path, read_only=True)
    try:
        assert ChecklistService(read_only, context.library).remember_kit_texts() == 0
    finally:
        read_only.close()


def test_an_action_from_an_item_the_kit_dropped(kit, kit_builder, test_key):
    context, service = kit
    service.set_done("stap-2-b", True)
    steps = steps_v1()
    del steps[1]
    update(context, kit_builder, test_key, 2, steps)
    plans = ActionPlanService(context.user)
    plan = plans.create_plan("Zaanstad")
    action = service.make_action(plans, plan.id, "stap-2-b")
    assert action.title == "Plan een eerste gesprek met een vindplaats"
    assert (action.step_id, action.document_ids) == ("stap-2", ())
    with pytest.raises(KeyError, match="stap-onbekend"):
        service.make_action(plans, plan.id, "stap-onbekend")
