"""What goes into the search index for one document, row by row (see kit_store.py).

Row 0 of a document holds its title and summary; rows 1.. its pages' text,
as ``index_text.py`` makes it (words in search form, running lines out).

The same function makes the rows to add and the rows to delete: a
contentless FTS5 table deletes a row only with the exact values it holds.
Stems are recorded in ``search_terms`` as words come in: the index-time half
of stemming (the query looks a word's family up there).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from companion.dutch.stems import stems
from companion.kit.index_text import indexed_text, page_bodies
from companion.store.kit_store import PAGES_PER_DOCUMENT, IndexedDocument, indexed_documents

log = logging.getLogger(__name__)

SearchRow = tuple[int, str, str, str]


def document_rows(num: int, title: str, summary: str, pages: Sequence[str]) -> list[SearchRow]:
    """(rowid, title, summary, body) of one document: row 0, then one row per page."""
    return indexed_rows(num, title, summary, page_bodies(pages))


def indexed_rows(num: int, title: str, summary: str, bodies: Sequence[str]) -> list[SearchRow]:
    """:func:`document_rows` of pages already in index form (:func:`page_bodies`)."""
    base = num * PAGES_PER_DOCUMENT
    rows: list[SearchRow] = [(base, indexed_text(title), indexed_text(summary), "")]
    rows.extend((base + number, "", "", body) for number, body in enumerate(bodies, start=1))
    return rows


def stored_rows(conn: sqlite3.Connection, document_ids: list[str]) -> Iterator[SearchRow]:
    """The rows the index holds for these documents, rebuilt from what the store keeps."""
    for doc in indexed_documents(conn, document_ids):
        yield from rows_of(doc)


def rows_of(doc: IndexedDocument) -> list[SearchRow]:
    return document_rows(doc.num, doc.title, doc.summary, doc.pages)


# How many bytes of new index entries FTS5 keeps in memory before it writes
# them out as a segment (its own default is 1 MB). A first import of 10,000
# pages wrote hundreds of small segments that FTS5 then merged again and
# again; with 16 MB the writer's thread (which shares the two cores with the
# extraction workers) spends some 470 M fewer instructions on it (counted
# with callgrind, 3.95 G -> 3.48 G for the whole write). What the index holds
# is the same (benchmarks/index_digest.py). Kept in the index's config table,
# so updates use it too; they hold far less than this.
WRITE_BUFFER_BYTES = 16 * 1024 * 1024


def use_write_buffer(conn: sqlite3.Connection) -> None:
    """Let FTS5 gather up to WRITE_BUFFER_BYTES of entries before writing a segment.

    Only a matter of speed: an SQLite whose FTS5 does not know the setting
    keeps its default, and the import goes on.
    """
    try:
        conn.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)",
            (WRITE_BUFFER_BYTES,),
        )
    except sqlite3.OperationalError as exc:
        log.info("FTS5 keeps its own write buffer: %s", exc)


def add_rows(
    conn: sqlite3.Connection, rows: Iterable[SearchRow], terms: set[str] | None = None
) -> None:
    """Index ``rows`` and record the stems of the words not seen before.

    ``terms``: the rows' words when the caller has them already (see :func:`page_index`),
    or those of them it has not recorded before in this transaction.
    """
    rows = list(rows)
    conn.executemany(
        "INSERT INTO search_index (rowid, title, summary, body) VALUES (?, ?, ?, ?)", rows
    )
    if terms is None:
        terms = {w for row in rows for text in row[1:] for w in text.split()}
    _record_terms(conn, terms)


def delete_rows(conn: sqlite3.Connection, rows: Iterable[SearchRow]) -> None:
    conn.executemany(
        "INSERT INTO search_index (search_index, rowid, title, summary, body) "
        "VALUES ('delete', ?, ?, ?, ?)",
        list(rows),
    )


def _record_terms(conn: sqlite3.Connection, terms: set[str]) -> None:
    if not terms:
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS new_terms (term TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.new_terms")
    conn.executemany("INSERT INTO temp.new_terms (term) VALUES (?)", ((t,) for t in terms))
    new = [
        row[0]
        for row in conn.execute(
            "SELECT term FROM temp.new_terms WHERE term NOT IN (SELECT term FROM search_terms)"
        )
    ]
    conn.execute("DELETE FROM temp.new_terms")
    conn.executemany(
        "INSERT INTO search_terms (term, stem, reversed) VALUES (?, ?, ?)",
        zip(new, stems(new), (t[::-1] for t in new), strict=True),
    )
