"""Languages: every visible text is translated, and the window switches language in place.

The English translation walk uses the real bundled kit (51 documents, form
fields, outlines), so every screen has real content; kit content and the
person's own data are allowed as they are, everything else must be an
English translation from ``resources/i18n/strategiekit_en.ts``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from companion.ui.appearance import Appearance, current, reset_appearance
from companion.ui.help.about import LICENCES
from tests.conftest import screenshot
from tests.support.ui_walk import (
    Checker,
    Translations,
    all_texts,
    document_texts,
    fill_every_screen,
    kit_texts,
    top_windows,
)

# Words that are the same in both languages on purpose: the language names in
# the language box, and the names and licences of the parts the program uses.
NOT_TRANSLATED = {
    "Nederlands",
    "English",
    "https://www.voorbeeld.nl/strategiekit/",
    "Strategiekit Hoger Bereik, KB — de Bibliotheek en basisvaardigheden",
    *(f"{name}: {licence}" for name, licence in LICENCES),
}


def untranslated(window, extra) -> list[str]:
    context = window.context
    allowed = NOT_TRANSLATED | kit_texts(context) | document_texts(window.viewer)
    allowed |= {p.name for p in window.actionplan_screen.service.plans()}
    allowed |= {
        a.title
        for p in window.actionplan_screen.service.plans()
        for a in window.actionplan_screen.service.actions(p.id)
    }
    allowed |= {str(context.paths.data_dir), str(context.paths.log_dir)}
    allowed |= {s.name() for s in QApplication.screens()}
    checker = Checker(Translations.load(), allowed)
    return checker.problems(all_texts(top_windows(window, extra)))


def test_every_visible_text_is_english_in_english(qtbot, real_window):
    window = real_window(Appearance(language="en"))
    extra = fill_every_screen(qtbot, window)
    for key in ("bibliotheek", "zoeken", "waar-begin-je", "actieplan", "updates"):
        window.show_screen(key)
        screenshot(window, f"i18n-en-{key}")
    problems = untranslated(window, extra)
    assert not problems, "Not translated:\n" + "\n".join(problems)


def test_switching_language_changes_every_text_in_place_and_keeps_what_was_typed(
    qtbot, real_window
):
    window = real_window()  # Dutch, the program's own language
    extra = fill_every_screen(qtbot, window)
    dutch = untranslated(window, extra)
    # The check can fail: in Dutch it names the Dutch texts on screen.
    assert any("'Bibliotheek'" in line for line in dutch)
    assert any("Nieuwe actie" in line for line in dutch)

    # Typed, not saved yet: the search words, a note on a step, an action's title.
    window.show_screen("waar-begin-je")
    card = next(iter(window.checklist_screen.cards.values()))
    card.note_edit.setPlainText("Eerst de gemeente bellen")
    window.show_screen("actieplan")
    plans = window.actionplan_screen
    plans.editor.title.setFocus()
    plans.editor.title.setText("Bel de wethouder")
    plans.editor._typed("title", "Bel de wethouder")
    search_words = window.search_screen.box.text()
    library_item = window.nav_item("bibliotheek")

    window.set_appearance(Appearance(language="en"))
    assert current().language == "en"
    assert library_item.text() == "Library"
    assert window.windowTitle() == "Strategiekit Hoger Bereik"
    assert plans.new_action_button.text() == "New action"
    problems = untranslated(window, extra)
    assert not problems, "Not translated after switching:\n" + "\n".join(problems)
    # Nothing typed is lost, on screen or in the store.
    assert window.search_screen.box.text() == search_words
    assert card.note_edit.toPlainText() == "Eerst de gemeente bellen"
    assert plans.editor.title.text() == "Bel de wethouder"
    plans.editor.flush()
    action_id = plans.table.current_action_id()
    assert plans.service.action(action_id).title == "Bel de wethouder"
    screenshot(window, "i18n-switched-to-en")

    window.set_appearance(Appearance(language="nl"))
    assert library_item.text() == "Bibliotheek"
    assert plans.new_action_button.text() == "Nieuwe actie"
    assert window.checklist_screen.cards[card.step.id].note_edit.toPlainText() == (
        "Eerst de gemeente bellen"
    )


def test_language_choice_is_stored_and_used_at_the_next_start(qtbot, real_window):
    from companion.ui.screens.updates.wiring import open_settings

    window = real_window()
    dialog = open_settings(window)
    assert dialog.tabs.tabText(1) == "Weergave"
    page = dialog.appearance_page
    page.language.setCurrentIndex(page.language.findData("en"))
    dialog.accept()
    assert not dialog.isVisible()
    assert window.nav_item("zoeken").text() == "Search"
    assert window.context.user.setting("weergave.taal") == "en"
    window.close()
    reset_appearance()  # as after quitting the program

    again = real_window()  # same data folder: a new start
    assert again.nav_item("zoeken").text() == "Search"
    assert again.library_screen.open_button.text() == "Open"


def test_service_messages_show_in_the_chosen_language(qtbot, real_window):
    from companion.errors import IntegrityError
    from companion.i18n import QT_TRANSLATE_NOOP
    from companion.ui.texts import ui_text

    error = IntegrityError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Het bestand {name} is veranderd of beschadigd. De kit is niet aangepast.",
        ),
        "sha256 mismatch",
        name="werkblad.pdf",
    )
    # The services and the log keep the Dutch sentence.
    assert error.message == (
        "Het bestand werkblad.pdf is veranderd of beschadigd. De kit is niet aangepast."
    )
    window = real_window(Appearance(language="en"))
    assert ui_text(error) == (
        "The file werkblad.pdf has been changed or damaged. The kit has not been changed."
    )
    window.updates_screen._say(error.message, error=True)
    assert window.updates_screen.status.text().startswith("The file werkblad.pdf")
    window.set_appearance(Appearance(language="nl"))
    assert window.updates_screen.status.text().startswith("Het bestand werkblad.pdf")
