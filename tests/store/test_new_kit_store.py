"""A new kit store is made whole beside its place and linked in, never over another one."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

import companion.store.kit_store as kit_store
from companion.errors import StoreError
from companion.store.kit_store import SCHEMA_VERSION, KitStore


def store_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def test_a_new_store_has_the_whole_schema_in_wal_and_nothing_beside_it(tmp_path):
    path = tmp_path / "data" / "kit.sqlite"

    store = KitStore(path)
    try:
        assert store.installed() is None
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    finally:
        store.close()
    assert store_files(path.parent) == ["kit.sqlite"]
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_store_another_program_made_meanwhile_is_kept(tmp_path, monkeypatch):
    path = tmp_path / "kit.sqlite"
    real_link = os.link

    def other_program_first(source, target):
        # The other program's store already holds something of its own.
        other = sqlite3.connect(target)
        other.execute("CREATE TABLE van_het_andere_programma (x)")
        other.close()
        real_link(source, target)

    monkeypatch.setattr(kit_store.os, "link", other_program_first)

    with pytest.raises(StoreError) as info:  # its file is no kit store: refused, not replaced
        KitStore(path)
    assert info.value.message == "Dit bestand is geen kit van dit programma."
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("van_het_andere_programma",)]
    assert store_files(tmp_path) == ["kit.sqlite"]


def test_where_no_link_can_be_made_the_store_is_made_in_place(tmp_path, monkeypatch):
    def no_links(_source, _target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(kit_store.os, "link", no_links)
    path = tmp_path / "kit.sqlite"

    store = KitStore(path)
    try:
        assert store.installed() is None
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        store.close()
    assert store_files(tmp_path) == ["kit.sqlite"]
