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
    plain = _folded_page(text)
    if plain is None:
        return list(map(_joined_once, WORD.findall(text)))
    # The whole page at once, in C: the folded page's words joined across their
    # joiners, then split on everything else. The same words as above (tested
    # on every page of the benchmark kit and on generated text): on such a page
    # each non-ASCII character is a letter that folds to ASCII letters on its
    # own, so folding first does not move where a word starts or ends.
    found = _ASCII_JOINS.sub(b"", plain.translate(_ASCII_WORDS))
    return found.translate(_SPLIT_JOINERS).decode("ascii").split()


# The whole-page path of words() on a page folded to ASCII: letters lower case,
# digits kept, the joiners and the line break kept (they join a word, or split
# it), every other character a space.
_ASCII_WORDS = bytes(
    ord(chr(code).lower()) if chr(code).isalnum() or chr(code) in "'`-\n" else 32
    for code in range(256)
)
# A joiner between two word characters (a line break may follow it) goes.
_ASCII_JOINS = re.compile(b"['`-](?<=[a-z0-9]['`-])\n?(?=[a-z0-9])")
_SPLIT_JOINERS = bytes.maketrans(b"'`-\n", b"    ")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# Non-ASCII characters seen so far: their folded form, or None when a page
# holding one must take the word-by-word path (see _folded_page).
_FOLDED_LETTERS: dict[str, str | None] = {}
# The first of those that fold to ASCII letters, tried on every page first.
_KNOWN_LETTERS: dict[str, str] = {}


def _folded_letter(char: str) -> str | None:
    """``char``'s folded form when it is a letter that folds to ASCII letters alone ("ë": "e")."""
    folded = fold(char)
    if char.isalpha() and folded.isascii() and folded.isalpha():
        return folded
    return None


def _folded_page(text: str) -> bytes | None:
    """``text`` as ASCII bytes with its letters folded, or None when words() must go word by word.

    Only when every non-ASCII character of the page is a letter that folds
    to ASCII letters on its own (Dutch text: "ë", "é", "ï", "ö"). Anything
    else (a combining accent, a ligature, a superscript, a curly apostrophe,
    a soft hyphen) takes the word-by-word path, which folds each word whole.
    """
    if text.isascii():
        return text.encode("ascii")
    # The letters of pages before first: no scan for them. A copy, made in C,
    # as another thread may add one meanwhile.
    for char, folded in tuple(_KNOWN_LETTERS.items()):
        if char in text:
            text = text.replace(char, folded)
    if not text.isascii():
        extra = set(_NON_ASCII.findall(text))
        if len(extra) > 32:
            return None  # not a Dutch page: the word-by-word path is as quick
        for char in extra:
            folded = _FOLDED_LETTERS.get(char, "")
            if folded == "":
                folded = _FOLDED_LETTERS.setdefault(char, _folded_letter(char))
                if folded is not None and len(_KNOWN_LETTERS) < 64:
                    _KNOWN_LETTERS[char] = folded
            if folded is None:
                return None
            text = text.replace(char, folded)
    return text.encode("ascii")


def search_form(word: str) -> str:
    """A word cut out of a page (with its punctuation) in the form search compares."""
    found = WORD.search(word)
    return joined(found.group(0)) if found else ""
