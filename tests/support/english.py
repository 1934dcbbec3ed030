"""What a person who chose English reads: a service's sentence, translated."""

from __future__ import annotations

from companion.i18n import catalog


def in_english(value: object) -> str:
    """An error, its message or a label as the window shows it in English."""
    return catalog("en").say(value)
