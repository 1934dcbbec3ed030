"""Opening SQLite files the same careful way for both stores.

Both stores use WAL so the window can read while a worker thread writes, and
``synchronous=FULL`` so a committed transaction survives a pulled plug (the
cost is a few ms per commit, which nobody notices here).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from sqlite_utils import Database


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode; transactions are begun explicitly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    try:
        conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False
        )
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            QT_TRANSLATE_NOOP("messages", "Het bestand {name} kan niet worden geopend."),
            str(exc),
            name=path.name,
        ) from exc
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


class SqliteStore:
    """One connection to one database file; open one per thread.

    Subclasses check or create their schema in ``_prepare``; a file that
    SQLite cannot read becomes a StoreError with ``damaged_message``, and the
    connection is closed so the file can be moved aside.
    """

    damaged_message = QT_TRANSLATE_NOOP("messages", "Het bestand kan niet worden gelezen.")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = connect(path)
        try:
            self._prepare()
        except StoreError:
            self.conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(self.damaged_message, str(exc)) from exc

    def _prepare(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.conn.close()

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on this connection, loaded on first use (it is slow to import)."""
        from sqlite_utils import Database

        return Database(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Several statements that land together, or not at all.

        WAL keeps other connections (the window) on the old state until COMMIT.
        """
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
