"""Writing one kit version into the kit store, inside the caller's transaction.

The import pipeline opens the transaction, adds the new blobs one by one as
their text comes back from the extraction workers, then calls
:func:`replace_content`. Nothing here commits: if any step fails the caller
rolls back and the store shows the old kit unchanged.

An update costs what changed: the search rows of documents whose file, title
or summary stayed the same are not touched (their search numbers are kept,
see ``kit_store.py``); only new, changed and removed documents are deleted
from and added to the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from companion.kit.manifest import Manifest
from companion.pdf.text import PageText
from companion.store.kit_store import KIND_MEDIA, KIND_PDF, search_rows


def add_blob(conn: sqlite3.Connection, sha256: str, data: bytes, pages: Sequence[PageText]) -> None:
    """Store a verified PDF and its pages (1-based): size, turn and packed text."""
    conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, kind, size, page_count, data) VALUES (?, ?, ?, ?, ?)",
        (sha256, KIND_PDF, len(data), len(pages), sqlite3.Binary(data)),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO pages (sha256, page, width, height, rotation, text) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (sha256, number, p.box.width, p.box.height, p.box.rotation, p.packed)
            for number, p in enumerate(pages, start=1)
        ],
    )


def add_media(conn: sqlite3.Connection, sha256: str, data: bytes) -> None:
    """Store a verified media file (a video), played with the system's player."""
    conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, kind, size, page_count, data) VALUES (?, ?, ?, 0, ?)",
        (sha256, KIND_MEDIA, len(data), sqlite3.Binary(data)),
    )


def _delete_search_rows(conn: sqlite3.Connection, document_ids: list[str]) -> None:
    conn.executemany(
        "INSERT INTO search_index (search_index, rowid, title, summary, body) "
        "VALUES ('delete', ?, ?, ?, ?)",
        list(search_rows(conn, document_ids)),
    )


def _add_search_rows(conn: sqlite3.Connection, document_ids: list[str]) -> None:
    conn.executemany(
        "INSERT INTO search_index (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        search_rows(conn, document_ids),
    )


def replace_content(
    conn: sqlite3.Connection,
    manifest: Manifest,
    manifest_bytes: bytes,
    signature: bytes,
    installed_at: str,
) -> list[tuple[str, str, str]]:
    """Swap the kit's metadata, steps and search rows for ``manifest``'s.

    Returns the change list (document id, title, nieuw/gewijzigd/verwijderd)
    compared with what was installed, which the Updates screen shows and the
    library uses to mark new documents until they are opened.
    """
    from sqlite_utils import Database  # slow to import; only needed while writing

    db = Database(conn)
    previous = {
        row[0]: row[1:]
        for row in conn.execute("SELECT id, num, sha256, changed_in, title, summary FROM documents")
    }
    old_version_row = conn.execute("SELECT value FROM kit_info WHERE key = 'version'").fetchone()

    # What the search index must forget and learn: a document is re-indexed
    # when its file, title or summary changed, and forgotten when removed.
    current_ids = {d.id for d in manifest.documents}
    stale = [
        doc_id
        for doc_id, (_num, sha, _changed, title, summary) in previous.items()
        if doc_id not in current_ids
        or (sha, title, summary) != _indexed_as(manifest.document(doc_id))
    ]
    _delete_search_rows(conn, stale)

    for table in (
        "step_documents",
        "step_items",
        "steps",
        "document_themes",
        "documents",
        "themes",
        "last_changes",
    ):
        conn.execute(f"DELETE FROM {table}")

    db["themes"].insert_all(
        {"id": t.id, "position": i, "title": t.title, "summary": t.summary}
        for i, t in enumerate(manifest.themes)
    )
    next_num = max((before[0] for before in previous.values()), default=0) + 1
    changes: list[tuple[str, str, str]] = []
    documents = []
    fresh = []
    for i, doc in enumerate(manifest.documents):
        before = previous.get(doc.id)
        if before is None:
            num, next_num = next_num, next_num + 1
            changed_in = manifest.version
            fresh.append(doc.id)
            if old_version_row is not None:
                changes.append((doc.id, doc.title, "nieuw"))
        else:
            num = before[0]
            if doc.id in stale:
                fresh.append(doc.id)
            if before[1] != doc.file.sha256:
                changed_in = manifest.version
                changes.append((doc.id, doc.title, "gewijzigd"))
            else:
                changed_in = before[2]
        documents.append(
            {
                "id": doc.id,
                "num": num,
                "position": i,
                "title": doc.title,
                "type": doc.type,
                "summary": doc.summary,
                "audience": doc.audience,
                "minutes": doc.minutes,
                "url": doc.url,
                "revision": doc.revision,
                "sha256": doc.file.sha256,
                "file_name": doc.file.name,
                "size": doc.file.size,
                "media_sha256": doc.media.sha256 if doc.media else None,
                "media_name": doc.media.name if doc.media else None,
                "changed_in": changed_in,
            }
        )
    changes.extend(
        (doc_id, before[3], "verwijderd")
        for doc_id, before in previous.items()
        if doc_id not in current_ids
    )
    db["documents"].insert_all(documents)
    db["document_themes"].insert_all(
        {"document_id": d.id, "theme_id": t, "position": n}
        for d in manifest.documents
        for n, t in enumerate(d.themes)
    )
    db["steps"].insert_all(
        {"id": s.id, "position": i, "title": s.title, "summary": s.summary}
        for i, s in enumerate(manifest.steps)
    )
    db["step_items"].insert_all(
        {"id": item.id, "step_id": s.id, "position": n, "text": item.text}
        for s in manifest.steps
        for n, item in enumerate(s.items)
    )
    db["step_documents"].insert_all(
        {"step_id": s.id, "document_id": d, "position": n}
        for s in manifest.steps
        for n, d in enumerate(s.documents)
    )
    db["last_changes"].insert_all(
        {"document_id": c[0], "title": c[1], "change": c[2]} for c in changes
    )
    _add_search_rows(conn, fresh)
    # Files no document points at any more are dropped with their pages, so
    # the store does not grow with every update.
    conn.execute(
        "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM documents) "
        "AND sha256 NOT IN (SELECT media_sha256 FROM documents WHERE media_sha256 IS NOT NULL)"
    )
    # A kit kept from an older schema has now been replaced by a verified one.
    conn.execute("DROP TABLE IF EXISTS legacy_blobs")
    conn.execute("DROP TABLE IF EXISTS legacy_kit_info")
    info = {
        "kit": manifest.kit,
        "version": str(manifest.version),
        "title": manifest.title,
        "published": manifest.published,
        "changes": manifest.changes,
        "manifest": manifest_bytes.decode("utf-8"),
        "signature": signature.decode("ascii").strip(),
        "installed_at": installed_at,
        "previous_version": old_version_row[0] if old_version_row else "",
    }
    conn.executemany(
        "INSERT OR REPLACE INTO kit_info (key, value) VALUES (?, ?)", list(info.items())
    )
    return changes


def _indexed_as(doc) -> tuple[str, str, str] | None:
    """What a manifest document's search rows are made of (file, title, summary)."""
    return None if doc is None else (doc.file.sha256, doc.title, doc.summary)
