"""Sync settings, kept in the user store's settings table.

The portal address is empty by default: the program never contacts an
outside host until someone fills it in (the Updates screen explains how).
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.store.user_store import UserStore
from companion.sync.portal import check_portal_url

PORTAL_KEY = "sync.portal_url"
CHECK_AT_START_KEY = "sync.check_at_start"


@dataclass(frozen=True)
class SyncSettings:
    portal_url: str = ""
    check_at_start: bool = True


def load_sync_settings(user: UserStore) -> SyncSettings:
    return SyncSettings(
        portal_url=user.setting(PORTAL_KEY, "") or "",
        check_at_start=user.setting(CHECK_AT_START_KEY, "1") != "0",
    )


def save_sync_settings(user: UserStore, settings: SyncSettings) -> SyncSettings:
    """Store the settings; a wrong address is refused with a Dutch message."""
    url = settings.portal_url.strip()
    if url:
        url = check_portal_url(url)
    with user.transaction():
        # Only what differs from what applies is kept as the person's own choice:
        # the rest keeps following the defaults of IT (companion/store/site_defaults.py).
        user.choose_setting(PORTAL_KEY, url, "")
        user.choose_setting(CHECK_AT_START_KEY, "1" if settings.check_at_start else "0", "1")
    return SyncSettings(url, settings.check_at_start)
