"""Find in this document: a bar under the page with a box, next/previous and a count.

The engine workers search (:mod:`companion.pdf.find`), a few pages per
request: the page the person is on (or lands on from kit search) first, so
its words light up at once, then the pages nearest to it, then the rest. The
count grows while the search goes on. Every hit is lit in the reading view;
the current one in orange. F3 and Shift+F3 walk through them and wrap
around at the ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from companion.pdf.content import FindHit
from companion.pdf.engine.pool import Ticket
from companion.pdf.engine.protocol import DocumentRef, Failure, Find
from companion.ui.appearance import px
from companion.ui.live import follow, live
from companion.ui.viewer.canvas import PageCanvas
from companion.ui.viewer.engine_client import EngineClient

FIRST_PAGE_PRIORITY = 0.5  # before the page's own pixels: its highlights come at once
NEAR_PRIORITY = 3.5
REST_PRIORITY = 5.0
NEAR_PAGES = 8
CHUNK_PAGES = 24


def search_order(page_count: int, start: int) -> list[int]:
    """Pages nearest to ``start`` first (after it before before it), every page once."""
    start = max(0, min(page_count - 1, start))
    order = [start]
    for distance in range(1, page_count):
        for index in (start + distance, start - distance):
            if 0 <= index < page_count:
                order.append(index)
    return order


class FindBar(QWidget):
    """Searches the open document and drives the highlights in ``canvas``."""

    closed = Signal()

    def __init__(self, engine: EngineClient, canvas: PageCanvas, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine = engine
        self.canvas = canvas
        self.doc: DocumentRef | None = None
        self.page_count = 0
        self.hits: list[FindHit] = []
        self.current = -1
        self.terms: tuple[str, ...] = ()
        self.searching = False
        self._generation = 0
        self._tickets: list[Ticket] = []
        self._land_on = 0
        self._done_pages: set[int] = set()

        self.box = QLineEdit()
        live(self.box, "setPlaceholderText", lambda: self.tr("Zoek in dit document"))
        live(self.box, "setAccessibleName", lambda: self.tr("Zoeken in dit document"))
        self.box.setClearButtonEnabled(True)
        self.box.textEdited.connect(self._typed)
        self.box.installEventFilter(self)
        self.previous_button = QPushButton()
        live(self.previous_button, "setText", lambda: self.tr("Vorige"))
        live(self.previous_button, "setAccessibleName", lambda: self.tr("Vorige vondst"))
        live(self.previous_button, "setToolTip", lambda: self.tr("Vorige vondst (Shift+F3)"))
        self.previous_button.clicked.connect(self.previous)
        self.next_button = QPushButton()
        live(self.next_button, "setText", lambda: self.tr("Volgende"))
        live(self.next_button, "setAccessibleName", lambda: self.tr("Volgende vondst"))
        live(self.next_button, "setToolTip", lambda: self.tr("Volgende vondst (F3 of Enter)"))
        self.next_button.clicked.connect(self.next)
        self.count = QLabel()
        live(self.count, "setAccessibleName", lambda: self.tr("Aantal vondsten"))
        live(self.count, "setMinimumWidth", lambda: px(110))
        follow(self, self._arrange, "arrange")
        self.close_button = QPushButton()
        live(self.close_button, "setText", lambda: self.tr("Sluiten"))
        live(self.close_button, "setAccessibleName", lambda: self.tr("Zoeken in document sluiten"))
        live(self.close_button, "setToolTip", lambda: self.tr("Sluiten (Esc)"))
        self.close_button.clicked.connect(self.close_bar)

        label = QLabel()
        live(label, "setText", lambda: self.tr("Zoeken:"))
        label.setBuddy(self.box)
        search = QHBoxLayout()
        search.setContentsMargins(0, 0, 0, 0)
        search.addWidget(label)
        search.addWidget(self.box, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.next_button, self.count, self.close_button):
            buttons.addWidget(widget)
        # One line; with large text the buttons go under the box instead of widening the window.
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(8, 4, 8, 4)
        self.rows.addLayout(search, 1)
        self.rows.addLayout(buttons)
        self._arrange()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._run_query)
        self.hide()

    def _arrange(self) -> None:
        large = px(100) > 140
        self.rows.setDirection(
            QBoxLayout.Direction.TopToBottom if large else QBoxLayout.Direction.LeftToRight
        )

    # -- opening ---------------------------------------------------------------

    def set_document(self, doc: DocumentRef | None, page_count: int = 0) -> None:
        self.doc, self.page_count = doc, page_count
        self._reset()
        self.box.clear()
        self.hide()

    def start(self) -> None:
        """Ctrl+F: show the bar with the box focused and its text selected."""
        self.show()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def find_terms(self, terms: Sequence[str], land_on: int) -> None:
        """Light the words kit search matched; the first hit on page ``land_on`` is current."""
        self.terms = tuple(t for t in terms if t)
        if not self.terms:
            return
        self.box.setText(" ".join(self.terms))
        self.show()
        self._start_search(query="", terms=self.terms, land_on=land_on)

    def close_bar(self) -> None:
        self._reset()
        self.hide()
        self.closed.emit()

    def _reset(self) -> None:
        self._generation += 1
        self._cancel()
        self._timer.stop()
        self.hits, self.current, self.terms = [], -1, ()
        self.searching = False
        self.canvas.set_hits([])
        live(self.count, "setText", lambda: "")

    def _cancel(self) -> None:
        for ticket in self._tickets:
            self.engine.cancel(ticket)
        self._tickets = []

    # -- searching -------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self.terms = ()  # the person's own words now, not kit search's
        self._timer.start()

    def _run_query(self) -> None:
        query = self.box.text().strip()
        if not query:
            self._reset()
            return
        self._start_search(query=query, terms=(), land_on=None)

    def _start_search(self, *, query: str, terms: tuple[str, ...], land_on: int | None) -> None:
        if self.doc is None or not self.page_count:
            return
        self._generation += 1
        self._cancel()
        generation = self._generation
        self._land_on = self.canvas.current if land_on is None else land_on
        self.hits, self.current = [], -1
        self._done_pages = set()
        self.searching = True
        self.canvas.set_hits([])
        live(self.count, "setText", lambda: self.tr("Zoeken…"))
        order = search_order(self.page_count, self._land_on)
        chunks = [(order[:1], FIRST_PAGE_PRIORITY), (order[1 : 1 + NEAR_PAGES], NEAR_PRIORITY)]
        rest = order[1 + NEAR_PAGES :]
        chunks += [
            (rest[i : i + CHUNK_PAGES], REST_PRIORITY) for i in range(0, len(rest), CHUNK_PAGES)
        ]
        for number, (pages, priority) in enumerate(c for c in chunks if c[0]):
            request = Find(self.doc, pages=tuple(pages), query=query, terms=terms)
            self._tickets.append(
                self.engine.submit(
                    request,
                    lambda answer, p=tuple(pages): self._found(generation, p, answer),
                    priority=priority + number * 1e-3,
                )
            )

    def _found(self, generation: int, pages: tuple[int, ...], answer: object) -> None:
        if generation != self._generation:
            return
        if isinstance(answer, Failure):
            answer = []  # a page that cannot be searched: the others still are
        current = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        self._done_pages.update(pages)
        # By page; within a page in reading order, as the worker found them.
        self.hits = sorted([*self.hits, *answer], key=lambda hit: hit.index)
        self.searching = len(self._done_pages) < self.page_count
        if current is not None:
            self.current = self.hits.index(current)
            self.canvas.set_hits(self.hits, self.current)
        else:
            self.current = self._landing_hit()
            self.canvas.set_hits(self.hits, self.current)
            if self.current >= 0:
                self.canvas.show_hit(self.current)
        self._show_count()

    def _landing_hit(self) -> int:
        """The first hit on or after the page we came to, once the pages up to it are searched."""
        for number, hit in enumerate(self.hits):
            if hit.index < self._land_on:
                continue
            between = range(self._land_on, hit.index + 1)
            return number if all(p in self._done_pages for p in between) else -1
        if not self.searching and self.hits:
            return 0  # nothing after this page: wrap around to the first hit
        return -1

    def _show_count(self) -> None:
        total, current, searching = len(self.hits), self.current + 1, self.searching

        def text() -> str:
            if searching and not current:
                return self.tr("Zoeken… {total} gevonden").format(total=total)
            if searching:
                return self.tr("{current} van {total}…").format(current=current, total=total)
            if not total:
                return self.tr("Niet gevonden")
            return self.tr("{current} van {total}").format(current=current, total=total)

        live(self.count, "setText", text)

    # -- walking through the hits ------------------------------------------------

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self._timer.isActive():  # typed but not searched yet: search first
            self._timer.stop()
            self._run_query()
            return
        if not self.hits:
            return
        self.current = (self.current + step) % len(self.hits)
        self.canvas.show_hit(self.current)
        self._show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self._step(-1 if shift else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                self.canvas.setFocus()
                return True
        return super().eventFilter(watched, event)
