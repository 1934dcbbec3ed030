"""The kit a store kept when its schema changed: read back as a source, and used at start
only when it is newer than the shipped kit and still verifies."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest

from companion.errors import CancelledError, MissingFileError
from companion.kit.bundled import install_newest_kit
from companion.kit.manifest import FileRef
from companion.kit.source import KeptKitSource
from companion.store.kit_store import KitStore


def old_store(path, portal, *, manifest: bytes | None = None) -> None:
    """A kit store of schema 1 holding the kit of ``portal`` (as an older program left it)."""
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE kit_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
                            page_count INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE TABLE blob_pages (sha256 TEXT, page INTEGER, text TEXT);
        PRAGMA user_version = 1;
        """
    )
    raw = manifest or (portal / "manifest.json").read_bytes()
    conn.executemany(
        "INSERT INTO kit_info VALUES (?, ?)",
        [
            ("manifest", raw.decode()),
            ("signature", (portal / "manifest.json.sig").read_text().strip()),
            ("keys", (portal / "keys.json").read_text()),
            ("keys_signature", (portal / "keys.json.sig").read_text().strip()),
        ],
    )
    for data_file in (portal / "files").iterdir():
        data = data_file.read_bytes()
        conn.execute("INSERT INTO blobs VALUES (?, ?, 1, ?)", (data_file.name, len(data), data))
    conn.commit()
    conn.close()


@pytest.fixture
def kits(kit_builder):
    return {n: kit_builder.build(n) for n in (1, 2, 3)}


def test_a_kept_kit_reads_like_any_source(tmp_path, kits):
    old_store(tmp_path / "kit.sqlite", kits[2])
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        kept = KeptKitSource(store)
        assert kept.version() == 2
        manifest, signature = kept.read_manifest()
        assert manifest == (kits[2] / "manifest.json").read_bytes()
        assert signature == (kits[2] / "manifest.json.sig").read_bytes().strip()
        assert kept.read_key_list().data == (kits[2] / "keys.json").read_bytes()
        first = next((kits[2] / "files").iterdir())
        seen = []
        ref = FileRef(first.name, first.stat().st_size, "a.pdf")
        assert kept.read_file(ref, seen.append) == first.read_bytes()
        assert seen == [first.stat().st_size]
        with pytest.raises(MissingFileError) as info:
            kept.read_file(FileRef("f" * 64, 1, "weg.pdf"), seen.append)
        assert (
            info.value.message
            == "Het bestand weg.pdf ontbreekt in de kit. De kit is niet aangepast."
        )
        assert info.value.detail == "f" * 64
    finally:
        store.close()


def test_a_store_without_a_kept_kit(tmp_path):
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        kept = KeptKitSource(store)
        assert kept.version() is None
        assert kept.read_key_list() is None
        with pytest.raises(MissingFileError) as info:
            kept.read_manifest()
        assert info.value.message == (
            "Hier staat geen kit: de inhoudslijst (manifest.json) ontbreekt."
        )
        assert info.value.detail == "no kept manifest"
    finally:
        store.close()


def test_a_kept_manifest_without_a_version_offers_none(tmp_path, kits):
    old_store(tmp_path / "kit.sqlite", kits[2], manifest=json.dumps({"format": 1}).encode())
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        assert KeptKitSource(store).version() is None
    finally:
        store.close()


@pytest.mark.parametrize(("kept", "shipped", "installed"), [(3, 1, 3), (1, 3, 3), (2, 2, 2)])
def test_the_newer_of_the_kept_and_the_shipped_kit_is_installed(
    tmp_path, kits, test_public_keys, kept, shipped, installed
):
    old_store(tmp_path / "kit.sqlite", kits[kept])
    result = install_newest_kit(tmp_path / "kit.sqlite", kits[shipped], test_public_keys)
    assert result.version == installed


def test_without_a_readable_shipped_kit_even_a_kept_first_version_is_used(
    tmp_path, kits, test_public_keys
):
    # A program folder that lost its bundled kit, after a schema change: the kept kit it is.
    old_store(tmp_path / "kit.sqlite", kits[1])
    result = install_newest_kit(tmp_path / "kit.sqlite", tmp_path / "geen-kit", test_public_keys)
    assert result.version == 1


def test_a_kept_kit_that_no_longer_verifies_gives_way(tmp_path, kits, test_public_keys, caplog):
    path = tmp_path / "kit.sqlite"
    old_store(path, kits[3])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE blobs SET data = CAST('kapot' AS BLOB)")
    conn.commit()
    conn.close()
    with caplog.at_level(logging.WARNING, logger="companion.kit.bundled"):
        assert install_newest_kit(path, kits[1], test_public_keys).version == 1
    assert "rebuilding from the kept kit failed: " in caplog.text


def test_rebuilding_from_a_kept_kit_reports_progress_and_can_be_cancelled(
    tmp_path, kits, test_public_keys
):
    old_store(tmp_path / "kit.sqlite", kits[3])
    with pytest.raises(CancelledError):
        install_newest_kit(
            tmp_path / "kit.sqlite", kits[1], test_public_keys, cancelled=lambda: True
        )
    seen = []
    assert (
        install_newest_kit(
            tmp_path / "kit.sqlite", kits[1], test_public_keys, progress=seen.append
        ).version
        == 3
    )
    assert seen
