"""The reading view: every page below the previous one, scrolled continuously.

Each page is a small widget placed where :class:`PageLayout` says, inside one
tall container; Qt scrolls it and only paints the pages on screen. Images
come from the :class:`RenderService`; this view asks for the pages on screen
and a couple either side, and lets the far ones go. Form field editors are
children of the page widgets, so they scroll with their page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QToolTip, QWidget

from companion.pdf.find import FindHit
from companion.pdf.page_cache import keep_window, render_order
from companion.pdf.page_layout import (
    GAP,
    PageLayout,
    ZoomMode,
    fit_page_scale,
    fit_width_scale,
    step_zoom,
)
from companion.pdf.page_render import LANE_THUMBS, LANE_VIEW
from companion.pdf.pages import Link, PdfPages, Word, words_text
from companion.ui.live import live
from companion.ui.viewer.render_service import RenderService

HIT_COLOUR = QColor(255, 221, 87)
CURRENT_HIT_COLOUR = QColor(255, 150, 40)
SELECTION_COLOUR = QColor(40, 110, 220, 80)
PAGE_BORDER = QColor(170, 176, 184)


@dataclass
class Selection:
    """Text chosen with the mouse on one page; ``rect`` in PDF points."""

    index: int
    rect: tuple[float, float, float, float]
    words: list[Word] = field(default_factory=list)
    dragging: bool = False


class PageWidget(QWidget):
    """One page on screen; painting and mouse handling are done by the canvas."""

    def __init__(self, canvas: PageCanvas, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.index = index
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        live(self, "setAccessibleName", lambda: self.tr("Pagina {page}").format(page=index + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.canvas.paint_page(painter, self)
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.canvas.page_mouse_press(self, event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.canvas.page_mouse_move(self, event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.canvas.page_mouse_release(self, event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.canvas.page_double_click(self, event)


class PageCanvas(QScrollArea):
    """Continuous pages with zoom, find highlights, text selection and links."""

    current_changed = Signal(int)  # 0-based page index
    layout_changed = Signal()
    external_link = Signal(str)
    selection_changed = Signal()

    LINE_STEP = 40
    MARGIN_PAGES = 2

    def __init__(self, service: RenderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.pages: PdfPages | None = None
        self.mode = ZoomMode.FIT_WIDTH
        self.zoom = 1.0
        self.scale = 1.0
        self.page_layout = PageLayout([], 1.0)
        self.page_widgets: list[PageWidget] = []
        self.current = 0
        self.hits: list[FindHit] = []
        self.current_hit = -1
        self._hits_by_page: dict[int, list[int]] = {}
        self.selection: Selection | None = None
        self.dpr_override: float | None = None  # tests fake a HiDPI screen with this
        self._press: tuple[int, QPointF] | None = None
        self._moving = False
        self._placing = False  # set while the view itself scrolls to a chosen page

        self.container = QWidget()
        self.container.setObjectName("pageArea")
        self.setWidget(self.container)
        self.setWidgetResizable(False)
        # A frame only for the focus border of the style sheet (transparent without focus).
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Always there, so fit-width does not flip between two widths.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("pageCanvas")
        live(self, "setAccessibleName", lambda: self.tr("Document"))
        self.verticalScrollBar().setSingleStep(self.LINE_STEP)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self.request_visible)
        service.page_ready.connect(self._page_ready)
        service.page_failed.connect(self._repaint_page)

    # -- document and zoom ----------------------------------------------------

    def set_document(self, pages: PdfPages | None) -> None:
        for widget in self.page_widgets:
            widget.deleteLater()
        self.page_widgets = []
        self.pages = pages
        self.hits, self._hits_by_page, self.current_hit = [], {}, -1
        self.selection = None
        self.current = 0
        if pages is not None:
            self.page_widgets = [
                PageWidget(self, index, self.container) for index in range(pages.page_count)
            ]
            for widget in self.page_widgets:
                widget.show()
        self.relayout(keep_place=False)

    def device_ratio(self) -> float:
        return self.dpr_override or self.devicePixelRatioF()

    def points_per_pixel_100(self) -> float:
        """Screen pixels per PDF point at 100 % (real size on this screen)."""
        return (self.logicalDpiY() or 96) / 72

    def zoom_percent(self) -> int:
        return round(self.scale / self.points_per_pixel_100() * 100)

    def set_zoom(self, mode: ZoomMode, zoom: float | None = None) -> None:
        self.mode = mode
        if zoom is not None:
            self.zoom = zoom
        self.relayout()

    def zoom_step(self, direction: int) -> None:
        current = self.scale / self.points_per_pixel_100()
        self.set_zoom(ZoomMode.FIXED, step_zoom(current, direction))

    def relayout(self, keep_place: bool = True, fit_index: int | None = None) -> None:
        """Place the pages for the current zoom and view size, keeping the reading place.

        ``fit_index`` is the page "fit page" fits (default: the current page).
        """
        anchor = self._anchor() if keep_place else None
        width = self.viewport().width()
        height = self.viewport().height()
        sizes = self.pages.sizes if self.pages else []
        if not sizes:
            self.page_layout = PageLayout([], 1.0, width)
            self.container.resize(width, 0)
            return
        if self.mode is ZoomMode.FIT_WIDTH:
            self.scale = fit_width_scale(sizes, width)
        elif self.mode is ZoomMode.FIT_PAGE:
            index = self.current if fit_index is None else fit_index
            self.scale = fit_page_scale(sizes[index], width, height)
        else:
            self.scale = self.zoom * self.points_per_pixel_100()
        self.page_layout = PageLayout(sizes, self.scale, width)
        self.container.resize(self.page_layout.width, self.page_layout.height)
        for widget, box in zip(self.page_widgets, self.page_layout.boxes, strict=True):
            widget.setGeometry(box.x, box.y, box.width, box.height)
        if anchor is not None:
            index, fraction = anchor
            box = self.page_layout.boxes[index]
            top = round(box.y + fraction * box.height) if fraction > 0 else box.y - GAP // 2
            self._scroll_to(top, index)
        self.layout_changed.emit()
        self.schedule_requests()

    def _anchor(self) -> tuple[int, float] | None:
        if not self.page_layout.boxes:
            return None
        box = self.page_layout.boxes[min(self.current, len(self.page_layout.boxes) - 1)]
        top = self.verticalScrollBar().value()
        return self.current, max(0.0, min(1.0, (top - box.y) / max(1, box.height)))

    # -- where we are -----------------------------------------------------------

    def view_range(self) -> tuple[int, int]:
        top = self.verticalScrollBar().value()
        return top, top + self.viewport().height()

    def visible_pages(self) -> range:
        return self.page_layout.visible(*self.view_range())

    def go_to(self, index: int, y_points: float | None = None) -> None:
        """Show page ``index`` (0-based) at the top, or the spot ``y_points`` on it."""
        if not self.page_layout.boxes:
            return
        index = max(0, min(len(self.page_layout.boxes) - 1, index))
        if self.mode is ZoomMode.FIT_PAGE and self.pages:
            self.relayout(keep_place=False, fit_index=index)
        box = self.page_layout.boxes[index]
        y = box.y - GAP // 2
        if y_points:
            y = box.y + round(y_points * self.scale) - self.viewport().height() // 4
            y = max(y, box.y - GAP // 2)
        self._scroll_to(y, index)

    def _scroll_to(self, y: int, index: int) -> None:
        # Not blockSignals: the scroll area itself moves the pages on valueChanged.
        self._placing = True
        try:
            self.verticalScrollBar().setValue(y)
        finally:
            self._placing = False
        self._set_current(index)
        self.schedule_requests()

    def _scrolled(self, _value: int) -> None:
        if self.page_layout.boxes and not self._placing:
            self._set_current(self.page_layout.most_visible(*self.view_range()))
        self.schedule_requests()

    def _set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self.current_changed.emit(index)

    # -- rendering ---------------------------------------------------------------

    def schedule_requests(self) -> None:
        self._request_timer.start()

    def render_scale(self) -> float:
        return self.scale * self.device_ratio()

    def request_visible(self) -> None:
        """Ask for the pages on screen first, then their neighbours; forget far pages."""
        count = len(self.page_layout.boxes)
        if not count:
            return
        visible = self.visible_pages()
        scale = self.render_scale()
        margin = self._prefetch_margin(visible)
        order = render_order(visible, count, margin)
        self.service.request(LANE_VIEW, [(index, scale) for index in order])
        self.service.evict_far(keep_window(visible, count, margin + 1))

    def _prefetch_margin(self, visible: range) -> int:
        """Pages to prepare either side, as many as fit next to the visible ones.

        Prefetched pages must never push the pages on screen out of the cache.
        """
        ratio = self.device_ratio()
        box = self.page_layout.boxes[visible.start]
        per_page = max(1.0, box.width * ratio * box.height * ratio * 4)
        room = int(self.service.cache.max_bytes * 0.75 // per_page) - len(visible)
        return max(0, min(self.MARGIN_PAGES, room // 2))

    def _page_ready(self, lane: int, index: int) -> None:
        if lane != LANE_THUMBS:
            self._repaint_page(index)

    def _repaint_page(self, index: int) -> None:
        if 0 <= index < len(self.page_widgets):
            self.page_widgets[index].update()

    def is_rendered(self, index: int) -> bool:
        """True when page ``index`` is cached at the scale it is shown at."""
        return self.service.image(index, self.render_scale()) is not None

    def paint_page(self, painter: QPainter, widget: PageWidget) -> None:
        rect = QRectF(widget.rect())
        index = widget.index
        image = self.service.image(index, self.render_scale())
        painter.fillRect(rect, Qt.GlobalColor.white)
        if image is None:
            image = self.service.any_image(index)  # blurry stand-in while the sharp one comes
        if image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(rect, image)
        elif index in self.service.failed:
            painter.setPen(QColor("#a4000f"))  # on the white page, also in high contrast
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignCenter, self.tr("Deze pagina kan niet worden getoond.")
            )
        self._paint_hits(painter, index)
        self._paint_selection(painter, index)
        painter.setPen(QPen(PAGE_BORDER, 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))

    def _to_view(self, rect: tuple[float, float, float, float]) -> QRectF:
        s = self.scale
        x0, y0, x1, y1 = rect
        return QRectF(x0 * s, y0 * s, (x1 - x0) * s, (y1 - y0) * s)

    def _paint_hits(self, painter: QPainter, index: int) -> None:
        numbers = self._hits_by_page.get(index)
        if not numbers:
            return
        painter.save()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for number in numbers:
            colour = CURRENT_HIT_COLOUR if number == self.current_hit else HIT_COLOUR
            for rect in self.hits[number].rects:
                painter.fillRect(self._to_view(rect).adjusted(-1, -1, 1, 1), colour)
        painter.restore()

    def _paint_selection(self, painter: QPainter, index: int) -> None:
        selection = self.selection
        if selection is None or selection.index != index:
            return
        for word in selection.words:
            painter.fillRect(self._to_view(word.rect), SELECTION_COLOUR)
        if selection.dragging:
            painter.setPen(QPen(QColor(40, 110, 220), 1, Qt.PenStyle.DashLine))
            painter.drawRect(self._to_view(selection.rect))

    # -- find highlights --------------------------------------------------------

    def set_hits(self, hits: list[FindHit], current: int = -1) -> None:
        touched = set(self._hits_by_page)
        self.hits = list(hits)
        self._hits_by_page = {}
        for number, hit in enumerate(self.hits):
            self._hits_by_page.setdefault(hit.index, []).append(number)
        self.current_hit = current
        for index in touched | set(self._hits_by_page):
            self._repaint_page(index)

    def show_hit(self, number: int) -> None:
        """Make hit ``number`` the current one and scroll it into view."""
        if not 0 <= number < len(self.hits):
            return
        previous = self.current_hit
        self.current_hit = number
        hit = self.hits[number]
        for index in {hit.index, self.hits[previous].index if previous >= 0 else hit.index}:
            self._repaint_page(index)
        box = self.page_layout.boxes[hit.index]
        top, bottom = self.view_range()
        y0 = box.y + round(hit.top * self.scale)
        y1 = box.y + round(max(r[3] for r in hit.rects) * self.scale)
        if y0 < top or y1 > bottom:
            self._scroll_to(max(0, y0 - self.viewport().height() // 3), hit.index)
        else:
            self._set_current(hit.index)
        x0 = box.x + round(min(r[0] for r in hit.rects) * self.scale)
        self.ensureVisible(x0, y0, 40, 0)

    def highlight_rects(self, index: int) -> list[tuple[float, float, float, float]]:
        """The lit rectangles on one page (PDF points): what a person sees marked."""
        return [rect for n in self._hits_by_page.get(index, []) for rect in self.hits[n].rects]

    # -- text selection and links -----------------------------------------------

    def _points(self, widget: PageWidget, position: QPointF) -> tuple[float, float]:
        return position.x() / self.scale, position.y() / self.scale

    def page_mouse_press(self, widget: PageWidget, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (widget.index, event.position())
            self._moving = False
        elif event.button() == Qt.MouseButton.RightButton:
            self._context_menu(event.globalPosition().toPoint())

    def page_mouse_move(self, widget: PageWidget, event: QMouseEvent) -> None:
        if self._press and event.buttons() & Qt.MouseButton.LeftButton:
            index, start = self._press
            if index != widget.index:
                return
            if not self._moving and (event.position() - start).manhattanLength() < 4:
                return
            self._moving = True
            x0, y0 = self._points(widget, start)
            x1, y1 = self._points(widget, event.position())
            self.select_rect(index, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            self.selection.dragging = True
            return
        if self.pages is None:
            return
        link = self.pages.link_at(widget.index, *self._points(widget, event.position()))
        widget.setCursor(Qt.CursorShape.PointingHandCursor if link else Qt.CursorShape.IBeamCursor)
        if link is not None:
            tip = (
                self.tr("Naar pagina {page}").format(page=link.target + 1)
                if link.internal
                else link.uri
            )
            QToolTip.showText(event.globalPosition().toPoint(), tip, widget)

    def page_mouse_release(self, widget: PageWidget, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        index, start = self._press
        self._press = None
        if self._moving:
            self._moving = False
            if self.selection is not None:
                self.selection.dragging = False
                self._repaint_page(index)
                self.selection_changed.emit()
            return
        link = self.pages.link_at(index, *self._points(widget, start)) if self.pages else None
        self.clear_selection()
        if link is not None:
            self.activate_link(link)

    def page_double_click(self, widget: PageWidget, event: QMouseEvent) -> None:
        if self.pages is None:
            return
        word = self.pages.word_at(widget.index, *self._points(widget, event.position()))
        if word is not None:
            self.selection = Selection(widget.index, word.rect, [word])
            self._repaint_page(widget.index)
            self.selection_changed.emit()

    def select_rect(self, index: int, rect: tuple[float, float, float, float]) -> None:
        """Select the words that ``rect`` (PDF points on page ``index``) touches."""
        if self.pages is None:
            return
        old = self.selection.index if self.selection else None
        self.selection = Selection(index, rect, self.pages.words_in(index, rect))
        for page in {index, old}:
            if page is not None:
                self._repaint_page(page)

    def select_page(self, index: int) -> None:
        if self.pages is not None:
            width, height = self.pages.sizes[index]
            self.select_rect(index, (0, 0, width, height))
            self.selection_changed.emit()

    def clear_selection(self) -> None:
        if self.selection is not None:
            index = self.selection.index
            self.selection = None
            self._repaint_page(index)
            self.selection_changed.emit()

    def selected_text(self) -> str:
        return words_text(self.selection.words) if self.selection else ""

    def copy_selection(self) -> str:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def activate_link(self, link: Link) -> None:
        if link.internal:
            self.go_to(link.target, link.target_y)
        else:
            self.external_link.emit(link.uri)

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        copy = menu.addAction(self.tr("Kopiëren"), self.copy_selection)
        copy.setEnabled(bool(self.selected_text()))
        menu.addAction(
            self.tr("Tekst van deze pagina selecteren"), lambda: self.select_page(self.current)
        )
        menu.popup(position)

    # -- keys, wheel, resize -------------------------------------------------------

    def page_down(self) -> None:
        if not self.page_layout.boxes:
            return
        box = self.page_layout.boxes[self.current]
        top, bottom = self.view_range()
        if box.height <= bottom - top:
            self.go_to(self.current + 1)
        else:
            self.verticalScrollBar().setValue(bottom - self.LINE_STEP)

    def page_up(self) -> None:
        if not self.page_layout.boxes:
            return
        box = self.page_layout.boxes[self.current]
        top, bottom = self.view_range()
        if box.height <= bottom - top:
            self.go_to(self.current if top > box.y else self.current - 1)
        else:
            self.verticalScrollBar().setValue(top - (bottom - top) + self.LINE_STEP)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        bar = self.verticalScrollBar()
        hbar = self.horizontalScrollBar()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_page(self.current)
        elif key == Qt.Key.Key_Down:
            bar.setValue(bar.value() + self.LINE_STEP)
        elif key == Qt.Key.Key_Up:
            bar.setValue(bar.value() - self.LINE_STEP)
        elif key == Qt.Key.Key_PageDown or (
            key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.NoModifier
        ):
            self.page_down()
        elif key == Qt.Key.Key_PageUp or (
            key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ShiftModifier
        ):
            self.page_up()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.page_layout.boxes) - 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods == Qt.KeyboardModifier.NoModifier:
            step = -1 if key == Qt.Key.Key_Left else 1
            if hbar.maximum() > 0:
                hbar.setValue(hbar.value() + step * self.LINE_STEP)
            else:
                self.go_to(self.current + step)
        elif key == Qt.Key.Key_Escape and self.selection is not None:
            self.clear_selection()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_step(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.relayout()
