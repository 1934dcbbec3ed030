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
from dataclasses import dataclass

from companion.dutch.words import fold
from companion.kit.snippets import MARK_END, MARK_START, make_snippet
from companion.store.kit_store import PAGES_PER_DOCUMENT, KitStore, unpack_text

# Column weights for bm25: title, summary, page text.
WEIGHTS = (8.0, 3.0, 1.0)
_WORD = re.compile(r"\w+", re.UNICODE)


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
        # SQLite ranks every matching page; the first page seen of a document is
        # its best, and reading stops once ``limit`` documents are in. Only rowids
        # and scores are read here (rowid = document num * PAGES_PER_DOCUMENT +
        # page, see kit_store.py), never the text.
        best: dict[int, tuple[float, int]] = {}
        for rowid, score in conn.execute(
            f"SELECT rowid, bm25(search_index, {weights}) AS score FROM search_index "
            "WHERE search_index MATCH ? ORDER BY score",
            (match,),
        ):
            best.setdefault(rowid // PAGES_PER_DOCUMENT, (score, rowid))
            if len(best) >= limit:
                break
        if not best:
            return []
        top = list(best.items())

        # Pages whose own text matches. The title is on every page row, so the
        # ranked query alone would list every page of a document whose title matches.
        wanted = {num for num, _ in top}
        body_pages: dict[int, list[int]] = {}
        for (rowid,) in conn.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid",
            (f"body : ({match})",),
        ):
            num, page = divmod(rowid, PAGES_PER_DOCUMENT)
            if num in wanted:
                body_pages.setdefault(num, []).append(page)

        documents = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT num, id, title, type, summary, sha256 FROM documents "
                f"WHERE num IN ({','.join('?' * len(top))})",
                [num for num, _ in top],
            )
        }
        wanted_pages = [(documents[num][4], rowid % PAGES_PER_DOCUMENT) for num, (_s, rowid) in top]
        page_texts = {
            (sha, page): unpack_text(packed)
            for sha, page, packed in conn.execute(
                "SELECT sha256, page, text FROM pages WHERE (sha256, page) IN "
                f"(VALUES {','.join(['(?, ?)'] * len(wanted_pages))})",
                [value for pair in wanted_pages for value in pair],
            )
        }
        hits = []
        for num, (_score, rowid) in top:
            doc_id, title, doc_type, summary, sha = documents[num]
            page = rowid % PAGES_PER_DOCUMENT
            snippet = (
                make_snippet(page_texts.get((sha, page), ""), tuple(terms))
                or make_snippet(summary, tuple(terms))
                or summary[:200]
            )
            pages = tuple(body_pages.get(num, [page]))
            hits.append(SearchHit(doc_id, title, doc_type, page, pages, snippet, tuple(terms)))
        return hits
