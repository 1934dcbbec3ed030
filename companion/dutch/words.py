"""Comparing Dutch words the way people type them: without accents, in any case.

One place for the rule, so kit search, find in a document and the library
filter agree on what "the same word" means ("reintegratie" is "reïntegratie").
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: the form both the index and the viewer compare."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
