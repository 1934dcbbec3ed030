"""The words and links of the pages on screen, read by the engine when needed.

Hovering a link needs the page's links: cheap, so they are asked for as soon
as a page comes on screen (after its pixels). Selecting text and
double-clicking a word need its words: reading them costs a worker more than
drawing the page, so they are asked for when the mouse is pressed, and
``ready`` says when they arrived: a selection started before is finished
then. Both are kept for the pages near the ones on screen.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from companion.pdf.content import Link, Word
from companion.pdf.engine.pool import Ticket
from companion.pdf.engine.protocol import DocumentRef, ReadLinks, ReadWords
from companion.ui.viewer.engine_client import EngineClient

CONTENT_PRIORITY = 3.0  # after the tiles on screen, before the prefetched ones
KEEP_PAGES = 16


class PageContent(QObject):
    """Words and links per page of the open document."""

    ready = Signal(int)  # page index

    def __init__(self, engine: EngineClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.doc: DocumentRef | None = None
        self.page_count = 0
        self._words: OrderedDict[int, list[Word]] = OrderedDict()
        self._links: OrderedDict[int, list[Link]] = OrderedDict()
        self._asked: dict[tuple[str, int], Ticket] = {}
        self._generation = 0

    def open(self, doc: DocumentRef, page_count: int) -> None:
        self.close()
        self.doc, self.page_count = doc, page_count

    def close(self) -> None:
        self._generation += 1
        for ticket in self._asked.values():
            self.engine.cancel(ticket)
        self._asked.clear()
        self._words.clear()
        self._links.clear()
        self.doc, self.page_count = None, 0

    def words(self, index: int, priority: float = 0.0) -> list[Word] | None:
        """The page's words, or None while they are being read (asked now if need be)."""
        found = self._words.get(index)
        if found is None:
            self._ask("words", index, priority)
        else:
            self._words.move_to_end(index)
        return found

    def links(self, index: int, priority: float = 0.0) -> list[Link] | None:
        found = self._links.get(index)
        if found is None:
            self._ask("links", index, priority)
        return found

    def want(self, pages: Iterable[int]) -> None:
        """Links of the pages on screen, behind their pixels (words wait for the mouse)."""
        for index in pages:
            if index not in self._links:
                self._ask("links", index, CONTENT_PRIORITY)

    def _ask(self, what: str, index: int, priority: float) -> None:
        if self.doc is None or not 0 <= index < self.page_count or (what, index) in self._asked:
            return
        request = (
            ReadWords(self.doc, page=index) if what == "words" else ReadLinks(self.doc, page=index)
        )
        generation = self._generation
        self._asked[(what, index)] = self.engine.submit(
            request,
            lambda answer: self._arrived(generation, what, index, answer),
            priority=priority,
        )

    def _arrived(self, generation: int, what: str, index: int, answer: object) -> None:
        if generation != self._generation:
            return
        self._asked.pop((what, index), None)
        value = answer if isinstance(answer, list) else []  # a damaged page: no words
        store = self._words if what == "words" else self._links
        store[index] = value
        while len(store) > KEEP_PAGES:
            store.popitem(last=False)
        self.ready.emit(index)
