"""Expiry dates of manifests and key lists: how fresh a signed kit is.

A signature proves who made a manifest, not that it is current: a portal (or
someone in between) could keep serving an old, validly signed manifest for
ever, and the program would keep saying "newest version" (a *freeze attack*).
So every manifest and key list carries an ``expires`` date. The rules:

- online (a portal check), an expired manifest or key list is refused;
- an installed kit past its date only earns a calm notice: workstation clocks
  are often wrong and USB updates are rare, so expiry never stops reading.

``publish`` sets ``expires`` from the kit's ``published`` date (not today's
clock), so publishing the same sources twice still gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re

DEFAULT_VALID_DAYS = 180
MAX_VALID_DAYS = 5 * 366
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(value: object) -> dt.date:
    """A ``YYYY-MM-DD`` date; ValueError for anything else."""
    if not isinstance(value, str) or not _DAY.match(value):
        raise ValueError(f"not a date YYYY-MM-DD: {value!r}")
    return dt.date.fromisoformat(value)


def expires_after(published: str, days: int = DEFAULT_VALID_DAYS) -> str:
    """The expiry date ``days`` after ``published`` (deterministic: no clock)."""
    if not 1 <= days <= MAX_VALID_DAYS:
        raise ValueError(f"days must be 1..{MAX_VALID_DAYS}, not {days}")
    return (parse_day(published) + dt.timedelta(days=days)).isoformat()


def is_expired(expires: str, today: dt.date | None = None) -> bool:
    """True once ``today`` is after the expiry date (the date itself still counts)."""
    return (today or dt.date.today()) > parse_day(expires)


def kit_expired(expires: str, today: dt.date | None = None) -> bool:
    """For an installed kit: past its date (False when it has none or it is unreadable)."""
    try:
        return bool(expires) and is_expired(expires, today)
    except ValueError:
        return False
