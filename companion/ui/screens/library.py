"""Bibliotheek: the whole kit, grouped by theme or by kind of document."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.kit.library import BY_THEME, BY_TYPE, DocumentInfo, KitLibrary, theme_tag
from companion.kit.media import media_file
from companion.ui.appearance import px, theme
from companion.ui.live import follow, live
from companion.ui.texts import type_label
from companion.ui.widgets.common import say, screen_heading, scroll_body, tab_chain
from companion.ui.widgets.flow_layout import FlowLayout
from companion.ui.widgets.measured_tree import MeasuredTree
from companion.ui.widgets.plain import escape, plain_tip
from companion.ui.widgets.viewport import known_viewport

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_COLUMN, TYPE_COLUMN, TIME_COLUMN, TAGS_COLUMN = 0, 1, 2, 3
MARK_COLUMN = 4  # "nieuw" / "gewijzigd" after an update, until the document is opened
MEASURED_COLUMNS = (TYPE_COLUMN, TIME_COLUMN, TAGS_COLUMN, MARK_COLUMN)
TITLE_CHARACTERS = 30  # a title shows at least this much before other columns give way
TAG_CHARACTERS = 24
SIDE_BY_SIDE_WIDTH = 820  # narrower than this (at 100 % text): the card goes under the list


class MarkStyle(NamedTuple):
    """How a row shows "nieuw" / "gewijzigd" in the current language and theme."""

    words: dict[str, str]
    tips: dict[str, str]
    colour: QColor


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
        f"<tr><td style='padding-right:12px;color:{muted}'>{escape(k)}</td>"
        f"<td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    video = ""
    if doc.type == "video" and doc.media_name:
        words = QCoreApplication.translate(
            "LibraryScreen",
            "Deze video staat op deze computer en speelt ook zonder internet: kies Video afspelen.",
        )
        video = f"<p style='color:{muted}'>{escape(words)}</p>"
    elif doc.type == "video" and doc.url:
        words = QCoreApplication.translate(
            "LibraryScreen",
            "Deze video speelt alleen met internet. Open het document voor de link.",
        )
        video = f"<p style='color:{muted}'>{escape(words)}</p>"
    return f"<h2>{escape(doc.title)}</h2><p>{escape(doc.summary)}</p><table>{table}</table>{video}"


def open_with_system_player(path: Path) -> bool:
    """Play a video's file with the computer's own player (offline)."""
    # Imported when a video is played: PySide6 makes QUrl's enums (five) on first use.
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class LibraryScreen(QWidget):
    """Browse the kit. Double-click, Enter or 'Openen' shows a document.

    The grouping and the filter come from :meth:`KitLibrary.shelves`, which
    keeps the kit in memory between keystrokes; the screen only turns shelves
    into rows. By theme, each document stands once, under its first theme;
    its other themes are tags ("Ook bij"). The theme chips keep one theme.
    """

    open_requested = Signal(str)

    def __init__(self, library: KitLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._theme_titles: dict[str, str] = {}
        self._marks: dict[str, str] = {}
        self.theme_filter: str | None = None
        self._tags_width: int | None = None  # see _fit_columns
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
        group.buttonToggled.connect(lambda _button, on: self.fill() if on else None)
        self.filter = QLineEdit()
        live(self.filter, "setPlaceholderText", lambda: self.tr("Filter op titel…"))
        live(self.filter, "setAccessibleName", lambda: self.tr("Filter de lijst op titel"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda *_: self.fill())

        order_label = QLabel()
        live(order_label, "setText", lambda: self.tr("Ordenen:"))
        order = QWidget()
        order_row = QHBoxLayout(order)
        order_row.setContentsMargins(0, 0, 0, 0)
        order_row.addWidget(order_label)
        order_row.addWidget(self.by_theme)
        order_row.addWidget(self.by_type)
        controls = QHBoxLayout()
        controls.addWidget(order)
        controls.addSpacing(16)
        controls.addWidget(self.filter, 1)

        # Theme chips: "Alle thema's" and one per theme; they wrap with large text.
        self.chips = QWidget()
        self.chips_layout = FlowLayout(self.chips, spacing=6)
        self.chips.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chip_buttons: dict[str, QPushButton] = {}

        # Kind, time, tags and marks are measured on one row per distinct text.
        self.tree = MeasuredTree()
        known_viewport(self.tree)  # touching it below costs nothing (see widgets/viewport.py)
        live(self.tree, "setAccessibleName", lambda: self.tr("Documenten in de kit"))
        live(
            self.tree,
            "setHeaderLabels",
            lambda: [self.tr("Titel"), self.tr("Soort"), self.tr("Tijd"), self.tr("Ook bij"), ""],
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (TYPE_COLUMN, TIME_COLUMN, MARK_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TAGS_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._show_details)
        self.tree.itemActivated.connect(self._activate)
        self.tree.viewport().installEventFilter(self)  # its size is known after the tree's

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
        self.open_media: Callable[[Path], object] = open_with_system_player
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

        self.splitter = QSplitter()
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 2)  # the list gets the room: titles stay readable
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = scroll_body(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(controls)
        layout.addWidget(self.chips)
        layout.addWidget(self.splitter, 1)
        self._chain_tabs()
        # Another language or contrast: group names, kinds and the card again.
        follow(self, self.fill)

    # -- reading the kit -----------------------------------------------------------------

    def reload(self) -> None:
        """The kit changed (first import, update): themes, chips and marks again."""
        self.library.forget()
        catalog = self.library.catalog()
        self._theme_titles = {t.id: t.title for t in catalog.themes}
        if self.theme_filter not in self._theme_titles:
            self.theme_filter = None
        self._build_chips()
        self._marks = self._read_marks()
        self.fill()

    def _build_chips(self) -> None:
        for button in self.chip_buttons.values():
            self.chip_group.removeButton(button)
            self.chips_layout.removeWidget(button)
            button.deleteLater()
        self.chip_buttons = {}
        entries: list[tuple[str, Callable[[], str], Callable[[], str]]] = [
            ("", lambda: self.tr("Alle thema's"), lambda: self.tr("Alle thema's tonen"))
        ]
        for theme_id, title in self._theme_titles.items():
            entries.append(
                (
                    theme_id,
                    lambda title=title: theme_tag(title),
                    lambda title=title: self.tr("Alleen thema {theme}").format(theme=title),
                )
            )
        for key, text, name in entries:
            chip = QPushButton()
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setChecked(key == (self.theme_filter or ""))
            live(chip, "setText", text)
            live(chip, "setAccessibleName", name)
            chip.toggled.connect(lambda on, key=key: self._chip_toggled(key, on))
            self.chip_group.addButton(chip)
            self.chips_layout.addWidget(chip)
            self.chip_buttons[key] = chip
        self.chips.setVisible(len(entries) > 1)
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        tab_chain(
            self.by_theme,
            self.by_type,
            self.filter,
            *self.chip_buttons.values(),
            self.tree,
            self.details,
            self.play_button,
            self.open_button,
        )

    def _chip_toggled(self, key: str, on: bool) -> None:
        if on:
            self.set_theme_filter(key or None)

    def set_theme_filter(self, theme_id: str | None) -> None:
        """Show only the documents of one theme (None: all themes)."""
        self.theme_filter = theme_id
        chip = self.chip_buttons.get(theme_id or "")
        if chip is not None and not chip.isChecked():
            chip.setChecked(True)
        self.fill()

    # -- rows --------------------------------------------------------------------------

    def fill(self) -> None:
        """Rows for the chosen order, filter and theme, from the library's kept catalog.

        The rows are made apart from the list and handed to it at once, expanded
        in one pass: one layout of the list, not one per row (a large kit starts
        with this).
        """
        by = BY_THEME if self.by_theme.isChecked() else BY_TYPE
        current = self.current_document_id()
        shelves = self.library.shelves(by, words=self.filter.text(), theme=self.theme_filter)
        catalog = self.library.catalog()  # the one shelves() just used: no second read
        kinds: dict[str, str] = {}  # each type's label, translated once
        marks = self._marks
        style = self._mark_style() if marks else None
        bold = QFont()
        bold.setBold(True)
        groups: list[QTreeWidgetItem] = []
        # One row per distinct text of a measured column (see widgets/measured_tree.py).
        samples: dict[int, dict[str, QTreeWidgetItem]] = {c: {} for c in MEASURED_COLUMNS}
        select = None
        for shelf in shelves:
            if by == BY_TYPE:
                label = type_label(shelf.key, many=True)
            else:
                label = shelf.title or self.tr("Overig")
            group = QTreeWidgetItem(
                [self.tr("{group} ({count})").format(group=label, count=len(shelf.documents))]
            )
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, bold)
            rows = []
            for doc in shelf.documents:
                others = catalog.other_themes(doc, shelf.key)
                tags = ", ".join(theme_tag(t.title) for t in others)
                kind = kinds.get(doc.type)
                if kind is None:
                    kind = kinds[doc.type] = type_label(doc.type)
                minutes = minutes_text(doc.minutes)
                item = QTreeWidgetItem([doc.title, kind, minutes, tags])
                samples[TYPE_COLUMN].setdefault(kind, item)
                samples[TIME_COLUMN].setdefault(minutes, item)
                samples[TAGS_COLUMN].setdefault(tags, item)
                item.setData(0, DOC_ID_ROLE, doc.id)
                item.setToolTip(0, plain_tip(doc.summary))  # the kit's words
                if tags:
                    item.setToolTip(
                        TAGS_COLUMN,
                        plain_tip(self.tr("Ook bij de thema's: {themes}").format(themes=tags)),
                    )
                mark = ""
                if style is not None and doc.id in marks:
                    mark = self._mark(item, marks[doc.id], style)
                samples[MARK_COLUMN].setdefault(mark, item)
                rows.append(item)
                if doc.id == current and select is None:
                    select = item
            group.addChildren(rows)
            groups.append(group)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self.tree.addTopLevelItems(groups)
        self.tree.measure_on(samples)
        for group in groups:
            group.setFirstColumnSpanned(True)  # a long theme title is not cut at the column
        self.tree.expandAll()
        self.tree.setColumnHidden(TYPE_COLUMN, by == BY_TYPE)  # the group says it already
        self.tree.setColumnHidden(TAGS_COLUMN, by == BY_TYPE or bool(self.theme_filter))
        self.tree.setColumnHidden(MARK_COLUMN, not marks)
        self.tree.setUpdatesEnabled(True)
        self._tags_width = None  # measured again for these rows
        if select is None and groups:
            # Start on the first document, so the card on the right says what it is.
            select = groups[0].child(0)
        if select is not None:
            self.tree.setCurrentItem(select)
        else:
            self._show_details(None, None)
        self._fit_columns()

    def row_count(self) -> int:
        """Rows a person scrolls through: groups plus documents."""
        return sum(1 + item.childCount() for item in self._groups())

    def _groups(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _fit_columns(self) -> None:
        """Titles first: at least 30 characters, or the tags column steps aside.

        Tags get at most about 24 characters (all of them are in the tooltip and
        in the card on the right); titles get the rest.
        """
        if not self.by_theme.isChecked() or self.theme_filter:
            return
        header = self.tree.header()
        char = max(1, self.tree.fontMetrics().averageCharWidth())
        if self._tags_width is None:  # the rows' widest tags, measured once per fill
            self._tags_width = self.tree.sizeHintForColumn(TAGS_COLUMN)
        tags = min(self._tags_width, TAG_CHARACTERS * char)
        header.resizeSection(TAGS_COLUMN, tags)
        others = sum(
            header.sectionSize(c)
            for c in (TYPE_COLUMN, TIME_COLUMN, MARK_COLUMN)
            if not self.tree.isColumnHidden(c)
        )
        room = self.tree.viewport().width() - others - tags - self.tree.indentation()
        self.tree.setColumnHidden(TAGS_COLUMN, room < TITLE_CHARACTERS * char)

    def resizeEvent(self, event) -> None:
        """Narrow (large text, the tour beside it): the card goes under the list, not beside."""
        super().resizeEvent(event)
        wanted = (
            Qt.Orientation.Vertical
            if self.width() < px(SIDE_BY_SIDE_WIDTH)
            else Qt.Orientation.Horizontal
        )
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.splitter.setSizes([3 * 1000, 1000] if wanted == Qt.Orientation.Vertical else [])
            if wanted == Qt.Orientation.Horizontal:
                width = self.splitter.width()
                self.splitter.setSizes([2 * width // 3, width // 3])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    # -- marks after an update ---------------------------------------------------------

    def _read_marks(self) -> dict[str, str]:
        opened = self.opened_revisions() if self.opened_revisions else None
        return self.library.update_marks(opened) if opened is not None else {}

    def refresh_marks(self) -> None:
        """Mark documents new or changed in the last update that were not opened yet."""
        self._marks = self._read_marks()
        self._apply_marks()

    def _apply_marks(self) -> None:
        marks = self._marks
        style = self._mark_style()
        samples: dict[str, QTreeWidgetItem] = {}
        for group in self._groups():
            for j in range(group.childCount()):
                item = group.child(j)
                text = self._mark(item, marks.get(item.data(0, DOC_ID_ROLE), ""), style)
                samples.setdefault(text, item)
        self.tree.measure_on({MARK_COLUMN: samples})
        self.tree.setColumnHidden(MARK_COLUMN, not marks)

    def _mark_style(self) -> MarkStyle:
        words = {"nieuw": self.tr("nieuw"), "gewijzigd": self.tr("gewijzigd")}
        tips = {
            "nieuw": self.tr("Nieuw sinds de laatste update"),
            "gewijzigd": self.tr("Gewijzigd sinds de laatste update"),
        }
        return MarkStyle(words, tips, QColor(theme().accent))

    @staticmethod
    def _mark(item: QTreeWidgetItem, mark: str, style: MarkStyle) -> str:
        """Show ``mark`` ("nieuw", "gewijzigd" or "") on a document's row; returns its words."""
        text = style.words.get(mark, mark)
        if (
            item.text(MARK_COLUMN) == text
            and item.font(0).bold() == bool(mark)
            and (not mark or item.foreground(MARK_COLUMN).color() == style.colour)
        ):
            # Unchanged. Each change makes the header measure the column again.
            return text
        item.setText(MARK_COLUMN, text)
        item.setForeground(MARK_COLUMN, style.colour)
        font = item.font(0)
        font.setBold(bool(mark))
        item.setFont(0, font)
        item.setFont(MARK_COLUMN, font)
        item.setToolTip(MARK_COLUMN, style.tips.get(mark, ""))
        return text

    def showEvent(self, event) -> None:
        # A document opened elsewhere (search, viewer) loses its mark when we come back.
        self.refresh_marks()
        super().showEvent(event)

    # -- choosing and opening ------------------------------------------------------------

    def current_document_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, DOC_ID_ROLE) if item is not None else None

    def select_document(self, doc_id: str) -> bool:
        for group in self._groups():
            for j in range(group.childCount()):
                if group.child(j).data(0, DOC_ID_ROLE) == doc_id:
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    def _show_details(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        doc_id = item.data(0, DOC_ID_ROLE) if item is not None else None
        doc = self.library.catalog_document(doc_id) if doc_id else None
        self.open_button.setEnabled(doc is not None)
        self.play_button.setVisible(doc is not None and bool(doc.media_name))
        self.media_problem.hide()
        if doc is None:
            words = self.tr(
                "Kies een document in de lijst om te zien waar het over gaat. "
                "Dubbelklik of druk op Enter om het te openen."
            )
            self.details.setHtml(f"<p style='color:{theme().muted}'>{escape(words)}</p>")
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
