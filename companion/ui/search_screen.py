"""Zoeken: one box over the whole kit, results while you type."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from ..library import TYPE_LABELS
from ..search import KitSearch, SearchHit
from .html_delegate import HTML_ROLE, HtmlItemDelegate

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def hit_html(hit: SearchHit) -> str:
    pages = ""
    others = [p for p in hit.pages if p != hit.page]
    if others:
        shown = ", ".join(str(p) for p in others[:6]) + ("…" if len(others) > 6 else "")
        pages = f" · ook op pagina {shown}"
    kind = TYPE_LABELS.get(hit.type, (hit.type,))[0]
    return (
        f"<b>{html.escape(hit.title)}</b><br>"
        f"<small>{kind} · pagina {hit.page}{pages}</small><br>"
        f"{hit.snippet_html()}"
    )


class SearchScreen(QWidget):
    """Emits ``open_requested(document_id, page, terms)`` for a chosen result."""

    open_requested = Signal(str, int, tuple)

    def __init__(self, search: KitSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.hits: list[SearchHit] = []

        title = QLabel("Zoeken")
        title.setObjectName("screenTitle")
        self.box = QLineEdit()
        self.box.setPlaceholderText("Zoek in de hele kit, bijvoorbeeld: vindplaatsen gemeente")
        self.box.setAccessibleName("Zoekwoorden")
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self._schedule)
        self.box.returnPressed.connect(self._open_first)
        self.box.installEventFilter(self)
        self.status = QLabel("Typ een of meer woorden. Hoofdletters en accenten maken niet uit.")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)

        self.model = QStandardItemModel(self)
        self.results = QListView()
        self.results.setAccessibleName("Zoekresultaten")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HtmlItemDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.results.activated.connect(lambda index: self.open_hit(index.row()))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def _schedule(self) -> None:
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.box.text().strip()
        self.hits = self.search.search(text) if text else []
        self.model.clear()
        for hit in self.hits:
            item = QStandardItem(f"{hit.title}, pagina {hit.page}")
            item.setData(hit_html(hit), HTML_ROLE)
            self.model.appendRow(item)
        if not text:
            self.status.setText("Typ een of meer woorden. Hoofdletters en accenten maken niet uit.")
        elif not self.hits:
            self.status.setText(f"Niets gevonden voor ‘{text}’. Probeer een ander of korter woord.")
        elif len(self.hits) == 1:
            self.status.setText("1 document gevonden. Druk op Enter om het te openen.")
        else:
            self.status.setText(
                f"{len(self.hits)} documenten gevonden, de beste bovenaan. "
                "Druk op Enter om het eerste te openen."
            )
        if self.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def open_hit(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.open_requested.emit(hit.document_id, hit.page, hit.terms)

    def _open_first(self) -> None:
        if self._timer.isActive():
            self.run_search()
        current = self.results.currentIndex()
        self.open_hit(current.row() if current.isValid() else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow down from the search box walks into the results."""
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
