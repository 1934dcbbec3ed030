"""The search floor: the same page texts in a plain SQLite FTS5 table, asked the same question.

Built by the benchmark itself from PyMuPDF's text of the kit's PDFs, so it
does not depend on the program's schema: one row per page, accents folded by
FTS5 (``remove_diacritics 2``), each typed word a prefix, the best page of
each of the top 50 documents by bm25, and a snippet for each. That is the
work a result list needs, done the most direct way the tools allow (the
program also lists each document's other matching pages; the floor does not).
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
    """Each typed word (two letters or more) as a prefix; FTS5 ANDs them."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in match_words(text))


class FloorIndex:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def close(self) -> None:
        self.conn.close()

    def search(self, text: str) -> list[tuple[int, int, str]]:
        """(document, page, snippet) of the best page of each of the top documents.

        Pages come best first; reading stops at the 50th document, and only
        those pages' text is read, for a snippet around the first word found.
        """
        match = match_text(text)
        if not match:
            return []
        best: dict[int, int] = {}
        for rowid, doc in self.conn.execute(
            "SELECT rowid, doc FROM pages WHERE pages MATCH ? ORDER BY rank", (match,)
        ):
            best.setdefault(doc, rowid)
            if len(best) >= LIMIT:
                break
        if not best:
            return []
        rowids = list(best.values())
        bodies = dict(
            self.conn.execute(
                f"SELECT rowid, body FROM pages WHERE rowid IN ({','.join('?' * len(rowids))})",
                rowids,
            )
        )
        words = re.compile("|".join(re.escape(w) for w in match_words(text)), re.IGNORECASE)
        return [(doc, rowid, snippet(bodies.get(rowid, ""), words)) for doc, rowid in best.items()]


def match_words(text: str) -> list[str]:
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(text) if len(w) > 1))


def snippet(body: str, words: re.Pattern[str], before: int = 60, after: int = 100) -> str:
    found = words.search(body)
    start = max(0, found.start() - before) if found else 0
    return body[start : (found.end() if found else 0) + after]
