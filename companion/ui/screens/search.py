"""Zoeken: one box over the whole kit, results while you type, the window never waits.

Every key starts a search at once on the search thread (``SearchRunner``: its
own read connection; a newer key stops the older search). Results come back
as a signal and are shown only when they are for what is in the box now.
When a word was corrected ("laaggeleterdheid"), the line above the results
says what was searched, and one click searches the words exactly as typed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QPushButton, QWidget

from companion.kit.search import KitSearch, SearchHit, SearchResults
from companion.kit.search_runner import Request, SearchRunner
from companion.ui.live import follow, live
from companion.ui.screens.search_results import SearchResultsModel
from companion.ui.texts import type_label, ui_text
from companion.ui.widgets.common import scroll_body
from companion.ui.widgets.html_delegate import HtmlItemDelegate


def hit_html(hit: SearchHit) -> str:
    others = [p for p in hit.pages if p != hit.page]
    where = QCoreApplication.translate("SearchScreen", "{kind} · pagina {page}").format(
        kind=type_label(hit.type), page=hit.page
    )
    if others:
        shown = ", ".join(str(p) for p in others[:6]) + ("…" if len(others) > 6 else "")
        where = QCoreApplication.translate(
            "SearchScreen", "{kind} · pagina {page} · ook op pagina {pages}"
        ).format(kind=type_label(hit.type), page=hit.page, pages=shown)
    return (
        f"<b>{html.escape(hit.title)}</b><br>"
        f"<small>{html.escape(where)}</small><br>"
        f"{hit.snippet_html()}"
    )


def hit_text(hit: SearchHit) -> str:
    """The result in plain words (what a screen reader says)."""
    return QCoreApplication.translate("SearchScreen", "{title}, pagina {page}").format(
        title=hit.title, page=hit.page
    )


class SearchScreen(QWidget):
    """Emits ``open_requested(document_id, page, terms)`` for a chosen result."""

    open_requested = Signal(str, int, tuple)
    # From the search thread: (Request, SearchResults | None, Exception | None).
    _arrived = Signal(object, object, object)

    def __init__(self, search: KitSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.hits: list[SearchHit] = []
        self.results_for: SearchResults | None = None
        self._searched = ""
        self._error = ""
        self._asked: Request | None = None
        self._open_when_ready = False

        title = QLabel()
        live(title, "setText", lambda: self.tr("Zoeken"))
        title.setObjectName("screenTitle")
        self.box = QLineEdit()
        live(
            self.box,
            "setPlaceholderText",
            lambda: self.tr("Zoek in de hele kit, bijvoorbeeld: vindplaatsen gemeente"),
        )
        live(self.box, "setAccessibleName", lambda: self.tr("Zoekwoorden"))
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self._schedule)
        self.box.returnPressed.connect(self._open_first)
        self.box.installEventFilter(self)
        self.correction = QLabel()
        self.correction.setTextFormat(Qt.TextFormat.PlainText)
        self.correction.setWordWrap(True)
        self.correction.hide()
        self.literal = QPushButton()
        self.literal.setObjectName("linkButton")
        self.literal.setFlat(True)
        self.literal.setCursor(Qt.CursorShape.PointingHandCursor)
        self.literal.setStyleSheet("text-align: left; text-decoration: underline;")
        self.literal.clicked.connect(self.search_as_typed)
        self.literal.hide()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        live(self.status, "setText", self._status_text)
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)

        self.model = SearchResultsModel(hit_text, hit_html, self)
        self.results = QListView()
        live(self.results, "setAccessibleName", lambda: self.tr("Zoekresultaten"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlItemDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.activated.connect(lambda index: self.open_hit(index.row()))
        self.results.installEventFilter(self)

        layout = scroll_body(self)
        layout.addWidget(title)
        layout.addWidget(self.box)
        layout.addWidget(self.correction)
        layout.addWidget(self.literal, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        follow(self, self._retranslate_results)

        self._arrived.connect(self._show)
        store = search.store
        self.runner = SearchRunner(
            store.path,
            lambda request, results, error: self._arrived.emit(request, results, error),
            read_only=store.read_only,
        )
        runner = self.runner  # not self: the screen is gone when this runs
        self.destroyed.connect(lambda *_args: runner.close())

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    # -- asking ---------------------------------------------------------------------------

    def _schedule(self) -> None:
        self.run_search()

    def run_search(self, *, correct: bool = True) -> None:
        """Search what is in the box now (on the search thread); results come as a signal."""
        text = self.box.text().strip()
        self._asked = self.runner.request(text, correct=correct)

    def search_as_typed(self) -> None:
        """Search the words exactly as typed, without correcting them."""
        self.run_search(correct=False)

    def busy(self) -> bool:
        """A search was asked for whose results are not shown yet."""
        return self._asked is not None

    # -- showing -----------------------------------------------------------------------

    def _show(self, request: Request, results: SearchResults | None, error) -> None:
        if request is not self._asked:
            return  # typed on meanwhile: a newer search is under way
        self._asked = None
        self._searched = request.text
        self._error = ui_text(getattr(error, "message", "")) if error is not None else ""
        if error is not None and not self._error:
            self._error = self.tr("Zoeken lukte niet. Probeer het opnieuw.")
        self.results_for = results
        self.hits = list(results.hits) if results is not None else []
        self.model.set_hits(self.hits)
        live(self.status, "setText", self._status_text)
        live(self.correction, "setText", self._correction_text)
        live(self.literal, "setText", self._literal_text)
        corrected = bool(results is not None and results.corrections and self.hits)
        self.correction.setVisible(corrected)
        self.literal.setVisible(corrected)
        if self.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if self._open_when_ready:
            self._open_when_ready = False
            self._open_current()

    def _correction_text(self) -> str:
        results = self.results_for
        if results is None or not results.corrections:
            return ""
        return self.tr("Resultaten voor ‘{words}’.").format(words=results.corrected_text.strip())

    def _literal_text(self) -> str:
        results = self.results_for
        if results is None or not results.corrections:
            return ""
        return self.tr("Zocht je toch ‘{words}’?").format(words=results.text.strip())

    def _status_text(self) -> str:
        text = self._searched
        if self._error:
            return self._error
        if not text:
            return self.tr(
                "Typ een of meer woorden. Hoofdletters, accenten en kleine tikfouten maken niet "
                "uit. Zet woorden tussen aanhalingstekens om ze precies zo te zoeken."
            )
        if not self.hits:
            return self.tr(
                "Niets gevonden voor ‘{words}’. Probeer een ander of korter woord."
            ).format(words=text)
        if len(self.hits) == 1:
            return self.tr("1 document gevonden. Druk op Enter om het te openen.")
        return self.tr(
            "{count} documenten gevonden, de beste bovenaan. Druk op Enter om het eerste te openen."
        ).format(count=len(self.hits))

    def _retranslate_results(self) -> None:
        self.model.retranslate()

    # -- opening --------------------------------------------------------------------------

    def open_hit(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.open_requested.emit(hit.document_id, hit.page, hit.terms)

    def _open_current(self) -> None:
        current = self.results.currentIndex()
        self.open_hit(current.row() if current.isValid() else 0)

    def _open_first(self) -> None:
        """Enter: the chosen result; typed faster than search, then as soon as it is there."""
        if self.busy():
            self._open_when_ready = True
            return
        self._open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow down from the search box walks into the results; End in the results goes
        to the last result (the model hands the view its rows in batches)."""
        if (
            watched is self.results
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_End
        ):
            self.model.show_all()
            return False
        if (
            watched is self.box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.results.setFocus()
            return True
        return super().eventFilter(watched, event)
