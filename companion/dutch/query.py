"""What a typed search means: words, phrases in quotes, and which little words count.

``"..."`` is a phrase: its words in that order, the little words included.
Outside quotes the stop words are left out, unless nothing else was typed
("de het een" searches for exactly those). Single letters are left out too
(except digits). Kit search, the command line and find in a document all
read a query through :func:`parse_query`, so they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.dutch.stop_words import is_stop_word
from companion.dutch.words import words

_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]*)(?:[\"“”„«»]|$)")


@dataclass(frozen=True)
class QueryPart:
    """One thing the results must contain: a word, or a phrase (``words`` in order)."""

    words: tuple[str, ...]
    phrase: bool = False

    @property
    def word(self) -> str:
        return self.words[0]

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedQuery:
    parts: tuple[QueryPart, ...]

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def loose_words(self) -> list[str]:
        """The words outside quotes, in order."""
        return [p.word for p in self.parts if not p.phrase]


def _kept(word: str) -> bool:
    return len(word) > 1 or word.isdigit()


def parse_query(text: str) -> ParsedQuery:
    """The parts of a typed query, each word in search form, duplicates once."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _QUOTED.finditer(text):
        pieces.append((text[position : match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    pieces.append((text[position:], False))

    loose = [w for piece, quoted in pieces if not quoted for w in words(piece) if _kept(w)]
    quoted_words = [w for piece, quoted in pieces if quoted for w in words(piece)]
    only_stop_words = not quoted_words and all(is_stop_word(w) for w in loose)
    parts: list[QueryPart] = []
    for piece, quoted in pieces:
        found = [w for w in words(piece) if quoted or _kept(w)]
        if quoted:
            if len(found) > 1:
                parts.append(QueryPart(tuple(found), phrase=True))
            elif found and _kept(found[0]):
                parts.append(QueryPart((found[0],)))
            continue
        parts.extend(QueryPart((w,)) for w in found if only_stop_words or not is_stop_word(w))
    return ParsedQuery(tuple(dict.fromkeys(parts)))


def highlight_words(query: ParsedQuery) -> list[str]:
    """The words to light in a page: every word of the query, stop words only in phrases."""
    return list(dict.fromkeys(w for part in query.parts for w in part.words))
