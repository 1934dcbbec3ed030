"""A page's size and turn, as the viewer lays it out: known before any page is opened.

Written per page at import (the kit store) or read once by an engine worker
for a PDF from disk, so opening a 500-page document costs the window no pass
over its pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import NamedTuple


class PageBox(NamedTuple):
    """``width`` x ``height`` in PDF points as shown (after /Rotate); ``rotation`` in degrees.

    The numbers are what PyMuPDF's ``page.rect`` and ``page.rotation`` give:
    for a portrait A4 page with /Rotate 90 that is 842 x 595 and 90.

    A named tuple, not a frozen dataclass: opening a document makes one per
    page from the kit store, and 500 frozen dataclasses cost the first
    double-click about 0.4 ms against 0.1 ms (``from_rows``).
    """

    width: float
    height: float
    rotation: int = 0

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[float, float, int]]) -> list[PageBox]:
        """Boxes from (width, height, rotation) rows, made in one C loop."""
        return list(map(tuple.__new__, repeat(cls), rows))
