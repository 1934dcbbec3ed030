"""Word families: "gemeente", "gemeentes" and "gemeenten" are one word to a reader.

Snowball's Dutch stemmer (through PyStemmer, a maintained C extension) cuts a
word to its stem. It is written for recall and sometimes joins words that
only look alike: it also takes the "ge-" off, so "gemeente" and "menen" share
the stem "meen". :func:`same_family` therefore asks for the same stem *and*
the same start, which keeps real families ("laaggeletterd",
"laaggeletterden", "laaggeletterdheid") and drops look-alikes.
"""

from __future__ import annotations

import threading

# Words share a family only when they also start alike for this many letters
# (or the whole of the shorter word, when it is shorter).
SAME_START = 4

_local = threading.local()


def _stemmer():
    # A PyStemmer object is not safe to share between threads: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("dutch")
    return stemmer


def stem(word: str) -> str:
    """The stem of a word in search form (folded, see ``companion.dutch.words``)."""
    return _stemmer().stemWord(word)


def stems(words: list[str]) -> list[str]:
    return _stemmer().stemWords(words)


def same_family(word: str, other: str) -> bool:
    """True when ``other`` is a form of ``word``: same stem and the same start."""
    start = min(SAME_START, len(word), len(other))
    return word[:start] == other[:start] and stem(word) == stem(other)
