"""Short pieces of page text around the words someone searched for.

FTS5's snippet() re-reads and re-tokenises every page it shows and cost about
1 ms per result on a large kit: most of a search's time. Here one regex per
query finds the word starts, accents optional, case ignored and an apostrophe
or hyphen inside a word allowed ("zzpers" lights "zzp'ers", as
``companion.dutch.words`` reads it); the piece shown is cut at word boundaries.

The regex runs over a *folded copy* of the text (lower case, accents off, one
character for one, so every position is the same as in the text) with plain
letters: a regex with a class per letter, case ignored and a look-behind at
its start was checked at every position of the page and cost a third of a
search; plain letters let the regex engine skip to the places where a term's
first letter stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

MARK_START = "\ue000"
MARK_END = "\ue001"


def _accent_table() -> dict[int, str]:
    """Lower-case letters with an accent -> the plain letter (one character for one)."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x2B0):
        char = chr(code).lower()
        if len(char) != 1:
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        if len(base) == 1 and base.isalpha() and base != char:
            table[ord(char)] = base
    return table


# The apostrophes and hyphens that may stand inside a word (see words.py), all
# made one sign in the folded copy, so a term's regex has plain letters and that
# one sign only: compiling a character class between every two letters cost
# more than a whole warm search.
_JOINERS = "'’‘`´\u00ad\u2010\u2011-"
JOIN_SIGN = "'"
_PLAIN = {**_accent_table(), **{ord(c): JOIN_SIGN for c in _JOINERS if c != JOIN_SIGN}}
# str.translate looks every character up in a dict (slower than the search it
# serves); a regex finds the few letters to change at C speed.
_TO_CHANGE = re.compile("[" + re.escape("".join(chr(code) for code in sorted(_PLAIN))) + "]")


def _plain(found: re.Match[str]) -> str:
    return _PLAIN[ord(found.group(0))]


def folded_copy(text: str) -> str:
    """``text`` in lower case without accents and with one sign for every apostrophe
    and hyphen, every character where it was."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is two ("İ": "i" + dot)
        lowered = "".join(c.lower()[0] for c in text)
    return _TO_CHANGE.sub(_plain, lowered)


# Between two letters of a word: an apostrophe or hyphen may stand (see words.py).
_JOIN = f"(?:{JOIN_SIGN}\n?)?"
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=64)
def word_start_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Matches a term and the rest of its word in a folded copy (see :func:`word_starts`:
    only the matches at the start of a word count); ``terms`` are folded (no accents)."""
    alternatives = "|".join(
        _JOIN.join(re.escape(c) for c in folded_copy(t))
        for t in sorted(terms, key=len, reverse=True)
    )
    return re.compile(rf"(?:{alternatives})\w*")


def word_starts(folded: str, pattern: re.Pattern[str], pos: int = 0) -> Iterator[re.Match[str]]:
    """The words in ``folded`` that start with a term, in order.

    A match that begins inside a word is skipped and the search goes on from
    the next character (a term may start after an apostrophe in that word).
    """
    while (found := pattern.search(folded, pos)) is not None:
        start = found.start()
        if start == 0 or not _WORD_CHAR.match(folded, start - 1):
            yield found
            pos = found.end() if found.end() > start else start + 1
        else:
            pos = start + 1


def make_snippet(text: str, terms: tuple[str, ...], width: int = 110) -> str | None:
    """About ``width`` characters around the first hit, hits wrapped in the marks.

    Returns None when no term starts a word in ``text``.
    """
    if not terms:
        return None
    pattern = word_start_pattern(tuple(terms))
    folded = folded_copy(text)
    first = next(word_starts(folded, pattern), None)
    if first is None:
        return None
    begin = max(0, first.start() - width // 4)
    if begin:
        space = text.find(" ", begin, first.start())
        begin = space + 1 if space != -1 else begin
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    piece, folded_piece = text[begin:end], folded[begin:end]
    marked: list[str] = []
    at = 0
    for hit in word_starts(folded_piece, pattern):
        marked += (piece[at : hit.start()], MARK_START, piece[hit.start() : hit.end()], MARK_END)
        at = hit.end()
    marked.append(piece[at:])
    snippet = " ".join("".join(marked).split())
    return ("…" if begin else "") + snippet + ("…" if end < len(text) else "")
