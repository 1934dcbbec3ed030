"""The two stores: separate files, schema versions, WAL, damage handled without loss."""

from __future__ import annotations

import sqlite3

import pytest

from companion.errors import StoreError
from companion.kit.bundled import open_kit_store
from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.store.backups import backup_folder, list_backups
from companion.store.kit_store import SCHEMA_VERSION, KitStore
from companion.store.user_store import UserStore, latest_version, load_migrations


def test_kit_store_is_created_with_schema_version_and_wal(tmp_path):
    store = KitStore(tmp_path / "kit.sqlite")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.installed() is None
    store.close()


def test_damaged_kit_store_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "kit.sqlite"
    garbage = b"dit is geen database" * 100
    path.write_bytes(garbage)

    store, notice, moved = open_kit_store(path)

    assert store.installed() is None  # empty and ready for the bundled kit
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("kit.sqlite.beschadigd-")]
    assert aside == [moved] and moved.read_bytes() == garbage
    assert moved.name in notice and "eigen gegevens" in notice
    store.close()


def test_a_damaged_kit_store_in_a_read_only_folder_is_refused_and_left_in_place(tmp_path):
    path = tmp_path / "kit.sqlite"
    garbage = b"dit is geen database" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError):
        open_kit_store(path, read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit.sqlite"]
    assert path.read_bytes() == garbage


def test_kit_store_from_other_program_version_is_rebuilt(tmp_path):
    path = tmp_path / "kit.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    store, notice, _moved = open_kit_store(path)
    assert notice and store.installed() is None
    store.close()


def test_kit_work_never_touches_the_user_store(tmp_path, kit_builder, test_public_keys):
    user = UserStore(tmp_path / "user.sqlite")
    user.set_setting("taal", "nl")
    user.set_last_page("persona-henk", 2)
    before = list(user.conn.iterdump())
    kit = KitStore(tmp_path / "kit.sqlite")
    apply_source(kit, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    (tmp_path / "kit.sqlite").write_bytes(b"kapot")
    kit.close()
    kit = open_kit_store(tmp_path / "kit.sqlite").store
    assert list(user.conn.iterdump()) == before
    kit.close()
    user.close()


def test_user_store_migrates_and_keeps_settings(tmp_path):
    path = tmp_path / "user.sqlite"
    user = UserStore(path)
    assert user.conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert user.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert user.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    user.set_setting("taal", "en")
    user.set_last_page("handleiding-kit", 4)
    user.close()
    again = UserStore(path)
    assert again.setting("taal") == "en"
    assert again.setting("onbekend", "standaard") == "standaard"
    assert again.last_page("handleiding-kit") == 4
    again.close()


def test_user_store_backs_up_before_migrating(tmp_path):
    """An existing file at an older schema is copied before it is changed."""
    path = tmp_path / "user.sqlite"
    conn = sqlite3.connect(path)
    first = load_migrations()[0]
    conn.executescript(first.SQL)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO settings VALUES ('taal', 'nl')")
    conn.commit()
    conn.close()
    if latest_version() == 1:
        pytest.skip("only one migration so far: nothing to migrate from")
    UserStore(path).close()
    [backup] = list_backups(backup_folder(path))
    copy = sqlite3.connect(backup.path)
    assert copy.execute("SELECT value FROM settings").fetchone() == ("nl",)
    copy.close()


def test_user_store_from_a_newer_program_is_refused_untouched(tmp_path):
    path = tmp_path / "user.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE settings (key, value)")
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.commit()
    conn.close()
    before = dump(path)
    with pytest.raises(StoreError) as info:
        UserStore(path)
    assert "nieuwere versie" in info.value.message
    assert dump(path) == before


def dump(path):
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump()), conn.execute("PRAGMA user_version").fetchone()
    finally:
        conn.close()


def test_migrations_are_numbered_without_gaps():
    numbers = [m.VERSION for m in load_migrations()]
    assert numbers == list(range(1, len(numbers) + 1))
