"""Find in one document: the places a phrase occurs on a page, as shown rectangles.

Two ways in. A person types in the viewer's find bar: that phrase is matched
anywhere inside words, with kit search's word rules (``companion.dutch``:
case and accents ignored, "zzpers" finds "zzp'ers", stop words left out
unless nothing else was typed or the phrase is in quotes), and a phrase of
several words must appear in that order (little words and signs such as "&"
may stand between them: "klik tik" finds "Klik & Tik").
Or the viewer is opened from kit search: then the words are lit exactly the
way search matched them (folded word starts), so what search found is what
lights up.

Runs in an engine worker, one page at a time, on the words that
:func:`companion.pdf.page_reading.read_words` read (already in shown
coordinates, so hits on a turned page land on the word).
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.dutch.query import parse_query
from companion.dutch.stop_words import is_stop_word
from companion.dutch.words import fold, search_form
from companion.pdf.content import FindHit, Rect, Word


def phrase_words(query: str) -> list[str]:
    """The words to find, in order, read as kit search reads a query."""
    return [w for part in parse_query(query).parts for w in part.words]


def find_in_words(index: int, words: Sequence[Word], query: str) -> list[FindHit]:
    """Places in ``words`` (page ``index``) where ``query`` occurs."""
    wanted = phrase_words(query)
    if not wanted:
        return []
    skip_stop_words = not any(is_stop_word(w) for w in wanted)
    # The page's words that can take part, with their place among all words.
    kept = [
        (number, form)
        for number, word in enumerate(words)
        if (form := search_form(word.text)) and not (skip_stop_words and is_stop_word(form))
    ]
    hits = []
    n = len(wanted)
    for start in range(len(kept) - n + 1):
        run = kept[start : start + n]
        if _matches([form for _number, form in run], wanted):
            first, last = run[0][0], run[-1][0]
            rects = merge_lines([w.rect for w in words[first : last + 1]])
            hits.append(FindHit(index, tuple(rects)))
    return hits


def _matches(words: Sequence[str], wanted: Sequence[str]) -> bool:
    if len(wanted) == 1:
        return wanted[0] in words[0]
    first, *middle, last = wanted
    if not words[0].endswith(first):
        return False
    if any(word != want for word, want in zip(words[1:-1], middle, strict=True)):
        return False
    return words[-1].startswith(last)


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
    """The words kit search matched (folded word starts): one hit per word.

    A word is read as search reads it ("zzp'ers" is "zzpers"), so what search
    found is what lights up on the page.
    """
    folded = tuple(fold(t) for t in terms if t)
    if not folded:
        return []
    hits = []
    for word in words:
        form = search_form(word.text)
        if form and form.startswith(folded):
            hits.append(FindHit(index, (word.rect,)))
    return hits
