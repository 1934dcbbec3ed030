"""Help: the "Hoe werkt het?" page (F1), the About box and the first-run tour."""

from __future__ import annotations

import re
import tomllib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from companion.paths import resources_dir
from companion.ui.appearance import Appearance, reset_appearance
from companion.ui.help.help_window import HELP_NAME
from companion.ui.main_window import TOUR_SEEN_KEY
from tests.conftest import screenshot, wait_for_kit
from tests.support.project import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


@pytest.fixture
def open_window(start_window, kit_builder):
    bundled = kit_builder.build(1, name="bundled")
    yield lambda **options: start_window(bundled, **options)
    reset_appearance()


def test_f1_opens_the_help_page_beside_the_program_in_its_language(qtbot, open_window):
    window = open_window(activate=True, wait=True)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    help_window = window.help_window
    assert help_window.isVisible() and not help_window.isModal()
    text = help_window.browser.toPlainText()
    assert text.startswith("Hoe werkt het?")
    for shortcut in ("Ctrl+1", "Ctrl+K", "F5", "Ctrl+,"):
        assert shortcut in text
    screenshot(help_window, "help-nl")
    # The program keeps working beside it.
    window.show_screen("zoeken")
    assert window.current_screen_key() == "zoeken"

    window.set_appearance(Appearance(language="en"))
    assert help_window.browser.toPlainText().startswith("How does it work?")
    assert help_window.windowTitle() == "How does it work?"
    assert [a.text() for a in window.help_menu.actions() if a.text()] == [
        "How does it work?",
        "Tour",
        "About Strategiekit Companion",
    ]


def test_help_pages_say_the_same_in_both_languages():
    folder = resources_dir() / "help"
    dutch = (folder / f"{HELP_NAME}.nl.html").read_text(encoding="utf-8")
    english = (folder / f"{HELP_NAME}.en.html").read_text(encoding="utf-8")

    def outline(page: str) -> tuple[int, int, int, list[str]]:
        keys = sorted(
            set(re.findall(r"(?:Ctrl|Alt|Shift)\+(?:Tab|[A-Z0-9,])(?![a-z])|\bF\d\b", page))
        )
        return page.count("<h2>"), page.count("<li>"), page.count("<tr>"), keys

    assert outline(dutch) == outline(english)


def test_about_box_names_version_kit_folders_and_licences(qtbot, open_window):
    window = open_window(wait=True)
    window.about_action.trigger()
    about = window.about_dialog
    assert about.isVisible() and not about.isModal()
    texts = "\n".join(label.text() for label in about.findChildren(type(about.version)))
    assert about.version.text() == PYPROJECT["project"]["version"]
    assert about.kit.text() == "Strategiekit Hoger Bereik, versie 1 (gepubliceerd 2026-11-20)"
    assert about.data_dir.text() == str(window.context.paths.data_dir)
    assert about.log_dir.text() == str(window.context.paths.log_dir)
    for licence in (
        "AGPL-3.0-or-later",
        "PySide6 / Qt: LGPL-3.0",
        "PyMuPDF: AGPL-3.0",
        "sqlite-utils: Apache-2.0",
        "platformdirs: MIT",
        "cryptography: Apache-2.0 / BSD",
        "truststore: MIT",
        "markdown-it-py: MIT",
        "Strategiekit Hoger Bereik, KB — de Bibliotheek en basisvaardigheden",
    ):
        assert licence in texts
    screenshot(about, "about")


def test_tour_after_the_first_import_walks_the_five_screens_once(qtbot, open_window):
    def offer(window):
        window.offer_tour = True

    window = open_window(configure=offer, wait=True)
    tour = window.tour
    qtbot.waitUntil(lambda: tour is not None and tour.isVisible(), timeout=3000)
    assert tour.title.text() == "Bibliotheek" and tour.counter.text() == "Stap 1 van 5"
    assert not tour.previous_button.isEnabled()
    screenshot(window, "tour-step-1")
    seen = []
    for _ in range(4):
        qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
        seen.append(window.current_screen_key())
    assert seen == ["zoeken", "waar-begin-je", "actieplan", "updates"]
    assert tour.next_button.text() == "Klaar"
    qtbot.mouseClick(tour.previous_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_key() == "actieplan" and tour.counter.text() == "Stap 4 van 5"
    qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)  # Klaar
    assert not tour.isVisible()
    assert window.context.user.setting(TOUR_SEEN_KEY) == "1"

    window.close()
    again = open_window(configure=offer)
    wait_for_kit(qtbot, again)
    again.offer_tour_once()  # seen before: not again
    assert again.tour is None
    # Help > Rondleiding shows it whenever asked.
    again.tour_action.trigger()
    assert again.tour.isVisible() and again.tour.counter.text() == "Stap 1 van 5"


def test_tour_can_be_skipped_with_the_button_or_escape(qtbot, open_window):
    window = open_window(wait=True, activate=True)
    assert window.tour is None  # not offered unless the program asks for it (tests do not)
    tour = window.start_tour()
    assert tour.next_button.hasFocus()  # the keyboard is in the tour at once
    qtbot.keyClick(tour.next_button, Qt.Key.Key_Escape)
    assert not tour.isVisible()
    assert window.context.user.setting(TOUR_SEEN_KEY) == "1"
    tour = window.start_tour()
    qtbot.mouseClick(tour.skip_button, Qt.MouseButton.LeftButton)
    assert not tour.isVisible()
    focus = QApplication.focusWidget()  # the keyboard works on where the person is
    assert focus.isVisible() and window.isAncestorOf(focus) and not tour.isAncestorOf(focus)


def test_tour_in_english_and_it_stays_inside_the_window(qtbot, open_window):
    def english(context):
        context.user.set_setting("weergave.taal", "en")

    window = open_window(prepare=english, wait=True)
    tour = window.start_tour()
    assert tour.title.text() == "Library" and tour.next_button.text() == "Next"
    assert tour.skip_button.text() == "Skip"
    assert_beside_the_screen(window, tour)
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    assert_beside_the_screen(window, tour)


def assert_beside_the_screen(window, tour):
    """Inside the window, and never over the screen it explains."""
    central = window.centralWidget()
    assert central.rect().contains(tour.geometry())
    screen_area = window.stack.parentWidget().geometry()
    assert screen_area.width() > 0 and not screen_area.intersects(tour.geometry())
