"""The user store: everything a person made. Kit work never writes here.

Schema changes are numbered migrations (``migrations/mNNN_*.py``) tracked with
``PRAGMA user_version``. Before the first migration that touches an existing
file, a copy is made with SQLite's backup API (``user.sqlite.bak-vN``), so a
failed or faulty migration never costs a person their plans and notes.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.store import migrations
from companion.store.sqlite_base import SqliteStore, schema_version


def load_migrations() -> list[ModuleType]:
    """All migration modules, ordered by number, checked for gaps."""
    found = []
    for info in pkgutil.iter_modules(migrations.__path__):
        if info.name.startswith("m") and info.name[1:4].isdigit():
            found.append(importlib.import_module(f"{migrations.__name__}.{info.name}"))
    found.sort(key=lambda module: module.VERSION)
    numbers = [module.VERSION for module in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"user store migrations are not numbered 1..n: {numbers}")
    return found


def latest_version() -> int:
    return len(load_migrations())


class UserStore(SqliteStore):
    """One connection to ``user.sqlite``, migrated to the newest schema."""

    damaged_message = QT_TRANSLATE_NOOP(
        "messages",
        "Je eigen gegevens (user.sqlite) kunnen niet worden geopend. Er is niets gewist.",
    )

    def _prepare(self) -> None:
        current = schema_version(self.conn)
        pending = [m for m in load_migrations() if current < m.VERSION]
        if current > latest_version():
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Je gegevens zijn gemaakt met een nieuwere versie van het programma. "
                    "Werk het programma bij.",
                ),
                f"user store schema {current}, this program knows {latest_version()}",
            )
        if not pending:
            return
        if current > 0:
            self._backup(current)
        for module in pending:
            with self.transaction() as conn:
                for statement in module.SQL.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {module.VERSION}")

    def _backup(self, version: int) -> Path:
        target = self.path.with_name(f"{self.path.name}.bak-v{version}")
        copy = sqlite3.connect(target)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        return target

    # -- settings ------------------------------------------------------------

    # The defaults IT set for every workstation (companion/store/site_defaults.py):
    # a setting the person never chose comes from here before the program's own.
    defaults: Mapping[str, str] = MappingProxyType({})

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return row[0]
        return self.defaults.get(key, default)

    def own_setting(self, key: str) -> str | None:
        """What the person chose themselves (None: they never did, a default applies)."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def choose_setting(self, key: str, value: str, default: str | None = None) -> None:
        """Keep ``value`` as the person's choice, unless it is what applies anyway.

        ``default`` is the program's own default. A setting nobody changed keeps
        following the defaults (also when IT sets or changes them later); one the
        person set stays theirs.
        """
        if self.own_setting(key) is None and self.setting(key, default) == value:
            return
        self.set_setting(key, value)

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- reading places ------------------------------------------------------

    def last_page(self, document_id: str) -> int | None:
        row = self.conn.execute(
            "SELECT page FROM last_pages WHERE document_id = ?", (document_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def set_last_page(self, document_id: str, page: int) -> None:
        self.conn.execute(
            "INSERT INTO last_pages (document_id, page, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET page = excluded.page, "
            "updated_at = excluded.updated_at",
            (document_id, page, _now()),
        )

    def mark_opened(self, document_id: str, revision: int) -> None:
        self.conn.execute(
            "INSERT INTO opened_documents (document_id, revision, opened_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET revision = excluded.revision, "
            "opened_at = excluded.opened_at",
            (document_id, revision, _now()),
        )

    def opened_revisions(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT document_id, revision FROM opened_documents"))


def peek_setting(path: Path, key: str) -> str | None:
    """One setting read without opening the store for writing (for the command line's
    language before any command runs); None when there is no readable store or value."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return None if row is None else row[0]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")
