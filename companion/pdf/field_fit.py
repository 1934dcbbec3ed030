"""Making typed text fit its form field: a smaller font, down to a floor, or a warning.

A PDF viewer (and MuPDF, which writes the field's appearance for printing)
simply cuts text that does not fit the field's box. A long answer must
never disappear that way: :func:`fit_size` finds the largest font size, from
the field's own size down to :data:`MIN_FONT_SIZE`, at which all of it fits;
when even the floor is too big the field is reported as cut, so the window
can show it and ask before it saves or prints.

Runs in an engine worker (PyMuPDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

MIN_FONT_SIZE = 7.0  # points: smaller is not readable on paper
DEFAULT_FONT_SIZE = 11.0  # a field that says "auto size" (0) starts here
SIZE_STEP = 0.5
PADDING = 2.0  # points MuPDF keeps free inside a field's box (border and margin)
LINE_HEIGHT = 1.2  # lines of a multi-line field, in font sizes (MuPDF: about 1.16)

# The PDF's base-14 font names MuPDF writes appearances with, to what PyMuPDF measures.
_FONTS = {"helv": "helv", "tiro": "tiro", "cour": "cour", "zadb": "zadb", "symb": "symb"}


@dataclass(frozen=True)
class FieldFit:
    """How a typed value fits its field: the font ``size`` used, and whether it all ``fits``."""

    name: str
    size: float
    fits: bool


def _font(widget: pymupdf.Widget) -> str:
    name = (widget.text_font or "helv").lower()
    return _FONTS.get(name[:4], "helv")


def _fits_line(text: str, width: float, height: float, font: str, size: float) -> bool:
    import pymupdf

    return (
        size <= height
        and pymupdf.get_text_length(text.replace("\n", " "), fontname=font, fontsize=size) <= width
    )


def _line_count(text: str, width: float, font: str, size: float) -> int:
    """Lines the text takes when wrapped at spaces (a word wider than a line is split)."""
    import pymupdf

    def length(words: str) -> float:
        return pymupdf.get_text_length(words, fontname=font, fontsize=size)

    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        current = ""
        for word in paragraph.split(" "):
            trial = f"{current} {word}" if current else word
            if length(trial) <= width:
                current = trial
                continue
            if current:
                lines += 1
            # A word longer than the line breaks over as many lines as it needs.
            while length(word) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and length(word[:cut]) > width:
                    cut -= 1
                word = word[cut:]
                lines += 1
            current = word
    return lines


def _fits_box(text: str, width: float, height: float, font: str, size: float) -> bool:
    return _line_count(text, width, font, size) * size * LINE_HEIGHT <= height


def fit_size(widget: pymupdf.Widget, text: str, multiline: bool) -> FieldFit:
    """The largest size from the field's own down to :data:`MIN_FONT_SIZE` that holds ``text``."""
    rect = widget.rect
    width, height = rect.width - 2 * PADDING, rect.height - 2 * PADDING
    font = _font(widget)
    start = float(widget.text_fontsize or 0)
    if start <= 0:
        start = DEFAULT_FONT_SIZE if multiline else max(MIN_FONT_SIZE, min(12.0, height * 0.8))
    fits = _fits_box if multiline else _fits_line
    size = start
    while True:
        if not text.strip() or fits(text, width, height, font, size):
            return FieldFit(widget.field_name, size, True)
        if size <= MIN_FONT_SIZE:
            return FieldFit(widget.field_name, MIN_FONT_SIZE, False)
        size = max(MIN_FONT_SIZE, size - SIZE_STEP)
