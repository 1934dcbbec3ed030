"""Find in this document: a bar under the page with a box, next/previous and a count.

The search itself runs in a worker (:func:`companion.pdf.find.find_in_pdf`,
with its own document), so typing stays quick in a long document. Every hit
is lit in the reading view; the current one in orange. F3 and Shift+F3 walk
through them and wrap around at the ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from companion.pdf.find import FindHit, find_in_pdf
from companion.ui.appearance import px
from companion.ui.live import follow, live
from companion.ui.viewer.canvas import PageCanvas
from companion.ui.workers import Task, TaskRunner


class FindBar(QWidget):
    """Searches the open document and drives the highlights in ``canvas``."""

    closed = Signal()

    def __init__(self, runner: TaskRunner, canvas: PageCanvas, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.canvas = canvas
        self.pdf_bytes = b""
        self.hits: list[FindHit] = []
        self.current = -1
        self.terms: tuple[str, ...] = ()
        self._generation = 0
        self._task: Task | None = None
        self._land_on: int | None = None

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

    def set_document(self, pdf_bytes: bytes) -> None:
        self.pdf_bytes = pdf_bytes
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
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._timer.stop()
        self.hits, self.current, self.terms = [], -1, ()
        self.canvas.set_hits([])
        live(self.count, "setText", lambda: "")

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
        if not self.pdf_bytes:
            return
        self._generation += 1
        generation, data = self._generation, self.pdf_bytes
        if self._task is not None:
            self._task.cancel()
        self._land_on = land_on
        live(self.count, "setText", lambda: self.tr("Zoeken…"))

        def work(_report, cancelled):
            return generation, find_in_pdf(data, query=query, terms=terms, cancelled=cancelled)

        self._task = self.runner.start(work, on_success=self._found, on_error=self._failed)

    def _found(self, result: tuple[int, list[FindHit]]) -> None:
        generation, hits = result
        if generation != self._generation:
            return
        self._task = None
        self.hits = hits
        if not hits:
            self.current = -1
            self.canvas.set_hits([])
            live(self.count, "setText", lambda: self.tr("Niet gevonden"))
            return
        page = self.canvas.current if self._land_on is None else self._land_on
        self.current = next((n for n, hit in enumerate(hits) if hit.index >= page), 0)
        self.canvas.set_hits(hits, self.current)
        self.canvas.show_hit(self.current)
        self._show_count()

    def _failed(self, _error: Exception) -> None:
        self._task = None
        live(self.count, "setText", lambda: self.tr("Zoeken lukte niet"))

    def _show_count(self) -> None:
        total, current = len(self.hits), self.current + 1
        live(
            self.count,
            "setText",
            lambda: (
                self.tr("{current} van {total}").format(current=current, total=total)
                if total
                else self.tr("Niet gevonden")
            ),
        )

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
