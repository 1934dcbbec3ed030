"""Opening SQLite files the same careful way for both stores.

Both stores use WAL so the window can read while a worker thread writes, and
``synchronous=FULL`` so a committed transaction survives a pulled plug (the
cost is a few ms per commit, which nobody notices here).

Files are opened by URI (:func:`sqlite_uri`), escaped, so a data folder
called ``Bieb #2`` or ``50% kit?`` opens the file that is really there. Every
SQLite failure a person can meet (disk full, a read-only folder, a damaged
file, another program holding the lock) becomes a :class:`StoreError` with
a Dutch sentence: :func:`store_error` is the one place that words them.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# SQLite's primary result codes (the low byte of ``sqlite_errorcode``).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26
# Switching to WAL needs a moment alone with the file; another program that
# starts at the same moment may hold it. Try again for this long.
WAL_SWITCH_SECONDS = 30.0


class DiskFullError(StoreError):
    """The disk (or the database's size limit) is full; the transaction was rolled back."""


class ReadOnlyStoreError(StoreError):
    """The file or its folder cannot be written; nothing was saved."""


class DamagedStoreError(StoreError):
    """SQLite says the file is not a (healthy) database."""


def sqlite_uri(path: Path, *, readonly: bool = False, immutable: bool = False) -> str:
    """A ``file:`` URI for ``path`` with every special character escaped.

    ``#``, ``?`` and ``%`` are URI syntax, so an unescaped path with them
    names another file. Works for POSIX paths, Windows drive paths
    (``file:///C:/...``) and UNC shares (``file:////server/share/...``).
    """
    posix = Path(path).absolute().as_posix()
    prefix = "file://" if posix.startswith("/") else "file:///"
    uri = prefix + quote(posix, safe="/:")
    options = []
    if readonly or immutable:
        options.append("mode=ro")
    if immutable:
        options.append("immutable=1")
    return uri + ("?" + "&".join(options) if options else "")


def error_code(exc: BaseException) -> int:
    """SQLite's primary result code of ``exc`` (0 when it has none)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_damage(exc: BaseException) -> bool:
    """True for the errors a damaged database file gives (not a full disk or a lock)."""
    if isinstance(exc, UnicodeDecodeError):
        return True  # text in the file that is not the UTF-8 SQLite promised
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = error_code(exc)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return code == 0 and ("malformed" in text or "not a database" in text)


def store_error(exc: BaseException, path: Path) -> StoreError:
    """A Dutch sentence for what went wrong with the database file ``path``."""
    if isinstance(exc, StoreError):
        return exc
    code = error_code(exc)
    text = str(exc)
    name = path.name
    if code == SQLITE_FULL or "disk is full" in text:
        return DiskFullError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De schijf is vol: {name} kon niet worden bijgewerkt. Er is niets veranderd. "
                "Maak ruimte vrij op de schijf en probeer het opnieuw.",
            ),
            text,
            name=name,
        )
    if code == SQLITE_READONLY or "readonly" in text:
        return ReadOnlyStoreError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De map {folder} is alleen-lezen: wat je veranderde is niet bewaard.",
            ),
            text,
            folder=path.parent,
        )
    if code == SQLITE_IOERR or "disk I/O error" in text:
        return StoreError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De schijf gaf een fout bij het schrijven van {name}. Er is niets veranderd. "
                "Is de schijf of USB-stick vol of losgeraakt? Probeer het opnieuw.",
            ),
            text,
            name=name,
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(
            QT_TRANSLATE_NOOP(
                "messages",
                "{name} is bezet door een ander programma. Er is niets veranderd. "
                "Probeer het over een ogenblik opnieuw.",
            ),
            text,
            name=name,
        )
    if is_damage(exc):
        return DamagedStoreError(
            QT_TRANSLATE_NOOP("messages", "Het bestand {name} is beschadigd."), text, name=name
        )
    return StoreError(
        QT_TRANSLATE_NOOP("messages", "Het bestand {name} kan niet worden geopend."),
        text,
        name=name,
    )


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, waiting while another program holds the file."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if error_code(exc) not in (SQLITE_BUSY, SQLITE_LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def connect(path: Path, *, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode; transactions are begun explicitly.

    ``immutable``: a read-only folder, where SQLite cannot even make its lock
    files; the file is read as it is.
    """
    if not readonly and not immutable:
        path.parent.mkdir(parents=True, exist_ok=True)
    uri = sqlite_uri(path, readonly=readonly, immutable=immutable)
    try:
        conn = sqlite3.connect(
            uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly and not immutable:
            _switch_to_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        conn.close()
        raise store_error(exc, path) from exc
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def quick_check(conn: sqlite3.Connection, limit: int = 10) -> list[str]:
    """SQLite's own check of every page (``PRAGMA quick_check``); [] when healthy."""
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA quick_check({int(limit)})")]
    return [] if rows == ["ok"] else rows


class SqliteStore:
    """One connection to one database file; open one per thread.

    Subclasses check or create their schema in ``_prepare``; a file that
    SQLite cannot read becomes a StoreError with ``damaged_message``, and the
    connection is closed so the file can be moved aside. ``read_only``: the
    folder cannot be written; the file is read as it is and nothing is saved.
    """

    damaged_message = QT_TRANSLATE_NOOP("messages", "Het bestand kan niet worden gelezen.")

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.conn = self._open()

    def _open(self) -> sqlite3.Connection:
        conn = connect(self.path, immutable=self.read_only)
        self.conn = conn
        try:
            self._prepare()
        except StoreError:
            conn.close()
            raise
        except (sqlite3.Error, UnicodeDecodeError, ValueError) as exc:
            conn.close()
            error = store_error(exc, self.path)
            if isinstance(error, DamagedStoreError) or type(error) is StoreError:
                raise DamagedStoreError(self.damaged_message, str(exc)) from exc
            raise error from exc
        return conn

    def _prepare(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.conn.close()

    def reopen(self) -> None:
        """A new connection to the file at ``path`` (after it was moved aside or restored)."""
        self.__dict__.pop("db", None)
        self.conn = self._open()

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on this connection, loaded on first use (it is slow to import)."""
        from sqlite_utils import Database

        return Database(self.conn)

    def quick_check(self) -> list[str]:
        """Problems SQLite finds in the file ([] when healthy); damage that stops the
        check itself is reported as one problem."""
        try:
            return quick_check(self.conn)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            return [f"{type(exc).__name__}: {exc}"]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Several statements that land together, or not at all.

        WAL keeps other connections (the window) on the old state until COMMIT.
        SQLite itself may already have rolled back (a full disk, an I/O error):
        then there is nothing to roll back, and the error that caused it is
        the one reported, as a Dutch StoreError.
        """
        if self.read_only:
            raise store_error(sqlite3.OperationalError("readonly database"), self.path)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not (
                isinstance(exc, sqlite3.IntegrityError)
            ):
                raise store_error(exc, self.path) from exc
            raise

    def _rollback(self) -> None:
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # the first error is the one to report
            log.warning("rollback of %s failed: %s", self.path, exc)

    def write(self, sql: str, params: tuple = ()) -> None:
        """One statement on its own (autocommit), with the same Dutch errors."""
        if self.read_only:
            raise store_error(sqlite3.OperationalError("readonly database"), self.path)
        try:
            self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise store_error(exc, self.path) from exc


ASIDE_MARK = ".beschadigd-"


def move_aside(path: Path, *, keep: int | None = None) -> Path:
    """Rename a damaged database (and its WAL files) out of the way.

    ``keep``: how many damaged copies of this file to keep (the newest); None
    keeps all. A user store's copies are always kept (they hold a person's
    work); a kit store is rebuildable and can be large, so only a few.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{ASIDE_MARK}{stamp}")
    number = 2
    while target.exists():
        target = path.with_name(f"{path.name}{ASIDE_MARK}{stamp}-{number}")
        number += 1
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(target.with_name(target.name + suffix))
    if keep is None:
        return target
    asides = sorted(
        (
            p
            for p in path.parent.glob(f"{path.name}{ASIDE_MARK}*")
            if not p.name.endswith(("-wal", "-shm"))
        ),
        key=lambda p: p.name,  # the stamp sorts by time
        reverse=True,
    )
    for old in asides[keep:]:
        for suffix in ("", "-wal", "-shm"):
            old.with_name(old.name + suffix).unlink(missing_ok=True)
    return target
