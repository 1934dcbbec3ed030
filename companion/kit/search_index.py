"""What goes into the search index for one document, row by row (see kit_store.py).

Row 0 of a document holds its title and summary; rows 1.. its pages' text.
Every value is the text's words in search form, one space apart
(``companion.dutch.words``: folded, "zzp'ers" as "zzpers"), so the index, the
query and the highlighting agree on what a word is. Lines that come back on
most pages of a document (a running header or footer below the margin the
text extraction cuts, "Hoofdstuk 2 · pagina 7") are left out of the page
rows: on every page, they would make every page a hit.

The same function makes the rows to add and the rows to delete: a
contentless FTS5 table deletes a row only with the exact values it holds.
Stems are recorded in ``search_terms`` as words come in: the index-time half
of stemming (the query looks a word's family up there).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from companion.dutch.stems import stems
from companion.dutch.words import words
from companion.store.kit_store import PAGES_PER_DOCUMENT, IndexedDocument, indexed_documents

# A line is running (left out) when it stands on at least this share of a
# document's pages, and on at least RUNNING_MIN_PAGES of them.
RUNNING_SHARE = 0.6
RUNNING_MIN_PAGES = 3
_DIGITS = re.compile(r"\d+")

SearchRow = tuple[int, str, str, str]


def indexed_text(text: str) -> str:
    """``text`` as the index holds it: its words in search form, one space apart."""
    return " ".join(words(text))


def _line_key(line: str) -> str:
    """A line with its numbers blanked: "pagina 3 van 9" and "pagina 4 van 9" are one."""
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def _line_keys(text: str) -> list[str]:
    """:func:`_line_key` of each line of ``text``, in one pass over the page.

    The same keys: case folding changes no line break, space or digit.
    """
    return [" ".join(line.split()) for line in _DIGITS.sub("#", text.casefold()).splitlines()]


def _running(keyed: Sequence[list[str]]) -> set[str]:
    if len(keyed) < RUNNING_MIN_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for keys in keyed:
        counts.update({key for key in keys if len(key) > 2})
    needed = max(RUNNING_MIN_PAGES, RUNNING_SHARE * len(keyed))
    return {key for key, count in counts.items() if count >= needed}


# What a line keeps in its rough form (see _may_run): the ASCII letters and signs
# of the case-folded line. Dropped: digits and "#" (a key blanks numbers to "#"),
# whitespace other than the line break (a key joins it to one space), and every
# byte of a non-ASCII character (which may be a digit or a space too).
_ROUGH_DROP = bytes(range(0x80, 0x100)) + b"0123456789# \t\x1c\x1d\x1e\x1f"
# Line breaks other than "\n" (clean_text turns them into "\n" or drops them):
# a page holding one is keyed the exact way.
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def _may_run(pages: Sequence[str]) -> bool:
    """False when no line can come back on enough pages to be running; cheap.

    The exact keys (:func:`_line_keys`) cost a regular expression and a join
    per line, on every page of every file. A rough form of each line is made
    in C instead: what is left of the case-folded line after dropping what a
    key blanks or joins (digits, "#", spaces) and every non-ASCII character.
    Lines with equal keys have equal rough forms, so a key on enough pages
    has a rough form on at least as many: when no rough form is, there is
    no running line. When one is (a real running line, or lines that only
    look alike roughly), the exact keys decide.
    """
    needed = max(RUNNING_MIN_PAGES, RUNNING_SHARE * len(pages))
    counts: Counter[bytes] = Counter()
    for text in pages:
        if any(mark in text for mark in _OTHER_BREAKS):
            return True
        rough = text.casefold().encode("utf-8", "surrogatepass").translate(None, _ROUGH_DROP)
        counts.update(set(rough.splitlines()))
    return any(count >= needed for count in counts.values())


def _keyed(pages: Sequence[str]) -> list[list[str]]:
    """Each page's line keys, or [] when the document cannot have running lines."""
    if len(pages) < RUNNING_MIN_PAGES or not _may_run(pages):
        return []
    return [_line_keys(text) for text in pages]


def running_lines(pages: Sequence[str]) -> set[str]:
    """The lines (as :func:`_line_key`) that come back on most pages of one document."""
    return _running(_keyed(pages))


def page_words(pages: Sequence[str]) -> list[list[str]]:
    """Each page's words in search form (see :func:`indexed_text`), without its running lines."""
    keyed = _keyed(pages)
    running = _running(keyed)
    if not running:
        return [words(text) for text in pages]
    return [
        words(
            "\n".join(
                line
                for line, key in zip(text.splitlines(), keys, strict=True)
                if key not in running
            )
        )
        for text, keys in zip(pages, keyed, strict=True)
    ]


def page_bodies(pages: Sequence[str]) -> list[str]:
    """Each page's text without its running lines, as the index holds it."""
    return [" ".join(found) for found in page_words(pages)]


class PageIndex(NamedTuple):
    """One file's pages as the index holds them, and the words in them."""

    bodies: list[str]
    terms: set[str]


def page_index(pages: Sequence[str]) -> PageIndex:
    """:func:`page_bodies` and their words, made in the extraction workers during an import.

    A module-level function, so the extraction pool can send it to its worker
    processes by name (``companion/pdf/extract_pool.py``).
    """
    found = page_words(pages)
    # The words of " ".join(bodies).split(), from each distinct word once
    # (a folded word may hold a space, or be empty: split as the index would).
    distinct: set[str] = set().union(*found)
    return PageIndex([" ".join(ws) for ws in found], set(" ".join(distinct).split()))


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
