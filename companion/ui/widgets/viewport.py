"""A scroll area's viewport made in Python, so that PySide6 knows its type.

Qt makes a scroll area's viewport itself. The first time Python touches such
a widget (``view.viewport()``, or an event filter on it that is handed the
widget), PySide6 has no wrapper for it yet and looks for the most fitting
widget class among all of QtWidgets' classes; on PySide6 6.11 that creates
every widget class with its enums (about 60, some 30 ms on a library
workstation) before the window can be painted. A viewport made here already
has its Python wrapper, so touching it costs nothing. It is set up the way
Qt sets up its own (name, background role, filled background), so it looks
and behaves the same, style sheet included.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

QT_VIEWPORT_NAME = "qt_scrollarea_viewport"  # Qt's own name; style sheets look for it


def known_viewport(view: QAbstractScrollArea) -> QWidget:
    """Give ``view`` a viewport made in Python (call it right after making the view)."""
    viewport = QWidget()
    viewport.setObjectName(QT_VIEWPORT_NAME)
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    view.setViewport(viewport)  # the view takes it over (and deletes Qt's own)
    return viewport
