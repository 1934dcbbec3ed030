"""A user store from an older program version keeps everything when this version opens it.

The store is made the way the older program made it (its migrations, nothing
newer), filled with what a person has after using that version, then opened
by today's UserStore, which migrates it.
"""

from __future__ import annotations

import sqlite3

import pytest

from companion.errors import StoreError
from companion.store.user_store import UserStore, latest_version, load_migrations
from tests.support.english import in_english

T = "2026-03-01T10:00:00"
SETTINGS = {
    "weergave.taal": "en",
    "weergave.tekstgrootte": "150",
    "weergave.contrast": "1",
    "actieplan.huidig": "1",
    "sync.portal": "https://www.voorbeeld.nl/strategiekit/",
}
# What a person made, per schema version that introduced the table.
ROWS = {
    1: [
        ("last_pages", ("handleiding-vindplaatsen", 4, T)),
        ("opened_documents", ("persona-henk", 2, T)),
    ],
    2: [
        ("plans", (1, "Zaanstad", "Bereik via partners", "Bibliotheek Zaanstad", T, T)),
        (
            "actions",
            (
                1,
                1,
                "Bel de gemeente",
                "Over de vindplaatsen",
                "stap-1",
                "gemeente",
                "Anna",
                "2026-03-02",
                "2026-04-01",
                "bezig",
                1,
                0,
                "stap-1-b",
                "Spreek de gemeente",
                T,
                T,
            ),
        ),
        ("action_documents", (1, "werkblad-klantreis", 0)),
        (
            "checklist_items",
            ("stap-1-a", "stap-1", "Maak een lijst", "Speelveld", 1, "Taalhuis", T),
        ),
        ("step_notes", ("stap-1", "Speelveld", "Eerst met Anna overleggen", T)),
    ],
    3: [("form_values", ("werkblad-klantreis", "naam", "Bibliotheek Waterland", T))],
}


def old_store(path, version: int) -> None:
    """``user.sqlite`` as the program with schema ``version`` left it, with a person's data."""
    conn = sqlite3.connect(path)
    for migration in load_migrations()[:version]:
        conn.executescript(migration.SQL)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", SETTINGS.items())
    for introduced in range(1, version + 1):
        for table, row in ROWS[introduced]:
            marks = ", ".join("?" * len(row))
            conn.execute(f"INSERT INTO {table} VALUES ({marks})", row)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(1, latest_version()))
def test_migrating_an_older_store_keeps_every_setting_and_everything_made(tmp_path, version):
    path = tmp_path / "user.sqlite"
    old_store(path, version)
    user = UserStore(path)
    try:
        assert user.conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert {key: user.setting(key) for key in SETTINGS} == SETTINGS
        assert user.conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 5
        assert user.last_page("handleiding-vindplaatsen") == 4
        for introduced in range(1, version + 1):
            for table, row in ROWS[introduced]:
                columns = len(row)
                stored = user.conn.execute(f"SELECT * FROM {table}").fetchall()
                assert [r[:columns] for r in stored] == [row], table
    finally:
        user.close()


def test_an_older_store_in_a_read_only_folder_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "Bieb" / "user.sqlite"
    path.parent.mkdir()
    old_store(path, 1)
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        UserStore(path, read_only=True)
    assert info.value.message == (
        f"Je gegevens komen uit een oudere versie van het programma en de map {path.parent} "
        "is alleen-lezen, dus ze kunnen niet worden bijgewerkt."
    )
    assert info.value.detail == "read-only store without the current schema"
    assert in_english(info.value).startswith("Your data comes from an older version")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["user.sqlite"]  # no backup made
