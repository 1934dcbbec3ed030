"""Pages as pixels for a printer: the MuPDF half of printing a document.

The viewer's printing code (Qt, ``companion/ui/viewer/printing.py``) asks for
one page at a time at the printer's resolution and paints it on the QPrinter;
everything that touches MuPDF stays here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RasterPage:
    """One page as RGB pixels (no alpha), ``stride`` bytes per row."""

    width: int
    height: int
    stride: int
    samples: bytes


class PrintRaster:
    """An open PDF for printing; close it (or use ``with``) when done."""

    def __init__(self, pdf_bytes: bytes) -> None:
        import pymupdf

        self._doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")

    @property
    def page_count(self) -> int:
        return self._doc.page_count

    def landscape(self, index: int) -> bool:
        """Wider than high (0-based page index): the printer turns the paper."""
        rect = self._doc[index].rect
        return rect.width > rect.height

    def render(self, index: int, dpi: int) -> RasterPage:
        pix = self._doc[index].get_pixmap(dpi=dpi, alpha=False)
        return RasterPage(pix.width, pix.height, pix.stride, pix.samples)

    def close(self) -> None:
        self._doc.close()

    def __enter__(self) -> PrintRaster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
