"""Opening a store file: new folders, files that are not what they should be, and
another program that holds the file while the store switches to WAL.

Each test opens a real SQLite file on disk and checks what the person gets:
their data, or a Dutch sentence (with SQLite's own reason as the detail the
error dialog and the command line show).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator

import pytest

from companion.errors import StoreError
from companion.store import sqlite_base
from companion.store.kit_store import KitStore
from companion.store.sqlite_base import DamagedStoreError
from companion.store.user_store import UserStore
from tests.support.english import in_english

NEWER = (
    "Je gegevens zijn gemaakt met een nieuwere versie van het programma. Werk het programma bij."
)


def test_a_store_in_folders_that_do_not_exist_yet_is_made_with_them(tmp_path):
    """A new data folder a few levels deep (a fresh USB stick) is made, with the store."""
    path = tmp_path / "stick" / "Strategiekit" / "gegevens" / "user.sqlite"
    store = UserStore(path)
    store.set_setting("taal", "en")
    store.close()

    again = UserStore(path)
    try:
        assert again.setting("taal") == "en"
    finally:
        again.close()


def test_a_folder_where_the_store_file_should_be_is_refused_in_dutch(tmp_path):
    path = tmp_path / "user.sqlite"
    path.mkdir()
    (path / "iets.txt").write_text("van iemand anders", "utf-8")

    with pytest.raises(StoreError) as refused:
        UserStore(path)

    assert refused.value.message == "Het bestand user.sqlite kan niet worden geopend."
    # The detail (the dialog's "details", the command line) is SQLite's own reason.
    assert refused.value.detail == "unable to open database file"
    assert (path / "iets.txt").read_text("utf-8") == "van iemand anders"


def _made_by_a_newer_program(path, version: int) -> None:
    store = UserStore(path)
    store.set_setting("taal", "en")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_a_store_from_a_newer_program_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "user.sqlite"
    _made_by_a_newer_program(path, 99)
    before = path.read_bytes()

    with pytest.raises(StoreError) as refused:
        UserStore(path)

    assert type(refused.value) is StoreError  # not "damaged": nothing is moved aside
    assert refused.value.message == NEWER
    assert in_english(refused.value) == (
        "Your data was made with a newer version of the program. Update the program."
    )
    assert "99" in refused.value.detail  # which version made it, for IT
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT value FROM settings WHERE key = 'taal'").fetchone() == ("en",)
    finally:
        conn.close()


def _kit_store_without_documents(path) -> None:
    KitStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE documents")
    conn.close()


def test_a_kit_store_missing_a_table_in_a_read_only_folder_is_refused_as_a_damaged_kit(
    tmp_path,
):
    """Read-only: nothing can be rebuilt, so the person reads that the kit is damaged."""
    path = tmp_path / "kit.sqlite"
    _kit_store_without_documents(path)

    with pytest.raises(DamagedStoreError) as refused:
        KitStore(path, read_only=True)

    assert refused.value.message == "De opgeslagen kit is beschadigd."
    assert in_english(refused.value) == "The stored kit is damaged."
    assert "no such table: documents" in refused.value.detail


def test_a_kit_store_missing_a_table_counts_as_damaged_when_it_can_be_written(tmp_path):
    path = tmp_path / "kit.sqlite"
    _kit_store_without_documents(path)

    with pytest.raises(DamagedStoreError) as refused:
        KitStore(path)

    assert refused.value.message == "De opgeslagen kit is beschadigd."


# -- switching to WAL while another program holds the file -----------------------------------
#
# connect() waits up to 30 s in SQLite's own busy handler first; _switch_to_wal's own
# loop is for a SQLITE_BUSY that comes without it (the handler gave up, or SQLite does
# not call it). A connection with timeout=0 gets exactly that.


def _file_held_by_another_program(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE notities (tekst TEXT)")
    conn.execute("INSERT INTO notities VALUES ('bewaard')")
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    conn.close()
    return holder


def _journal_mode(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


@contextlib.contextmanager
def _held_for(path, seconds: float) -> Iterator[sqlite3.Connection]:
    """A connection to ``path`` while another program holds the file; that program lets
    go after ``seconds`` (or when the block ends, whichever comes first)."""
    holder = _file_held_by_another_program(path)
    let_go = threading.Timer(seconds, lambda: holder.execute("COMMIT"))
    conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        let_go.start()
        yield conn
    finally:
        let_go.cancel()
        let_go.join()
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        conn.close()
        holder.close()


def test_the_switch_to_wal_waits_until_the_other_program_lets_go(tmp_path):
    path = tmp_path / "user.sqlite"
    with _held_for(path, 0.3) as conn:
        sqlite_base._switch_to_wal(conn)
        assert conn.execute("SELECT tekst FROM notities").fetchall() == [("bewaard",)]
    assert _journal_mode(path) == "wal"


def test_the_switch_to_wal_gives_up_when_the_file_stays_held(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_base, "WAL_SWITCH_SECONDS", 0.2)
    path = tmp_path / "user.sqlite"
    # Lets go in the end, so a switch that never gives up ends (and fails this test).
    with _held_for(path, 5.0) as conn:
        with pytest.raises(sqlite3.OperationalError) as refused:
            sqlite_base._switch_to_wal(conn)
        assert sqlite_base.store_error(refused.value, path).message == (
            "user.sqlite is bezet door een ander programma. Er is niets veranderd. "
            "Probeer het over een ogenblik opnieuw."
        )
    assert _journal_mode(path) == "delete"


def test_a_store_read_in_a_read_only_folder_makes_no_files_beside_it(tmp_path):
    """On a write-protected stick SQLite may not even make its lock files (-wal, -shm):
    the file is read as it is."""
    path = tmp_path / "user.sqlite"
    store = UserStore(path)
    store.set_setting("taal", "en")
    store.close()
    before = sorted(p.name for p in tmp_path.iterdir())

    reader = UserStore(path, read_only=True)
    try:
        assert reader.setting("taal") == "en"
        assert sorted(p.name for p in tmp_path.iterdir()) == before
    finally:
        reader.close()
