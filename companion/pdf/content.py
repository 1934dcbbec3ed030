"""What the engine tells the window about a document, as plain data (no MuPDF).

Engine workers read words, links, the outline, form fields and find hits with
PyMuPDF and send them to the window as these small frozen records. Every
rectangle is in *shown* page coordinates: PDF points from the top-left corner
of the page as it appears on screen, after its /Rotate. So the window never
needs to know how a page is turned: a rectangle on a page with /Rotate 90 is
drawn exactly where the word shows up.
"""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[float, float, float, float]

TEXT = "text"
MULTILINE = "multiline"
CHECKBOX = "checkbox"
CHECKED = "1"
UNCHECKED = "0"


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


@dataclass(frozen=True)
class FindHit:
    """One occurrence: its page (0-based) and the rectangles it covers."""

    index: int
    rects: tuple[Rect, ...]

    @property
    def top(self) -> float:
        return min(r[1] for r in self.rects)


@dataclass(frozen=True)
class FormField:
    """One fillable field on one page (a field on two pages appears twice)."""

    name: str
    kind: str  # TEXT, MULTILINE or CHECKBOX
    index: int  # 0-based page
    rect: Rect
    label: str
    font_size: float
    default: str


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


def words_in(words: list[Word], rect: Rect) -> list[Word]:
    """The words that a selection rectangle touches, in reading order."""
    x0, y0, x1, y1 = rect
    return [
        w for w in words if w.rect[0] < x1 and w.rect[2] > x0 and w.rect[1] < y1 and w.rect[3] > y0
    ]


def word_at(words: list[Word], x: float, y: float) -> Word | None:
    for word in words:
        if word.rect[0] <= x <= word.rect[2] and word.rect[1] <= y <= word.rect[3]:
            return word
    return None


def link_at(links: list[Link], x: float, y: float) -> Link | None:
    for link in links:
        x0, y0, x1, y1 = link.rect
        if x0 <= x <= x1 and y0 <= y <= y1:
            return link
    return None
