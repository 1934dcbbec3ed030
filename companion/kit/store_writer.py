"""Writing one kit version into the kit store, inside the caller's transaction.

The import pipeline opens the transaction, adds the new blobs one by one as it
verifies them, then calls :func:`replace_content`. Nothing here commits: if any
step fails the caller rolls back and the store shows the old kit unchanged.
"""

from __future__ import annotations

import sqlite3

from companion.kit.key_list import SignedKeys
from companion.kit.manifest import Manifest
from companion.store.kit_store import PAGES_PER_DOCUMENT


def add_blob(conn: sqlite3.Connection, sha256: str, data: bytes, pages: list[str]) -> None:
    """Store a verified content file and its page texts (1-based pages)."""
    conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, page_count, data) VALUES (?, ?, ?, ?)",
        (sha256, len(data), len(pages), sqlite3.Binary(data)),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO blob_pages (sha256, page, text) VALUES (?, ?, ?)",
        [(sha256, number, text) for number, text in enumerate(pages, start=1)],
    )


def replace_content(
    conn: sqlite3.Connection,
    manifest: Manifest,
    manifest_bytes: bytes,
    signature: bytes,
    installed_at: str,
) -> list[tuple[str, str, str]]:
    """Swap the kit's metadata, steps and search index for ``manifest``'s.

    Returns the change list (document id, title, nieuw/gewijzigd/verwijderd)
    compared with what was installed, which the Updates screen shows and the
    library uses to mark new documents until they are opened.
    """
    from sqlite_utils import Database  # slow to import; only needed while writing

    db = Database(conn)
    previous = {
        row[0]: (row[1], row[2], row[3])
        for row in conn.execute("SELECT id, sha256, changed_in, title FROM documents")
    }
    old_version_row = conn.execute("SELECT value FROM kit_info WHERE key = 'version'").fetchone()

    for table in (
        "search_index",
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
    changes: list[tuple[str, str, str]] = []
    documents = []
    for i, doc in enumerate(manifest.documents):
        before = previous.get(doc.id)
        if before is None:
            changed_in = manifest.version
            if old_version_row is not None:
                changes.append((doc.id, doc.title, "nieuw"))
        elif before[0] != doc.file.sha256:
            changed_in = manifest.version
            changes.append((doc.id, doc.title, "gewijzigd"))
        else:
            changed_in = before[1]
        documents.append(
            {
                "id": doc.id,
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
                "changed_in": changed_in,
            }
        )
    current_ids = {d.id for d in manifest.documents}
    changes.extend(
        (doc_id, before[2], "verwijderd")
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
    # Files no document points at any more are dropped with their page texts,
    # so the store does not grow with every update.
    conn.execute("DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM documents)")
    conn.execute(
        """
        INSERT INTO search_index (rowid, title, summary, body)
        SELECT d.position * ? + p.page, d.title,
               CASE WHEN p.page = 1 THEN d.summary ELSE '' END, p.text
        FROM documents d JOIN blob_pages p ON p.sha256 = d.sha256
        ORDER BY d.position, p.page
        """,
        (PAGES_PER_DOCUMENT,),
    )
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


def store_key_list(conn: sqlite3.Connection, manifest: Manifest, keys: SignedKeys) -> None:
    """Keep the manifest's expiry and the key list that vouched for it beside the kit.

    With them the installed kit verifies on its own again (at start, and in an
    update file written from this store), root -> key list -> manifest.
    """
    conn.executemany(
        "INSERT OR REPLACE INTO kit_info (key, value) VALUES (?, ?)",
        [
            ("expires", manifest.expires),
            ("keys", keys.data.decode("utf-8")),
            ("keys_signature", keys.signature.decode("ascii").strip()),
        ],
    )
