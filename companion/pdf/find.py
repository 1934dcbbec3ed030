"""Find in one document: every place a phrase occurs, as rectangles per page.

Two ways in. A person types in the viewer's find bar: that phrase is matched
anywhere inside words, with kit search's word rules (``companion.dutch``:
case and accents ignored, "zzpers" finds "zzp'ers", stop words left out
unless nothing else was typed or the phrase is in quotes), and a phrase of
several words must appear in that order (little words and signs such as "&"
may stand between them: "klik tik" finds "Klik & Tik").
Or the viewer is opened from kit search: then the words are lit exactly the
way search matched them (:func:`companion.pdf.render.word_rects`, word starts), so
what search found is what lights up.

Runs in a worker with its own document (see :func:`find_in_pdf`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from companion.dutch.query import parse_query
from companion.dutch.stop_words import is_stop_word
from companion.dutch.words import search_form
from companion.pdf.render import word_rects

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class FindHit:
    """One occurrence: its page (0-based) and the rectangles (PDF points) it covers."""

    index: int
    rects: tuple[Rect, ...]

    @property
    def top(self) -> float:
        return min(r[1] for r in self.rects)


def phrase_words(query: str) -> list[str]:
    """The words to find, in order, read as kit search reads a query."""
    return [w for part in parse_query(query).parts for w in part.words]


def find_on_page(page: pymupdf.Page, query: str) -> list[FindHit]:
    """Places on ``page`` where ``query`` occurs (case and accents ignored)."""
    wanted = phrase_words(query)
    if not wanted:
        return []
    words = page.get_text("words", sort=True)
    skip_stop_words = not any(is_stop_word(w) for w in wanted)
    # The page's words that can take part, with their place among all words.
    kept = [
        (index, form)
        for index, word in enumerate(words)
        if (form := search_form(word[4])) and not (skip_stop_words and is_stop_word(form))
    ]
    hits = []
    n = len(wanted)
    for start in range(len(kept) - n + 1):
        run = kept[start : start + n]
        if _matches([form for _index, form in run], wanted):
            first, last = run[0][0], run[-1][0]
            rects = _merge_lines([tuple(w[:4]) for w in words[first : last + 1]])
            hits.append(FindHit(page.number, tuple(rects)))
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


def _merge_lines(rects: list[Rect]) -> list[Rect]:
    """Join the word boxes of one phrase into one box per line."""
    merged: list[list[float]] = []
    for x0, y0, x1, y1 in rects:
        if merged and abs(merged[-1][1] - y0) < 2 and x0 >= merged[-1][0]:
            box = merged[-1]
            box[2], box[3] = max(box[2], x1), max(box[3], y1)
        else:
            merged.append([x0, y0, x1, y1])
    return [(b[0], b[1], b[2], b[3]) for b in merged]


def terms_on_page(page: pymupdf.Page, terms: Sequence[str]) -> list[FindHit]:
    """The words kit search matched on ``page``: one hit per word."""
    return [FindHit(page.number, (tuple(r),)) for r in word_rects(page, tuple(terms))]


def find_in_pdf(
    pdf_bytes: bytes,
    *,
    query: str = "",
    terms: Sequence[str] = (),
    cancelled: Callable[[], bool] | None = None,
) -> list[FindHit]:
    """All hits in a document, in reading order. Opens its own document (thread-safe)."""
    import pymupdf

    doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    try:
        hits: list[FindHit] = []
        for page in doc:
            if cancelled and cancelled():
                break
            hits.extend(terms_on_page(page, terms) if terms else find_on_page(page, query))
        return hits
    finally:
        doc.close()
