"""The index's own words: word forms, compounds and corrections for typos.

Everything here is looked up in the words the kit really has
(``search_terms`` and the index's vocabulary ``search_vocab``, see
kit_store.py), so search never invents a form the kit does not use:

- **forms**: words with the same stem and start ("gemeentes" -> "gemeente",
  "gemeenten"; see ``companion.dutch.stems``);
- **compounds**: words that end in the typed word ("reis" -> "klantreis",
  when "klant" is a word of the kit too), the compound of two typed words
  ("klant reis" -> "klantreis"), and the parts of a typed compound
  ("gemeentehuis" -> "gemeente" near "huis");
- **typos**: for a word without hits, the kit's words within one or two
  edits (rapidfuzz, optimal string alignment: a swap of two letters is one
  edit), the most used first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from companion.dutch.stems import same_family, stem

# Compound parts shorter than this are not split off ("be", "ge", "s").
MIN_PART = 3
# The letters Dutch puts between the parts of a compound ("vrijwilligerswerk").
LINKS = ("", "s", "e", "en")
MAX_COMPOUNDS = 40
MAX_FORMS = 30


def _edits_allowed(word: str) -> int:
    """One typo in a short word, two in a longer one; none in a word of three letters."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 6 else 2


@dataclass(frozen=True)
class Correction:
    typed: str
    word: str


class Vocabulary:
    """Look-ups in the kit's words on one connection (one per thread, like the store)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._all: list[str] | None = None
        self._stems: list[str] | None = None

    def prepare(self) -> None:
        """Read the word list for typos and import rapidfuzz now, not in the first search
        with a typo (see ``KitSearch.prepare``)."""
        from rapidfuzz import process  # noqa: F401
        from rapidfuzz.distance import OSA  # noqa: F401

        self._words()

    def _words(self) -> tuple[list[str], list[str]]:
        """Every word of the kit, and every stem: read once per connection and kit version
        (a new Vocabulary is made when the kit changes)."""
        if self._all is None or self._stems is None:
            rows = self.conn.execute("SELECT term, stem FROM search_terms").fetchall()
            self._all = [term for term, _stem in rows]
            self._stems = sorted({stem for _term, stem in rows})
        return self._all, self._stems

    def starts(self, word: str, *, longer: bool = False) -> bool:
        """Whether some word of the kit starts with ``word`` (``longer``: and is not it)."""
        row = self.conn.execute(
            f"SELECT 1 FROM search_terms WHERE term {'>' if longer else '>='} ? AND term < ? "
            "LIMIT 1",
            (word, word + "\U0010ffff"),
        ).fetchone()
        return row is not None

    def known(self, candidates: list[str]) -> set[str]:
        """Which of ``candidates`` are words of the kit."""
        if not candidates:
            return set()
        return {
            row[0]
            for row in self.conn.execute(
                f"SELECT term FROM search_terms WHERE term IN ({','.join('?' * len(candidates))})",
                candidates,
            )
        }

    def forms(self, word: str) -> list[str]:
        """Other forms of ``word`` in the kit (same stem, same start), without ``word``."""
        rows = self.conn.execute(
            "SELECT term FROM search_terms WHERE stem = ? LIMIT 200", (stem(word),)
        )
        found = [t for (t,) in rows if t != word and same_family(word, t)]
        return sorted(found, key=len)[:MAX_FORMS]

    def compounds_ending_in(self, word: str) -> list[str]:
        """Kit words that end in ``word`` after another kit word ("taalhuis" for "huis")."""
        if len(word) < 4:
            return []
        back = word[::-1]
        rows = self.conn.execute(
            "SELECT term FROM search_terms WHERE reversed > ? AND reversed < ? LIMIT 2000",
            (back, back + "\U0010ffff"),
        )
        heads: dict[str, list[str]] = {}
        for (term,) in rows:
            head = term[: -len(word)]
            if len(head) < MIN_PART:
                continue
            for link in LINKS:
                if link and head.endswith(link) and len(head) - len(link) >= MIN_PART:
                    heads.setdefault(head[: -len(link)], []).append(term)
            heads.setdefault(head, []).append(term)
        known = self.known(list(heads))
        found = dict.fromkeys(t for head in heads if head in known for t in heads[head])
        return list(found)[:MAX_COMPOUNDS]

    def joined(self, first: str, second: str) -> list[str]:
        """The kit's compounds of two typed words ("klant", "reis" -> "klantreis")."""
        return sorted(self.known([first + link + second for link in LINKS]))

    def split(self, word: str) -> tuple[str, str] | None:
        """A typed compound as two kit words ("gemeentehuis" -> "gemeente", "huis").

        The longest first part wins: "vrijwilligerswerk" is "vrijwilligers" +
        "werk" before "vrij" + "willigerswerk".
        """
        if len(word) < 2 * MIN_PART:
            return None
        options = []
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            options.append((head, tail))
            for link in LINKS[1:]:
                if head.endswith(link) and len(head) - len(link) >= MIN_PART:
                    options.append((head[: -len(link)], tail))
        known = self.known(list({p for pair in options for p in pair}))
        for head, tail in options:
            if head in known and tail in known:
                return head, tail
        return None

    def hits(self, term: str) -> int:
        """On how many index rows ``term`` stands (0 when the kit no longer has it)."""
        row = self.conn.execute("SELECT doc FROM search_vocab WHERE term = ?", (term,)).fetchone()
        return int(row[0]) if row else 0

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        """Kit words one or two edits from ``word``, the closest and most used first.

        A typo in another form of a word ("voorstelingen" for the kit's
        "voorstelling") is found through the stems: one edit from a stem of
        the kit gives that stem's words, ranked after the direct matches.
        """
        allowed = _edits_allowed(word)
        if not allowed:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        every, stems = self._words()
        candidates: dict[str, int] = {}
        for term, distance, _index in process.extract(
            word, every, scorer=OSA.distance, score_cutoff=allowed, limit=20
        ):
            candidates[term] = distance
        typed_stem = stem(word)
        if len(typed_stem) >= 5:
            near = process.extract(typed_stem, stems, scorer=OSA.distance, score_cutoff=1, limit=5)
            for near_stem, distance, _index in near:
                for (term,) in self.conn.execute(
                    "SELECT term FROM search_terms WHERE stem = ? LIMIT 50", (near_stem,)
                ):
                    if term[:1] == word[:1]:
                        candidates.setdefault(term, allowed + 1 + distance)
        ranked = []
        for term, distance in candidates.items():
            if term == word:
                continue
            count = self.hits(term)
            if count:
                closeness = OSA.distance(word, term)
                ranked.append((distance, closeness, -count, term))
        return [term for *_order, term in sorted(ranked)[:limit]]
