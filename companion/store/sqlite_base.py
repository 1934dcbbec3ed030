"""Opening SQLite files the same careful way for both stores.

Both stores use WAL so the window can read while a worker thread writes, and
``synchronous=FULL`` so a committed transaction survives a pulled plug (the
cost is a few ms per commit, which nobody notices here).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError


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
        raise StoreError(f"Het bestand {path.name} kan niet worden geopend.", str(exc)) from exc
    return conn


def quick_check(conn: sqlite3.Connection) -> bool:
    """True when SQLite finds the file sound (cheap enough for every start)."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])
