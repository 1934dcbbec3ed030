"""What a document's page texts become in the search index: each page's words, running lines out.

Kept apart from the index's rows and SQL (``search_index.py``): the
extraction workers run :func:`page_index` during an import (the pool sends
it to them by name, ``companion/pdf/extract_pool.py``), and a worker that
loads this module loads the Dutch word rules, not the kit store and SQLite.

Every value is the text's words in search form, one space apart
(``companion.dutch.words``: folded, "zzp'ers" as "zzpers"), so the index, the
query and the highlighting agree on what a word is. Lines that come back on
most pages of a document (a running header or footer below the margin the
text extraction cuts, "Hoofdstuk 2 · pagina 7") are left out of the page
rows: on every page, they would make every page a hit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from companion.dutch.words import words

# A line is running (left out) when it stands on at least this share of a
# document's pages, and on at least RUNNING_MIN_PAGES of them.
RUNNING_SHARE = 0.6
RUNNING_MIN_PAGES = 3
_DIGITS = re.compile(r"\d+")


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
    total = len(pages)
    needed = max(RUNNING_MIN_PAGES, RUNNING_SHARE * total)
    counts: Counter[bytes] = Counter()
    for seen, text in enumerate(pages, start=1):
        if any(mark in text for mark in _OTHER_BREAKS):
            return True
        rough = text.casefold().encode("utf-8", "surrogatepass").translate(None, _ROUGH_DROP)
        counts.update(set(rough.splitlines()))
        left = total - seen
        if left < needed:
            # A line not seen yet can no longer come back on enough pages; when
            # none of those seen can either, the answer is known without reading
            # the pages left (a document without running lines is decided after
            # some 40% of its pages; the exact rule is unchanged).
            most = max(counts.values(), default=0)
            if most >= needed:
                return True
            if most + left < needed:
                return False
    return False


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
