"""Zoeken: one box over the whole kit, results while you type."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QWidget

from companion.kit.search import KitSearch, SearchHit
from companion.ui.live import follow, live
from companion.ui.texts import type_label
from companion.ui.widgets.common import scroll_body
from companion.ui.widgets.html_delegate import HTML_ROLE, HtmlItemDelegate

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


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

    def __init__(self, search: KitSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.hits: list[SearchHit] = []

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
        self.status = QLabel()
        live(self.status, "setText", self._status_text)
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)

        self.model = QStandardItemModel(self)
        self.results = QListView()
        live(self.results, "setAccessibleName", lambda: self.tr("Zoekresultaten"))
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

        layout = scroll_body(self)
        layout.addWidget(title)
        layout.addWidget(self.box)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        follow(self, self._retranslate_results)

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
            item = QStandardItem(hit_text(hit))
            item.setData(hit_html(hit), HTML_ROLE)
            self.model.appendRow(item)
        self._searched = text
        live(self.status, "setText", self._status_text)
        if self.hits:
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _status_text(self) -> str:
        text = getattr(self, "_searched", "")
        if not text:
            return self.tr("Typ een of meer woorden. Hoofdletters en accenten maken niet uit.")
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
        for row, hit in enumerate(self.hits):
            item = self.model.item(row)
            if item is not None:
                item.setText(hit_text(hit))
                item.setData(hit_html(hit), HTML_ROLE)

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
