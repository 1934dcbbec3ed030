"""Accessibility: keyboard only, names for screen readers, large text, high contrast.

All on the real window with the real bundled kit, so every screen has its
real number of controls (36 checklist items, a worksheet with form fields).
"""

from __future__ import annotations

import weakref

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)
from shiboken6 import Shiboken

from companion.ui import live
from companion.ui.appearance import Appearance, theme
from tests.conftest import screenshot
from tests.support.ui_walk import (
    SCREENS,
    close_window,
    fill_every_screen,
    worksheet_with_fields,
)

# -- keyboard ----------------------------------------------------------------------------


def focusable(window: QWidget) -> set[QWidget]:
    """What Tab should reach: every enabled, visible control that takes focus by Tab.

    Radio buttons that form a group are one Tab stop together (Qt's rule; the
    arrow keys move between the options), so they are counted per group by
    :func:`radio_groups` instead.
    """
    found = set()
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.window() is window):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy():
            continue
        if one_of_a_group(widget):
            continue
        found.add(widget)
    return found


def one_of_a_group(widget: QWidget) -> bool:
    """Options that are one Tab stop together: radio buttons, and chips in an exclusive group
    (arrow keys move between them, as Qt does for both)."""
    if isinstance(widget, QRadioButton) and widget.autoExclusive():
        return True
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        group = widget.group()
        return group is not None and group.exclusive()
    return False


def radio_groups(window: QWidget) -> dict[int, set[QWidget]]:
    groups: dict[int, set[QWidget]] = {}
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisible() and widget.isEnabled() and one_of_a_group(widget):
            group = widget.group() or widget.parentWidget()
            groups.setdefault(id(group), set()).add(widget)
    return groups


def tab_round(qtbot, window: QWidget, start: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until the focus is back there; every widget on the way."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    visited = [start]
    for _ in range(600):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            return visited
        assert now is not None and now not in visited, (
            f"Tab got stuck or went round early at {type(now).__name__} {now.accessibleName()!r}"
        )
        visited.append(now)
    raise AssertionError("Tab never came back to where it started")


def names(widgets) -> list[str]:
    return sorted(f"{type(w).__name__} {w.accessibleName() or w.objectName()!r}" for w in widgets)


def check_keyboard_and_names(qtbot, window) -> int:
    """On every screen and in the document: Tab reaches all controls, each has a name."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    stops = 0
    views = [*SCREENS, "document"]
    for view in views:
        if view == "document":
            window.open_document(worksheet_with_fields(window))
            qtbot.waitUntil(lambda: window.viewer.canvas.is_rendered(0), timeout=10000)
        else:
            window.show_screen(view)
        expected = focusable(window)
        visited = tab_round(qtbot, window, window.nav)
        radios = {w for w in visited if one_of_a_group(w)}
        for group in radio_groups(window).values():
            assert len(group & radios) == 1, f"{view}: a group of options is not one Tab stop"
        assert set(visited) - radios == expected, (
            f"{view}: Tab missed {names(expected - set(visited))}, "
            f"went to {names(set(visited) - radios - expected)}"
        )
        unnamed = [w for w in visited if not w.accessibleName().strip()]
        assert not unnamed, f"{view}: no accessible name for {names(unnamed)}"
        stops += len(visited)
    # The dialogs and the tour: every control has a name too.
    from companion.ui.help.about import show_about
    from companion.ui.help.help_window import show_help
    from companion.ui.screens.updates.wiring import open_settings

    settings = open_settings(window)
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        unnamed = [w for w in focusable(settings) if not w.accessibleName().strip()]
        assert not unnamed, f"settings tab {tab}: no accessible name for {names(unnamed)}"
    settings.reject()
    for dialog in (show_help(window), show_about(window)):
        unnamed = [w for w in focusable(dialog) if not w.accessibleName().strip()]
        assert not unnamed, f"{type(dialog).__name__}: no accessible name for {names(unnamed)}"
        dialog.close()
    tour = window.start_tour()
    unnamed = [w for w in focusable(window) if tour.isAncestorOf(w) and not w.accessibleName()]
    assert not unnamed, f"tour: no accessible name for {names(unnamed)}"
    tour.skip()
    return stops


def test_tab_reaches_every_control_on_every_screen_and_each_has_a_name(qtbot, real_window):
    window = real_window()
    fill_every_screen(qtbot, window)
    window.show_screen("bibliotheek")
    stops = check_keyboard_and_names(qtbot, window)
    assert stops > 150  # the real kit: dozens of checklist items, fields in the worksheet

    window.set_appearance(Appearance(language="en"))
    check_keyboard_and_names(qtbot, window)


def test_tab_order_follows_reading_order(qtbot, real_window):
    window = real_window()
    window.show_screen("bibliotheek")
    screen = window.library_screen
    visited = tab_round(qtbot, window, window.nav)
    order = [w for w in visited if w is not window.nav]
    assert order[:6] == [
        screen.by_theme,
        screen.filter,
        screen.chip_buttons[""],  # the theme chips: one stop, the chosen one ("Alle thema's")
        screen.tree,
        screen.details,
        screen.open_button,
    ]
    window.show_screen("actieplan")
    plans = window.actionplan_screen
    plans.new_plan()
    visited = tab_round(qtbot, window, window.nav)
    wanted = [
        plans.import_button,
        plans.plan_box,
        plans.plan_name,
        plans.status_filter,
        plans.new_action_button,  # the action buttons stand above the list
        plans.table,
    ]
    positions = [visited.index(w) for w in wanted if w in visited]
    assert positions == sorted(positions), "Tab does not go top to bottom on Actieplan"


def test_focus_is_clearly_visible(qtbot, real_window):
    """The focused control gets a border in the focus colour (blue; yellow in high contrast)."""
    window = real_window()

    def focus_pixels(widget: QWidget, colour: str) -> int:
        """Pixels in the focus colour in the outer band of the widget, where a frame is."""
        image = widget.grab().toImage()
        wanted = QColor(colour)
        count = 0
        band = 5
        width, height = image.width(), image.height()
        edge = [(x, y) for y in range(height) for x in (*range(band), *range(width - band, width))]
        edge += [
            (x, y)
            for x in range(band, width - band)
            for y in (*range(band), *range(height - band, height))
        ]
        for x, y in edge:
            if 0 <= x < width and 0 <= y < height:
                pixel = image.pixelColor(x, y)
                if (
                    abs(pixel.red() - wanted.red()) < 40
                    and abs(pixel.green() - wanted.green()) < 40
                    and abs(pixel.blue() - wanted.blue()) < 40
                ):
                    count += 1
        return count

    window.open_document(worksheet_with_fields(window))
    qtbot.waitUntil(lambda: window.viewer.canvas.is_rendered(0), timeout=10000)
    for appearance in (Appearance(), Appearance(high_contrast=True)):
        window.set_appearance(appearance)
        screen = window.library_screen
        viewer = window.viewer
        window.show_screen("bibliotheek")
        for widget in (
            screen.open_button,
            screen.filter,
            screen.by_type,
            screen.tree,
            None,  # the document: its pages
            viewer.zoom_box,
            viewer.present_button,
            viewer.page_box,
        ):
            if widget is None:
                window.stack.setCurrentWidget(viewer)
                widget = viewer.canvas
            window.nav.setFocus()
            qtbot.waitUntil(lambda: window.nav.hasFocus(), timeout=2000)
            before = focus_pixels(widget, theme().focus)
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(widget.hasFocus, timeout=2000)
            after = focus_pixels(widget, theme().focus)
            # A frame all round: at least the widget's outline in the focus colour.
            assert after - before >= widget.width() + widget.height(), (
                f"{type(widget).__name__}: no visible focus in {theme().name}"
            )


# -- large text ----------------------------------------------------------------------------


def clipped(root: QWidget) -> list[str]:
    """Labels, buttons and check boxes smaller than their text needs."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if widget.window() is not root:  # a dialog: checked on its own
            continue
        if not widget.text():  # an icon, a picture (the clear button in a search box)
            continue
        hint = widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            need_w, need_h = 0, widget.heightForWidth(widget.width())
        else:
            need_w, need_h = hint.width(), hint.height()
        if widget.width() < need_w or widget.height() < need_h:
            text = widget.text()[:50]
            problems.append(
                f"{type(widget).__name__} {text!r}: {widget.width()}x{widget.height()}, "
                f"needs {need_w}x{need_h}"
            )
    return problems


def fits(root: QWidget, where: str) -> None:
    """Asserts nothing in ``root`` is cut off (for waitUntil: layouts settle in the event loop)."""
    problems = clipped(root)
    assert not problems, f"{where}:\n" + "\n".join(problems)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_text_at_200_percent_fits_everywhere(qtbot, real_window, high_contrast):
    window = real_window(Appearance(language="nl", text_size=200, high_contrast=high_contrast))
    # The side menu is as wide as its longest name, not a fixed 420 pixels.
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    widest = max(window.nav.fontMetrics().horizontalAdvance(n) for n in names)
    assert widest < window.nav.width() < 420
    extra = fill_every_screen(qtbot, window)
    tag = "hc" if high_contrast else "normal"
    for key in SCREENS:
        window.show_screen(key)
        qtbot.waitUntil(lambda key=key: fits(window, f"{key} at 200%"), timeout=3000)
        window.tour.hide()  # checked with the first screen; out of the way for the pictures
        screenshot(window, f"a11y-200-{tag}-{key}")
    window.open_document(worksheet_with_fields(window))
    qtbot.waitUntil(lambda: fits(window, "document at 200%"), timeout=3000)
    screenshot(window, f"a11y-200-{tag}-document")
    for other in extra:
        if Shiboken.isValid(other) and other.isVisible() and other.isWindow():
            assert not clipped(other), clipped(other)
            screenshot(other, f"a11y-200-{tag}-{type(other).__name__}")


def test_text_size_changes_in_place_and_back(qtbot, real_window):
    window = real_window()
    title = window.library_screen.findChild(QLabel, "screenTitle")
    normal = title.sizeHint().height()
    button = window.library_screen.open_button
    button_height = button.sizeHint().height()
    nav_width = window.nav.width()
    window.set_appearance(Appearance(text_size=150))
    assert title.sizeHint().height() > normal * 1.3
    assert button.sizeHint().height() > button_height * 1.2
    assert window.nav.width() > nav_width * 1.3  # the side menu grows with its words
    window.set_appearance(Appearance(text_size=100))
    assert title.sizeHint().height() == normal
    assert window.nav.width() == nav_width


# -- high contrast ---------------------------------------------------------------------------


def test_high_contrast_reaches_nav_banner_viewer_and_errors(qtbot, real_window):
    window = real_window(Appearance(high_contrast=True))
    window.banner.show_message(lambda: "Test")
    doc = worksheet_with_fields(window)

    def colour_at(widget: QWidget, x: int, y: int) -> QColor:
        return widget.grab().toImage().pixelColor(x, y)

    assert colour_at(window.nav, 3, window.nav.height() - 3).lightness() < 20  # black
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=3000)
    assert colour_at(window.banner, 3, 3).lightness() < 20
    window.open_document(doc)
    qtbot.waitUntil(lambda: window.viewer.canvas.is_rendered(0), timeout=10000)
    canvas = window.viewer.canvas
    assert colour_at(canvas, 6, 6).lightness() < 20  # around the pages, inside the focus frame
    window.show_screen("actieplan")
    plans = window.actionplan_screen
    plans._fail(lambda: "Fout")
    error = plans.error
    # The letters are in the error colour; none in the colour of ordinary text.
    colours = pixel_colours(error)
    assert theme().error in colours and theme().text not in colours
    # Check boxes have a white frame on black (the native ones would be black on black).
    checkbox = window.checklist_screen.findChild(QCheckBox)
    window.show_screen("waar-begin-je")
    qtbot.waitUntil(lambda: any(QColor(c).lightness() > 230 for c in pixel_colours(checkbox)))
    screenshot(window, "a11y-high-contrast-checklist")


def pixel_colours(widget: QWidget) -> set[str]:
    image = widget.grab().toImage()
    return {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }


# -- the machinery behind it -------------------------------------------------------------------


def test_live_texts_of_deleted_widgets_are_dropped(qtbot):
    before = live.entry_count()  # what other tests left does not count: only the living
    labels = [QLabel() for _ in range(20)]
    for number, label in enumerate(labels):
        live.live(label, "setText", lambda n=number: f"{n}")
    assert live.entry_count() == before + 20
    # A text's function (and all it holds, e.g. a screen) goes with its widget, at once.
    held = Held()
    gone = weakref.ref(held)
    live.live(labels[0], "setToolTip", lambda held=held: str(held))
    del held
    for label in labels:
        label.deleteLater()
    qtbot.waitUntil(lambda: gone() is None, timeout=3000)
    assert live.entry_count() == before


class Held:
    """Something a live text's function keeps alive."""


def test_a_window_closing_forgets_its_live_texts(qtbot, real_window):
    window = real_window()
    button = QPushButton(window)
    live.live(button, "setText", lambda: "x")
    count = live.entry_count()
    close_window(window)
    assert live.entry_count() < count - 20
