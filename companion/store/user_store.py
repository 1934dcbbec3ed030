"""The user store: everything a person made. Kit work never writes here.

Schema changes are numbered migrations (``migrations/mNNN_*.py``) tracked with
``PRAGMA user_version``. Before the first migration that touches an existing
file, a backup is made (``backups.py``), so a failed or faulty migration never
costs a person their plans and notes.

Opening checks the file (``PRAGMA quick_check``): a damaged or emptied store
(0 bytes: all plans gone without a word) is never used as if it were fine.
It raises :class:`UserStoreDamagedError`; the program keeps the file aside and
offers the newest backup.

``read_only``: the data folder cannot be written (a write-protected stick, a
read-only share). Reading works; a save raises a Dutch StoreError, and the
small bookkeeping writes (last page, opened documents) are skipped.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType, ModuleType

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.store import migrations
from companion.store.sqlite_base import (
    DamagedStoreError,
    SqliteStore,
    schema_version,
    sqlite_uri,
)


class UserStoreDamagedError(DamagedStoreError):
    """The user store cannot be used as it is; it must be kept aside (never replaced silently)."""


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
        "Je eigen gegevens (user.sqlite) kunnen niet worden gelezen. Er is niets gewist.",
    )

    def _open(self):
        self._check_size()  # before SQLite writes a fresh header into an emptied file
        return super()._open()

    def _prepare(self) -> None:
        problems = self.quick_check()
        if problems:
            raise UserStoreDamagedError(self.damaged_message, "; ".join(problems))
        if self._pending() and not self.read_only:
            # Two programs may start on one folder at once: migrate under the
            # write lock, looking at the version again once it is held.
            current = schema_version(self.conn)
            if current > 0:
                from companion.store.backups import backup_folder, make_backup

                make_backup(self.conn, backup_folder(self.path))
            for module in load_migrations():
                with self.transaction() as conn:
                    if schema_version(conn) >= module.VERSION:
                        continue
                    for statement in module.SQL.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {module.VERSION}")
        if self._pending():
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Je gegevens komen uit een oudere versie van het programma en de map "
                    "{folder} is alleen-lezen, dus ze kunnen niet worden bijgewerkt.",
                ),
                "read-only store without the current schema",
                folder=self.path.parent,
            )

    def _pending(self) -> bool:
        current = schema_version(self.conn)
        if current > latest_version():
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Je gegevens zijn gemaakt met een nieuwere versie van het programma. "
                    "Werk het programma bij.",
                ),
                f"user store schema {current}, this program knows {latest_version()}",
            )
        return current < latest_version()

    def _check_size(self) -> None:
        """Refuse an emptied file instead of treating it as a new, empty store.

        SQLite writes a header as soon as it sets up a store, so 0 bytes where
        backups show a store existed means a file that was emptied (a failed
        copy, a crashed sync tool). Without backups it is a store another
        program is creating this very moment (two starts at once).
        """
        if _size(self.path) != 0:
            return
        from companion.store.backups import backup_folder, list_backups  # rarely needed

        wal = _size(self.path.with_name(self.path.name + "-wal")) or 0
        if wal == 0 and list_backups(backup_folder(self.path)):
            raise UserStoreDamagedError(self.damaged_message, "file is empty (0 bytes)")

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
        if self.read_only:
            return  # choices still apply for this session; the banner says nothing is kept
        self.write(
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
        if self.read_only:
            return  # bookkeeping, not a person's work: skipped without a word
        self.write(
            "INSERT INTO last_pages (document_id, page, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET page = excluded.page, "
            "updated_at = excluded.updated_at",
            (document_id, page, _now()),
        )

    def mark_opened(self, document_id: str, revision: int) -> None:
        if self.read_only:
            return
        self.write(
            "INSERT INTO opened_documents (document_id, revision, opened_at) VALUES (?, ?, ?) "
            "ON CONFLICT (document_id) DO UPDATE SET revision = excluded.revision, "
            "opened_at = excluded.opened_at",
            (document_id, revision, _now()),
        )

    def opened_revisions(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT document_id, revision FROM opened_documents"))


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def peek_setting(path: Path, key: str) -> str | None:
    """One setting read without opening the store for writing (for the command line's
    language before any command runs); None when there is no readable store or value."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(sqlite_uri(path, readonly=True), uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    return None if row is None else row[0]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")
