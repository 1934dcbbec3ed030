"""Backups of the user store at their edges: names, sizes, counts, and leaving backups be.

A person picks a backup by its time and what it holds, so those must be right;
and reading or restoring a backup must never change it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import tempfile

import pytest

from companion.errors import StoreError
from companion.plan.actionplan import ActionPlanService
from companion.store.backups import (
    BackupSummary,
    backup_folder,
    check_backup,
    list_backups,
    make_backup,
    restore_file,
    restore_into,
    summarize,
)
from companion.store.user_store import UserStore
from tests.support.english import in_english


@pytest.fixture
def store(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    yield user
    user.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backups_list_newest_first_and_skip_what_is_not_one(tmp_path):
    folder = tmp_path / "reservekopieen"
    folder.mkdir()
    names = [
        "user-20260301-090000.sqlite",
        "user-20260301-090000-2.sqlite",
        "user-20260301-090000-10.sqlite",  # ten in one second: "-10" is newer than "-2"
        "user-20260302-080000.sqlite",
    ]
    for number, name in enumerate(names):
        (folder / name).write_bytes(b"x" * (number + 1))
    for name in [f"notitie-{n}.txt" for n in range(4)] + [
        f"user-2026{month}01-090000.sqlite" for month in (13, 14, 15, 99)
    ]:
        (folder / name).write_bytes(b"niet")  # not a backup, or an impossible date
    found = list_backups(folder)
    assert [b.path.name for b in found] == [names[3], names[2], names[1], names[0]]
    assert [b.size for b in found] == [4, 3, 2, 1]
    assert found[0].made_at == dt.datetime(2026, 3, 2, 8, 0)


def test_no_folder_no_backups(tmp_path):
    assert list_backups(tmp_path / "nergens") == []


def test_backups_in_one_second_get_their_own_names(store, tmp_path):
    folder = tmp_path / "data" / "reservekopieen"  # made, parents too
    now = dt.datetime(2026, 3, 1, 9, 0, 0, 654321)
    made = [make_backup(store.conn, folder, now=now, force=True) for _ in range(3)]
    assert [b.path.name for b in made] == [
        "user-20260301-090000.sqlite",
        "user-20260301-090000-2.sqlite",
        "user-20260301-090000-3.sqlite",
    ]
    assert {b.made_at for b in made} == {dt.datetime(2026, 3, 1, 9, 0)}
    assert [b.size for b in made] == [b.path.stat().st_size for b in made]
    assert list_backups(folder) == made[::-1]
    assert {p.name for p in folder.iterdir()} == {b.path.name for b in made}


def test_a_backup_that_cannot_be_written_says_where(store, tmp_path):
    blocked = tmp_path / "reservekopieen"
    blocked.write_text("een bestand, geen map")
    with pytest.raises(StoreError) as info:
        make_backup(store.conn, blocked)
    assert info.value.message == (
        f"Er kon geen reservekopie van je gegevens worden gemaakt in {blocked}. "
        "Is de schijf vol? Je gegevens zelf zijn niet veranderd."
    )
    assert "File exists" in info.value.detail
    assert in_english(info.value).startswith(f"No backup of your data could be made in {blocked}.")


def test_a_backup_of_a_closed_store_names_the_file(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    user.close()
    folder = backup_folder(user.path)
    with pytest.raises(StoreError) as info:
        make_backup(user.conn, folder)
    assert info.value.message == "Het bestand user.sqlite kan niet worden geopend."
    assert "closed database" in info.value.detail
    assert list(folder.iterdir()) == []  # no half backup left


def test_what_a_backup_holds(store, tmp_path):
    plans = ActionPlanService(store)
    first = plans.create_plan("Zaanstad")
    plans.create_plan("Purmerend")
    for title in ("Bel de gemeente", "Plan een gesprek", "Evalueer"):
        plans.add_action(first.id, title=title)
    store.conn.executemany(
        "INSERT INTO checklist_items (item_id, step_id, done, updated_at) VALUES (?, ?, ?, ?)",
        [("stap-1-a", "stap-1", 1, "x"), ("stap-1-b", "stap-1", 0, "x")],
    )
    made = make_backup(store.conn, tmp_path / "reservekopieen")
    assert summarize(made.path) == BackupSummary(plans=2, actions=3, ticks=1)


def test_a_backup_from_before_plans_existed_holds_nothing_of_them(tmp_path):
    old = tmp_path / "user-20250101-090000.sqlite"
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.commit()
    conn.close()
    assert summarize(old) == BackupSummary(0, 0, 0)


def test_a_backup_that_is_no_database_has_no_summary(tmp_path):
    """The list of backups says "kan niet worden gelezen", not "0 plannen, 0 acties"."""
    bad = tmp_path / "user-20250101-090000.sqlite"
    bad.write_bytes(b"kapot" * 1000)
    assert summarize(bad) is None
    with pytest.raises(StoreError) as info:
        check_backup(bad)
    assert info.value.message == (
        "De reservekopie user-20250101-090000.sqlite is zelf beschadigd. Kies een andere. "
        "Er is niets veranderd."
    )
    assert "not a database" in info.value.detail
    assert in_english(info.value).startswith("The backup user-20250101-090000.sqlite is damaged")


def test_looking_at_and_restoring_a_backup_leaves_it_as_it_was(store, tmp_path):
    store.set_setting("plan", "oud")
    backup = make_backup(store.conn, backup_folder(store.path)).path
    before = digest(backup)
    summarize(backup)
    check_backup(backup)
    store.set_setting("plan", "nieuw")
    restore_into(backup, store.conn)
    assert store.setting("plan") == "oud"
    restore_file(backup, store.path.with_name("kopie.sqlite"))
    assert digest(backup) == before
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]


def test_a_restored_file_does_not_take_the_old_wal_with_it(tmp_path):
    path = tmp_path / "user.sqlite"
    user = UserStore(path)
    user.set_setting("plan", "oud")
    backup = make_backup(user.conn, backup_folder(path)).path
    user.conn.execute("PRAGMA wal_autocheckpoint = 0")
    user.set_setting("plan", "nieuw")  # only in the WAL file so far
    stale = {s: path.with_name(path.name + s).read_bytes() for s in ("-wal", "-shm")}
    user.close()
    for suffix, data in stale.items():  # as a crash would leave them
        path.with_name(path.name + suffix).write_bytes(data)
    restore_file(backup, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reservekopieen", "user.sqlite"]
    again = UserStore(path)
    try:
        assert again.setting("plan") == "oud"
        assert again.quick_check() == []
    finally:
        again.close()


def test_restoring_into_a_folder_that_is_gone_says_where(store, tmp_path):
    backup = make_backup(store.conn, backup_folder(store.path)).path
    target = tmp_path / "weg" / "user.sqlite"
    with pytest.raises(StoreError) as info:
        restore_file(backup, target)
    assert f"gemaakt in {target.parent}." in info.value.message
    assert "No such file or directory" in info.value.detail


def test_a_stray_first_copy_numbered_one_still_lists(tmp_path):
    # "-1" is what a person gets by copying a backup by hand; it ties with the plain name.
    folder = tmp_path / "reservekopieen"
    folder.mkdir()
    for name in ("user-20260301-090000.sqlite", "user-20260301-090000-1.sqlite"):
        (folder / name).write_bytes(b"kopie")
    found = list_backups(folder)
    assert sorted(b.path.name for b in found) == [
        "user-20260301-090000-1.sqlite",
        "user-20260301-090000.sqlite",
    ]


def test_after_a_clock_that_ran_ahead_this_weeks_backup_is_kept(store, tmp_path):
    # A workstation whose clock was a year ahead left ten copies "from the future";
    # once the clock is right, the newest real copy of this week must not be pruned.
    folder = backup_folder(store.path)
    ahead = dt.datetime(2027, 3, 1, 9, 0)
    for hour in range(10):
        make_backup(store.conn, folder, now=ahead.replace(hour=hour), force=True)
    store.set_setting("plan", "vandaag")
    today = make_backup(store.conn, folder, now=dt.datetime(2026, 3, 1, 9, 0))
    assert today is not None and today in list_backups(folder)


def test_a_folder_named_like_a_backup_is_not_one_and_does_not_stop_backups(store, tmp_path):
    folder = backup_folder(store.path)
    odd = [folder / f"user-2020010{n}-090000.sqlite" for n in range(1, 6)]
    for path in odd:
        path.mkdir(parents=True)
    for day in range(1, 13):
        store.set_setting("dag", str(day))
        assert make_backup(store.conn, folder, now=dt.datetime(2026, 3, day, 9, 0)) is not None
    assert all(path.is_dir() for path in odd)
    listed = [b.path.name for b in list_backups(folder)]
    assert listed == [f"user-202603{day:02}-090000.sqlite" for day in range(12, 2, -1)]


def test_backups_and_restores_work_without_a_usable_temp_folder(store, tmp_path, monkeypatch):
    # Locked-down workstations may have no temp folder; the copy is made beside its target
    # (which also keeps the final rename on one disk).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "geen-temp"))
    store.set_setting("plan", "oud")
    backup = make_backup(store.conn, backup_folder(store.path))
    assert backup is not None and backup.path.exists()
    target = tmp_path / "hersteld" / "user.sqlite"
    target.parent.mkdir()
    restore_file(backup.path, target)
    again = UserStore(target)
    try:
        assert again.setting("plan") == "oud"
    finally:
        again.close()
