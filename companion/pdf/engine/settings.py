"""The engine's one setting: how long a page may take before it gets a placeholder.

Kept in the user store's settings table (anything with ``setting`` and
``set_setting``), so a library can give slow workstations more time.
"""

from __future__ import annotations

from typing import Protocol

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP

DEADLINE_KEY = "engine.deadline_seconds"
DEFAULT_DEADLINE = 10
MIN_DEADLINE = 2
MAX_DEADLINE = 120


class Settings(Protocol):
    def setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str) -> None: ...


def load_deadline(settings: Settings | None) -> int:
    """Seconds a page may take (the stored value, or 10 when none or unreadable)."""
    if settings is None:
        return DEFAULT_DEADLINE
    try:
        value = int(settings.setting(DEADLINE_KEY) or DEFAULT_DEADLINE)
    except ValueError:
        return DEFAULT_DEADLINE
    return max(MIN_DEADLINE, min(MAX_DEADLINE, value))


def save_deadline(settings: Settings, seconds: int) -> int:
    """Store ``seconds``; outside 2..120 it is refused with a Dutch message."""
    if not MIN_DEADLINE <= seconds <= MAX_DEADLINE:
        raise CompanionError(
            QT_TRANSLATE_NOOP(
                "messages", "Kies een tijd tussen {low} en {high} seconden voor een pagina."
            ),
            str(seconds),
            low=MIN_DEADLINE,
            high=MAX_DEADLINE,
        )
    settings.set_setting(DEADLINE_KEY, str(seconds))
    return seconds
