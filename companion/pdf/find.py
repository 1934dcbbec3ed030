"""Find in one document: the places a phrase occurs on a page, as shown rectangles.

Two ways in. A person types in the viewer's find bar: that phrase is matched
anywhere inside words, ignoring case and accents ("reintegratie" finds
"reïntegratie"), and a phrase of several words must appear in that order.
Or the viewer is opened from kit search: then the words are lit exactly the
way search matched them (folded word starts), so what search found is what
lights up.

Runs in an engine worker, one page at a time, on the words that
:func:`companion.pdf.page_reading.read_words` read (already in shown
coordinates, so hits on a turned page land on the word).
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.dutch.words import fold
from companion.pdf.content import FindHit, Rect, Word

PUNCTUATION = ".,;:!?()[]{}\"'‘’“”«»…-–—/"


def phrase_words(query: str) -> list[str]:
    return [w for w in (fold(part).strip(PUNCTUATION) for part in query.split()) if w]


def find_in_words(index: int, words: Sequence[Word], query: str) -> list[FindHit]:
    """Places in ``words`` (page ``index``) where ``query`` occurs."""
    wanted = phrase_words(query)
    if not wanted:
        return []
    folded = [fold(w.text) for w in words]
    hits = []
    n = len(wanted)
    for start in range(len(words) - n + 1):
        if _matches(folded[start : start + n], wanted):
            rects = merge_lines([w.rect for w in words[start : start + n]])
            hits.append(FindHit(index, tuple(rects)))
    return hits


def _matches(words: Sequence[str], wanted: Sequence[str]) -> bool:
    if len(wanted) == 1:
        return wanted[0] in words[0]
    first, *middle, last = wanted
    if not words[0].strip(PUNCTUATION).endswith(first):
        return False
    for word, want in zip(words[1:-1], middle, strict=True):
        if word.strip(PUNCTUATION) != want:
            return False
    return words[-1].strip(PUNCTUATION).startswith(last)


def merge_lines(rects: list[Rect]) -> list[Rect]:
    """Join the word boxes of one phrase into one box per line (horizontal or turned)."""
    merged: list[list[float]] = []
    for x0, y0, x1, y1 in rects:
        if merged:
            box = merged[-1]
            same_row = abs(box[1] - y0) < 2 and abs(box[3] - y1) < 2
            same_column = abs(box[0] - x0) < 2 and abs(box[2] - x1) < 2
            if same_row or same_column:
                box[0], box[1] = min(box[0], x0), min(box[1], y0)
                box[2], box[3] = max(box[2], x1), max(box[3], y1)
                continue
        merged.append([x0, y0, x1, y1])
    return [(b[0], b[1], b[2], b[3]) for b in merged]


def terms_in_words(index: int, words: Sequence[Word], terms: Sequence[str]) -> list[FindHit]:
    """The words kit search matched (folded word starts): one hit per word."""
    folded = tuple(fold(t) for t in terms if t)
    if not folded:
        return []
    return [
        FindHit(index, (word.rect,))
        for word in words
        if fold(word.text).strip(PUNCTUATION).startswith(folded)
    ]
