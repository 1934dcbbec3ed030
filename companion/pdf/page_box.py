"""A page's size and turn, as the viewer lays it out: known before any page is opened.

Written per page at import (the kit store) or read once by an engine worker
for a PDF from disk, so opening a 500-page document costs the window no pass
over its pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageBox:
    """``width`` x ``height`` in PDF points as shown (after /Rotate); ``rotation`` in degrees.

    The numbers are what PyMuPDF's ``page.rect`` and ``page.rotation`` give:
    for a portrait A4 page with /Rotate 90 that is 842 x 595 and 90.
    """

    width: float
    height: float
    rotation: int = 0
