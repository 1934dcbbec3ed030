"""The search floor: the same page texts in a plain SQLite FTS5 table, asked the same question.

Built by the benchmark itself from PyMuPDF's text of the kit's PDFs, so it
does not depend on the program's schema: one row per page, accents folded by
FTS5 (``remove_diacritics 2``), each typed word a prefix, the best page of
each of the top 50 documents by bm25, and a snippet for each. That is the
work a result list needs, done the most direct way the tools allow.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pymupdf

LIMIT = 50
_WORD = re.compile(r"\w+", re.UNICODE)


def build(pdfs: list[Path], target: Path) -> Path:
    """Write the index (made once per kit and PyMuPDF version, then reused)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial)
    conn.execute(
        "CREATE VIRTUAL TABLE pages USING fts5(doc UNINDEXED, page UNINDEXED, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for number, path in enumerate(pdfs):
        with pymupdf.open(path) as doc:
            rows = [(number, index + 1, page.get_text("text")) for index, page in enumerate(doc)]
        conn.executemany("INSERT INTO pages (doc, page, body) VALUES (?, ?, ?)", rows)
    conn.commit()
    conn.execute("INSERT INTO pages (pages) VALUES ('optimize')")
    conn.commit()
    conn.close()
    partial.rename(target)
    return target


def match_text(text: str) -> str:
    words = [w.lower() for w in _WORD.findall(text) if len(w) > 1]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in dict.fromkeys(words))


class FloorIndex:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def close(self) -> None:
        self.conn.close()

    def search(self, text: str) -> list[tuple[int, int, str]]:
        """(document, page, snippet) of the best page of each of the top documents."""
        match = match_text(text)
        if not match:
            return []
        best = self.conn.execute(
            "SELECT rowid, doc, min(rank) AS score FROM "
            "(SELECT rowid, doc, rank FROM pages WHERE pages MATCH ?) "
            "GROUP BY doc ORDER BY score LIMIT ?",
            (match, LIMIT),
        ).fetchall()
        if not best:
            return []
        rowids = [rowid for rowid, _doc, _score in best]
        snippets = dict(
            self.conn.execute(
                "SELECT rowid, snippet(pages, 2, '[', ']', '…', 12) FROM pages "
                f"WHERE pages MATCH ? AND rowid IN ({','.join('?' * len(rowids))})",
                (match, *rowids),
            ).fetchall()
        )
        return [(doc, rowid, snippets.get(rowid, "")) for rowid, doc, _score in best]
