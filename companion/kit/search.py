"""Search over the whole kit that forgives how people type.

A query is read by ``companion.dutch.query``: words (stop words left out),
and phrases in quotes. Each part becomes a *concept* that a document must
contain somewhere (title, summary or any page). A concept is met by the word
as typed (exact, or as the start of a word) and, less strongly, by the kit's
other forms of it ("gemeentes" -> "gemeente"), its compounds ("reis" ->
"klantreis", "klant reis" -> "klantreis", "gemeentehuis" -> "gemeente" near
"huis") and the kit's own synonyms ("warme overdracht" -> "warm
doorverwijzen"); see ``search_vocabulary.py`` and ``synonyms.py``. A word
without any hit is corrected to the nearest word of the kit ("vindplaasten"
-> "vindplaatsen"), and the results say so (:attr:`SearchResults.corrections`).

Ranking is per document, not per page: a hit in the title counts most, then
the summary, then how many of its pages hold the concept and what share of
the document that is, so the manual that is *about* a word comes before the
tip that mentions it. Exact words count double what other forms count; rare
concepts count more than common ones. The page a result opens on is the page
that holds the most concepts (exact ones first), never a page that only
repeats a running header (those lines are not indexed, see search_index.py).

Only rowids are read while ranking (rowid = document num * 100000 + page);
page text is read for the snippets of the results shown.
"""

from __future__ import annotations

import bisect
import html
import itertools
import json
import math
import operator
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from companion.dutch.query import ParsedQuery, QueryPart, parse_query
from companion.dutch.stems import stem
from companion.dutch.stop_words import is_stop_word
from companion.dutch.words import WORD, joined
from companion.kit.search_vocabulary import Correction, Vocabulary
from companion.kit.snippets import MARK_END, MARK_START, make_snippet
from companion.kit.synonyms import Synonym, Synonyms
from companion.store.kit_store import PAGES_PER_DOCUMENT, KitStore, unpack_text

# What a hit is worth: in the title, in the summary; the pages' part grows with
# every doubling of the number of pages that hold it (a manual that comes back
# to a word on five pages is more about it than a tip that names it once), and
# a little with the share of the document's pages.
TITLE = 3.0
SUMMARY = 1.5
PAGE_COUNT = 1.0
PAGE_SHARE = 0.3
# What a hit is worth by how it matched: the word as typed, another form or a
# compound of it, a synonym. Each also counts by how rare it is in the kit
# (idf), so a synonym that stands in every summary adds little.
EXACT = 1.0
FORMS = 0.6
SYNONYMS = 0.4
# How far apart the parts of a split compound may stand ("huis van de gemeente").
NEAR_PARTS = 6


class SearchCancelled(Exception):
    """A newer search was asked for; this one stopped between two steps."""


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def query_terms(text: str) -> list[str]:
    """The words that count in a typed query (stop words out, see companion.dutch.query)."""
    return [w for part in parse_query(text).parts for w in part.words]


@dataclass
class Concept:
    """One part of the query as FTS5 expressions: the literal, its forms and compounds
    (word starts included), and the kit's synonyms for it."""

    label: str
    exact: str
    forms: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    light: list[str] = field(default_factory=list)

    def ways(self) -> list[tuple[str, float]]:
        """(expression, weight) for each way the concept can be met (forms only when the
        kit has other forms or longer words than the one typed)."""
        found = [(self.exact, EXACT)]
        if self.forms:
            found.append((" OR ".join(dict.fromkeys(self.forms)), FORMS))
        if self.synonyms:
            found.append((" OR ".join(dict.fromkeys(self.synonyms)), SYNONYMS))
        return found


@dataclass(frozen=True)
class SearchHit:
    """One result. Its snippet is made when first read: a list shows the first dozen of
    up to fifty results, and a snippet (folding a whole page to find the words) cost
    ~10% of a search made for all fifty."""

    document_id: str
    title: str
    type: str
    page: int
    pages: tuple[int, ...]
    terms: tuple[str, ...]
    # What the snippet is cut from: the text of the page the result opens on, else
    # the document's summary.
    page_text: str = field(default="", repr=False, compare=False)
    summary: str = field(default="", repr=False, compare=False)

    @cached_property
    def snippet(self) -> str:
        """About a line around the first matched word, the words between the marks."""
        return (
            make_snippet(self.page_text, self.terms)
            or make_snippet(self.summary, self.terms)
            or self.summary[:200]
        )

    def snippet_html(self) -> str:
        """The snippet with the matched words in bold, safe for Qt rich text."""
        escaped = html.escape(self.snippet.replace("\n", " "))
        return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


@dataclass(frozen=True)
class SearchResults:
    """The hits, and the words that were corrected to find them (typed -> kit word)."""

    text: str
    hits: list[SearchHit]
    corrections: tuple[Correction, ...] = ()

    @property
    def corrected_text(self) -> str:
        """What was searched: the typed text with each corrected word replaced."""
        if not self.corrections:
            return self.text
        fixes = {c.typed: c.word for c in self.corrections}
        return WORD.sub(lambda m: fixes.get(joined(m.group(0)), m.group(0)), self.text)


@dataclass(frozen=True)
class _Document:
    num: int
    id: str
    title: str
    type: str
    summary: str
    sha256: str
    pages: int


@dataclass
class _Matches:
    """Where one FTS5 expression matches: documents by title, by summary; pages by document.

    ``rows`` are the matching rowids in ascending order, so one document's rows
    stand side by side: ``spans[num]`` says where its page rows stand (row 0, its
    title and summary, left out), ``counts[num]`` how many there are.
    """

    title: set[int]
    summary: set[int]
    rows: list[int]
    spans: dict[int, tuple[int, int]]
    counts: dict[int, int]
    _documents: set[int] = field(init=False)

    def __post_init__(self) -> None:
        self._documents = self.title | self.summary | set(self.spans)

    def documents(self) -> set[int]:
        return self._documents

    def pages(self, num: int) -> set[int]:
        at, end = self.spans.get(num, (0, 0))
        return set(map(operator.mod, self.rows[at:end], itertools.repeat(PAGES_PER_DOCUMENT)))


def _by_document(rows: list[int]) -> tuple[dict[int, tuple[int, int]], dict[int, int], set[int]]:
    """For ascending rowids: where each document's page rows stand, how many there
    are, and which documents' row 0 (title and summary) is among them."""
    spans: dict[int, tuple[int, int]] = {}
    counts: dict[int, int] = {}
    described: set[int] = set()
    at, end = 0, len(rows)
    while at < end:
        base = rows[at] - rows[at] % PAGES_PER_DOCUMENT
        num = base // PAGES_PER_DOCUMENT
        following = bisect.bisect_left(rows, base + PAGES_PER_DOCUMENT, at)
        if rows[at] == base:
            described.add(num)
            at += 1
        spans[num] = (at, following)
        if following > at:
            counts[num] = following - at
        at = following
    return spans, counts, described


def _add_values(
    scores: dict[int, float],
    factor: float,
    matches: _Matches,
    documents: dict[int, _Document],
    nums: set[int],
) -> None:
    """Add ``factor`` times what ``matches`` is worth in each document of ``nums``.

    One loop for all of them (not a call per document: ~600 a query)."""
    title, summary, counts = matches.title, matches.summary, matches.counts
    log2 = math.log2
    for num in nums:
        count = counts.get(num, 0)
        scores[num] += factor * (
            TITLE * (num in title)
            + SUMMARY * (num in summary)
            + PAGE_SHARE * min(1.0, count / max(documents[num].pages, 1))
            + PAGE_COUNT * log2(1 + count)
        )


class KitSearch:
    """Search on one connection (the store's); one per thread, like the store."""

    def __init__(self, store: KitStore) -> None:
        self.store = store
        self._conn: sqlite3.Connection | None = None
        self._state: tuple | None = None
        self._documents: dict[int, _Document] = {}
        self._synonyms = Synonyms()
        self._vocabulary: Vocabulary | None = None
        self._cancelled: Callable[[], bool] | None = None

    # -- what the kit holds now (read again after an update) ------------------------------

    def _refresh(self) -> sqlite3.Connection:
        conn = self.store.conn
        state = (id(conn), conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if state != self._state:
            self._state = state
            self._conn = conn
            self._documents = {
                row[0]: _Document(*row)
                for row in conn.execute(
                    "SELECT d.num, d.id, d.title, d.type, d.summary, d.sha256, b.page_count "
                    "FROM documents d JOIN blobs b ON b.sha256 = d.sha256"
                )
            }
            row = conn.execute("SELECT value FROM kit_info WHERE key = 'synonyms'").fetchone()
            self._synonyms = Synonyms.from_json(row[0] if row else None)
            self._vocabulary = Vocabulary(conn)
        return conn

    def prepare(self) -> None:
        """Load, before anyone types, what the first search would otherwise load itself.

        The search thread calls this when it opens its connection (the search
        screen opening), so the first search costs what every later one does:
        the kit's documents and synonyms, the word list that typos are matched
        against, and the stemmer and rapidfuzz (imported and made on this
        thread). Read again when the kit changes, as for a search.
        """
        self._refresh()
        assert self._vocabulary is not None
        self._vocabulary.prepare()
        stem("")

    # -- searching ---------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        return self.run(text, limit).hits

    def run(
        self,
        text: str,
        limit: int = 50,
        *,
        correct: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResults:
        """Search ``text``; ``correct=False`` searches the words exactly as typed.

        ``cancelled()`` is asked between steps: True raises SearchCancelled.
        """
        self._cancelled = cancelled
        parsed = parse_query(text)
        if not parsed:
            return SearchResults(text, [])
        conn = self._refresh()
        vocabulary = self._vocabulary
        assert vocabulary is not None
        concepts = self._concepts(parsed, vocabulary)
        matched = [self._met(conn, c) for c in concepts]
        corrections: list[Correction] = []
        if correct:
            for index, part in enumerate(parsed.parts):
                if _documents(matched[index]) or part.phrase:
                    continue
                for word in vocabulary.corrections(part.word):
                    concept = self._word_concept(word, vocabulary)
                    found = self._met(conn, concept)
                    if _documents(found):
                        concepts[index], matched[index] = concept, found
                        corrections.append(Correction(part.word, word))
                        break
        hits = self._rank(conn, concepts, matched, limit)
        return SearchResults(text, hits, tuple(corrections))

    def _met(self, conn: sqlite3.Connection, concept: Concept) -> list[tuple[_Matches, float]]:
        return [(self._matches(conn, expression), weight) for expression, weight in concept.ways()]

    def _matches(self, conn: sqlite3.Connection, expression: str) -> _Matches:
        """One pass over the index for all rows (page 0 is title and summary), one over
        the titles; the summaries only when a title matched too.

        The rowids come back as one JSON array: grouping them by document in SQL
        (``GROUP BY rowid / N`` with ``group_concat`` per document) sorted every
        matching row in a temporary b-tree and cost three times as much at
        10,000 pages; in FTS5's order a document's rows stand together already.
        JSON, not ``group_concat``'s comma-separated text: ``json.loads`` makes
        the ints in C, where splitting the text and ``int()`` on each part took
        as long as the index itself (~10,000 rows a word at 10,000 pages).
        """
        self._stop_if_cancelled()
        (array,) = conn.execute(
            "SELECT json_group_array(rowid) FROM search_index WHERE search_index MATCH ?",
            (expression,),
        ).fetchone()
        rows: list[int] = json.loads(array) if array else []
        rows.sort()  # FTS5 gives them in order already: then this costs next to nothing
        spans, counts, described = _by_document(rows)
        title: set[int] = set()
        summary = described
        if described:
            title = self._rows_0(conn, f"title : ({expression})")
            if title:
                summary = (described - title) | self._rows_0(conn, f"summary : ({expression})")
        return _Matches(title, summary, rows, spans, counts)

    def _stop_if_cancelled(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise SearchCancelled

    @staticmethod
    def _rows_0(conn: sqlite3.Connection, expression: str) -> set[int]:
        return {
            rowid // PAGES_PER_DOCUMENT
            for (rowid,) in conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", (expression,)
            )
        }

    # -- what each part of the query means ----------------------------------------------

    def _concepts(self, parsed: ParsedQuery, vocabulary: Vocabulary) -> list[Concept]:
        concepts = [
            _phrase_concept(part) if part.phrase else self._word_concept(part.word, vocabulary)
            for part in parsed.parts
        ]
        words = [(i, p.word) for i, p in enumerate(parsed.parts) if not p.phrase]
        # Two typed words that the kit writes as one ("klant reis" -> "klantreis").
        for (i, first), (j, second) in itertools.pairwise(words):
            for compound in vocabulary.joined(first, second):
                for index in (i, j):
                    concepts[index].forms.append(_quoted(compound) + "*")
                    concepts[index].light.append(compound)
        # The kit's synonyms for a typed word or run of words.
        for match in self._synonyms.matches([w for _i, w in words]):
            for offset in range(match.start, match.end):
                concept = concepts[words[offset][0]]
                for other in match.others:
                    concept.synonyms.append(_synonym_expression(other))
                    concept.light.extend(_synonym_light(other))
        return concepts

    def _word_concept(self, word: str, vocabulary: Vocabulary) -> Concept:
        concept = Concept(word, _quoted(word), [], [], [word])
        if is_stop_word(word):  # "de het een": those words, not every word that starts so
            return concept
        if vocabulary.starts(word, longer=True):
            concept.forms.append(_quoted(word) + "*")
        forms = vocabulary.forms(word)
        if forms and not vocabulary.starts(word):
            # A form the kit does not use ("gemeentes"): rank as the nearest one it does.
            from rapidfuzz.distance import OSA

            concept.exact = _quoted(min(forms, key=lambda f: (OSA.distance(word, f), f)))
        for form in forms:
            if not form.startswith(word):  # those the prefix finds already
                concept.forms.append(_quoted(form))
            concept.light.append(form)
        for compound in vocabulary.compounds_ending_in(word):
            concept.forms.append(_quoted(compound))
            concept.light.append(compound)
        parts = vocabulary.split(word) if len(word) >= 8 else None
        if parts is not None:
            head, tail = parts
            concept.forms.append(f"NEAR({_quoted(head)} {_quoted(tail)}*, {NEAR_PARTS})")
            concept.light.extend(parts)
        return concept

    # -- ranking -----------------------------------------------------------------------------

    def _rank(
        self,
        conn: sqlite3.Connection,
        concepts: list[Concept],
        matched: list[list[tuple[_Matches, float]]],
        limit: int,
    ) -> list[SearchHit]:
        candidates = set.intersection(*(_documents(m) for m in matched)) & set(self._documents)
        if not candidates:
            return []
        total = max(len(self._documents), 1)
        scores = dict.fromkeys(candidates, 0.0)
        for ways in matched:
            # Nothing has the words as typed ("warme overdracht", "gemeentes"): then
            # the forms and synonyms are what was meant, and count as much.
            promoted = not ways[0][0].documents()
            for matches, weight in ways:
                found = matches.documents()
                if not found:
                    continue
                weight = EXACT if promoted else weight
                rarity = math.log(1 + total / len(found))
                _add_values(scores, weight * rarity, matches, self._documents, candidates & found)
        order = sorted(candidates, key=lambda num: (-scores[num], num))[:limit]
        self._stop_if_cancelled()
        light = tuple(dict.fromkeys(w for c in concepts for w in c.light))
        targets = {num: _target(num, matched) for num in order}
        texts = self._page_texts(conn, [(self._documents[n].sha256, targets[n][0]) for n in order])
        hits = []
        for num in order:
            doc = self._documents[num]
            page, pages = targets[num]
            text = texts.get((doc.sha256, page), "")
            hits.append(
                SearchHit(doc.id, doc.title, doc.type, page, pages, light, text, doc.summary)
            )
        return hits

    @staticmethod
    def _page_texts(conn: sqlite3.Connection, wanted: list[tuple[str, int]]) -> dict:
        """The texts of the pages the results open on, in one query (not one per result).

        A join with the wanted pairs, not ``(sha256, page) IN (VALUES ...)``: SQLite
        (3.40) answers that row-value IN with a scan of every page of the kit (40 ms
        at 10,000 pages); the join looks each pair up in the pages' unique index.
        """
        keys = list(dict.fromkeys(wanted))
        if not keys:
            return {}
        values = ",".join("(?, ?)" for _ in keys)
        rows = conn.execute(
            f"WITH wanted (sha256, page) AS (VALUES {values}) "
            "SELECT p.sha256, p.page, p.text FROM wanted w "
            "JOIN pages p ON p.sha256 = w.sha256 AND p.page = w.page",
            [value for key in keys for value in key],
        )
        return {(sha, page): unpack_text(packed) for sha, page, packed in rows}


def _documents(ways: list[tuple[_Matches, float]]) -> set[int]:
    """The documents a concept is met in, any way."""
    return set().union(*(matches.documents() for matches, _weight in ways))


def _target(num: int, matched: list[list[tuple[_Matches, float]]]) -> tuple[int, tuple[int, ...]]:
    """The page to open (most concepts, then most exact ones, then the first) and the
    pages that hold as many concepts as that one."""
    if len(matched) == 1:  # one concept: every page holds it; the first exact one wins
        ways = matched[0]
        exact_pages = ways[0][0].pages(num)
        every = exact_pages.union(*(matches.pages(num) for matches, _weight in ways[1:]))
        if not every:
            return 1, ()
        return min(exact_pages or every), tuple(sorted(every))
    concepts: Counter[int] = Counter()  # page -> how many concepts it holds
    exact: Counter[int] = Counter()  # page -> how many of them as typed
    for ways in matched:
        exact_pages = ways[0][0].pages(num)
        pages = exact_pages.union(*(matches.pages(num) for matches, _weight in ways[1:]))
        concepts.update(pages)
        exact.update(exact_pages)
    if not concepts:
        return 1, ()
    best = max(concepts.values())
    pages = tuple(sorted(p for p, count in concepts.items() if count == best))
    most_exact = max(exact[p] for p in pages)
    page = next(p for p in pages if exact[p] == most_exact)
    return page, pages


def _phrase_concept(part: QueryPart) -> Concept:
    return Concept(part.text, _quoted(part.text), light=list(part.words))


def _stem_start(word: str) -> str:
    """The part of a word its forms share (``"doorverwij"`` for "doorverwijzen")."""
    base = stem(word)
    common = 0
    for a, b in zip(word, base, strict=False):
        if a != b:
            break
        common += 1
    return word[:common]


def _synonym_words(entry: Synonym) -> list[str]:
    return [w for w in entry.words if not is_stop_word(w)] or list(entry.words)


def _synonym_phrase(word: str) -> str:
    start = _stem_start(word)
    return _quoted(start) + "*" if len(start) >= 4 else _quoted(word)


def _synonym_expression(entry: Synonym) -> str:
    """An entry of a synonym group as FTS5: its words (any form) near each other."""
    words = _synonym_words(entry)
    phrases = " ".join(_synonym_phrase(w) for w in words)
    if len(words) == 1:
        return phrases
    return f"NEAR({phrases}, {len(entry.words) - len(words) + 2})"


def _synonym_light(entry: Synonym) -> list[str]:
    return [start if len(start := _stem_start(w)) >= 4 else w for w in _synonym_words(entry)]
