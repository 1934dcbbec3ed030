"""A new kit store is made whole beside its place and linked in, never over another one."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

import companion.store.kit_store as kit_store
from companion.context import AppContext
from companion.errors import StoreError
from companion.paths import app_paths
from companion.store.kit_store import SCHEMA_VERSION, KitStore, clear_unfinished_stores
from tests.support.project import ROOT


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


# A program making a new store, stopped at one moment: killed (SIGKILL, no clean-up at all)
# or paused until told to go on (another program making its store right now).
MAKING = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    import companion.store.kit_store as kit_store

    path, moment, how = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

    def stop(real):
        def stopped(*args):
            if how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            print("bezig", flush=True)
            sys.stdin.readline()
            return real(*args)
        return stopped

    if moment == "schema":  # halfway: the file made, the schema being written
        kit_store.KitStore._create_schema = staticmethod(stop(kit_store.KitStore._create_schema))
    elif moment == "link":  # whole and flushed, not linked in yet
        kit_store.os.link = stop(os.link)
    elif moment == "linked":  # linked in as the store, its own name not removed yet
        kit_store.fsync_folder = stop(kit_store.fsync_folder)
    kit_store.make_new_store(path)
    """
)


def making(tmp_path, moment: str, how: str) -> subprocess.Popen:
    script = tmp_path / "making.py"
    script.write_text(MAKING, encoding="utf-8")
    path = tmp_path / "data" / "kit.sqlite"
    return subprocess.Popen(
        [sys.executable, str(script), str(path), moment, how],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def unfinished(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".kit.sqlite."))


@pytest.mark.parametrize("moment", ["schema", "link", "linked"])
def test_a_store_half_made_by_a_program_killed_then_is_gone_after_the_next_start(tmp_path, moment):
    program = making(tmp_path, moment, "kill")
    program.communicate(timeout=60)
    assert program.returncode == -signal.SIGKILL
    data = tmp_path / "data"
    assert len(unfinished(data)) == 1  # what the killed program left

    # The next start: the stores opened, then the check that runs just after start.
    context = AppContext.open(app_paths(data), bundled_dir=tmp_path / "geen-kit")
    try:
        assert context.kit_health().problem is None
        assert context.kit.installed() is None
        assert context.kit.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        context.close()
    assert unfinished(data) == []
    assert "kit.sqlite" in store_files(data)


def test_a_store_another_program_is_making_right_now_is_left_alone(tmp_path):
    program = making(tmp_path, "link", "pause")
    try:
        assert program.stdout.readline() == "bezig\n"
        data = tmp_path / "data"
        (being_made,) = unfinished(data)

        assert clear_unfinished_stores(data / "kit.sqlite") == []
        assert unfinished(data) == [being_made]
    finally:
        program.communicate("verder\n", timeout=60)
    assert program.returncode == 0
    assert store_files(data) == ["kit.sqlite"]  # its store, linked in; its own name gone
    conn = sqlite3.connect(data / "kit.sqlite")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


def test_only_the_names_a_new_store_is_made_under_are_cleared(tmp_path):
    """Files of the person's own (or of SQLite's) beside the store are never touched."""
    path = tmp_path / "kit.sqlite"
    kept = [
        "kit.sqlite.new",
        ".kit.sqlite.new",
        ".kit.sqlite.backup.new",
        ".kit.sqlite.0123456789ab.new.txt",
        ".user.sqlite.0123456789ab.new",
        ".kit.sqlite.0123456789AB.new",
    ]
    for name in kept:
        (tmp_path / name).write_bytes(b"van iemand anders")
    left = [
        ".kit.sqlite.0123456789ab.new",
        ".kit.sqlite.ba9876543210.new-wal",
        ".kit.sqlite.13579bdf2468.new-journal",
    ]
    for name in left:
        (tmp_path / name).write_bytes(b"half")

    assert clear_unfinished_stores(path) == [tmp_path / left[0]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)
