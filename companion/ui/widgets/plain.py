"""Strings from outside shown as plain text, never as Qt rich text.

A title in the kit, a line in a plan file or a file name may contain markup:
``<img src=file:///...>`` in a label that guesses "rich text" loads a local
image, and ``<a href>`` makes a link. Qt guesses rich text for labels,
message boxes and tooltips whenever a string looks like HTML, so:

- labels that can show such a string are set to ``Qt.TextFormat.PlainText``
  (:func:`plain`);
- tooltips cannot be set to plain text, so the string is escaped and wrapped
  in ``<qt>`` (:func:`plain_tip`): then it is always read as rich text, and
  the escaped markup shows as the characters it is;
- questions go through :func:`ask`, a message box in plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:  # the message box is loaded when a question is asked, not at start
    from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


# What html.escape replaces, in its order (& first). Written out here: the html
# module loads its table of 2,231 named characters, and the Library's first fill
# (tooltips, the card) needs only this.
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def escape(text: str) -> str:
    """``text`` as HTML shows it literally: exactly ``html.escape(text)``."""
    for char, entity in _ESCAPES:
        text = text.replace(char, entity)
    return text


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally (line breaks kept)."""
    if not text:
        return ""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` with the text shown as it is (Yes and No, No the default)."""
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    if default is None:
        default = QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
