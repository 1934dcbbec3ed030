"""'Waar begin je?' in the real window: ticking, notes, documents, kit updates, actions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from companion.plan.actionplan import ActionPlanService
from tests.conftest import screenshot
from tests.support.plan_kit import build_kit, install, steps_v1


@pytest.fixture
def window_on(start_window):
    """Start the real window on a bundled kit; callable again for a restart."""

    def start(bundled):
        window = start_window(bundled, wait=True)
        window.show_screen("waar-begin-je")
        return window

    return start


@pytest.fixture
def v1(kit_builder, test_key):
    return build_kit(kit_builder, test_key, 1, steps_v1(), "v1")


def saved_item(window, item_id):
    return window.context.user.conn.execute(
        "SELECT done, note FROM checklist_items WHERE item_id = ?", (item_id,)
    ).fetchone()


def saved_step_note(window, step_id):
    row = window.context.user.conn.execute(
        "SELECT note FROM step_notes WHERE step_id = ?", (step_id,)
    ).fetchone()
    return row[0] if row else None


def test_steps_tick_note_progress_and_they_are_kept(qtbot, window_on, v1):
    window = window_on(v1)
    screen = window.checklist_screen
    assert window.current_screen_key() == "waar-begin-je"
    assert list(screen.cards) == ["stap-1", "stap-2", "stap-3"]
    first = screen.card("stap-1")
    assert first.title.text() == "Stap 1. Breng het speelveld in kaart"
    assert screen.overall_counts() == (0, 6)
    assert first.progress.text() == "0 van 3 klaar"

    # Tick with the keyboard, and by clicking the item's text.
    row_a = first.rows["stap-1-a"]
    row_a.checkbox.setFocus()
    qtbot.keyClick(row_a.checkbox, Qt.Key.Key_Space)
    qtbot.mouseClick(first.rows["stap-1-c"].label, Qt.MouseButton.LeftButton)
    assert saved_item(window, "stap-1-a") == (1, "")
    assert saved_item(window, "stap-1-c") == (1, "")
    assert first.progress.value() == 2 and first.progress.text() == "2 van 3 klaar"
    assert screen.overall_counts() == (2, 6)
    assert screen.overall.text() == "2 van 6 punten klaar (33%)"

    # A note per step and per item, saved without pressing anything.
    first.note_edit.setFocus()
    qtbot.keyClicks(first.note_edit, "Bel Marieke van de gemeente")
    qtbot.waitUntil(
        lambda: saved_step_note(window, "stap-1") == "Bel Marieke van de gemeente", timeout=3000
    )
    row_b = first.rows["stap-1-b"]
    qtbot.mouseClick(row_b.note_button, Qt.MouseButton.LeftButton)
    assert row_b.note_edit.isVisible()
    qtbot.keyClicks(row_b.note_edit, "Afspraak 12 maart")
    qtbot.waitUntil(
        lambda: saved_item(window, "stap-1-b") == (0, "Afspraak 12 maart"), timeout=3000
    )
    screenshot(window, "checklist")

    window.close()
    again = window_on(v1)
    card = again.checklist_screen.card("stap-1")
    assert card.rows["stap-1-a"].checkbox.isChecked()
    assert not card.rows["stap-1-b"].checkbox.isChecked()
    assert card.rows["stap-1-b"].note_edit.text() == "Afspraak 12 maart"
    assert card.rows["stap-1-b"].note_edit.isVisible()
    assert card.note_edit.toPlainText() == "Bel Marieke van de gemeente"
    assert again.checklist_screen.overall_counts() == (2, 6)


def test_note_typed_just_before_leaving_the_screen_is_saved(qtbot, window_on, v1):
    window = window_on(v1)
    card = window.checklist_screen.card("stap-2")
    card.note_edit.setFocus()
    qtbot.keyClicks(card.note_edit, "Snel nog iets")
    # No waiting for the autosave delay: switching screens saves at once.
    window.show_screen("bibliotheek")
    assert saved_step_note(window, "stap-2") == "Snel nog iets"


def test_removed_item_stays_with_tick_and_note_after_kit_update(
    qtbot, window_on, v1, kit_builder, test_key
):
    window = window_on(v1)
    screen = window.checklist_screen
    row = screen.card("stap-1").rows["stap-1-b"]
    row.checkbox.click()
    qtbot.mouseClick(row.note_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(row.note_edit, "Gesprek gehad")
    screen.card("stap-3").rows["stap-3-a"].checkbox.click()

    steps = steps_v1()
    del steps[0]["items"][1]
    del steps[2]
    install(window.context, build_kit(kit_builder, test_key, 2, steps, "v2"))
    window.kit_changed.emit()  # what the window does after every update

    card = screen.card("stap-1")
    gone = card.rows["stap-1-b"]
    assert gone.removed_label.isVisible()
    assert "niet meer in de kit" in gone.removed_label.text()
    assert gone.checkbox.isChecked()
    assert gone.note_edit.text() == "Gesprek gehad" and gone.note_edit.isVisible()
    assert "niet meer in de kit" in gone.checkbox.accessibleName()
    assert not card.rows["stap-1-a"].removed_label.isVisible()
    old_step = screen.card("stap-3")
    assert old_step.title.text() == "Kijk terug (niet meer in de kit)"
    assert old_step.rows["stap-3-a"].checkbox.isChecked()
    # Progress is over what the kit asks now: 2 + 2 items, none ticked.
    assert screen.overall_counts() == (0, 4)
    assert card.progress.text() == "0 van 2 klaar"
    screenshot(window, "checklist-after-update")


def test_document_of_a_step_opens_with_one_click(qtbot, window_on, v1):
    window = window_on(v1)
    card = window.checklist_screen.card("stap-1")
    assert [b.text() for b in card.doc_buttons.values()] == [
        "Werkblad klantreis",
        "Samenwerken met vindplaatsen",
    ]
    qtbot.mouseClick(card.doc_buttons["handleiding-vindplaatsen"], Qt.MouseButton.LeftButton)
    assert window.current_screen_key() == "document"
    assert window.viewer.document_id == "handleiding-vindplaatsen"


def test_item_becomes_an_action_with_one_click_and_links_back(qtbot, window_on, v1):
    window = window_on(v1)
    screen = window.checklist_screen
    row = screen.card("stap-2").rows["stap-2-b"]
    assert row.action_button.text() == "Maak actie"
    qtbot.mouseClick(row.action_button, Qt.MouseButton.LeftButton)

    plans = ActionPlanService(window.context.user)
    [plan] = plans.plans()
    assert plan.name == "Mijn actieplan"
    [action] = plans.actions(plan.id)
    assert action.title == "Plan een eerste gesprek met een vindplaats"
    assert (action.step_id, action.source_item_id) == ("stap-2", "stap-2-b")
    assert action.document_ids == ("persona-henk",)
    assert row.action_button.text() == "In actieplan ✓"
    assert "Mijn actieplan" in screen.message.text()

    # A second click shows the action in the plan, with where it came from.
    qtbot.mouseClick(row.action_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_key() == "actieplan"
    plan_screen = window.actionplan_screen
    assert plan_screen.table.current_action_id() == action.id
    editor = plan_screen.editor
    assert editor.title.text() == "Plan een eerste gesprek met een vindplaats"
    assert editor.step.currentText() == "Stap 2. Maak een plan"
    assert "stap 2" in editor.source.text()
    assert "Plan een eerste gesprek met een vindplaats" in editor.source.text()
    screenshot(window, "actionplan-from-checklist")

    # Deleting the action in the plan frees the item again.
    plan_screen.table.setFocus()
    qtbot.keyClick(plan_screen.table, Qt.Key.Key_Delete)
    window.show_screen("waar-begin-je")
    assert row.action_button.text() == "Maak actie"


def test_typing_then_closing_the_window_at_once_loses_nothing(qtbot, window_on, v1):
    window = window_on(v1)
    card = window.checklist_screen.card("stap-3")
    card.note_edit.setFocus()
    qtbot.keyClicks(card.note_edit, "Laatste gedachte")
    row = card.rows["stap-3-a"]
    qtbot.mouseClick(row.note_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(row.note_edit, "en nog een")
    window.close()  # before any autosave delay has passed
    assert saved_step_note(window, "stap-3") == "Laatste gedachte"
    assert saved_item(window, "stap-3-a") == (0, "en nog een")


def test_the_plan_chosen_in_one_screen_is_the_plan_of_the_other(qtbot, window_on, v1):
    window = window_on(v1)
    plans = ActionPlanService(window.context.user)
    plans.create_plan("Amsterdam")
    plans.create_plan("Zaanstad")
    checklist, plan_screen = window.checklist_screen, window.actionplan_screen
    window.show_screen("actieplan")
    assert plan_screen.plan_box.currentText() == "Amsterdam"

    window.show_screen("waar-begin-je")
    assert checklist.plan_box.currentText() == "Amsterdam"
    checklist.plan_box.setFocus()
    qtbot.keyClick(checklist.plan_box, Qt.Key.Key_Down)
    window.show_screen("actieplan")
    assert plan_screen.plan_box.currentText() == "Zaanstad"
    assert plan_screen.plan_name.text() == "Zaanstad"

    plan_screen.plan_box.setFocus()
    qtbot.keyClick(plan_screen.plan_box, Qt.Key.Key_Up)
    assert plan_screen.plan_name.text() == "Amsterdam"
    window.show_screen("waar-begin-je")
    assert checklist.plan_box.currentText() == "Amsterdam"
    qtbot.mouseClick(
        checklist.card("stap-2").rows["stap-2-b"].action_button, Qt.MouseButton.LeftButton
    )
    amsterdam, zaanstad = plans.plans()
    assert [a.title for a in plans.actions(amsterdam.id)] == [
        "Plan een eerste gesprek met een vindplaats"
    ]
    assert plans.actions(zaanstad.id) == []

    window.close()
    again = window_on(v1)
    assert again.checklist_screen.plan_box.currentText() == "Amsterdam"
    again.show_screen("actieplan")
    assert again.actionplan_screen.plan_name.text() == "Amsterdam"
