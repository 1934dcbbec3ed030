"""The user store's small bookkeeping: choices, reading places, and the command line's peek."""

from __future__ import annotations

import pytest

from companion.store.user_store import UserStore, peek_setting


@pytest.fixture
def user(tmp_path):
    store = UserStore(tmp_path / "user.sqlite")
    yield store
    store.close()


def test_choosing_what_applies_anyway_keeps_following_the_default(user):
    user.choose_setting("weergave.taal", "nl", default="nl")
    assert user.own_setting("weergave.taal") is None
    user.choose_setting("weergave.taal", "en", default="nl")
    assert user.own_setting("weergave.taal") == "en"
    user.choose_setting("weergave.taal", "nl", default="nl")  # back to Dutch: kept as a choice
    assert user.own_setting("weergave.taal") == "nl"


def test_a_choice_that_equals_what_it_defaults_to_for_another_key_is_kept(user):
    user.set_setting("weergave.tekstgrootte", "150")
    user.choose_setting("weergave.contrast", "150", default="0")
    assert user.own_setting("weergave.contrast") == "150"


def test_reading_places_and_opened_documents(user):
    assert user.last_page("persona-henk") is None
    user.set_last_page("persona-henk", 4)
    user.set_last_page("persona-henk", 7)
    assert user.last_page("persona-henk") == 7
    user.mark_opened("persona-henk", 1)
    user.mark_opened("persona-henk", 3)
    user.mark_opened("werkblad-klantreis", 2)
    assert user.opened_revisions() == {"persona-henk": 3, "werkblad-klantreis": 2}


def test_the_command_line_peeks_at_one_setting_without_changing_anything(tmp_path, user):
    user.set_setting("weergave.taal", "en")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert peek_setting(user.path, "weergave.taal") == "en"
    assert peek_setting(user.path, "sync.portal_url") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert peek_setting(tmp_path / "nergens.sqlite", "weergave.taal") is None
    assert not (tmp_path / "nergens.sqlite").exists()
    bad = tmp_path / "kapot.sqlite"
    bad.write_bytes(b"kapot" * 1000)
    assert peek_setting(bad, "weergave.taal") is None


def test_peeking_after_a_crash_leaves_the_unsaved_log_for_the_program_to_take_in(tmp_path):
    # A crash leaves the last changes in user.sqlite-wal; the command line only reads them.
    path = tmp_path / "user.sqlite"
    user = UserStore(path)
    user.conn.execute("PRAGMA wal_autocheckpoint = 0")
    user.set_setting("weergave.taal", "en")  # only in the WAL file so far
    left = {s: path.with_name(path.name + s).read_bytes() for s in ("-wal", "-shm")}
    user.close()
    for suffix, data in left.items():  # as the crash left them
        path.with_name(path.name + suffix).write_bytes(data)
    kept = ("user.sqlite", "user.sqlite-wal")  # the -shm is only SQLite's index of the WAL
    files = {name: (tmp_path / name).read_bytes() for name in kept}
    assert peek_setting(path, "weergave.taal") == "en"
    assert {name: (tmp_path / name).read_bytes() for name in kept} == files
