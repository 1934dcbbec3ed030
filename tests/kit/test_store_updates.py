"""Updates cost what changed; the store stays small; an old schema is rebuilt, not lost."""

from __future__ import annotations

import json
import sqlite3

from companion.context import AppContext
from companion.kit.importer import apply_source
from companion.kit.search import KitSearch
from companion.kit.source import FolderSource
from companion.paths import AppPaths
from companion.store.kit_store import PAGES_PER_DOCUMENT, KitStore


def search_rows(store: KitStore) -> dict[str, set[int]]:
    """document id -> the rowids its pages have in the search index."""
    nums = dict(store.conn.execute("SELECT num, id FROM documents"))
    rows: dict[str, set[int]] = {}
    for (rowid,) in store.conn.execute("SELECT rowid FROM search_index"):
        rows.setdefault(nums.get(rowid // PAGES_PER_DOCUMENT, "?"), set()).add(rowid)
    return rows


def test_update_touches_only_the_search_rows_of_what_changed(
    tmp_path, kit_builder, test_public_keys
):
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    before = search_rows(store)
    # v2: a new document in front (every position shifts), one changed, one removed.
    kit_builder.documents = {
        "tip-accountant": ["Tip: vind ZZP'ers via hun accountant."],
        **kit_builder.documents,
    }
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    del kit_builder.documents["werkblad-klantreis"]
    changes_seen = []
    store.conn.set_trace_callback(changes_seen.append)
    apply_source(store, FolderSource(kit_builder.build(2)), trusted_keys=test_public_keys)
    store.conn.set_trace_callback(None)

    after = search_rows(store)
    assert after["handleiding-vindplaatsen"] == before["handleiding-vindplaatsen"]
    assert "werkblad-klantreis" not in after
    # Row 0 (title and summary) and one row per page.
    assert len(after["tip-accountant"]) == 2 and len(after["persona-henk"]) == 2
    # The index was changed row by row, never rebuilt or emptied.
    written = [s for s in changes_seen if "search_index" in s and "INSERT" in s.upper()]
    assert written and not any("rebuild" in s or "DELETE FROM search_index" in s for s in written)
    # The FTS5 structure is sound and finds exactly the new state.
    store.conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
    search = KitSearch(store)
    assert [h.document_id for h in search.search("bouw")] == ["persona-henk"]
    assert search.search("bril") == [] and search.search("Waterland") == []
    assert search.search("vindplaats bewust")[0].pages == (2,)
    store.close()


def test_store_is_checkpointed_and_small(tmp_path, kit_builder, test_public_keys):
    for n in range(12):
        kit_builder.documents[f"handleiding-extra-{n}"] = [f"Handleiding {n}\n"] + [
            "Samenwerken met de bibliotheek en de gemeente. " * 60
        ] * 5
    portal = kit_builder.build(1)
    pdf_bytes = sum(p.stat().st_size for p in (portal / "files").iterdir())
    path = tmp_path / "kit.sqlite"
    store = KitStore(path)
    apply_source(store, FolderSource(portal), trusted_keys=test_public_keys)
    wal = path.with_name("kit.sqlite-wal")
    assert not wal.exists() or wal.stat().st_size < 4 * 1024 * 1024
    store.close()
    # Text once, no copy of it in the index: the store holds the PDFs and not much more.
    assert path.stat().st_size <= 3 * pdf_bytes + 200 * 1024


def test_old_schema_is_rebuilt_from_the_newest_verified_kit(
    tmp_path, kit_builder, test_public_keys
):
    """A store from before this schema keeps its signed kit; the next start installs that."""
    bundled = kit_builder.build(1)  # what the program ships
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    newer = kit_builder.build(3)  # what this machine had updated to
    paths = AppPaths(
        data_dir=tmp_path / "data", cache_dir=tmp_path / "cache", log_dir=tmp_path / "log"
    )
    paths.ensure()
    old = sqlite3.connect(paths.kit_store)
    old.executescript(
        """
        CREATE TABLE kit_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
                            page_count INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE TABLE blob_pages (sha256 TEXT, page INTEGER, text TEXT);
        PRAGMA user_version = 1;
        """
    )
    manifest = (newer / "manifest.json").read_bytes()
    old.executemany(
        "INSERT INTO kit_info VALUES (?, ?)",
        [
            ("version", "3"),
            ("manifest", manifest.decode()),
            ("signature", (newer / "manifest.json.sig").read_text().strip()),
            ("keys", (newer / "keys.json").read_text()),
            ("keys_signature", (newer / "keys.json.sig").read_text().strip()),
        ],
    )
    for doc in json.loads(manifest)["documents"]:
        data = (newer / "files" / doc["file"]["sha256"]).read_bytes()
        old.execute(
            "INSERT OR IGNORE INTO blobs VALUES (?, ?, 1, ?)",
            (doc["file"]["sha256"], len(data), data),
        )
    old.commit()
    old.close()

    context = AppContext.open(paths, bundled_dir=bundled, trusted_keys=test_public_keys)
    assert context.needs_bundled_kit()
    result = context.install_bundled_kit()
    assert result.version == 3
    assert context.library.installed().version == 3
    assert [h.document_id for h in context.search.search("bouw")] == ["persona-henk"]
    tables = {r[0] for r in context.kit.conn.execute("SELECT name FROM sqlite_master")}
    assert not {"legacy_blobs", "legacy_kit_info", "blob_pages"} & tables
    context.close()
