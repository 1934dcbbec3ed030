"""A tool button for an action that is turned on and off often.

A QToolButton shows its action (``setDefaultAction``) by taking the whole
action over again at every change: text, icon, tool tip, checked and
enabled. Setting the icon alone asks for a new layout of the window, even
when nothing about the button's looks changed. The document screen turns
its actions off while it is hidden (their shortcuts must not work behind the
library) and on when it is shown, so every opened document made Qt lay the
whole screen out again inside the switch to it, about a tenth of what
opening a document costs the window. This button takes over only the state
when nothing else changed; any other change goes the usual way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QActionEvent
from PySide6.QtWidgets import QToolButton, QWidget


def _looks(action: QAction) -> tuple:
    """What the button takes from ``action`` besides its state."""
    return (
        action.iconText(),
        action.toolTip(),
        action.statusTip(),
        action.whatsThis(),
        action.icon().cacheKey(),
        action.isCheckable(),
        action.menu() is not None,
        action.font().key(),
    )


class ActionButton(QToolButton):
    """A QToolButton showing ``action``; on and off without a new layout."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDefaultAction(action)
        self._looks = _looks(action)

    def actionEvent(self, event: QActionEvent) -> None:
        action = event.action()
        if event.type() == QEvent.Type.ActionChanged and action is self.defaultAction():
            looks = _looks(action)
            if looks == self._looks:  # only enabled or checked changed: no new layout
                self.setEnabled(action.isEnabled())
                self.setChecked(action.isChecked())
                return
            self._looks = looks
        super().actionEvent(event)
