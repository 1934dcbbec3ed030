"""Short pieces of page text around the words someone searched for.

FTS5's snippet() re-reads and re-tokenises every page it shows and cost about
1 ms per result on a large kit: most of a search's time. Here one regex per
query finds the word starts in the original text, accents optional, case
ignored and an apostrophe or hyphen inside a word allowed ("zzpers" lights
"zzp'ers", as ``companion.dutch.words`` reads it), at C speed; the piece shown
is cut at word boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MARK_START = "\ue000"
MARK_END = "\ue001"


def _variants_by_letter() -> dict[str, str]:
    """For each plain letter, itself plus every accented letter that folds to it."""
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x2B0):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).lower()
        if len(base) == 1 and base.isalpha() and base != char.lower():
            variants.setdefault(base, {base}).add(char.lower())
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


_VARIANTS = _variants_by_letter()


# Between two letters of a word: an apostrophe or hyphen may stand (see words.py).
_JOIN = "(?:['’‘`´\u00ad\u2010\u2011\\-]\n?)?"


def _term_pattern(term: str) -> str:
    parts = []
    for char in term:
        chars = _VARIANTS.get(char)
        parts.append(f"[{chars}]" if chars else re.escape(char))
    return _JOIN.join(parts)


@lru_cache(maxsize=64)
def word_start_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Matches whole words that start with a term; ``terms`` are folded (no accents)."""
    alternatives = "|".join(_term_pattern(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def make_snippet(text: str, terms: tuple[str, ...], width: int = 110) -> str | None:
    """About ``width`` characters around the first hit, hits wrapped in the marks.

    Returns None when no term starts a word in ``text``.
    """
    if not terms:
        return None
    pattern = word_start_pattern(tuple(terms))
    first = pattern.search(text)
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
    piece = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, text[begin:end])
    snippet = " ".join(piece.split())
    return ("…" if begin else "") + snippet + ("…" if end < len(text) else "")
