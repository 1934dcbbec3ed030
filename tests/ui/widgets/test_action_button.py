"""A tool button for an action that is turned on and off often (the document screen's
toolbar): it shows what its action is, and turning the action on or off does not make
the window lay itself out again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from companion.ui.widgets.action_button import ActionButton
from companion.ui.widgets.flow_layout import FlowLayout
from tests.support.toolbar_window import window_with_row


def _toolbar(qtbot, action: QAction) -> tuple[QWidget, ActionButton, FlowLayout]:
    button = ActionButton(action)
    window, row = window_with_row(qtbot, [button], (400, 200))
    window.addAction(action)
    layout = row.layout()
    assert isinstance(layout, FlowLayout)
    return window, button, layout


def test_the_button_follows_its_action_on_and_off_and_clicks_only_when_on(qtbot):
    action = QAction("Afdrukken")
    triggered: list[bool] = []
    action.triggered.connect(lambda: triggered.append(True))
    _window, button, _layout = _toolbar(qtbot, action)

    action.setEnabled(False)
    assert not button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert triggered == []

    action.setEnabled(True)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert triggered == [True]


def test_a_checkable_action_shows_checked_on_its_button(qtbot):
    action = QAction("Zijbalk")
    action.setCheckable(True)
    action.setChecked(True)
    _window, button, _layout = _toolbar(qtbot, action)
    assert button.isChecked()
    action.setChecked(False)
    assert not button.isChecked()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert action.isChecked() and button.isChecked()


def test_a_new_text_or_tip_is_shown_and_the_button_grows_for_it(qtbot):
    action = QAction("Zoeken")
    _window, button, _layout = _toolbar(qtbot, action)
    narrow = button.width()
    action.setText("Zoeken in dit hele lange document")
    action.setToolTip("Zoek een woord")
    assert button.text() == "Zoeken in dit hele lange document"
    assert button.toolTip() == "Zoek een woord"
    qtbot.waitUntil(lambda: button.width() > narrow)
    assert button.rect().width() >= button.sizeHint().width()


def test_turning_the_action_on_and_off_does_not_lay_the_row_out_again(qtbot):
    action = QAction("Presenteren")
    _window, button, layout = _toolbar(qtbot, action)
    invalidated: list[bool] = []
    original = layout.invalidate

    def invalidate() -> None:
        invalidated.append(True)
        original()

    layout.invalidate = invalidate
    for enabled in (False, True, False, True):
        action.setEnabled(enabled)
        assert button.isEnabled() is enabled
    assert invalidated == []
