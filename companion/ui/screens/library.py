"""Bibliotheek: the whole kit, grouped by theme or by kind of document."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.dutch.words import fold
from companion.kit.library import DocumentInfo, KitLibrary
from companion.kit.media import media_file
from companion.ui.appearance import theme
from companion.ui.live import follow, live
from companion.ui.texts import type_label
from companion.ui.widgets.common import say, screen_heading, scroll_body, tab_chain

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MARK_COLUMN = 3  # "nieuw" / "gewijzigd" after an update, until the document is opened


def minutes_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    if minutes < 60:
        return QCoreApplication.translate("LibraryScreen", "{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if rest:
        return QCoreApplication.translate("LibraryScreen", "{hours} uur {minutes} min").format(
            hours=hours, minutes=rest
        )
    return QCoreApplication.translate("LibraryScreen", "{hours} uur").format(hours=hours)


def document_details_html(doc: DocumentInfo, theme_titles: dict[str, str]) -> str:
    """The card on the right: what the document is for, at a glance."""
    muted = theme().muted
    rows = [(QCoreApplication.translate("LibraryScreen", "Soort"), type_label(doc.type))]
    themes = ", ".join(theme_titles.get(t, t) for t in doc.themes)
    if themes:
        rows.append((QCoreApplication.translate("LibraryScreen", "Thema's"), themes))
    if doc.audience:
        rows.append((QCoreApplication.translate("LibraryScreen", "Voor wie"), doc.audience))
    if doc.minutes:
        rows.append(
            (QCoreApplication.translate("LibraryScreen", "Tijd"), minutes_text(doc.minutes))
        )
    rows.append((QCoreApplication.translate("LibraryScreen", "Pagina's"), str(doc.page_count)))
    table = "".join(
        f"<tr><td style='padding-right:12px;color:{muted}'>{html.escape(k)}</td>"
        f"<td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    video = ""
    if doc.type == "video" and doc.media_name:
        words = QCoreApplication.translate(
            "LibraryScreen",
            "Deze video staat op deze computer en speelt ook zonder internet: kies Video afspelen.",
        )
        video = f"<p style='color:{muted}'>{html.escape(words)}</p>"
    elif doc.type == "video" and doc.url:
        words = QCoreApplication.translate(
            "LibraryScreen",
            "Deze video speelt alleen met internet. Open het document voor de link.",
        )
        video = f"<p style='color:{muted}'>{html.escape(words)}</p>"
    return (
        f"<h2>{html.escape(doc.title)}</h2>"
        f"<p>{html.escape(doc.summary)}</p>"
        f"<table>{table}</table>{video}"
    )


class LibraryScreen(QWidget):
    """Browse the kit. Double-click, Enter or 'Openen' shows a document."""

    open_requested = Signal(str)

    def __init__(self, library: KitLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._documents: dict[str, DocumentInfo] = {}
        self._theme_titles: dict[str, str] = {}
        # Set by the main window: document id -> revision last opened (user store).
        self.opened_revisions: Callable[[], Mapping[str, int]] | None = None

        title, intro = screen_heading(
            lambda: self.tr("Bibliotheek"),
            lambda: self.tr("Alle handleidingen, werkbladen, workshops en voorbeelden uit de kit."),
        )

        self.by_theme = QRadioButton()
        self.by_type = QRadioButton()
        live(self.by_theme, "setText", lambda: self.tr("Per thema"))
        live(self.by_type, "setText", lambda: self.tr("Per soort"))
        self.by_theme.setChecked(True)
        live(self.by_theme, "setAccessibleName", lambda: self.tr("Ordenen per thema"))
        live(self.by_type, "setAccessibleName", lambda: self.tr("Ordenen per soort document"))
        group = QButtonGroup(self)
        group.addButton(self.by_theme)
        group.addButton(self.by_type)
        group.buttonToggled.connect(lambda *_: self.reload())
        self.filter = QLineEdit()
        live(self.filter, "setPlaceholderText", lambda: self.tr("Filter op titel…"))
        live(self.filter, "setAccessibleName", lambda: self.tr("Filter de lijst op titel"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda *_: self.reload())

        controls = QHBoxLayout()
        order_label = QLabel()
        live(order_label, "setText", lambda: self.tr("Ordenen:"))
        controls.addWidget(order_label)
        controls.addWidget(self.by_theme)
        controls.addWidget(self.by_type)
        controls.addSpacing(16)
        controls.addWidget(self.filter, 1)

        self.tree = QTreeWidget()
        live(self.tree, "setAccessibleName", lambda: self.tr("Documenten in de kit"))
        live(
            self.tree,
            "setHeaderLabels",
            lambda: [self.tr("Titel"), self.tr("Soort"), self.tr("Tijd"), ""],
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MARK_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._show_details)
        self.tree.itemActivated.connect(self._activate)

        self.details = QTextBrowser()
        live(self.details, "setAccessibleName", lambda: self.tr("Over dit document"))
        self.details.setOpenLinks(False)
        self.open_button = QPushButton()
        live(self.open_button, "setText", lambda: self.tr("Openen"))
        live(self.open_button, "setAccessibleName", lambda: self.tr("Document openen"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_current)
        self.play_button = QPushButton()
        live(self.play_button, "setText", lambda: self.tr("Video afspelen"))
        live(
            self.play_button,
            "setAccessibleName",
            lambda: self.tr("Video afspelen met de videospeler van je computer"),
        )
        self.play_button.hide()
        self.play_button.clicked.connect(self.play_current)
        # Set by the main window: where a video's file is written to be played.
        self.media_dir: Path | None = None
        self.open_media: Callable[[Path], object] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        )
        self.media_problem = QLabel()
        self.media_problem.setObjectName("errorText")
        self.media_problem.setWordWrap(True)
        self.media_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.media_problem.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.open_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.details, 1)
        side_layout.addWidget(self.media_problem)
        side_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = scroll_body(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        tab_chain(
            self.by_theme,
            self.by_type,
            self.filter,
            self.tree,
            self.details,
            self.play_button,
            self.open_button,
        )
        # Another language or contrast: group names, kinds and the card again.
        follow(self, self.reload)

    def reload(self) -> None:
        """Read the kit again (after the first import or an update)."""
        current = self.current_document_id()
        self._documents = {d.id: d for d in self.library.documents()}
        themes = self.library.themes()
        self._theme_titles = {t.id: t.title for t in themes}
        wanted = fold(self.filter.text().strip())
        visible = [d for d in self._documents.values() if not wanted or wanted in fold(d.title)]

        if self.by_theme.isChecked():
            groups = [(t.title, [d for d in visible if t.id in d.themes]) for t in themes]
            groups.append((self.tr("Overig"), [d for d in visible if not d.themes]))
        else:
            groups = [
                (type_label(kind, many=True), [d for d in visible if d.type == kind])
                for kind in self.library.types_present()
            ]

        self.tree.clear()
        select = None
        for label, docs in groups:
            if not docs:
                continue
            group = QTreeWidgetItem(
                [self.tr("{group} ({count})").format(group=label, count=len(docs))]
            )
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for doc in docs:
                item = QTreeWidgetItem([doc.title, type_label(doc.type), minutes_text(doc.minutes)])
                item.setData(0, DOC_ID_ROLE, doc.id)
                item.setToolTip(0, doc.summary)
                group.addChild(item)
                if doc.id == current and select is None:
                    select = item
            group.setExpanded(True)
        if select is None and self.tree.topLevelItemCount():
            # Start on the first document, so the card on the right says what it is.
            select = self.tree.topLevelItem(0).child(0)
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self._show_details(None, None)
        self.refresh_marks()

    def refresh_marks(self) -> None:
        """Mark documents new or changed in the last update that were not opened yet."""
        opened = self.opened_revisions() if self.opened_revisions else None
        marks = self.library.update_marks(opened) if opened is not None else {}
        words = {"nieuw": self.tr("nieuw"), "gewijzigd": self.tr("gewijzigd")}
        tips = {
            "nieuw": self.tr("Nieuw sinds de laatste update"),
            "gewijzigd": self.tr("Gewijzigd sinds de laatste update"),
        }
        colour = QColor(theme().accent)
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                mark = marks.get(item.data(0, DOC_ID_ROLE), "")
                text = words.get(mark, mark)
                if (
                    item.text(MARK_COLUMN) == text
                    and item.font(0).bold() == bool(mark)
                    and (not mark or item.foreground(MARK_COLUMN).color() == colour)
                ):
                    # Unchanged. Each change makes the header measure every row
                    # again (ResizeToContents): on a large kit that was most of start-up.
                    continue
                item.setText(MARK_COLUMN, text)
                item.setForeground(MARK_COLUMN, colour)
                font = item.font(0)
                font.setBold(bool(mark))
                item.setFont(0, font)
                item.setFont(MARK_COLUMN, font)
                item.setToolTip(MARK_COLUMN, tips.get(mark, ""))
        self.tree.setColumnHidden(MARK_COLUMN, not marks)

    def showEvent(self, event) -> None:
        # A document opened elsewhere (search, viewer) loses its mark when we come back.
        self.refresh_marks()
        super().showEvent(event)

    def current_document_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, DOC_ID_ROLE) if item is not None else None

    def select_document(self, doc_id: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, DOC_ID_ROLE) == doc_id:
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    def _show_details(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        doc_id = item.data(0, DOC_ID_ROLE) if item is not None else None
        doc = self._documents.get(doc_id) if doc_id else None
        self.open_button.setEnabled(doc is not None)
        self.play_button.setVisible(doc is not None and bool(doc.media_name))
        self.media_problem.hide()
        if doc is None:
            words = self.tr(
                "Kies een document in de lijst om te zien waar het over gaat. "
                "Dubbelklik of druk op Enter om het te openen."
            )
            self.details.setHtml(f"<p style='color:{theme().muted}'>{html.escape(words)}</p>")
            return
        self.details.setHtml(document_details_html(doc, self._theme_titles))

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        doc_id = item.data(0, DOC_ID_ROLE)
        if doc_id:
            self.open_requested.emit(doc_id)

    def play_current(self) -> bool:
        """Play the chosen video's own file with the system's player (no internet needed)."""
        doc_id = self.current_document_id()
        if not doc_id or self.media_dir is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = media_file(self.library, doc_id, self.media_dir)
        except OSError:
            path = None
        finally:
            QApplication.restoreOverrideCursor()
        if path is None:
            say(
                self.media_problem,
                lambda: self.tr(
                    "De video kan niet worden klaargezet. Is de schijf vol? Probeer het opnieuw."
                ),
            )
            return False
        self.media_problem.hide()
        self.open_media(path)
        return True

    def _open_current(self) -> None:
        doc_id = self.current_document_id()
        if doc_id:
            self.open_requested.emit(doc_id)
