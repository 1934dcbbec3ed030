"""The reading view: every page below the previous one, scrolled continuously.

One widget paints the pages that are on screen, nothing else: there is no
widget per page, so a 5,000-page document costs the window no more than a
three-page one. Where each page sits comes from :class:`PageLayout` (page
sizes known before any page is drawn). Pixels come from the
:class:`RenderService`: this view asks for the tiles on screen first, then a
screen's worth either side, and lets far pages go. Find highlights, the text
selection and links are in shown page coordinates (after /Rotate), so they
land on the right spot of a turned page too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QMenu, QScrollArea, QToolTip, QWidget

from companion.pdf.content import FindHit, Link, Rect, Word, link_at, word_at, words_in, words_text
from companion.pdf.page_cache import keep_window
from companion.pdf.page_layout import (
    GAP,
    READABLE_FIT_ZOOM,
    PageLayout,
    ZoomMode,
    fit_page_scale,
    fit_width_scale,
    step_zoom,
)
from companion.pdf.tiles import scale_key
from companion.ui.appearance import theme
from companion.ui.live import live
from companion.ui.viewer.page_content import PageContent
from companion.ui.viewer.render_service import (
    LANE_PREFETCH,
    LANE_VIEW,
    THUMB_WIDTH,
    RenderService,
    TileKey,
)

HIT_COLOUR = QColor(255, 221, 87)
FAST_SCROLL = 0.15  # seconds between scroll steps below which the view is moving fast
PREVIEW = 0.5  # the scale of the pages drawn while moving fast, relative to sharp
# After a jump the view keeps what it showed for up to this long (milliseconds) while the
# page's own pixels are drawn, then shows the page as one sharp picture. Only a page
# slower than this shows its stand-in first: painting one costs the GUI thread a few
# milliseconds that, on a two-core machine, the workers drawing the page are short of.
JUMP_HOLD_MS = 50
# A jump's page is painted once, when its last piece is there: not piece by piece. Painting
# the first band as it came (tried in rounds 9 and 10, measured A/B under load 2.6-3.3, 4 x
# 15 jumps each way) cut the work after the last piece by 0.5 ms but cost the window 0.6-1 ms
# more CPU in all (a second frame), held Python's lock while the other band was handed on
# (the bands then came 2.5-8 ms apart instead of 0.3-2.4), and showed a half-old, half-new
# view for a frame. Jumps were not shown sooner (medians 11.0 against 13 ms).
AFTER_PAINT_MS = 100  # read-ahead after a jump waits at most this long for the paint
CURRENT_HIT_COLOUR = QColor(255, 150, 40)
SELECTION_COLOUR = QColor(40, 110, 220, 80)
PAGE_BORDER = QColor(170, 176, 184)


@dataclass
class Selection:
    """Text chosen with the mouse on one page; ``rect`` in shown page points."""

    index: int
    rect: Rect
    words: list[Word] = field(default_factory=list)
    dragging: bool = False


def _scaled(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A pixel rectangle of a page at full scale, at preview scale."""
    return (rect[0] * PREVIEW, rect[1] * PREVIEW, rect[2] * PREVIEW, rect[3] * PREVIEW)


def _paint_border(painter: QPainter, page: QRect, fine: bool) -> None:
    """The page's 1 px edge, inside ``page``.

    ``fine`` (one device pixel per view pixel): four filled lines, the same pixels
    as the outline drawn with a pen at a fraction of the cost (a pen's rectangle
    goes through Qt's stroker: about as many instructions as copying the page's
    pixels). Otherwise the outline, which a scaled painter widens as it should.
    """
    if fine:
        x, y, width, height = page.x(), page.y(), page.width(), page.height()
        painter.fillRect(x, y, width, 1, PAGE_BORDER)
        painter.fillRect(x, y + height - 1, width, 1, PAGE_BORDER)
        if height > 2:
            painter.fillRect(x, y + 1, 1, height - 2, PAGE_BORDER)
            painter.fillRect(x + width - 1, y + 1, 1, height - 2, PAGE_BORDER)
    else:
        painter.setPen(QPen(PAGE_BORDER, 1))
        painter.drawRect(page.adjusted(0, 0, -1, -1))


class PageCanvas(QScrollArea):
    """Continuous pages with zoom, find highlights, text selection and links."""

    current_changed = Signal(int)  # 0-based page index
    layout_changed = Signal()
    view_moved = Signal()  # scrolled or laid out again: overlays follow
    external_link = Signal(str)
    selection_changed = Signal()

    LINE_STEP = 40
    MARGIN_PAGES = 2

    def __init__(
        self, service: RenderService, content: PageContent, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.content = content
        self.mode = ZoomMode.FIT_WIDTH
        self.zoom = 1.0
        self.scale = 1.0
        self.page_layout = PageLayout([], 1.0)
        self._widest_page = 0  # view pixels, as laid out (see _pixel_width)
        self.current = 0
        self.hits: list[FindHit] = []
        self.current_hit = -1
        self._hits_by_page: dict[int, list[int]] = {}
        self.selection: Selection | None = None
        self.dpr_override: float | None = None  # tests fake a HiDPI screen with this
        # Called as (page, sharp) for every page painted: the benchmark's paint check.
        self.paint_listener: Callable[[int, bool], None] | None = None
        self.painted_at: dict[int, float] = {}  # page -> when it was first painted sharp
        self._press: tuple[int, QPointF] | None = None
        self._moving = False
        self._placing = False  # set while the view itself scrolls to a chosen page
        self._opening = False  # set while a new document's first page is asked for
        self._pending_word: tuple[int, float, float] | None = None

        self.setWidgetResizable(False)
        # A frame only for the focus border of the style sheet (transparent without focus).
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Always there, so fit-width does not flip between two widths.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("pageCanvas")
        self.viewport().setObjectName("pageArea")
        self.viewport().setMouseTracking(True)
        # The pages cover most of the view: only the gaps between them are filled
        # (by paintEvent), not the whole view first and the pages over it.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.viewport().setAutoFillBackground(False)
        live(self, "setAccessibleName", lambda: self.tr("Document"))
        self.verticalScrollBar().setSingleStep(self.LINE_STEP)
        self.horizontalScrollBar().setSingleStep(self.LINE_STEP)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)

        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self.request_visible)
        self._fast = False  # scrolling quickly: pages come at half resolution first
        self._caught_up = True  # the last frame showed every page on screen sharp
        self._last_scroll = 0.0
        self._scroll_stopped = QTimer(self)
        self._scroll_stopped.setSingleShot(True)
        self._scroll_stopped.setInterval(round(FAST_SCROLL * 1000))
        self._scroll_stopped.timeout.connect(self._stopped)
        self._holding = False  # a jump's page is on its way: the view waits for it
        # The pieces each page on screen needs, for one view (see _visible_rendered).
        self._on_screen: tuple[PageLayout, tuple, list[tuple[int, list[TileKey]]]] | None = None
        self._around_waits = False  # read-ahead, stand-ins and links wait for the jump's page
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(JUMP_HOLD_MS)
        self._hold_timer.timeout.connect(self._release_hold)
        # What a jump left waiting is asked for once the page is painted (from paintEvent),
        # or after this long if no paint comes (a minimised window paints nothing).
        self._after_paint = False
        self._after_paint_timer = QTimer(self)
        self._after_paint_timer.setSingleShot(True)
        self._after_paint_timer.setInterval(AFTER_PAINT_MS)
        self._after_paint_timer.timeout.connect(self._painted_after_hold)
        # Run right after the paint that showed the page, once its frame is done (not
        # inside it: the frame is on screen a little sooner).
        self._painted_soon = QTimer(self)
        self._painted_soon.setSingleShot(True)
        self._painted_soon.setInterval(0)
        self._painted_soon.timeout.connect(self._painted_after_hold)
        # What shows where the view is (the scroll bar, and what the screen adds with
        # follow_jumps) is repainted after a jump's page, not before it.
        self._followers: list[QWidget] = [self.verticalScrollBar()]
        self._followers_held = False
        service.page_ready.connect(self._page_ready)
        service.tile_ready.connect(self._tile_ready)
        service.page_failed.connect(self._repaint_page)
        content.ready.connect(self._content_ready)

    # -- document and zoom ----------------------------------------------------

    def set_document(self, page_count: int, start: int = 0) -> None:
        """Lay out a new document (the service has its page sizes) and show page ``start``."""
        self.hits, self._hits_by_page, self.current_hit = [], {}, -1
        self.selection = None
        self._pending_word = None
        self.current = 0
        self.painted_at.clear()
        self.relayout(keep_place=False, fit_index=start, ask=False)
        if page_count:
            # Opened: like a jump, the first page's pieces go first and the rest (read-ahead,
            # thumbnails, links) waits until they are painted, also while the screen that
            # shows it is still being switched to.
            self._opening = True
            try:
                self.go_to(start)
            finally:
                self._opening = False

    @property
    def page_count(self) -> int:
        return len(self.page_layout.boxes)

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
        now = self.scale / self.points_per_pixel_100()
        self.zoom = step_zoom(now, direction)
        self.mode = ZoomMode.FIXED
        self.relayout()

    def _sizes(self) -> list[tuple[float, float]]:
        return self.service.sizes

    def _fit_scale(self, fit_index: int | None) -> float:
        sizes = self._sizes()
        width = self.viewport().width()
        if not sizes:
            return 1.0
        if self.mode is ZoomMode.FIT_WIDTH:
            readable = READABLE_FIT_ZOOM * self.points_per_pixel_100()
            return min(fit_width_scale(sizes, width), readable)
        if self.mode is ZoomMode.FIT_PAGE:
            index = self.current if fit_index is None else fit_index
            index = max(0, min(len(sizes) - 1, index))
            return fit_page_scale(sizes[index], width, self.viewport().height())
        return self.zoom * self.points_per_pixel_100()

    def relayout(
        self, keep_place: bool = True, fit_index: int | None = None, ask: bool = True
    ) -> None:
        """Lay the pages out again (zoom, window size or the page sizes changed)."""
        place = self._place() if keep_place and self.page_layout.boxes else None
        self.scale = self._fit_scale(fit_index)
        self.page_layout = PageLayout(self._sizes(), self.scale, self.viewport().width())
        self._widest_page = self.page_layout.widest
        ratio = self.device_ratio()
        height = self.viewport().height()
        self.service.fit_screen(int(self._pixel_width() * ratio * height * ratio * 4))
        self._update_bars()
        if place is not None:
            index, fraction = place
            if index < len(self.page_layout.boxes):
                box = self.page_layout.boxes[index]
                self._scroll_to(box.y + round(fraction * box.height), index)
                if not self._placing and index not in self.visible_pages():
                    self._set_current(self.page_layout.most_visible(*self.view_range()))
        self.viewport().update()
        self.layout_changed.emit()
        self.view_moved.emit()
        if ask:
            self.schedule_requests()

    def _update_bars(self) -> None:
        view = self.viewport()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setRange(0, max(0, self.page_layout.height - view.height()))
        vbar.setPageStep(max(1, view.height()))
        hbar.setRange(0, max(0, self.page_layout.width - view.width()))
        hbar.setPageStep(max(1, view.width()))

    def _place(self) -> tuple[int, float]:
        """The current page and where the top of the view is on it, in page heights."""
        top = self.verticalScrollBar().value()
        current = min(self.current, len(self.page_layout.boxes) - 1)
        box = self.page_layout.boxes[current]
        return current, (top - box.y) / max(1, box.height)

    # -- where we are -----------------------------------------------------------

    def view_range(self) -> tuple[int, int]:
        top = self.verticalScrollBar().value()
        return top, top + self.viewport().height()

    def visible_pages(self) -> range:
        return self.page_layout.visible(*self.view_range())

    def page_rect(self, index: int) -> QRectF:
        """Where page ``index`` is in the view, in logical pixels (may be off screen)."""
        box = self.page_layout.boxes[index]
        return QRectF(
            box.x - self.horizontalScrollBar().value(),
            box.y - self.verticalScrollBar().value(),
            box.width,
            box.height,
        )

    def view_point(self, index: int, x: float, y: float) -> QPoint:
        """The view pixel that shows point (x, y) of page ``index`` (shown points)."""
        rect = self.page_rect(index)
        return QPoint(round(rect.left() + x * self.scale), round(rect.top() + y * self.scale))

    def page_at_view(self, position: QPointF) -> tuple[int, float, float] | None:
        """(page, x, y in shown points) under a view position, or None between pages."""
        if not self.page_layout.boxes:
            return None
        y = position.y() + self.verticalScrollBar().value()
        index = self.page_layout.page_at(y)
        rect = self.page_rect(index)
        if not rect.contains(position):
            return None
        return (
            index,
            (position.x() - rect.left()) / self.scale,
            (position.y() - rect.top()) / self.scale,
        )

    def go_to(self, index: int, y_points: float | None = None) -> None:
        """Show page ``index`` (0-based) at the top, or the spot ``y_points`` on it."""
        if not self.page_layout.boxes:
            return
        index = max(0, min(len(self.page_layout.boxes) - 1, index))
        if self.mode is ZoomMode.FIT_PAGE:
            self.relayout(keep_place=False, fit_index=index)
        box = self.page_layout.boxes[index]
        y = box.y - GAP // 2
        if y_points:
            y = box.y + round(y_points * self.scale) - self.viewport().height() // 4
            y = max(y, box.y - GAP // 2)
        self._scroll_to(y, index, jump=True)

    def follow_jumps(self, *widgets: QWidget) -> None:
        """Widgets that show where the view is (the page number): after a jump they are
        repainted once the page is (see :meth:`_hold_followers`)."""
        self._followers.extend(widgets)

    def _hold_followers(self) -> None:
        """A jump: the scroll bar and the page number are repainted after the page.

        Their values change at once (what code and a screen reader read); only
        their pixels wait, a frame. Painted at once they would take the GUI
        thread (the scroll bar alone 0.2-0.3 ms, through the style) while the
        workers draw the page, which on two cores is time the page waits for.
        """
        if not self._followers_held:
            self._followers_held = True
            for widget in self._followers:
                widget.setUpdatesEnabled(False)

    def _release_followers(self) -> None:
        if self._followers_held:
            self._followers_held = False
            for widget in self._followers:
                widget.setUpdatesEnabled(True)  # and repainted, with their new values

    def _scroll_to(self, y: int, index: int, jump: bool = False) -> None:
        self._fast = False  # a chosen page: sharp at once
        visible = self.isVisible()
        self._holding = visible or self._opening  # paints once the page is there
        bar = self.verticalScrollBar()
        y = max(bar.minimum(), min(bar.maximum(), y))
        # A chosen page: its pieces are asked for first, for where the view goes, and only
        # then is the view moved there (the scroll bar's signals, the overlays following):
        # the workers start drawing while the window does the rest.
        self._request_timer.stop()
        self.request_visible(top=y)
        if jump and self._holding and visible:
            self._hold_followers()  # before the bar moves (its repaint waits for the page)
        self._placing = True
        try:
            bar.setValue(y)
        finally:
            self._placing = False
        if self._holding:
            if self._visible_rendered():
                self._release_hold()
            elif not self._hold_timer.isActive():
                # Jumps in a row (PageDown held) keep the first one's limit: the view
                # shows something new at least every JUMP_HOLD_MS.
                self._hold_timer.start()
        self._set_current(index)

    def _visible_rendered(self) -> bool:
        """Every page on screen is there sharp (asked at each piece of a jump that arrives)."""
        failed, all_cached = self.service.failed, self.service.all_cached
        return all(
            index not in failed and all_cached(pieces)
            for index, pieces in self._pieces_on_screen(*self.view_range())
        )

    def _pieces_on_screen(self, top: int, bottom: int) -> list[tuple[int, list[TileKey]]]:
        """Each page between view heights ``top`` and ``bottom`` with the pieces of it
        shown there (at the scale drawn now).

        Worked out once per view: a jump asks before it moves, when it has moved
        and at every piece that arrives, on the path to the paint.
        """
        scale = self.render_scale()
        view = (
            top,
            bottom,
            self.horizontalScrollBar().value(),
            self.viewport().width(),
            scale,
            self.service.whole_page_bytes(),
        )
        known = self._on_screen
        if known is not None and known[0] is self.page_layout and known[1] == view:
            return known[2]
        key = scale_key(scale)
        pages = [
            (
                index,
                [
                    (index, key, column, row)
                    for column, row in self.service.grid(index, scale).covering(
                        self._pixel_rect(index, top, bottom)
                    )
                ],
            )
            for index in self.page_layout.visible(top, bottom)
        ]
        self._on_screen = (self.page_layout, view, pages)
        return pages

    def _release_hold(self, now: bool = False) -> None:
        """Paint the view: its pages are there, or they took longer than the hold.

        ``now``: the last piece just arrived: painted at once, in this call (not after
        a round of the event loop, where the low-priority paint request waits behind
        whatever else came in).
        """
        self._hold_timer.stop()
        held, self._holding = self._holding, False
        if self._around_waits:
            self._around_waits = False
            # After this paint: asked now, the read-ahead would go first (the paint comes
            # after whatever else the event loop has ready, the request timer included)
            # and cost the page a millisecond or two of the GUI thread.
            self._after_paint = True
            self._after_paint_timer.start()
        elif self._followers_held:
            self._after_paint_timer.start()  # no paint comes (hidden): they follow anyway
        if held:
            if now:
                self.viewport().repaint(self._page_columns())
            else:
                self.viewport().update(self._page_columns())

    def _painted_after_hold(self) -> None:
        """The jump's page is painted (or took too long to be): ask for what waited."""
        if not self._holding:  # (not while a next jump's page is on its way)
            self._release_followers()
        if self._after_paint:
            self._after_paint = False
            self._after_paint_timer.stop()
            self.schedule_requests()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if not self._holding:
            self.viewport().update(self._page_columns() if dx == 0 else self.viewport().rect())

    def _page_columns(self) -> QRect:
        """The columns of the view that pages can cover; the view beside them is always
        the page area's background (repainted only when the layout, the window or the
        horizontal scroll changes it: those update the whole view).

        Pages are centred, so every page lies within the widest one's columns. A move
        up or down (a jump, scrolling) leaves the rest as it was: not filled again.
        """
        view = self.viewport().rect()
        widest = self._widest_page
        if not widest:
            return view
        left = (self.page_layout.width - widest) // 2 - self.horizontalScrollBar().value()
        return QRect(left, 0, widest, view.height()).intersected(view)

    def _scrolled(self, _value: int) -> None:
        if self.page_layout.boxes and not self._placing:
            self._release_hold()  # the reader scrolls on: show what there is
            self._set_current(self.page_layout.most_visible(*self.view_range()))
            now = time.perf_counter()
            if now - self._last_scroll < FAST_SCROLL and not self._caught_up:
                self._fast = True  # moving on before the pages were drawn: previews
                self._scroll_stopped.start()
            self._last_scroll = now
        self.view_moved.emit()
        if not self._placing:  # a chosen page asks for its tiles itself, at once
            self.schedule_requests()

    def _stopped(self) -> None:
        """Scrolling stopped: the pages on screen get their sharp pixels."""
        self._fast = False
        self.schedule_requests()

    def _set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self.current_changed.emit(index)

    # -- rendering ---------------------------------------------------------------

    def schedule_requests(self) -> None:
        self._request_timer.start()

    def render_scale(self) -> float:
        """Device pixels per PDF point: the zoom times the screen's pixel ratio."""
        return self.scale * self.device_ratio()

    def thumb_scale(self, index: int) -> float:
        return THUMB_WIDTH / self.service.boxes[index].width * self.device_ratio()

    def _pixel_rect(
        self, index: int, top: float, bottom: float
    ) -> tuple[float, float, float, float]:
        """The part of page ``index`` between view heights ``top`` and ``bottom``, in its pixels."""
        box = self.page_layout.boxes[index]
        ratio = self.device_ratio()
        left = self.horizontalScrollBar().value()
        x0, x1 = left - box.x, left + self.viewport().width() - box.x
        y0, y1 = top - box.y, bottom - box.y
        return (x0 * ratio, y0 * ratio, x1 * ratio, y1 * ratio)

    def request_visible(self, top: int | None = None) -> None:
        """Ask for the tiles on screen first, then a screen either side; forget far pages.

        ``top``: where the view is about to be scrolled to (a jump asks before it moves).
        """
        count = len(self.page_layout.boxes)
        if not count or not self.service.boxes:
            return
        self._request_visible(top)

    def _request_visible(self, top: int | None = None) -> None:
        count = len(self.page_layout.boxes)
        if top is None:
            top, bottom = self.view_range()
        else:
            bottom = top + self.viewport().height()
        visible = self.page_layout.visible(top, bottom)
        scale = self.render_scale()
        if not self._fast:
            # The pieces on screen are asked for first (they go to the workers together,
            # see RenderService.request); the rest follows with one wake-up of the engine.
            on_screen = [(i, scale, self._pixel_rect(i, top, bottom)) for i in visible]
            self.service.make_room(
                sum(self.service.piece_bytes(i, scale, rect) for i, scale, rect in on_screen)
            )
            self.service.request(LANE_VIEW, on_screen)
            if self._holding:
                # A jump: until its page is painted, the window leaves the two cores to
                # the workers drawing it. Asking for read-ahead, thumbnails and links
                # costs the GUI thread a millisecond or two (and Python's lock, which the
                # engine's thread needs to hand the pixels on); that work could not start
                # before the page's pieces are done anyway (see pool.BACKGROUND).
                self._around_waits = True
                self._request_stand_ins(top, bottom, urgent_only=True)
                self._keep_near(count, top, bottom, visible)
                return
        with self.service.engine.batch():
            self._request_around(count, top, bottom, visible, scale)

    def _request_around(
        self, count: int, top: int, bottom: int, visible: range, scale: float
    ) -> None:
        """Previews while moving fast; otherwise stand-ins, read-ahead and words."""
        if self._fast:
            # Moving on quickly (PageDown held): a quarter of the pixels, four times as
            # fast; the sharp ones follow when the reader stops.
            self.service.request(
                LANE_VIEW,
                [
                    (
                        i,
                        scale * PREVIEW,
                        tuple(v * PREVIEW for v in self._pixel_rect(i, top, bottom)),
                    )
                    for i in visible
                ],
            )
            self.service.request(LANE_PREFETCH, [])
            self.service.evict_far(keep_window(visible, count, 1 + self.MARGIN_PAGES))
            return
        self._request_stand_ins(top, bottom)
        ahead, near = self._keep_near(count, top, bottom, visible)
        wanted = []
        for index in sorted(near, key=lambda i: (i < visible.start, abs(i - visible.start))):
            parts = []
            if ahead and index >= visible.start:
                parts.append(self._pixel_rect(index, bottom, bottom + ahead))
            if ahead and index <= visible.stop - 1:  # people mostly read down
                parts.append(self._pixel_rect(index, top - ahead // 3, top))
            wanted.extend((index, scale, part) for part in parts)
        self.service.request(LANE_PREFETCH, wanted)
        self.content.want(visible)

    def _keep_near(self, count: int, top: int, bottom: int, visible: range) -> tuple[int, range]:
        """Let far pages go (pieces still on their way there too); returns how far beyond
        the screen to read ahead (view pixels) and the pages that reach."""
        ahead = self._prefetch_height(visible, bottom - top)
        near = self.page_layout.visible(max(0, top - ahead // 3), bottom + ahead)
        margin = max(1, len(near) - len(visible))
        self.service.evict_far(keep_window(visible, count, margin + self.MARGIN_PAGES))
        return ahead, near

    def _request_stand_ins(self, top: int, bottom: int, urgent_only: bool = False) -> None:
        """Thumbnails to stand in for pages on screen while their sharp pieces are drawn.

        A thumbnail costs a worker a moment, so it goes first only where the sharp
        page takes three rounds of the workers or more (a HiDPI screen, high zoom);
        otherwise right after the tiles (and not at all while ``urgent_only``).
        """
        workers = 2 * self.service.engine.pool.size
        first, after = [], []
        for index, pieces in self._pieces_on_screen(top, bottom):
            tiles = len(pieces)
            if (urgent_only and tiles <= workers) or self.service.all_cached(pieces):
                continue
            (first if tiles > workers else after).append((index, self.thumb_scale(index)))
        if first:
            self.service.request_thumbnails(first, urgent=True)
        if after and not urgent_only:
            self.service.request_thumbnails(after)

    def _pixel_width(self) -> int:
        """How wide the page pixels on screen are at most (view pixels): the view's width,
        or the widest page where the pages are narrower (fit width stops at a readable
        size on a wide screen). A screen of page pixels is this times the view's height."""
        return min(self.viewport().width(), self._widest_page or self.viewport().width())

    def _prefetch_height(self, visible: range, height: int) -> int:
        """How far beyond the screen to prepare: up to a screen, as far as the cache allows.

        Prefetched pixels must never push the pixels on screen out of the cache.
        """
        ratio = self.device_ratio()
        width = self._pixel_width() * ratio
        row_bytes = max(1.0, width * ratio * 4)  # a logical row of the view, in bytes
        on_screen = row_bytes * height * 1.25  # pieces sticking out above and below
        room = self.service.tiles.max_bytes * 0.9 - on_screen
        return max(0, int(min(height, room / row_bytes)))

    def _page_ready(self, lane: int, index: int) -> None:
        self._repaint_page(index)

    def _tile_ready(self, index: int, scale: int, clip: tuple[int, int, int, int]) -> None:
        """Repaint only where a tile that arrived goes (a page is several tiles)."""
        if scale != round(self.render_scale() * 1000) or index not in self.visible_pages():
            return
        if self._holding:
            if self._visible_rendered():
                self._release_hold(now=True)  # the view at once, sharp
            return
        page = self.page_rect(index)
        ratio = self.device_ratio()
        x0, y0, x1, y1 = clip
        area = QRectF(
            page.left() + x0 / ratio, page.top() + y0 / ratio, (x1 - x0) / ratio, (y1 - y0) / ratio
        )
        self.viewport().update(area.toAlignedRect().adjusted(-1, -1, 1, 1))

    def _repaint_page(self, index: int) -> None:
        if self._holding:
            # Its pixels, a thumbnail or a failure came: the view stays as it is until the
            # pages on screen are there, or one cannot be drawn (its placeholder says so).
            if index in self.service.failed or self._visible_rendered():
                self._release_hold()
            return
        if 0 <= index < len(self.page_layout.boxes) and index in self.visible_pages():
            self.viewport().update(self.page_rect(index).toAlignedRect().adjusted(-1, -1, 1, 1))

    def is_rendered(self, index: int) -> bool:
        """True when the part of page ``index`` on screen is drawn sharp (cached)."""
        if not 0 <= index < len(self.page_layout.boxes) or index not in self.visible_pages():
            return False
        top, bottom = self.view_range()
        return self.service.is_rendered(
            index, self.render_scale(), self._pixel_rect(index, top, bottom)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            area = event.rect()
            exposed = QRectF(area)
            top = self.verticalScrollBar().value()
            left = self.horizontalScrollBar().value()
            visible = self.page_layout.visible(top + exposed.top(), top + exposed.bottom() + 1)
            scale = self.render_scale()
            now = time.perf_counter()
            boxes = self.page_layout.boxes
            aligned = [
                QRect(box.x - left, box.y - top, box.width, box.height)
                for box in (boxes[index] for index in visible)
            ]
            if not any(page.contains(area) for page in aligned):  # (a piece of one page)
                gaps = QRegion(area)
                for page in aligned:
                    gaps -= QRegion(page)
                background = QColor(theme().page_area)
                for gap in gaps:
                    painter.fillRect(gap, background)
            caught_up = True
            fine = self.viewport().devicePixelRatio() == 1
            for index, page in zip(visible, aligned, strict=True):
                rect = QRectF(page)
                sharp = self.service.paint_page(painter, index, rect, scale, exposed)
                caught_up = caught_up and sharp
                self._paint_hits(painter, index, rect)
                self._paint_selection(painter, index, rect)
                _paint_border(painter, page, fine)
                if sharp and index not in self.painted_at:
                    self.painted_at[index] = now
                if self.paint_listener is not None:
                    self.paint_listener(index, sharp)
            self._caught_up = caught_up
        finally:
            painter.end()
        if (self._after_paint or self._followers_held) and not self._holding:
            self._painted_soon.start()

    def _to_view(self, rect: Rect, page: QRectF) -> QRectF:
        s = self.scale
        x0, y0, x1, y1 = rect
        return QRectF(page.left() + x0 * s, page.top() + y0 * s, (x1 - x0) * s, (y1 - y0) * s)

    def _paint_hits(self, painter: QPainter, index: int, page: QRectF) -> None:
        numbers = self._hits_by_page.get(index)
        if not numbers or index in self.service.failed:
            return
        painter.save()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for number in numbers:
            colour = CURRENT_HIT_COLOUR if number == self.current_hit else HIT_COLOUR
            for rect in self.hits[number].rects:
                painter.fillRect(self._to_view(rect, page).adjusted(-1, -1, 1, 1), colour)
        painter.restore()

    def _paint_selection(self, painter: QPainter, index: int, page: QRectF) -> None:
        selection = self.selection
        if selection is None or selection.index != index:
            return
        for word in selection.words:
            painter.fillRect(self._to_view(word.rect, page), SELECTION_COLOUR)
        if selection.dragging:
            painter.setPen(QPen(QColor(40, 110, 220), 1, Qt.PenStyle.DashLine))
            painter.drawRect(self._to_view(selection.rect, page))

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
        for index in {
            hit.index,
            self.hits[previous].index if 0 <= previous < len(self.hits) else hit.index,
        }:
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
        hbar = self.horizontalScrollBar()
        if not hbar.value() <= x0 <= hbar.value() + self.viewport().width() - 40:
            hbar.setValue(max(0, x0 - 40))

    def highlight_rects(self, index: int) -> list[Rect]:
        """The lit rectangles on one page (shown points): what a person sees marked."""
        return [rect for n in self._hits_by_page.get(index, []) for rect in self.hits[n].rects]

    # -- text selection and links -----------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        spot = self.page_at_view(event.position())
        if event.button() == Qt.MouseButton.LeftButton and spot is not None:
            index, x, y = spot
            if index in self.service.failed:
                self.service.retry(index)  # a click on a placeholder tries once more
                self.schedule_requests()
                return
            self.content.words(index, priority=0.0)  # a selection may follow: read them now
            self._press = (index, QPointF(x, y))
            self._moving = False
        elif event.button() == Qt.MouseButton.RightButton:
            self._context_menu(event.globalPosition().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        spot = self.page_at_view(event.position())
        if self._press and event.buttons() & Qt.MouseButton.LeftButton:
            index, start = self._press
            rect = self.page_rect(index)
            x = (event.position().x() - rect.left()) / self.scale
            y = (event.position().y() - rect.top()) / self.scale
            distance = (abs(x - start.x()) + abs(y - start.y())) * self.scale
            if not self._moving and distance < 4:
                return
            self._moving = True
            x0, y0 = start.x(), start.y()
            self.select_rect(index, (min(x0, x), min(y0, y), max(x0, x), max(y0, y)))
            if self.selection is not None:
                self.selection.dragging = True
            return
        link = None
        if spot is not None:
            links = self.content.links(spot[0])
            link = link_at(links, spot[1], spot[2]) if links else None
        cursor = Qt.CursorShape.PointingHandCursor if link else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(cursor if spot else Qt.CursorShape.ArrowCursor)
        if link is not None:
            tip = (
                self.tr("Naar pagina {page}").format(page=link.target + 1)
                if link.internal
                else link.uri
            )
            QToolTip.showText(event.globalPosition().toPoint(), tip, self.viewport())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
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
        links = self.content.links(index, priority=0.0)
        link = link_at(links, start.x(), start.y()) if links else None
        self.clear_selection()
        if link is not None:
            self.activate_link(link)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        spot = self.page_at_view(event.position())
        if spot is None:
            return
        index, x, y = spot
        words = self.content.words(index, priority=0.0)
        if words is None:
            self._pending_word = spot  # finished when the words arrive
            return
        self._select_word(index, words, x, y)

    def _select_word(self, index: int, words: list[Word], x: float, y: float) -> None:
        word = word_at(words, x, y)
        if word is not None:
            self.selection = Selection(index, word.rect, [word])
            self._repaint_page(index)
            self.selection_changed.emit()

    def _content_ready(self, index: int) -> None:
        if self._pending_word and self._pending_word[0] == index:
            words = self.content.words(index)
            if words is not None:
                _index, x, y = self._pending_word
                self._pending_word = None
                self._select_word(index, words, x, y)
        selection = self.selection
        if selection is not None and selection.index == index and not selection.words:
            self.select_rect(index, selection.rect)
            self.selection_changed.emit()

    def select_rect(self, index: int, rect: Rect) -> None:
        """Select the words that ``rect`` (shown points on page ``index``) touches."""
        old = self.selection.index if self.selection else None
        words = self.content.words(index, priority=0.0)
        self.selection = Selection(index, rect, words_in(words, rect) if words else [])
        for page in {index, old}:
            if page is not None:
                self._repaint_page(page)

    def select_page(self, index: int) -> None:
        if 0 <= index < len(self.service.boxes):
            box = self.service.boxes[index]
            self.select_rect(index, (0, 0, box.width, box.height))
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
