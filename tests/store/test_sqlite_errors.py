"""What a person reads when SQLite refuses: the real failures, each in its own words.

Every sentence names the file or folder, keeps SQLite's text for the log and
reads as English for a person who chose English.
"""

from __future__ import annotations

import sqlite3

import pytest

from companion.store.sqlite_base import (
    DamagedStoreError,
    DiskFullError,
    ReadOnlyStoreError,
    is_damage,
    move_aside,
    sqlite_uri,
    store_error,
)
from companion.store.user_store import UserStore
from tests.support.english import in_english


def refused(path, action) -> sqlite3.Error:
    try:
        action()
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("SQLite did not refuse")


@pytest.fixture
def store_file(tmp_path):
    path = tmp_path / "Bieb" / "user.sqlite"
    UserStore(path).close()
    return path


def test_a_read_only_file_names_its_folder(store_file):
    conn = sqlite3.connect(sqlite_uri(store_file, readonly=True), uri=True)
    exc = refused(store_file, lambda: conn.execute("DELETE FROM settings"))
    conn.close()
    error = store_error(exc, store_file)
    assert isinstance(error, ReadOnlyStoreError)
    assert (
        error.message
        == f"De map {store_file.parent} is alleen-lezen: wat je veranderde is niet bewaard."
    )
    assert error.detail == str(exc)
    assert in_english(error).startswith(f"The folder {store_file.parent} is read-only")


def test_a_file_held_by_another_program_says_so(store_file):
    holder = sqlite3.connect(store_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(store_file, isolation_level=None, timeout=0)
    try:
        exc = refused(store_file, lambda: other.execute("BEGIN IMMEDIATE"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        other.close()
    error = store_error(exc, store_file)
    assert type(error).__name__ == "StoreError"
    assert error.message == (
        "user.sqlite is bezet door een ander programma. Er is niets veranderd. "
        "Probeer het over een ogenblik opnieuw."
    )
    assert error.detail == "database is locked"
    assert in_english(error) == (
        "user.sqlite is in use by another program. Nothing was changed. Try again in a moment."
    )


def test_a_disk_that_fails_while_writing(store_file):
    # What SQLite reports when a USB stick is pulled: an extended I/O code (SQLITE_IOERR_WRITE).
    exc = sqlite3.OperationalError("write failed")
    exc.sqlite_errorcode = 778
    error = store_error(exc, store_file)
    assert error.message == (
        "De schijf gaf een fout bij het schrijven van user.sqlite. Er is niets veranderd. "
        "Is de schijf of USB-stick vol of losgeraakt? Probeer het opnieuw."
    )
    assert error.detail == "write failed"
    assert in_english(error).startswith("The disk reported an error while writing user.sqlite.")


def test_a_disk_error_known_only_by_its_words(store_file):
    error = store_error(sqlite3.OperationalError("disk I/O error"), store_file)
    assert error.message.startswith("De schijf gaf een fout bij het schrijven van user.sqlite.")


def test_a_reopened_store_writes_to_the_new_file(tmp_path):
    path = tmp_path / "user.sqlite"
    store = UserStore(path)
    try:
        assert store.db["settings"].count == 0  # sqlite-utils, on the first file
        store.close()
        path.rename(tmp_path / "oud.sqlite")
        store.reopen()  # a new, empty store at the same place
        store.db["settings"].insert({"key": "taal", "value": "en"})
        assert store.setting("taal") == "en"
    finally:
        store.close()


def test_a_full_disk_names_the_file(store_file):
    exc = sqlite3.OperationalError("database or disk is full")
    error = store_error(exc, store_file)
    assert isinstance(error, DiskFullError)
    assert error.message == (
        "De schijf is vol: user.sqlite kon niet worden bijgewerkt. Er is niets veranderd. "
        "Maak ruimte vrij op de schijf en probeer het opnieuw."
    )
    assert error.detail == "database or disk is full"
    assert "user.sqlite" in in_english(error) and in_english(error) != error.message


def test_a_file_that_is_no_database_is_damaged(tmp_path):
    path = tmp_path / "user.sqlite"
    path.write_bytes(b"dit is geen database" * 100)
    conn = sqlite3.connect(path)
    exc = refused(path, lambda: conn.execute("SELECT * FROM settings"))
    conn.close()
    error = store_error(exc, path)
    assert isinstance(error, DamagedStoreError)
    assert error.message == "Het bestand user.sqlite is beschadigd."
    assert error.detail == "file is not a database"
    assert in_english(error) == "The file user.sqlite is damaged."


def test_a_file_that_cannot_be_opened_at_all(tmp_path):
    path = tmp_path / "weg" / "user.sqlite"
    exc = refused(path, lambda: sqlite3.connect(sqlite_uri(path, readonly=True), uri=True))
    error = store_error(exc, path)
    assert type(error).__name__ == "StoreError"
    assert error.message == "Het bestand user.sqlite kan niet worden geopend."
    assert error.detail == str(exc)
    assert in_english(error) == "The file user.sqlite cannot be opened."


@pytest.mark.parametrize(
    ("exc", "damage"),
    [
        (sqlite3.DatabaseError("database disk image is malformed"), True),
        (sqlite3.DatabaseError("file is not a database"), True),
        (sqlite3.DatabaseError("Database Disk Image Is Malformed"), True),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), True),
        (sqlite3.OperationalError("database is locked"), False),
        (sqlite3.OperationalError("no such table: plans"), False),
        (ValueError("malformed"), False),
    ],
)
def test_which_failures_count_as_a_damaged_file(exc, damage):
    """A damaged file is moved aside and rebuilt; a lock or a missing table is not damage."""
    assert is_damage(exc) is damage


def test_sqlite_s_own_codes_decide_before_the_text(tmp_path):
    locked = sqlite3.OperationalError("database disk image is malformed")
    locked.sqlite_errorcode = 5  # SQLITE_BUSY, whatever the text says
    assert is_damage(locked) is False
    corrupt = sqlite3.DatabaseError("odd")
    corrupt.sqlite_errorcode = 11 | (1 << 8)  # SQLITE_CORRUPT_VTAB: an extended code
    assert is_damage(corrupt) is True


# -- moving a damaged file aside ------------------------------------------------------------

ASIDE = r"kit\.sqlite\.beschadigd-\d{8}-\d{6}"


def store_with_wal(path, content: bytes) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).write_bytes(content + suffix.encode())


def test_a_damaged_file_goes_aside_with_its_wal_files(tmp_path):
    path = tmp_path / "kit.sqlite"
    store_with_wal(path, b"kapot")
    aside = move_aside(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        aside.name,
        aside.name + "-shm",
        aside.name + "-wal",
    ]
    import re

    assert re.fullmatch(ASIDE, aside.name)
    assert aside.read_bytes() == b"kapot"
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"kapot-wal"
    assert aside.with_name(aside.name + "-shm").read_bytes() == b"kapot-shm"


def test_the_same_second_gives_numbered_names(tmp_path):
    import time

    path = tmp_path / "kit.sqlite"
    # The plain name already taken in this second and the next: the new one gets "-2".
    now = time.time()
    for moment in (now, now + 1):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(moment))
        (tmp_path / f"kit.sqlite.beschadigd-{stamp}").write_bytes(b"eerder")
    store_with_wal(path, b"nieuw")
    aside = move_aside(path)
    assert aside.name.endswith("-2")
    assert aside.read_bytes() == b"nieuw"
    assert len(list(tmp_path.iterdir())) == 2 + 3  # nothing deleted without keep


def test_only_the_newest_damaged_copies_are_kept_with_their_wal_files(tmp_path):
    path = tmp_path / "kit.sqlite"
    asides = []
    path.write_bytes(b"eerste")  # no WAL files beside this one
    asides.append(move_aside(path, keep=2))
    for content in (b"tweede", b"derde"):
        store_with_wal(path, content)
        asides.append(move_aside(path, keep=2))
    left = sorted(p.name for p in tmp_path.iterdir())
    kept = sorted(a.name + suffix for a in asides[1:] for suffix in ("", "-wal", "-shm"))
    assert left == kept
    assert [a.read_bytes() for a in asides[1:]] == [b"tweede", b"derde"]


def test_three_in_one_second_get_the_next_free_number(tmp_path):
    import time

    path = tmp_path / "kit.sqlite"
    now = time.time()
    for moment in (now, now + 1):  # this second and the next, in case the clock ticks
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(moment))
        for taken in ("", "-2"):
            (tmp_path / f"kit.sqlite.beschadigd-{stamp}{taken}").write_bytes(b"eerder")
    path.write_bytes(b"nieuw")
    aside = move_aside(path)
    assert aside.name.endswith("-3") and aside.read_bytes() == b"nieuw"


def test_old_damaged_copies_go_with_their_wal_files(tmp_path):
    path = tmp_path / "kit.sqlite"
    asides = []
    for content in (b"een", b"twee", b"drie", b"vier"):
        store_with_wal(path, content)
        asides.append(move_aside(path, keep=3))
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(a.name + s for a in asides[1:] for s in ("", "-wal", "-shm"))


def test_one_statement_on_a_read_only_store_names_the_folder(tmp_path):
    path = tmp_path / "Bieb" / "user.sqlite"
    UserStore(path).close()
    store = UserStore(path, read_only=True)
    try:
        with pytest.raises(ReadOnlyStoreError) as info:
            store.write("DELETE FROM settings")
        assert info.value.message == (
            f"De map {path.parent} is alleen-lezen: wat je veranderde is niet bewaard."
        )
        assert info.value.detail == "readonly database"
    finally:
        store.close()


def test_a_setting_saved_on_a_full_disk_says_the_disk_is_full(tmp_path):
    store = UserStore(tmp_path / "user.sqlite")
    try:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFullError) as info:
            store.set_setting("notitie", "x" * 100_000)
        assert info.value.message.startswith("De schijf is vol: user.sqlite kon niet")
        assert store.setting("notitie") is None
    finally:
        store.close()
