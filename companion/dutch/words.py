"""Comparing Dutch words the way people type them: without accents, in any case.

One place for the rules, so kit search, find in a document and the library
filter agree on what "the same word" means:

- accents and case do not count ("reintegratie" is "reïntegratie");
- an apostrophe or hyphen inside a word joins it ("zzp'ers", "zzp-ers" and
  "zzpers" are one word, and so are "NT1'ers" and "re-integratie"), also a
  hyphen at the end of a line ("samen-" + "werking");
- ``&`` and other signs between words are not words ("Klik & Tik" is two).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters and digits (never "_", which SQLite's tokenizer splits on too), joined
# across an apostrophe, a hyphen or a soft hyphen that stands between two of them
# (or ends a line: "samen-" + newline + "werking"; "taal- en reken" stays apart).
_JOINER = "'’‘`´\u00ad\u2010\u2011\\-"
WORD = re.compile(rf"[^\W_]+(?:[{_JOINER}]\n?[^\W_]+)*")
_JOINERS = re.compile(rf"[{_JOINER}\n]")


def fold(text: str) -> str:
    """Lower case without accents: the form both the index and the viewer compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def joined(word: str) -> str:
    """One word as search keeps it: folded, apostrophes and hyphens taken out."""
    return _JOINERS.sub("", fold(word))


# A kit of 10,000 pages has some three million words but only tens of thousands
# of different ones: folding each once (not per occurrence) made indexing it
# several times faster. Bounded, so a long session never grows it without end.
_joined_once = lru_cache(maxsize=1 << 16)(joined)


def words(text: str) -> list[str]:
    """The words of ``text`` as search keeps them, in order (see :func:`joined`)."""
    return list(map(_joined_once, WORD.findall(text)))


def search_form(word: str) -> str:
    """A word cut out of a page (with its punctuation) in the form search compares."""
    found = WORD.search(word)
    return joined(found.group(0)) if found else ""
