"""The Actieplan screen in the real window: editing, autosave, undo/redo, filters,
overdue marking, export, print and import."""

from __future__ import annotations

import datetime as dt
import json

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from companion.plan.actionplan import ActionPlanService
from companion.plan.plan_file import write_plan_file
from tests.conftest import screenshot
from tests.support.plan_kit import build_kit, steps_v1

TODAY = dt.date.today()


def days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


@pytest.fixture
def window_on(start_window, kit_builder, test_key):
    """The real window, on the Actieplan screen; callable again for a restart."""
    bundled = build_kit(kit_builder, test_key, 1, steps_v1(), "v1")

    def start(prepare=None):
        window = start_window(
            bundled,
            prepare=(lambda c: prepare(ActionPlanService(c.user))) if prepare else None,
            activate=True,
            wait=True,
        )
        window.show_screen("actieplan")
        return window

    return start


def three_actions(service):
    plan = service.create_plan("Zaanstad", location="Bibliotheek Zaanstad")
    for title in ("Eerste", "Tweede", "Derde"):
        service.add_action(plan.id, title=title, document_ids=["persona-henk"])


def stored_titles(window):
    service = window.actionplan_screen.service
    plan_id = window.actionplan_screen.plan_id
    return [a.title for a in service.actions(plan_id)]


def choose(qtbot, combo, data):
    """Pick an entry the way a keyboard user does: focus, then arrow keys."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def ctrl(qtbot, widget, key, shift=False):
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(widget, key, modifiers)


def test_new_plan_and_action_filled_in_the_form_are_kept(qtbot, window_on):
    window = window_on()
    screen = window.actionplan_screen
    assert screen.invite.isVisible() and not screen.body.isVisible()
    assert not screen.plan_row.isVisible()  # no plans: no empty plan list
    screenshot(window, "actionplan-empty")

    qtbot.mouseClick(screen.new_plan_button, Qt.MouseButton.LeftButton)
    assert screen.plan_name.hasFocus() and screen.plan_name.selectedText() == "Nieuw actieplan"
    qtbot.keyClicks(screen.plan_name, "Plan Zaanstad")
    qtbot.keyClick(screen.plan_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(screen.plan_location, "Bibliotheek Zaanstad")
    qtbot.keyClick(screen.plan_location, Qt.Key.Key_Return)
    plan = screen.service.plan(screen.plan_id)
    assert (plan.name, plan.location) == ("Plan Zaanstad", "Bibliotheek Zaanstad")

    ctrl(qtbot, screen.table, Qt.Key.Key_N)
    editor = screen.editor
    assert editor.title.hasFocus() and editor.title.selectedText() == "Nieuwe actie"
    qtbot.keyClicks(editor.title, "Gesprek met het UWV")
    qtbot.keyClick(editor.title, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor.partner, "UWV")
    qtbot.keyClick(editor.partner, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.owner, "Anna")
    qtbot.keyClick(editor.owner, Qt.Key.Key_Return)
    choose(qtbot, editor.status, "bezig")
    choose(qtbot, editor.priority, 1)
    choose(qtbot, editor.step, "stap-2")
    qtbot.keyClicks(editor.due.edit, "20 mei 2031")
    qtbot.keyClick(editor.due.edit, Qt.Key.Key_Return)
    assert editor.due.edit.text() == "20-05-2031"
    assert editor.due.words.text() == "dinsdag 20 mei 2031"
    assert editor.documents.item(2).text() == "Persona Henk"
    editor.documents.item(2).setCheckState(Qt.CheckState.Checked)
    editor.description.setFocus()
    qtbot.keyClicks(editor.description, "Signalen bespreken")
    screen.table.setFocus()  # leaving the field saves it at once

    [action] = screen.service.actions(screen.plan_id)
    assert action.title == "Gesprek met het UWV"
    assert (action.partner, action.owner) == ("UWV", "Anna")
    assert (action.status, action.priority, action.step_id) == ("bezig", 1, "stap-2")
    assert action.due_date == "2031-05-20" and action.start_date is None
    assert action.document_ids == ("persona-henk",)  # the third in the list: Persona Henk
    assert action.description == "Signalen bespreken"
    assert screen.table.row_texts(action.id) == [
        "Gesprek met het UWV",
        "Bezig",
        "UWV",
        "Anna",
        "20-05-2031",
        "Hoog",
    ]
    screenshot(window, "actionplan-edit")

    window.close()
    again = window_on()
    assert again.actionplan_screen.plan_name.text() == "Plan Zaanstad"
    assert again.actionplan_screen.editor.title.text() == "Gesprek met het UWV"
    assert again.actionplan_screen.editor.description.toPlainText() == "Signalen bespreken"


def test_wrong_input_shows_a_message_and_keeps_the_stored_value(qtbot, window_on):
    window = window_on(three_actions)
    screen = window.actionplan_screen
    editor = screen.editor
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClick(editor.title, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert editor.problem.isVisible() and "titel" in editor.problem.text()
    assert stored_titles(window) == ["Eerste", "Tweede", "Derde"]
    # A start date after the due date is refused too, and marked on the start field.
    type_date(qtbot, editor.due, "1-1-2030")
    type_date(qtbot, editor.start, "vandaag")
    assert screen.service.actions(screen.plan_id)[0].start_date == TODAY.isoformat()
    type_date(qtbot, editor.start, "1-2-2030")
    assert "startdatum" in editor.problem.text()
    assert editor.start.problem.isVisible() and editor.start.edit.property("invalid")
    assert screen.service.actions(screen.plan_id)[0].start_date == TODAY.isoformat()
    # Moving the end date later lets the start date that was typed in.
    type_date(qtbot, editor.due, "1-3-2030")
    qtbot.waitUntil(
        lambda: screen.service.actions(screen.plan_id)[0].start_date == "2030-02-01", timeout=3000
    )
    assert not editor.start.problem.isVisible() and not editor.start.edit.property("invalid")
    # What is not a date turns the field red with a reason and stores nothing.
    type_date(qtbot, editor.due, "31-2-2030")
    assert editor.due.problem.isVisible()
    assert editor.due.problem.text().startswith("Februari 2030 heeft geen dag 31.")
    assert editor.due.edit.property("invalid") and editor.due.edit.text() == "31-2-2030"
    assert screen.service.actions(screen.plan_id)[0].due_date == "2030-03-01"
    screenshot(window, "actionplan-date-refused")
    # Emptying the field removes the date.
    type_date(qtbot, editor.due, "")
    assert screen.service.actions(screen.plan_id)[0].due_date is None
    assert editor.due.words.text() == "geen datum"


def type_date(qtbot, field, text):
    """Select what the date field holds, type ``text`` and press Enter."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_undo_and_redo_of_edit_delete_and_move_with_the_keyboard(qtbot, window_on):
    window = window_on(three_actions)
    screen = window.actionplan_screen
    table, editor = screen.table, screen.editor

    # Edit: typing a title is one step to undo, not one per letter.
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Eerste, herschreven")
    table.setFocus()
    assert stored_titles(window)[0] == "Eerste, herschreven"
    ctrl(qtbot, table, Qt.Key.Key_Z)
    assert stored_titles(window)[0] == "Eerste"
    assert editor.title.text() == "Eerste"
    ctrl(qtbot, table, Qt.Key.Key_Z, shift=True)
    assert stored_titles(window)[0] == "Eerste, herschreven"
    ctrl(qtbot, table, Qt.Key.Key_Z)

    # Delete with the Delete key, then undo: same place, same id, same documents.
    table.select_action(table.visible_ids()[1])
    second = screen.service.action(table.current_action_id())
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert stored_titles(window) == ["Eerste", "Derde"]
    assert "Ctrl+Z" in screen.message.text()
    ctrl(qtbot, table, Qt.Key.Key_Z)
    assert stored_titles(window) == ["Eerste", "Tweede", "Derde"]
    assert screen.service.action(second.id) == second
    assert table.current_action_id() == second.id
    ctrl(qtbot, table, Qt.Key.Key_Z, shift=True)
    assert stored_titles(window) == ["Eerste", "Derde"]
    ctrl(qtbot, table, Qt.Key.Key_Z)

    # Move with Alt+Up, undo, redo.
    table.select_action(table.visible_ids()[2])
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored_titles(window) == ["Eerste", "Derde", "Tweede"]
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored_titles(window) == ["Derde", "Eerste", "Tweede"]
    assert not screen.up_button.isEnabled()
    ctrl(qtbot, table, Qt.Key.Key_Z)
    ctrl(qtbot, table, Qt.Key.Key_Z)
    assert stored_titles(window) == ["Eerste", "Tweede", "Derde"]
    ctrl(qtbot, table, Qt.Key.Key_Z, shift=True)
    assert stored_titles(window) == ["Eerste", "Derde", "Tweede"]
    # The buttons do the same as the keys.
    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert stored_titles(window) == ["Eerste", "Tweede", "Derde"]
    assert screen.redo_button.isEnabled()


def test_deleting_a_plan_asks_first_and_can_be_undone(qtbot, window_on):
    window = window_on(three_actions)
    screen = window.actionplan_screen
    questions = []
    screen.confirm = lambda title, question: questions.append(question) or False
    qtbot.mouseClick(screen.delete_plan_button, Qt.MouseButton.LeftButton)
    assert "Zaanstad" in questions[0] and "3 acties" in questions[0]
    assert len(screen.service.plans()) == 1

    screen.confirm = lambda title, question: True
    qtbot.mouseClick(screen.delete_plan_button, Qt.MouseButton.LeftButton)
    assert screen.service.plans() == []
    assert screen.invite.isVisible()
    assert screen.isAncestorOf(QApplication.focusWidget())  # the keys keep working
    ctrl(qtbot, QApplication.focusWidget(), Qt.Key.Key_Z)
    [plan] = screen.service.plans()
    assert plan.name == "Zaanstad" and stored_titles(window) == ["Eerste", "Tweede", "Derde"]
    assert [a.document_ids for a in screen.service.actions(plan.id)] == [("persona-henk",)] * 3


def overdue_plan(service):
    plan = service.create_plan("Termijnen")
    service.add_action(plan.id, title="Te laat", due_date=days(-3), partner="UWV")
    service.add_action(plan.id, title="Klaar, wel laat", due_date=days(-3), status="klaar")
    service.add_action(plan.id, title="Nog even", due_date=days(2), partner="Taalhuis")
    service.add_action(plan.id, title="Later", due_date=days(60), status="bezig", partner="UWV")
    service.add_action(plan.id, title="Geen datum", priority=1)


def test_overdue_actions_stand_out_in_words_and_colour(qtbot, window_on):
    window = window_on(overdue_plan)
    screen = window.actionplan_screen
    table = screen.table
    ids = {screen.service.action(i).title: i for i in table.visible_ids()}
    late = table.row_texts(ids["Te laat"])
    assert late[4].endswith("⚠ te laat")
    for title in ("Klaar, wel laat", "Nog even", "Later", "Geen datum"):
        assert "te laat" not in table.row_texts(ids[title])[4]
    late_colour = table.row_colour(ids["Te laat"])
    assert late_colour.name() == "#a4000f"
    assert table.row_colour(ids["Nog even"]).name() != late_colour.name()
    assert "⚠ 1 te laat" in screen.count_label.text()
    screenshot(window, "actionplan-overdue")


def test_filter_and_sort(qtbot, window_on):
    window = window_on(overdue_plan)
    screen = window.actionplan_screen

    def shown():
        return [screen.service.action(i).title for i in screen.table.visible_ids()]

    choose(qtbot, screen.status_filter, "bezig")
    assert shown() == ["Later"]
    choose(qtbot, screen.status_filter, "")
    choose(qtbot, screen.partner_filter, "UWV")
    assert shown() == ["Te laat", "Later"]
    assert screen.count_label.text().startswith("2 van 5 acties")
    choose(qtbot, screen.partner_filter, "")
    choose(qtbot, screen.due_filter, "te-laat")
    assert shown() == ["Te laat"]
    choose(qtbot, screen.due_filter, "week")
    assert shown() == ["Te laat", "Nog even"]
    choose(qtbot, screen.due_filter, "")

    choose(qtbot, screen.sort_box, "einddatum")
    assert shown() == ["Te laat", "Klaar, wel laat", "Nog even", "Later", "Geen datum"]
    assert not screen.up_button.isEnabled() and not screen.down_button.isEnabled()
    choose(qtbot, screen.sort_box, "prioriteit")
    assert shown()[0] == "Geen datum"
    choose(qtbot, screen.sort_box, "status")
    assert shown()[-1] == "Klaar, wel laat"
    # Sorting shows; it does not change the plan's own order.
    assert stored_titles(window)[0] == "Te laat"


def test_export_every_format_from_the_screen(qtbot, window_on, tmp_path):
    window = window_on(overdue_plan)
    screen = window.actionplan_screen
    asked = []

    def save_path(kind, suggested):
        asked.append(suggested)
        return tmp_path / f"uit.{kind}"

    screen.choose_save_path = save_path
    results = {}
    for action in screen.export_actions:
        screen.last_export = None
        action.trigger()
        qtbot.waitUntil(lambda: screen.last_export is not None, timeout=10000)
        results[action.text()] = screen.last_export.read_bytes()
    assert asked[0] == "actieplan-Termijnen.pdf"
    assert "Opgeslagen:" in screen.message.text() and not screen.busy.isVisible()
    pdf = results["PDF om af te drukken, per stap…"]
    with pymupdf.open("pdf", pdf) as doc:
        assert "Actieplan: Termijnen" in doc[0].get_text()
        assert "TE LAAT" in doc[0].get_text()
    assert results["CSV voor Excel (Nederlands, puntkomma)…"].startswith(
        "\ufeffTitel;Omschrijving".encode()
    )
    assert results["CSV met komma's…"].startswith("\ufeffTitel,Omschrijving".encode())
    assert results["Agenda: taken (.ics)…"].count(b"BEGIN:VTODO") == 5
    assert results["Agenda: afspraak op elke einddatum (.ics)…"].count(b"BEGIN:VEVENT") == 4
    plan_file = json.loads(results["Planbestand voor een andere computer (.actieplan)…"])
    assert plan_file["actions"][0]["title"] == "Te laat"


def test_a_plan_with_a_very_long_name_still_exports(qtbot, window_on, tmp_path):
    window = window_on(lambda service: service.create_plan("é" * 200))
    screen = window.actionplan_screen
    screen.choose_save_path = lambda _kind, suggested: tmp_path / suggested  # "Opslaan" as offered
    csv_export = next(a for a in screen.export_actions if a.text() == "CSV met komma's…")
    csv_export.trigger()
    qtbot.waitUntil(lambda: screen.last_export is not None, timeout=10000)
    assert screen.last_export == tmp_path / ("actieplan-" + "é" * 53 + ".csv")
    assert screen.last_export.read_bytes().startswith("\ufeffTitel,".encode())
    assert not screen.error.isVisible()


def test_failed_export_says_so_and_keeps_the_plan(qtbot, window_on, tmp_path):
    window = window_on(overdue_plan)
    screen = window.actionplan_screen
    screen.export_to("csv", tmp_path / "bestaat-niet" / "uit.csv")
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=10000)
    assert "Opslaan is niet gelukt" in screen.error.text()
    assert len(stored_titles(window)) == 5


def test_print_goes_to_a_pdf_printer(qtbot, window_on, tmp_path):
    window = window_on(overdue_plan)
    screen = window.actionplan_screen
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
    screen.ask_printer = lambda: printer
    screen.table.setFocus()
    ctrl(qtbot, screen.table, Qt.Key.Key_P)
    with pymupdf.open(tmp_path / "afdruk.pdf") as doc:
        text = " ".join(page.get_text() for page in doc)
    text = " ".join(text.split())
    assert "Actieplan: Termijnen" in text
    for title in ("Te laat", "Nog even", "Later", "Geen datum"):
        assert title in text
    assert "TE LAAT" in text
    # Cancelling the print dialog prints nothing and says nothing went wrong.
    screen.ask_printer = lambda: None
    assert screen.print_plan() is False
    assert not screen.error.isVisible()


def test_import_from_the_file_menu_and_refusal_of_a_bad_file(qtbot, window_on, tmp_path):
    window = window_on(overdue_plan)
    screen = window.actionplan_screen
    good = write_plan_file(
        screen.service.snapshot(screen.plan_id), tmp_path / "termijnen.actieplan"
    )
    bad = tmp_path / "kapot.actieplan"
    bad.write_bytes(good.read_bytes()[:200])
    menu_import = next(
        a for a in window.file_menu.actions() if a.text().startswith("Actieplan imp")
    )

    screen.choose_open_path = lambda: bad
    before = screen.service.plans()
    menu_import.trigger()
    assert window.current_screen_key() == "actieplan"
    assert screen.error.isVisible()
    assert "beschadigd of niet compleet" in screen.error.text()
    assert screen.service.plans() == before

    screen.choose_open_path = lambda: good
    menu_import.trigger()
    assert not screen.error.isVisible()
    assert "geïmporteerd met 5 acties" in screen.message.text()
    assert screen.plan_box.currentText() == "Termijnen (2)"
    assert stored_titles(window) == [
        "Te laat",
        "Klaar, wel laat",
        "Nog even",
        "Later",
        "Geen datum",
    ]


def test_typing_in_an_action_then_closing_the_window_at_once_loses_nothing(qtbot, window_on):
    window = window_on(three_actions)
    editor = window.actionplan_screen.editor
    editor.description.setFocus()
    qtbot.keyClicks(editor.description, "Nog snel opgeschreven")
    window.close()
    again = window_on()
    assert again.actionplan_screen.editor.description.toPlainText() == "Nog snel opgeschreven"


def test_exports_and_printouts_follow_the_chosen_language(qtbot, window_on, tmp_path):
    from companion.ui.appearance import Appearance, reset_appearance

    window = window_on(overdue_plan)
    screen = window.actionplan_screen
    window.set_appearance(Appearance(language="en"))
    try:
        screen.export_to("csv", tmp_path / "plan.csv", semicolon=False)
        qtbot.waitUntil(lambda: screen.last_export is not None, timeout=10000)
        header = (tmp_path / "plan.csv").read_text("utf-8-sig").splitlines()[0]
        assert header.startswith("Title,Description,Status,Priority,Step,Documents")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printout.pdf"))
        assert screen.print_plan(printer)
        with pymupdf.open(tmp_path / "printout.pdf") as doc:
            text = " ".join(" ".join(page.get_text() for page in doc).split())
        assert "Action plan: Termijnen" in text and "LATE" in text
        assert "Actieplan" not in text and "TE LAAT" not in text
    finally:
        reset_appearance()
