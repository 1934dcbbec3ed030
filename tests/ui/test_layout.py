"""Every screen at a workstation's size: 1366x768 at 100 % text and 1920x1080 at 200 %.

The window gets what a maximised window really has on such a screen (the
taskbar and the title bar take about 70 pixels). On each screen, in a state
with something on it, every button must lie inside the window and show
completely: its geometry mapped to the window, and what Qt would paint of it
(``visibleRegion()``, which a parent that clips or a widget on top takes away).

At 1366x768 / 100 % nothing may need scrolling. At 1920x1080 / 200 % (the
same room as 960x540 at 100 %) a long form may scroll, but only inside its
own scroll area: scrolling there must bring each of its buttons fully into
view. With ``SCREENSHOT_DIR`` set, each state is saved as a PNG to look at.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from companion.ui.appearance import Appearance
from companion.ui.widgets.eliding_button import ElidingButton
from tests.conftest import screenshot


@dataclass(frozen=True)
class Workstation:
    name: str
    width: int
    height: int
    text_size: int
    scrolling_allowed: bool


WORKSTATIONS = [
    Workstation("1366x768-100", 1366, 768 - 70, 100, scrolling_allowed=False),
    Workstation("1920x1080-200", 1920, 1080 - 70, 200, scrolling_allowed=True),
]


def fully_shown(button: QAbstractButton) -> bool:
    return button.visibleRegion() == QRegion(button.rect())


def in_window(button: QWidget, root: QWidget) -> bool:
    top_left = button.mapTo(root, QPoint(0, 0))
    return root.rect().contains(QRect(top_left, button.size()))


def scroll_areas_of(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas ``widget`` is in, innermost first."""
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        inner = parent.widget() if isinstance(parent, QScrollArea) else None
        if inner is not None and inner.isAncestorOf(widget):
            found.append(parent)
        parent = parent.parentWidget()
    return found


# Lists that scroll by design at any size: 36 checklist items never fit one screen.
SCROLLING_LISTS = ("steps",)


def shown_when_scrolled_to(button: QWidget, areas: list[QScrollArea], root: QWidget) -> bool:
    """Scroll each area (inner to outer) to the button; is it then whole and in the window?"""
    bars = [(a.horizontalScrollBar().value(), a.verticalScrollBar().value()) for a in areas]
    for area in areas:
        area.ensureWidgetVisible(button, 0, 0)
    shown = fully_shown(button) and in_window(button, root)
    for area, (x, y) in zip(areas, bars, strict=True):
        area.horizontalScrollBar().setValue(x)
        area.verticalScrollBar().setValue(y)
    return shown


def cut_off_buttons(root: QWidget, scrolling_allowed: bool) -> list[str]:
    """Buttons a person cannot see whole without scrolling where that is not allowed.

    A button in one of :data:`SCROLLING_LISTS` (and, with ``scrolling_allowed``,
    in any scroll area) counts when scrolling shows it whole.
    """
    problems = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not root:
            continue
        if button.objectName().startswith("qt_"):  # Qt's own (scroll bar arrows, tab scrollers)
            continue
        label = f"{type(button).__name__} {button.text() or button.accessibleName()!r}"
        areas = scroll_areas_of(button)
        if areas and (scrolling_allowed or areas[0].objectName() in SCROLLING_LISTS):
            if not shown_when_scrolled_to(button, areas, root):
                problems.append(f"{label}: cut off, also when scrolled to")
            continue
        if not in_window(button, root):
            problems.append(f"{label}: outside the window")
        elif not fully_shown(button):
            problems.append(f"{label}: cut off ({button.visibleRegion().boundingRect()} shown)")
    return problems


def shortened_on_purpose(button: QAbstractButton) -> bool:
    """A long title shortened with "…" (its whole text in the tooltip), still readable."""
    return (
        isinstance(button, ElidingButton)
        and button.width() >= button.minimumSizeHint().width()
        and button.height() >= button.sizeHint().height()
    )


def text_cut_off(root: QWidget) -> list[str]:
    """Buttons smaller than their words need."""
    return [
        f"{type(b).__name__} {b.text()!r}: {b.width()}x{b.height()}, needs {b.sizeHint()}"
        for b in root.findChildren(QAbstractButton)
        if b.isVisible()
        and b.window() is root
        and b.text()
        and (b.width() < b.sizeHint().width() or b.height() < b.sizeHint().height())
        and not shortened_on_purpose(b)
    ]


def settle(root: QWidget, rounds: int = 10) -> None:
    """Let pending layouts finish: what a person sees a moment later.

    A resize can take more than one pass of the event loop to settle (a row
    that moves its buttons under its text when it gets narrow asks its card
    for more height, which asks the list again), so run the loop until no
    widget moves any more.
    """

    def geometries() -> list[QRect]:
        return [w.geometry() for w in root.findChildren(QWidget) if w.isVisible()]

    before = None
    for _ in range(rounds):
        QApplication.processEvents()
        now = geometries()
        if now == before:
            return
        before = now


class Walk:
    def __init__(self, qtbot, window, station: Workstation) -> None:
        self.qtbot, self.window, self.station = qtbot, window, station
        self.problems: list[str] = []

    def check(self, name: str, root: QWidget | None = None) -> None:
        root = root or self.window
        settle(root)
        found = cut_off_buttons(root, self.station.scrolling_allowed)
        found += text_cut_off(root)
        self.problems += [f"{name}: {p}" for p in found]
        screenshot(root, f"layout-{self.station.name}-{name}")


@pytest.fixture(params=WORKSTATIONS, ids=[w.name for w in WORKSTATIONS])
def station(request) -> Workstation:
    return request.param


def test_every_screen_fits_the_workstation(qtbot, real_window, station):
    window = real_window(Appearance(text_size=station.text_size))
    window.resize(station.width, station.height)
    qtbot.waitUntil(lambda: window.width() == station.width, timeout=2000)
    walk = Walk(qtbot, window, station)

    # The side menu is as wide as its longest name, not a fixed width.
    widest = max(
        window.nav.fontMetrics().horizontalAdvance(window.nav.item(i).text())
        for i in range(window.nav.count())
    )
    assert widest < window.nav.width() < widest + 120 * station.text_size // 100

    walk.check("bibliotheek")
    screen = window.library_screen
    title_width = screen.tree.header().sectionSize(0)
    assert title_width >= 30 * screen.tree.fontMetrics().averageCharWidth(), title_width

    window.show_screen("zoeken")
    window.search_screen.box.setText("vindplaatsen gemeente")
    window.search_screen.run_search()
    # The search runs on its own thread: check the screen with its results in it.
    qtbot.waitUntil(lambda: window.search_screen.model.rowCount() > 0, timeout=5000)
    walk.check("zoeken")

    window.show_screen("actieplan")
    walk.check("actieplan-leeg")
    plans = window.actionplan_screen
    plans.new_plan()
    for title in (
        "Eerste gesprek met de partner over vindplaatsen in de wijk plannen",
        "Werkblad klantreis invullen met het hele team",
        "Kort",
    ):
        plans.new_action()
        plans._edit_action(plans.table.current_action_id(), {"title": title, "partner": "UWV"})
    table = plans.table
    qtbot.waitUntil(lambda: table.topLevelItemCount() == 3, timeout=2000)
    assert table.header().sectionSize(0) >= 30 * table.fontMetrics().averageCharWidth()
    walk.check("actieplan")

    window.show_screen("waar-begin-je")
    checklist = window.checklist_screen
    first = next(iter(checklist.cards.values()))
    checklist.make_or_show_action(next(iter(first.rows)))  # a message under the title
    walk.check("waar-begin-je")

    window.show_screen("updates")
    window.updates_screen.check_now()  # no portal: says how to set one
    walk.check("updates")

    tour = window.start_tour()
    for step in range(5):
        tour.go_to(step)
        walk.check(f"rondleiding-{step + 1}")
        # Beside the screen it explains, never over it.
        assert not tour.geometry().intersects(window.stack.parentWidget().geometry())
    tour.skip()

    from companion.ui.help.help_window import show_help
    from companion.ui.screens.updates.wiring import open_settings

    settings = open_settings(window)
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        walk.check(f"instellingen-{tab + 1}", settings)
    settings.reject()
    help_window = show_help(window)
    walk.check("help", help_window)
    help_window.close()

    # The first-run panel, while the kit is put in place and after it failed.
    from companion.progress import Progress

    window.stack.setCurrentWidget(window.first_run)
    window.first_run.show_progress(Progress("Documenten inlezen: 12 van 46", 4, 10, 12, 46))
    walk.check("eerste-start")
    window.first_run.show_error(lambda: "De kit kon niet worden klaargezet.")
    walk.check("eerste-start-fout")

    assert not walk.problems, "\n".join(walk.problems)


def test_the_check_sees_a_button_pushed_out_of_view(qtbot, real_window):
    """The check above can fail: a button moved past the window's edge is caught."""
    window = real_window()
    window.resize(1366, 698)
    button = window.library_screen.open_button
    assert not cut_off_buttons(window, scrolling_allowed=False)
    button.move(button.x(), button.parentWidget().height() - 5)
    found = cut_off_buttons(window, scrolling_allowed=False)
    assert any("Openen" in line for line in found), found
