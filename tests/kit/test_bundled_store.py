"""The kit store at start: which kit is newer, what the check after start reports, the
notice a person reads when the store was rebuilt, and salvage that leaves the old file be."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3

import pytest

from companion.kit.bundled import (
    DAMAGED,
    UNTRUSTED,
    KitHealth,
    bundled_is_newer,
    bundled_version,
    check_kit_store,
    install_newest_kit,
    keys_expired_notice,
    kit_store_health,
    rebuilt_notice,
)
from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.kit.trust_state import trust_path
from companion.store.kit_store import KitStore
from tests.support.english import in_english
from tests.support.keys import key_list, root_public_keys


@pytest.fixture
def kits(kit_builder):
    return kit_builder.build(1), kit_builder.build(2), kit_builder.build(3)


def installed(path, portals, keys) -> None:
    store = KitStore(path)
    try:
        for portal in portals:
            apply_source(store, FolderSource(portal), trusted_keys=keys)
    finally:
        store.close()


def test_the_notice_after_a_rebuild_says_why_and_where_the_old_file_is(tmp_path):
    aside = tmp_path / "kit.sqlite.beschadigd-20260301-090000"
    damaged = rebuilt_notice(aside)
    assert damaged == (
        "De opgeslagen kit was beschadigd en wordt opnieuw klaargezet. Het oude bestand is "
        f"bewaard als {aside.name}. Je eigen gegevens blijven zoals ze waren."
    )
    untrusted = rebuilt_notice(aside, UNTRUSTED)
    assert untrusted == (
        "De geïnstalleerde kit was ondertekend met een sleutel die niet meer wordt vertrouwd. "
        f"De kit wordt opnieuw klaargezet; het oude bestand is bewaard als {aside.name}. "
        "Je eigen gegevens blijven zoals ze waren."
    )
    for notice in (damaged, untrusted):
        assert aside.name in in_english(notice) and in_english(notice) != notice


def test_the_check_after_start(tmp_path, kits, test_public_keys):
    empty = tmp_path / "leeg.sqlite"
    KitStore(empty).close()
    assert check_kit_store(empty, test_public_keys) is None
    good = tmp_path / "kit.sqlite"
    installed(good, kits[:1], test_public_keys)
    assert check_kit_store(good, test_public_keys) is None
    garbage = tmp_path / "kapot.sqlite"
    garbage.write_bytes(b"kapot" * 1000)
    problem = check_kit_store(garbage, test_public_keys)
    assert problem.kind == DAMAGED
    assert problem.detail == "open: file is not a database"


def test_the_check_after_start_tells_damage_from_distrust(tmp_path, kits, test_public_keys):
    good = tmp_path / "kit.sqlite"
    installed(good, kits[:1], test_public_keys)
    # A data folder copied without its trust file: the key list kept with the kit vouches.
    trust_path(good).unlink()
    assert check_kit_store(good, test_public_keys) is None
    # A signature that cannot be read back (not ASCII): damage (rebuilt), not a key problem.
    with sqlite3.connect(good) as conn:
        conn.execute("UPDATE kit_info SET value = 'é' WHERE key = 'signature'")
    conn.close()
    problem = check_kit_store(good, test_public_keys)
    assert problem.kind == DAMAGED
    assert problem.detail.startswith("read: UnicodeEncodeError: ")  # the log says what broke


def test_the_check_after_start_finds_a_key_list_past_its_date(tmp_path, kit_builder, test_key):
    kit_builder.keys = key_list(expires="2026-11-25", release=[test_key])
    good = tmp_path / "kit.sqlite"
    installed(good, [kit_builder.build(1)], root_public_keys())
    keys = root_public_keys()
    assert kit_store_health(good, keys, today=dt.date(2026, 11, 25)) == KitHealth()  # its last day
    late = kit_store_health(good, keys, today=dt.date(2026, 11, 26))
    assert late == KitHealth(None, "2026-11-25")  # a notice: nothing is rebuilt
    assert check_kit_store(good, keys) is None
    notice = keys_expired_notice(late.keys_expired_on)
    assert "verlopen op 2026-11-25" in notice
    assert "2026-11-25" in in_english(notice) and in_english(notice) != notice


def test_the_version_shipped_with_the_program(tmp_path, kits):
    assert bundled_version(kits[1]) == 2
    assert bundled_version(tmp_path / "nergens") is None
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "manifest.json").write_text("{niet af", encoding="utf-8")
    assert bundled_version(broken) is None
    (broken / "manifest.json").write_text(json.dumps({"format": 1}), encoding="utf-8")
    assert bundled_version(broken) is None


def test_whether_the_shipped_kit_is_newer(tmp_path, kits, test_public_keys):
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        assert bundled_is_newer(store, kits[0])  # nothing installed yet
        apply_source(store, FolderSource(kits[1]), trusted_keys=test_public_keys)
        assert bundled_is_newer(store, kits[2])
        assert not bundled_is_newer(store, kits[1])  # the same version
        assert not bundled_is_newer(store, kits[0])
        assert not bundled_is_newer(store, tmp_path / "nergens")
    finally:
        store.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_kit_is_salvaged_and_the_old_file_left_as_it_was(tmp_path, kits, test_public_keys):
    old = tmp_path / "oud.sqlite"
    installed(old, kits[:2], test_public_keys)
    before = digest(old)
    result = install_newest_kit(
        tmp_path / "kit.sqlite", kits[0], test_public_keys, salvage_from=old
    )
    assert result.version == 2
    assert digest(old) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("oud.sqlite")) == [
        "oud.sqlite"
    ]


def test_without_a_readable_shipped_kit_even_the_first_version_is_salvaged(
    tmp_path, kits, test_public_keys
):
    # A program folder that lost its bundled kit: the damaged store's kit is all there is.
    old = tmp_path / "oud.sqlite"
    installed(old, kits[:1], test_public_keys)
    result = install_newest_kit(
        tmp_path / "kit.sqlite", tmp_path / "geen-kit", test_public_keys, salvage_from=old
    )
    assert result.version == 1


def test_salvage_reports_progress_and_can_be_cancelled(tmp_path, kits, test_public_keys):
    from companion.errors import CancelledError

    old = tmp_path / "oud.sqlite"
    installed(old, kits[:2], test_public_keys)
    seen = []
    install_newest_kit(
        tmp_path / "kit.sqlite", kits[0], test_public_keys, salvage_from=old, progress=seen.append
    )
    assert seen  # the rebuild said how far it was
    with pytest.raises(CancelledError):
        install_newest_kit(
            tmp_path / "ander.sqlite",
            kits[0],
            test_public_keys,
            salvage_from=old,
            cancelled=lambda: True,
        )


def test_a_tampered_old_file_is_logged_and_the_shipped_kit_used(
    tmp_path, kits, test_public_keys, caplog
):
    import sqlite3

    old = tmp_path / "oud.sqlite"
    installed(old, kits[:2], test_public_keys)
    conn = sqlite3.connect(old)
    conn.execute("UPDATE blobs SET data = CAST('kapot' AS BLOB)")
    conn.commit()
    conn.close()
    with caplog.at_level(logging.INFO, logger="companion.kit.bundled"):
        result = install_newest_kit(
            tmp_path / "kit.sqlite", kits[0], test_public_keys, salvage_from=old
        )
    assert result.version == 1
    assert f"salvaging the kit from {old} failed: " in caplog.text


def test_an_older_kit_in_the_old_file_gives_way_to_the_shipped_one(
    tmp_path, kits, test_public_keys
):
    old = tmp_path / "oud.sqlite"
    installed(old, kits[:1], test_public_keys)
    result = install_newest_kit(
        tmp_path / "kit.sqlite", kits[1], test_public_keys, salvage_from=old
    )
    assert result.version == 2


def test_an_unreadable_old_file_is_logged_and_the_shipped_kit_used(
    tmp_path, kits, test_public_keys, caplog
):
    old = tmp_path / "oud.sqlite"
    old.write_bytes(b"kapot" * 1000)
    with caplog.at_level(logging.INFO, logger="companion.kit.bundled"):
        result = install_newest_kit(
            tmp_path / "kit.sqlite", kits[0], test_public_keys, salvage_from=old
        )
    assert result.version == 1
    assert f"nothing to salvage from {old}: " in caplog.text
