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

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from companion.kit.index_text import PageIndex, page_index
from companion.kit.key_list import SignedKeys
from companion.kit.manifest import Document, Manifest
from companion.kit.search_index import (
    add_rows,
    delete_rows,
    indexed_rows,
    stored_rows,
    use_write_buffer,
)
from companion.pdf.text import PageText
from companion.store.kit_store import CONTENT_TABLES, KIND_MEDIA, KIND_PDF


@dataclass
class UpdatePlan:
    """Which search rows a new version changes, worked out before any file is read.

    With the plan made first, the old rows of changed and removed documents
    are deleted at once and the new rows are written as each file's text
    arrives from the workers, while the workers read the next files.
    """

    nums: dict[str, int]  # document id -> search number in the new version
    stale: list[str]  # documents whose old rows go: removed, or file/title/summary changed
    fresh: dict[str, list[Document]]  # file sha256 -> documents whose rows must be written
    indexed: set[str] = field(default_factory=set)  # fresh documents already written
    # Words this import already put in search_terms: a kit's files share most
    # of their words, so after the first few files there is little left to look up.
    recorded: set[str] = field(default_factory=set)


def plan_update(conn: sqlite3.Connection, manifest: Manifest) -> UpdatePlan:
    previous = {
        row[0]: (row[1], (row[2], row[3], row[4]))
        for row in conn.execute("SELECT id, num, sha256, title, summary FROM documents")
    }
    next_num = max((num for num, _ in previous.values()), default=0) + 1
    nums: dict[str, int] = {}
    fresh: dict[str, list[Document]] = {}
    for doc in manifest.documents:
        before = previous.get(doc.id)
        if before is None:
            nums[doc.id], next_num = next_num, next_num + 1
        else:
            nums[doc.id] = before[0]
        if before is None or before[1] != _indexed_as(doc):
            fresh.setdefault(doc.file.sha256, []).append(doc)
    stale = [
        doc_id
        for doc_id, (_num, indexed) in previous.items()
        if indexed != _indexed_as(manifest.document(doc_id))
    ]
    return UpdatePlan(nums, stale, fresh)


def forget_stale(conn: sqlite3.Connection, plan: UpdatePlan) -> None:
    """Delete the old search rows of changed and removed documents (old values, still stored)."""
    use_write_buffer(conn)
    _delete_search_rows(conn, plan.stale)


def index_pages(
    conn: sqlite3.Connection,
    plan: UpdatePlan,
    sha256: str,
    pages: Sequence[PageText],
    prepared: PageIndex | None = None,
) -> None:
    """Write the search rows of the fresh documents whose file this is.

    ``prepared``: the pages in index form as the extraction worker made them
    (:func:`~companion.kit.index_text.page_index`); without it they are made here.
    """
    docs = [d for d in plan.fresh.get(sha256, ()) if d.id not in plan.indexed]
    if not docs:
        return
    if prepared is None:
        prepared = page_index([page.text for page in pages])
    rows = []
    terms = set(prepared.terms)
    for doc in docs:
        made = indexed_rows(plan.nums[doc.id], doc.title, doc.summary, prepared.bodies)
        terms.update(made[0][1].split(), made[0][2].split())  # the title and summary row
        rows.extend(made)
    add_rows(conn, rows, terms - plan.recorded)
    plan.recorded |= terms
    plan.indexed.update(d.id for d in docs)


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
    if document_ids:
        delete_rows(conn, stored_rows(conn, document_ids))


def _add_search_rows(conn: sqlite3.Connection, document_ids: list[str]) -> None:
    if document_ids:
        add_rows(conn, stored_rows(conn, document_ids))


def replace_content(
    conn: sqlite3.Connection,
    manifest: Manifest,
    manifest_bytes: bytes,
    signature: bytes,
    installed_at: str,
    plan: UpdatePlan | None = None,
) -> list[tuple[str, str, str]]:
    """Swap the kit's metadata, steps and search rows for ``manifest``'s.

    Returns the change list (document id, title, nieuw/gewijzigd/verwijderd)
    compared with what was installed, which the Updates screen shows and the
    library uses to mark new documents until they are opened.
    """
    if plan is None:
        plan = plan_update(conn, manifest)
        forget_stale(conn, plan)
    previous = {
        row[0]: row[1:]
        for row in conn.execute("SELECT id, sha256, changed_in, title FROM documents")
    }
    old_version_row = conn.execute("SELECT value FROM kit_info WHERE key = 'version'").fetchone()
    current_ids = {d.id for d in manifest.documents}

    for table in CONTENT_TABLES:
        conn.execute(f"DELETE FROM {table}")

    _insert_all(
        conn,
        "themes",
        [
            {"id": t.id, "position": i, "title": t.title, "summary": t.summary}
            for i, t in enumerate(manifest.themes)
        ],
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
                "num": plan.nums[doc.id],
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
        (doc_id, before[2], "verwijderd")
        for doc_id, before in previous.items()
        if doc_id not in current_ids
    )
    _insert_all(conn, "documents", documents)
    _insert_all(
        conn,
        "document_themes",
        [
            {"document_id": d.id, "theme_id": t, "position": n}
            for d in manifest.documents
            for n, t in enumerate(d.themes)
        ],
    )
    _insert_all(
        conn,
        "steps",
        [
            {"id": s.id, "position": i, "title": s.title, "summary": s.summary}
            for i, s in enumerate(manifest.steps)
        ],
    )
    step_items: list[dict] = []
    step_documents: list[dict] = []
    for s in manifest.steps:  # a step's checklist items and documents, in their order
        step_items.extend(
            {"id": item.id, "step_id": s.id, "position": n, "text": item.text}
            for n, item in enumerate(s.items)
        )
        step_documents.extend(
            {"step_id": s.id, "document_id": d, "position": n} for n, d in enumerate(s.documents)
        )
    _insert_all(conn, "step_items", step_items)
    _insert_all(conn, "step_documents", step_documents)
    _insert_all(
        conn,
        "last_changes",
        [{"document_id": c[0], "title": c[1], "change": c[2]} for c in changes],
    )
    # Fresh documents whose file was already stored (so no text came in now).
    _add_search_rows(
        conn, [d.id for docs in plan.fresh.values() for d in docs if d.id not in plan.indexed]
    )
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
        "synonyms": json.dumps([list(group) for group in manifest.synonyms], ensure_ascii=False),
        # Only workshops that list their werkbladen; the others keep the text rule.
        "werkbladen": json.dumps(
            {d.id: list(d.werkbladen) for d in manifest.documents if d.werkbladen is not None}
        ),
    }
    conn.executemany(
        "INSERT OR REPLACE INTO kit_info (key, value) VALUES (?, ?)", list(info.items())
    )
    return changes


def _insert_all(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows given as dicts that all name the same columns.

    Plain SQL, not sqlite-utils: importing that takes a few tenths of a
    second, which a first run paid after the last file, while the person waits.
    """
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [[row[column] for column in columns] for row in rows],
    )


def _indexed_as(doc) -> tuple[str, str, str] | None:
    """What a manifest document's search rows are made of (file, title, summary)."""
    return None if doc is None else (doc.file.sha256, doc.title, doc.summary)


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
