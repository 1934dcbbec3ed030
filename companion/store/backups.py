"""Rolling backups of the user store, made with SQLite's online backup API.

The user store holds what a person made (plans, ticks, notes), so a damaged
or emptied file must never mean that work is gone. At each start the program
copies the store into ``reservekopieen/`` next to it, when it changed since
the newest copy. The online backup API copies a consistent state page by page
while the store stays open; the copy is written under a temporary name and
renamed into place, so a crash never leaves half a backup.

Which copies are kept: the newest ``KEEP_LAST``, plus the newest copy of each
of the last ``KEEP_WEEKS`` weeks, so a mistake noticed weeks later can still
be undone. A copy made before a schema change (migration) or before a restore
is a backup like any other.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from companion.errors import StoreError
from companion.files import fsync_folder
from companion.i18n import QT_TRANSLATE_NOOP
from companion.store.sqlite_base import connect, quick_check, store_error

FOLDER_NAME = "reservekopieen"
KEEP_LAST = 10
KEEP_WEEKS = 8
_NAME = re.compile(r"^user-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    size: int


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, so a person can recognise the right one."""

    plans: int
    actions: int
    ticks: int


def backup_folder(user_path: Path) -> Path:
    return user_path.parent / FOLDER_NAME


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first."""
    found: list[tuple[dt.datetime, int, Backup]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            made_at = dt.datetime.strptime(match.group(1), _STAMP)
            info = path.stat()
        except (ValueError, OSError):
            continue
        if not stat.S_ISREG(info.st_mode):
            continue  # a folder by that name is no backup to restore or to compare with
        size = info.st_size
        found.append((made_at, int(match.group(2) or 1), Backup(path, made_at, size)))
    found.sort(key=lambda item: item[:2], reverse=True)  # two in one second: -2 is newer
    return [backup for _when, _number, backup in found]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_into(source: sqlite3.Connection, target: Path) -> None:
    """Copy ``source`` into the new file ``target`` (online backup), flushed to disk."""
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        copy.close()
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def make_backup(
    conn: sqlite3.Connection, folder: Path, *, now: dt.datetime | None = None, force: bool = False
) -> Backup | None:
    """Copy the store behind ``conn`` into ``folder``; None when nothing changed.

    ``force``: keep the copy even when it equals the newest one (before a restore).
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".user-", suffix=".tmp", dir=folder)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()  # sqlite makes the file itself
        try:
            _copy_into(conn, tmp)
            newest = list_backups(folder)
            if not force and newest and _digest(newest[0].path) == _digest(tmp):
                tmp.unlink()
                return None
            target = _free_name(folder, now)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        fsync_folder(folder)
    except (OSError, sqlite3.Error) as exc:
        raise _backup_failed(folder, exc) from exc
    prune(folder, now)
    return Backup(target, now, target.stat().st_size)


def _backup_failed(folder: Path, exc: BaseException) -> StoreError:
    if isinstance(exc, sqlite3.Error):
        return store_error(exc, folder / "user.sqlite")
    return StoreError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Er kon geen reservekopie van je gegevens worden gemaakt in {folder}. "
            "Is de schijf vol? Je gegevens zelf zijn niet veranderd.",
        ),
        str(exc),
        folder=folder,
    )


def _free_name(folder: Path, now: dt.datetime) -> Path:
    base = f"user-{now.strftime(_STAMP)}"
    target = folder / f"{base}.sqlite"
    number = 2
    while target.exists():
        target = folder / f"{base}-{number}.sqlite"
        number += 1
    return target


def kept(backups: list[Backup], now: dt.datetime) -> set[Path]:
    """Which backups the rolling scheme keeps (``backups`` newest first)."""
    keep = {b.path for b in backups[:KEEP_LAST]}
    weeks_seen: set[int] = set()
    for backup in backups:
        week = (now - backup.made_at).days // 7
        if 0 <= week < KEEP_WEEKS and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(backup.path)
    return keep


def prune(folder: Path, now: dt.datetime) -> None:
    backups = list_backups(folder)
    keep = kept(backups, now)
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()


def check_backup(path: Path) -> None:
    """Refuse a backup that is itself damaged (before it replaces anything)."""
    try:
        conn = connect(path, immutable=True)
        try:
            problems = quick_check(conn)
        finally:
            conn.close()
    except (sqlite3.Error, StoreError) as exc:
        problems = [str(exc)]
    if problems:
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De reservekopie {name} is zelf beschadigd. Kies een andere. "
                "Er is niets veranderd.",
            ),
            "; ".join(problems),
            name=path.name,
        )


def summarize(path: Path) -> BackupSummary | None:
    """Counts of plans, actions and ticks in a backup (None when it cannot be read)."""
    try:
        conn = connect(path, immutable=True)
    except StoreError:
        return None
    try:
        counts = []
        for query in (
            "SELECT count(*) FROM plans",
            "SELECT count(*) FROM actions",
            "SELECT count(*) FROM checklist_items WHERE done = 1",
        ):
            try:
                counts.append(int(conn.execute(query).fetchone()[0]))
            except sqlite3.OperationalError as exc:
                if not str(exc).startswith("no such table"):
                    raise  # not a store at all, or damaged: "cannot be read"
                counts.append(0)  # a backup from before that table existed
        return BackupSummary(*counts)
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    finally:
        conn.close()


def restore_into(backup: Path, conn: sqlite3.Connection) -> None:
    """Replace the live store behind ``conn`` with ``backup`` (online backup, one step)."""
    check_backup(backup)
    source = connect(backup, immutable=True)
    try:
        source.backup(conn)
    finally:
        source.close()


def restore_file(backup: Path, target: Path) -> None:
    """Put ``backup`` in place as the store file ``target`` (when it could not be opened)."""
    check_backup(backup)
    source = connect(backup, immutable=True)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".user-", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        try:
            _copy_into(source, tmp)
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _backup_failed(target.parent, exc) from exc
    finally:
        source.close()
    fsync_folder(target.parent)
