"""What the viewer's GUI thread knows about the open document.

Page sizes, the outline, links and the words on a page (for selecting and
copying text). The GUI thread keeps its own ``pymupdf.Document`` for this;
render and find workers open their own, since PyMuPDF objects must not be
shared between threads. Reading one page's words or links takes a few
milliseconds, so it is done on demand and remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from dataclasses import dataclass

from companion.pdf.forms import FormField, read_fields
from companion.pdf.text import open_pdf

Rect = tuple[float, float, float, float]

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    index: int  # 0-based page; -1 when the entry points nowhere


@dataclass(frozen=True)
class Link:
    """A link area on a page: to another page (``target`` >= 0) or to ``uri``."""

    rect: Rect
    target: int = -1
    target_y: float = 0.0
    uri: str = ""

    @property
    def internal(self) -> bool:
        return self.target >= 0


@dataclass(frozen=True)
class Word:
    rect: Rect
    text: str
    block: int
    line: int


class PdfPages:
    """The GUI thread's own open document; raises BrokenPdfError for bad input."""

    def __init__(self, pdf_bytes: bytes, name: str) -> None:
        self.doc = open_pdf(pdf_bytes, name)
        self.page_count = self.doc.page_count
        self.sizes: list[tuple[float, float]] = []
        for page in self.doc:
            rect = page.rect
            self.sizes.append((rect.width, rect.height))
        self._links: dict[int, list[Link]] = {}
        self._words: dict[int, list[Word]] = {}

    def close(self) -> None:
        self.doc.close()

    def outline(self) -> list[OutlineEntry]:
        try:
            toc = self.doc.get_toc(simple=True)
        except Exception:  # a damaged outline should not stop reading
            return []
        return [OutlineEntry(int(level), str(title), int(page) - 1) for level, title, page in toc]

    def fields(self) -> list[FormField]:
        return read_fields(self.doc)

    def links(self, index: int) -> list[Link]:
        if index not in self._links:
            self._links[index] = self._read_links(index)
        return self._links[index]

    def _read_links(self, index: int) -> list[Link]:
        import pymupdf

        found = []
        try:
            raw = self.doc[index].get_links()
        except Exception:
            return []
        for link in raw:
            rect = tuple(link["from"])
            target = link.get("page", -1)
            if not isinstance(target, int):
                target = -1
            uri = link.get("uri") or ""
            internal = link.get("kind") in (pymupdf.LINK_GOTO, pymupdf.LINK_NAMED)
            if internal and 0 <= target < self.page_count:
                to = link.get("to")
                found.append(Link(rect, target=target, target_y=float(to.y) if to else 0.0))
            elif uri.lower().startswith(_SAFE_SCHEMES):
                found.append(Link(rect, uri=uri))
        return found

    def link_at(self, index: int, x: float, y: float) -> Link | None:
        for link in self.links(index):
            x0, y0, x1, y1 = link.rect
            if x0 <= x <= x1 and y0 <= y <= y1:
                return link
        return None

    def words(self, index: int) -> list[Word]:
        if index not in self._words:
            try:
                raw = self.doc[index].get_text("words", sort=True)
            except Exception:
                raw = []
            self._words[index] = [Word(tuple(w[:4]), w[4], w[5], w[6]) for w in raw]
        return self._words[index]

    def words_in(self, index: int, rect: Rect) -> list[Word]:
        """The words that a selection rectangle touches, in reading order."""
        x0, y0, x1, y1 = rect
        return [
            w
            for w in self.words(index)
            if w.rect[0] < x1 and w.rect[2] > x0 and w.rect[1] < y1 and w.rect[3] > y0
        ]

    def word_at(self, index: int, x: float, y: float) -> Word | None:
        for word in self.words(index):
            if word.rect[0] <= x <= word.rect[2] and word.rect[1] <= y <= word.rect[3]:
                return word
        return None


def words_text(words: list[Word]) -> str:
    """Words joined as text: spaces within a line, new lines between lines."""
    lines: list[str] = []
    previous: tuple[int, int] | None = None
    for word in words:
        place = (word.block, word.line)
        if previous is not None and place == previous:
            lines[-1] += " " + word.text
        else:
            lines.append(word.text)
        previous = place
    return "\n".join(lines)
