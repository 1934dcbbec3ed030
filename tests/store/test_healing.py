"""Stores that heal: damage found at open or by the full check, kit rebuilt from the
newest verified source, the user store checked, backed up and restored, and SQLite's
own failures (a full disk) told in Dutch."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from companion.context import AppContext
from companion.errors import StoreError
from companion.kit.bundled import check_kit_store, open_kit_store
from companion.kit.importer import apply_source, wait_for_checkpoints
from companion.kit.source import FolderSource
from companion.paths import app_paths
from companion.store.backups import (
    KEEP_LAST,
    Backup,
    backup_folder,
    check_backup,
    kept,
    list_backups,
    make_backup,
    restore_file,
    restore_into,
)
from companion.store.kit_store import KitStore
from companion.store.sqlite_base import DiskFullError, ReadOnlyStoreError
from companion.store.user_store import UserStore, UserStoreDamagedError
from tests.support.project import ROOT

BURNED_KIT = ROOT / "tests" / "kit" / "data" / "burned-kit"


def damage_pages(path, table: str) -> int:
    """Overwrite every page of ``table`` with garbage, as a failing disk would."""
    conn = sqlite3.connect(path)
    pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(b"\xde\xad" * (size // 2))
    return len(pages)


@pytest.fixture
def kits(kit_builder):
    v1 = kit_builder.build(1, name="bundled")
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    return v1, kit_builder.build(2, name="update")


def installed_at(tmp_path, kits, keys, versions=(1, 2)):
    data = tmp_path / "data"
    context = AppContext.open(app_paths(data), bundled_dir=kits[0], trusted_keys=keys)
    context.install_bundled_kit()
    if 2 in versions:
        apply_source(context.kit, FolderSource(kits[1]), trusted_keys=keys)
    context.close()
    wait_for_checkpoints()  # as the program leaves the folder when it ends
    return data


# -- the kit store -------------------------------------------------------------------


def test_a_bad_byte_in_the_kit_s_text_is_damage_not_a_crash(tmp_path, kits, test_public_keys):
    data = installed_at(tmp_path, kits, test_public_keys, versions=(1,))
    conn = sqlite3.connect(data / "kit.sqlite")
    conn.execute("UPDATE kit_info SET value = CAST(x'4b69749f' AS TEXT) WHERE key = 'title'")
    conn.commit()
    conn.close()
    store, notice, aside = open_kit_store(data / "kit.sqlite")
    assert store.installed() is None and aside.exists()
    assert "beschadigd" in notice
    store.close()


def test_a_bad_byte_in_the_schema_is_damage_not_a_crash(tmp_path, kits, test_public_keys):
    """One byte of the schema text on disk flipped to something that is not UTF-8."""
    data = installed_at(tmp_path, kits, test_public_keys, versions=(1,))
    conn = sqlite3.connect(data / "kit.sqlite")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray((data / "kit.sqlite").read_bytes())
    at = raw.index(b"CREATE TABLE kit_info (key TEXT")
    raw[at + len("CREATE TABLE kit_in")] = 0x9F
    (data / "kit.sqlite").write_bytes(bytes(raw))
    store, notice, aside = open_kit_store(data / "kit.sqlite")
    assert notice is not None and aside is not None
    assert store.installed() is None
    store.close()


def test_page_damage_is_found_and_the_newest_kit_rebuilt_from_the_damaged_file(
    tmp_path, kits, test_public_keys
):
    """Only the search index is hit: every content file still verifies, so the store
    comes back at version 2 (installed from an update), not the bundled version 1."""
    data = installed_at(tmp_path, kits, test_public_keys)
    assert damage_pages(data / "kit.sqlite", "search_index_data") > 0
    context = AppContext.open(app_paths(data), bundled_dir=kits[0], trusted_keys=test_public_keys)
    try:
        problem = context.check_kit_store()
        assert problem.kind == "damaged" and problem.detail.startswith("quick_check: ")
        notice = context.rebuild_kit_store()
        assert "beschadigd" in notice and context.library.installed() is None
        assert context.install_bundled_kit().version == 2
        assert context.library.installed().version == 2
        assert context.check_kit_store() is None
        assert context.search.search("bouw")  # the index is whole again
    finally:
        context.close()


def test_when_the_content_is_hit_too_the_bundled_kit_is_used(tmp_path, kits, test_public_keys):
    data = installed_at(tmp_path, kits, test_public_keys)
    damage_pages(data / "kit.sqlite", "blobs")
    context = AppContext.open(app_paths(data), bundled_dir=kits[0], trusted_keys=test_public_keys)
    try:
        assert context.check_kit_store() is not None
        context.rebuild_kit_store()
        assert context.install_bundled_kit().version == 1
    finally:
        context.close()


def test_an_installed_kit_signed_with_the_burned_key_counts_as_damage(tmp_path):
    """A store installed by an old program with the kit signed by the burned key."""
    path = tmp_path / "kit.sqlite"
    store = KitStore(path)
    store.conn.executemany(
        "INSERT INTO kit_info (key, value) VALUES (?, ?)",
        [
            ("kit", "hoger-bereik"),
            ("version", "1000000000"),
            ("title", "Nep"),
            ("published", "2026-01-01"),
            ("changes", ""),
            ("manifest", (BURNED_KIT / "manifest.json").read_text("utf-8")),
            ("signature", (BURNED_KIT / "manifest.json.sig").read_text("ascii").strip()),
        ],
    )
    store.close()
    problem = check_kit_store(path)
    assert problem.kind == "untrusted"
    assert problem.detail == "installed kit no longer verifies: signed with the burned project key"


# -- the user store ------------------------------------------------------------------------


def test_an_emptied_user_store_is_not_taken_for_a_new_one(tmp_path):
    path = tmp_path / "user.sqlite"
    store = UserStore(path)
    store.set_setting("taal", "nl")
    make_backup(store.conn, backup_folder(path))
    store.close()
    path.write_bytes(b"")
    with pytest.raises(UserStoreDamagedError) as refused:
        UserStore(path)
    assert str(refused.value.message) == (
        "Je eigen gegevens (user.sqlite) kunnen niet worden gelezen. Er is niets gewist."
    )
    assert refused.value.detail == "file is empty (0 bytes)"  # what the log says
    assert path.read_bytes() == b""  # untouched, for the program to keep aside


def test_an_empty_user_store_without_backups_is_one_being_made_and_opens(tmp_path):
    """No backups: 0 bytes is a store another start is making this moment (two starts)."""
    path = tmp_path / "user.sqlite"
    path.write_bytes(b"")
    store = UserStore(path)
    assert store.setting("taal") is None
    store.set_setting("taal", "en")
    store.close()
    assert UserStore(path).setting("taal") == "en"


def test_a_damaged_user_store_is_refused_at_open(tmp_path):
    path = tmp_path / "user.sqlite"
    store = UserStore(path)
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [(f"k{n}", "x" * 500) for n in range(200)],
        )
    store.close()
    damage_pages(path, "settings")
    with pytest.raises(UserStoreDamagedError) as info:
        UserStore(path)
    assert "kunnen niet worden gelezen" in info.value.message


def test_backups_only_when_changed_and_restored_whole(tmp_path):
    path = tmp_path / "user.sqlite"
    folder = backup_folder(path)
    store = UserStore(path)
    store.set_setting("plan", "eerste")
    first = make_backup(store.conn, folder, now=dt.datetime(2026, 3, 1, 9, 0))
    assert first is not None
    assert make_backup(store.conn, folder, now=dt.datetime(2026, 3, 2, 9, 0)) is None
    store.set_setting("plan", "tweede")
    second = make_backup(store.conn, folder, now=dt.datetime(2026, 3, 3, 9, 0))
    assert [b.path for b in list_backups(folder)] == [second.path, first.path]

    restore_into(first.path, store.conn)
    assert store.setting("plan") == "eerste"
    store.close()
    restore_file(second.path, path)
    again = UserStore(path)
    assert again.setting("plan") == "tweede"
    again.close()


def test_a_damaged_backup_is_refused_before_it_replaces_anything(tmp_path):
    path = tmp_path / "user.sqlite"
    store = UserStore(path)
    store.set_setting("plan", "nu")
    bad = backup_folder(path) / "user-20260101-090000.sqlite"
    bad.parent.mkdir()
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StoreError) as info:
        restore_into(bad, store.conn)
    assert "zelf beschadigd" in info.value.message
    assert store.setting("plan") == "nu"
    store.close()
    with pytest.raises(StoreError):
        check_backup(bad)


def test_the_rolling_scheme_keeps_ten_recent_and_one_a_week_for_eight_weeks(tmp_path):
    now = dt.datetime(2026, 6, 1, 12, 0)
    # One backup a day for 90 days, newest first.
    backups = [
        Backup(tmp_path / f"user-{n}.sqlite", now - dt.timedelta(days=n, hours=1), 1)
        for n in range(90)
    ]
    keep = kept(backups, now)
    ages = sorted((now - b.made_at).days for b in backups if b.path in keep)
    assert ages[:KEEP_LAST] == list(range(KEEP_LAST))  # the last ten days
    older = ages[KEEP_LAST:]
    assert older == [14, 21, 28, 35, 42, 49]  # one per week after that, up to eight weeks
    assert max(ages) < 8 * 7


# -- SQLite's own failures, in Dutch -------------------------------------------------------


def test_a_full_disk_says_the_disk_is_full_and_keeps_what_was_there(tmp_path):
    """SQLite rolls a transaction back by itself when the disk is full: the error
    that caused it is reported, not "cannot rollback - no transaction is active"."""
    path = tmp_path / "user.sqlite"
    store = UserStore(path)
    store.set_setting("plan", "bewaard")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # a disk with two pages left
    with pytest.raises(DiskFullError) as info, store.transaction() as conn:
        for n in range(100):
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (f"k{n}", "x" * 4000))
    assert info.value.message.startswith("De schijf is vol")
    assert "disk is full" in info.value.detail
    assert not store.conn.in_transaction
    assert store.setting("plan") == "bewaard" and store.setting("k0") is None
    store.close()


def test_a_read_only_store_refuses_saving_in_dutch_and_reads_on(tmp_path):
    path = tmp_path / "user.sqlite"
    UserStore(path).close()
    store = UserStore(path, read_only=True)
    try:
        assert store.setting("taal") is None
        store.set_last_page("persona-henk", 3)  # bookkeeping: skipped without a word
        with pytest.raises(ReadOnlyStoreError) as info, store.transaction():
            pass
        assert "alleen-lezen" in info.value.message
    finally:
        store.close()


def test_of_a_kit_store_damaged_again_and_again_the_two_newest_copies_are_kept(tmp_path):
    path = tmp_path / "kit.sqlite"
    for n in range(3):
        path.write_bytes(f"kapot {n}".encode() * 1000)
        store, notice, aside = open_kit_store(path)
        store.close()
        assert notice is not None and aside.read_bytes().startswith(f"kapot {n}".encode())
    kept = sorted(p.name for p in tmp_path.iterdir() if ".beschadigd-" in p.name)
    assert len(kept) == 2  # a kit store holds nothing a person made: two copies are enough


def test_a_kit_store_opened_read_only_is_never_made(tmp_path):
    # A data folder the program may only read: a missing kit store is not created there.
    with pytest.raises(StoreError):
        open_kit_store(tmp_path / "kit.sqlite", read_only=True)
    assert list(tmp_path.iterdir()) == []
