"""The side panel: page thumbnails and, when the PDF has one, its table of contents.

Thumbnails are made only for the rows the list actually paints, behind the
pages being read, and kept in their own small cache, so a 300-page document
costs no more than the handful of thumbnails on screen.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from companion.pdf.content import OutlineEntry
from companion.ui.appearance import px
from companion.ui.live import follow, live
from companion.ui.viewer.render_service import (
    LANE_THUMBS,
    THUMB_WIDTH,
    WAITING_COLOUR,
    RenderService,
)

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_LAYOUT_BATCH = 50  # rows laid out per pass of the event loop
IMAGE_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's thumbnail (QImage) or None
# A thumbnail to scroll to that the list has not laid out yet is tried again this often,
# this many times (5,000 pages take some 100 batches, seconds on a busy machine).
SCROLL_RETRY_MS = 20
SCROLL_TRIES = 1000
# A list model's rows: chosen, never edited or dragged (a QStringListModel's would be).
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_ROLES = frozenset(
    (
        _DISPLAY,
        _DECORATION,
        Qt.ItemDataRole.ToolTipRole.value,
        Qt.ItemDataRole.AccessibleTextRole.value,
        PAGE_ROLE,
        IMAGE_ROLE,
    )
)


# What can change the panel's smallest size: its own or a child's new size hints
# (LayoutRequest), the style, the font, the texts, or being shown again.
_HINT_CHANGES = frozenset(
    t.value
    for t in (
        QEvent.Type.LayoutRequest,
        QEvent.Type.StyleChange,
        QEvent.Type.FontChange,
        QEvent.Type.LanguageChange,
        QEvent.Type.LocaleChange,
        QEvent.Type.Polish,
        QEvent.Type.PolishRequest,
        QEvent.Type.Show,
        QEvent.Type.ShowToParent,
    )
)


def page_text(page: int) -> str:
    return QCoreApplication.translate("Sidebar", "Pagina {page}").format(page=page)


class ThumbnailModel(QStringListModel):
    """One row per page; the picture is asked for when the row is painted.

    A QStringListModel (of empty rows) so that the row count is Qt's own:
    the list asks for it before nearly every row it lays out or paints (some
    250 times while a document opens), and a Python ``rowCount`` cost each
    of those calls a trip into Python: some 0.75 M instructions of every
    opening. What a row shows comes from ``data``.
    """

    def __init__(self, service: RenderService, parent=None) -> None:
        super().__init__(parent)
        self.service = service
        self.sizes: list[tuple[float, float]] = []
        self.dpr = 1.0
        self._wanted: list[int] = []
        self._blank: dict[tuple[int, int], QIcon] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._flush)
        service.page_ready.connect(self._ready)

    def set_pages(self, sizes: list[tuple[float, float]], dpr: float) -> None:
        self.sizes = list(sizes)
        self.dpr = dpr
        self._wanted = []
        # A reset, one row per page; the rows' texts are ``data``'s (empty strings are the
        # cheapest rows to hand to Qt: 500 take some 50 microseconds).
        self.setStringList([""] * len(self.sizes))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def scale(self, row: int) -> float:
        return THUMB_WIDTH / self.sizes[row][0] * self.dpr

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        # Called some fifteen times per row painted (every role the delegate looks at):
        # roles this model has nothing for are turned away first, without enum lookups.
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self.sizes) or not index.isValid():
            return None
        if role == _DISPLAY:
            return str(row + 1)
        if role == _DECORATION:
            if self.service.thumbnail(row, self.scale(row)) is None:
                self._wanted.append(row)
                self._timer.start()
            return self._blank_icon(row)
        if role == IMAGE_ROLE:
            return self.service.thumbnail(row, self.scale(row))
        if role == PAGE_ROLE:
            return row
        return page_text(row + 1)  # tool tip, accessible text

    def _blank_icon(self, row: int) -> QIcon:
        """A grey page of the row's size; :class:`ThumbnailDelegate` paints the thumbnail
        over it once there. One icon per page size, the same when selected (Qt would
        tint it blue)."""
        width, height = self.sizes[row]
        size = (THUMB_WIDTH, max(1, round(THUMB_WIDTH * height / width)))
        if size not in self._blank:
            image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
            image.fill(WAITING_COLOUR)
            icon = QIcon()
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
                icon.addPixmap(QPixmap.fromImage(image), mode)
            self._blank[size] = icon
        return self._blank[size]

    def _flush(self) -> None:
        wanted = list(dict.fromkeys(self._wanted))
        self._wanted = []
        if wanted:
            self.service.request_thumbnails([(row, self.scale(row)) for row in wanted])

    def _ready(self, lane: int, row: int) -> None:
        if lane == LANE_THUMBS and 0 <= row < len(self.sizes):
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints a row's thumbnail straight from the page image, over its grey stand-in.

    As an icon each thumbnail cost a QPixmap copy, and Qt keeps every icon
    pixmap it painted in its global pixmap cache (10 MB, some 40 thumbnails at
    200 %, of pages long scrolled past): reading a long document filled it.
    Painting the image copies nothing; the thumbnail cache stays the only one.
    """

    def __init__(self, model: ThumbnailModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        # Where the thumbnail goes in a row of a given size, for an image of a given size
        # (the style's layout, asked once: asking costs a second pass over the row's roles).
        self._places: dict[tuple[int, int, int, int], QRect] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        super().paint(painter, option, index)  # selection, page number, grey page
        image = index.data(IMAGE_ROLE)
        if not isinstance(image, QImage) or image.isNull():
            return
        size = (image.size().toSizeF() / (self.model.dpr or 1.0)).toSize()
        rect = option.rect
        key = (rect.width(), rect.height(), size.width(), size.height())
        place = self._places.get(key)
        if place is None:
            place = self._place(option, index, size)
            if place is None:
                return
            self._places[key] = place
        painter.drawImage(place.translated(rect.topLeft()), image)

    def _place(self, option: QStyleOptionViewItem, index, size: QSize) -> QRect | None:
        """The thumbnail's rectangle in the row, relative to the row's top left corner."""
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return None
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, item, widget)
        target = QStyle.alignedRect(item.direction, item.decorationAlignment, size, area)
        return target.translated(-option.rect.topLeft())


class Sidebar(QTabWidget):
    """Tabs 'Pagina's' (thumbnails) and 'Inhoud' (outline); emits the page to show."""

    page_chosen = Signal(int)  # 0-based
    _smallest: QSize | None = None  # see minimumSizeHint (asked during construction, too)

    def __init__(self, service: RenderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        live(self, "setAccessibleName", lambda: self.tr("Zijbalk"))
        self.model = ThumbnailModel(service, self)
        self.thumbnails = QListView()
        self.thumbnails.setObjectName("thumbnails")
        live(self.thumbnails, "setAccessibleName", lambda: self.tr("Paginaminiaturen"))
        self.thumbnails.setModel(self.model)
        self.thumbnails.setItemDelegate(ThumbnailDelegate(self.model, self.thumbnails))
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setFlow(QListView.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Movement.Static)
        self.thumbnails.setResizeMode(QListView.ResizeMode.Adjust)
        self.thumbnails.setUniformItemSizes(True)
        # Rows are laid out a batch at a time between other events: a 5,000-page document
        # costs its first page no wait (all at once took 30 ms there, 4 ms at 500 pages).
        self.thumbnails.setLayoutMode(QListView.LayoutMode.Batched)
        self.thumbnails.setBatchSize(THUMB_LAYOUT_BATCH)
        self.thumbnails.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.5)))
        self.thumbnails.setSpacing(6)
        self.thumbnails.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.thumbnails.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.thumbnails.clicked.connect(lambda index: self.page_chosen.emit(index.row()))
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(SCROLL_RETRY_MS)
        self._scroll_tries = 0
        self._scroll_timer.timeout.connect(self._scroll_to_current)
        self.thumbnails.activated.connect(lambda index: self.page_chosen.emit(index.row()))

        self.outline = QTreeWidget()
        live(self.outline, "setAccessibleName", lambda: self.tr("Inhoudsopgave"))
        self.outline.setHeaderHidden(True)
        self.outline.itemActivated.connect(self._outline_chosen)
        self.outline.itemClicked.connect(self._outline_chosen)

        self.addTab(self.thumbnails, "")
        self.addTab(self.outline, "")
        self.setTabVisible(1, False)  # until a document with a table of contents is open
        live(self.tabBar(), "setAccessibleName", lambda: self.tr("Zijbalk: Pagina's of Inhoud"))
        live(self, "setTabText", lambda: self.tr("Pagina's"), 0)
        live(self, "setTabText", lambda: self.tr("Inhoud"), 1)
        # Wide enough for the thumbnails and for both tabs (large text: no tab arrows).
        live(
            self,
            "setMinimumWidth",
            lambda: max(THUMB_WIDTH + px(60), self.tabBar().sizeHint().width() + px(4)),
        )
        live(self, "setMaximumWidth", lambda: THUMB_WIDTH + px(160))
        follow(self, self._retranslate_outline)

    def minimumSizeHint(self) -> QSize:
        """QTabWidget's, kept until something that changes it happens.

        Qt works it out afresh at each asking (the tab bar, both lists and their
        scroll bars, through the style sheet), and the splitter and the layouts
        ask some twenty times while the document screen is shown: a few tenths
        of a millisecond of every opening."""
        if self._smallest is None:
            self._smallest = super().minimumSizeHint()
        return QSize(self._smallest)

    def event(self, event: QEvent) -> bool:
        if event.type().value in _HINT_CHANGES:
            self._smallest = None
        return super().event(event)

    def set_document(self, sizes: list[tuple[float, float]], dpr: float) -> None:
        """A new document (or its real page sizes): thumbnails; the outline follows."""
        self.model.set_pages(sizes, dpr)

    def set_outline(self, outline: list[OutlineEntry]) -> None:
        """The document's table of contents (read by the engine after the first page)."""
        if not outline and not self.outline.topLevelItemCount() and not self.isTabVisible(1):
            return  # none before, none now: the panel stays as it is (opening costs nothing)
        self.outline.clear()
        parents: list[QTreeWidgetItem] = []
        for entry in outline:
            depth = max(0, min(entry.level - 1, len(parents)))
            del parents[depth:]
            item = QTreeWidgetItem([entry.title])
            item.setData(0, PAGE_ROLE, entry.index)
            if entry.index >= 0:
                item.setToolTip(0, page_text(entry.index + 1))
            if parents:
                parents[-1].addChild(item)
            else:
                self.outline.addTopLevelItem(item)
            parents.append(item)
        self.outline.expandToDepth(0)
        has_outline = bool(outline)
        self.setTabVisible(1, has_outline)
        self.setCurrentIndex(1 if has_outline else 0)

    def _retranslate_outline(self) -> None:
        items = [self.outline.topLevelItem(i) for i in range(self.outline.topLevelItemCount())]
        while items:
            item = items.pop()
            index = item.data(0, PAGE_ROLE)
            if isinstance(index, int) and index >= 0:
                item.setToolTip(0, page_text(index + 1))
            items.extend(item.child(i) for i in range(item.childCount()))

    def show_page(self, index: int) -> None:
        """Follow the reading view: mark (and scroll to) the current page's thumbnail."""
        if 0 <= index < self.model.rowCount():
            model_index = self.model.index(index)
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentIndex(model_index)
            self.thumbnails.blockSignals(False)
            self._scroll_tries = SCROLL_TRIES
            self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        """Scroll to the marked thumbnail; until it is in view, try again a moment later.

        The list lays its rows out a batch at a time (see THUMB_LAYOUT_BATCH) and sets
        its scroll range only once the last batch is done: a row laid out before that
        can lie beyond the range, and scrolling to it stops at the range's end (on a
        busy machine a jump in a long document met the list there and never followed).
        """
        index = self.thumbnails.currentIndex()
        if not index.isValid():
            return
        view = self.thumbnails
        if not view.visualRect(index).isEmpty():
            view.scrollTo(index)
            shown, rect = view.viewport().rect(), view.visualRect(index)
            in_view = shown.contains(rect) or (
                rect.height() >= shown.height() and rect.intersects(shown)
            )
            if in_view or shown.isEmpty():
                return
        if self._scroll_tries > 0:
            self._scroll_tries -= 1
            self._scroll_timer.start()

    def _outline_chosen(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, PAGE_ROLE)
        if isinstance(index, int) and index >= 0:
            self.page_chosen.emit(index)
