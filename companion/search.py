"""Search over the whole kit: titles, summaries and every PDF page.

People type Dutch the way they type it: without the diaeresis, half a word,
in any case. The FTS5 index folds accents (``remove_diacritics 2``) and each
typed word becomes a prefix query, so "reintegratie" finds "reïntegratie" and
"laaggeletterd" finds "laaggeletterden". Ranking is bm25 with titles weighted
above summaries above page text. One result per document: its best page, with
the other pages that match listed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .store.kit_store import KitStore

MARK_START = "\ue000"
MARK_END = "\ue001"
# Column weights for bm25: title, summary, page text.
WEIGHTS = (8.0, 3.0, 1.0)
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: the form both the index and the viewer compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_terms(text: str) -> list[str]:
    """The words of a typed query, folded; single letters are dropped (too common)."""
    words = [fold(w) for w in _WORD.findall(text)]
    terms = [w for w in words if len(w) > 1 or w.isdigit()]
    return list(dict.fromkeys(terms))


def fts_query(terms: list[str]) -> str:
    """Each term as a quoted prefix query; FTS5 ANDs them."""
    return " ".join('"' + t.replace('"', '""') + '"*' for t in terms)


@dataclass(frozen=True)
class SearchHit:
    document_id: str
    title: str
    type: str
    page: int
    pages: tuple[int, ...]
    snippet: str
    terms: tuple[str, ...]

    def snippet_html(self) -> str:
        """The snippet with the matched words in bold, safe for Qt rich text."""
        escaped = html.escape(self.snippet.replace("\n", " "))
        return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


class KitSearch:
    def __init__(self, store: KitStore) -> None:
        self.store = store

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        terms = query_terms(text)
        if not terms:
            return []
        match = fts_query(terms)
        conn = self.store.conn
        weights = ", ".join(str(w) for w in WEIGHTS)
        # SQLite returns the bare columns of the row holding min(): the best page.
        best = conn.execute(
            f"""
            WITH hits AS MATERIALIZED (
                SELECT rowid AS rid, document_id, page, bm25(search_index, {weights}) AS score
                FROM search_index WHERE search_index MATCH ?
            )
            SELECT rid, document_id, page, min(score) AS best
            FROM hits GROUP BY document_id ORDER BY best LIMIT ?
            """,
            (match, limit),
        ).fetchall()
        if not best:
            return []
        rowids = [row[0] for row in best]
        marks = (MARK_START, MARK_END)
        snippets = {
            row[0]: (row[1], row[2])
            for row in conn.execute(
                f"""
                SELECT rowid,
                       snippet(search_index, 2, ?, ?, '…', 14),
                       snippet(search_index, 1, ?, ?, '…', 14)
                FROM search_index WHERE search_index MATCH ?
                AND rowid IN ({",".join("?" * len(rowids))})
                """,
                (*marks, *marks, match, *rowids),
            )
        }
        # Pages whose own text matches (the title is on every page row, so the
        # ranked query alone would list every page of a document whose title matches).
        body_pages: dict[str, set[int]] = {}
        for doc_id, page in conn.execute(
            "SELECT document_id, page FROM search_index WHERE search_index MATCH ?",
            (f"body : ({match})",),
        ):
            body_pages.setdefault(doc_id, set()).add(int(page))
        titles = {
            row[0]: (row[1], row[2], row[3])
            for row in conn.execute(
                f"SELECT id, title, type, summary FROM documents WHERE id IN "
                f"({','.join('?' * len(best))})",
                [row[1] for row in best],
            )
        }
        hits = []
        for rowid, doc_id, page, _score in best:
            title, doc_type, summary = titles[doc_id]
            body, summ = snippets.get(rowid, ("", ""))
            snippet = body if MARK_START in body else summ if MARK_START in summ else summary[:200]
            page_list = tuple(sorted(body_pages.get(doc_id, {int(page)})))
            hits.append(
                SearchHit(doc_id, title, doc_type, int(page), page_list, snippet, tuple(terms))
            )
        return hits
