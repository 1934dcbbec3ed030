"""Showing the services' Dutch sentences and labels in the chosen language.

Services make :class:`~companion.i18n.Text` sentences and mark their labels
with ``QT_TRANSLATE_NOOP("messages", ...)``. :func:`ui_text` is the one place
where the window turns them into words on screen: it translates the template
and then fills in the values (which may be translated sentences themselves).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from companion.errors import CompanionError
from companion.i18n import MESSAGES, render
from companion.kit.library import TYPE_LABELS


def ui_text(value: object) -> str:
    """A service sentence, error or label in the language of the window."""
    if isinstance(value, CompanionError):
        value = value.message
    return render(value, lambda source: QCoreApplication.translate(MESSAGES, source))


def type_label(kind: str, many: bool = False) -> str:
    """'Werkblad' / 'Werkbladen' for a document type, translated."""
    labels = TYPE_LABELS.get(kind)
    return ui_text(labels[1 if many else 0]) if labels else kind


def status_label(status: str) -> str:
    from companion.plan.actionplan import STATUS_LABELS  # not needed at start-up

    return ui_text(STATUS_LABELS.get(status, status))


def priority_label(priority: int) -> str:
    from companion.plan.actionplan import PRIORITIES

    return ui_text(PRIORITIES.get(priority, str(priority)))
