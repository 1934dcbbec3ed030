"""Page pixels for every view of one document: requests, caches and painting.

One :class:`RenderService` per viewer. Views say which pages they want at
which scale (and which part is on screen); the service asks the engine
workers for the tiles that are missing, most urgent first, cancels what is
no longer wanted, and keeps what arrives in a cache capped in bytes. The
reading view, the thumbnails, the projector and the presenter view all draw
through :meth:`paint_page`, so a page is rendered once, and while the sharp
tiles are on their way a page shows its thumbnail or the last image it had
(never a white sheet). A page the engine could not draw (too slow, a crash,
damaged) gets a placeholder with the reason; the rest keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from companion.pdf.engine.failures import page_reason
from companion.pdf.engine.pool import Ticket
from companion.pdf.engine.protocol import OPEN_FAILURES, DocumentRef, Failure, Render
from companion.pdf.page_box import PageBox
from companion.pdf.page_cache import ByteLRU
from companion.pdf.tiles import (
    WHOLE_PAGE_BYTES,
    TileGrid,
    grid_for,
    page_pixels,
    scale_key,
    whole_page,
)
from companion.ui.texts import ui_text
from companion.ui.viewer.engine_client import EngineClient

log = logging.getLogger(__name__)

# Lanes, most urgent first. Each lane's wanted set replaces its previous one.
LANE_PRESENT = 0
LANE_VIEW = 1
LANE_PREFETCH = 2
LANE_THUMBS = 3
PRIORITY = {LANE_PRESENT: 0.0, LANE_VIEW: 2.0, LANE_PREFETCH: 4.0, LANE_THUMBS: 6.0}
STAND_IN_PRIORITY = 1.0  # a thumbnail for a page on screen that has nothing yet

DEFAULT_MAX_BYTES = 96 * 2**20
# The page pixels kept: the screen's worth and some, between these bounds.
SCREENS_KEPT = 1.5
MIN_CACHE_BYTES = 24 * 2**20
# About 60 thumbnails on an ordinary screen, 15 on a 200 % one (the side panel shows
# 4-6, the pages on screen need one each while they are drawn); more only cost memory.
THUMB_MAX_BYTES = 4 * 2**20
THUMB_WIDTH = 110
_WIDTH_HEIGHT = itemgetter(0, 1)  # a PageBox's (width, height)

TileKey = tuple[int, int, int, int]  # page, scale key, column, row
PLACEHOLDER_COLOUR = QColor(238, 238, 240)
WAITING_COLOUR = QColor(244, 244, 246)


def image_bytes(image: QImage) -> int:
    return int(image.sizeInBytes())


def _draw_pieces(painter: QPainter, target: QRectF, grid: TileGrid, pieces) -> None:
    """Draw (column, row, image) pieces of a page cut by ``grid`` into ``target``."""
    fx, fy = grid.width / max(1e-6, target.width()), grid.height / max(1e-6, target.height())
    for column, row, image in pieces:
        x0, y0, x1, y1 = grid.clip(column, row)
        area = QRectF(
            target.left() + x0 / fx, target.top() + y0 / fy, (x1 - x0) / fx, (y1 - y0) / fy
        )
        painter.drawImage(area, image)


def placeholder_title() -> str:
    return QCoreApplication.translate("RenderService", "Deze pagina kan niet worden getoond")


def placeholder_hint() -> str:
    return QCoreApplication.translate(
        "RenderService", "Klik op de pagina om het opnieuw te proberen."
    )


@dataclass
class _Wanted:
    ticket: Ticket
    priority: float
    lanes: set[int] = field(default_factory=set)
    clip: tuple[int, int, int, int] = (0, 0, 0, 0)


class RenderService(QObject):
    """Tiles, thumbnails and placeholders for the open document."""

    page_ready = Signal(int, int)  # lane, page index (thumbnails, whole pages)
    tile_ready = Signal(int, int, object)  # page index, scale key, clip (x0, y0, x1, y1) px
    page_failed = Signal(int)
    document_failed = Signal(object)  # Failure: the document itself cannot be opened

    def __init__(
        self,
        engine: EngineClient,
        parent: QObject | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        thumb_max_bytes: int = THUMB_MAX_BYTES,
        deadline: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.deadline = deadline or (lambda: 10.0)
        self.max_bytes = max_bytes
        self._screen_cap = max_bytes
        self.tiles: ByteLRU[TileKey, QImage] = ByteLRU(max_bytes, image_bytes)
        self.thumbs: ByteLRU[tuple[int, int], QImage] = ByteLRU(thumb_max_bytes, image_bytes)
        self.boxes: list[PageBox] = []
        self._sizes: list[tuple[float, float]] = []
        self.doc: DocumentRef | None = None
        self.failed: dict[int, Failure] = {}
        self._on_screen: set[TileKey] = set()  # the pieces the view shows now
        self.generation = 0
        self.rendered_count = 0
        self._wanted: dict[TileKey | tuple[int, int], _Wanted] = {}
        self._lane_keys: dict[int, set] = {lane: set() for lane in PRIORITY}
        self._keep: range | None = None
        self._requested = 0  # bytes of the pieces on their way, as last counted
        # How each page is cut at each scale, asked for several times per frame and jump:
        # (page, scale) -> (whole-page bytes it was cut for, grid).
        self._grids: dict[tuple[int, float], tuple[int, TileGrid]] = {}
        engine.pool.pixel_memory.budget = self._spare_room

    # -- documents -------------------------------------------------------------

    def open(self, doc: DocumentRef, boxes: Sequence[PageBox]) -> None:
        self.close_document()
        self.doc = doc
        self.set_boxes(boxes)

    def set_boxes(self, boxes: Sequence[PageBox]) -> None:
        """The real sizes arrived (they were guessed from the first page until now)."""
        self.boxes = list(boxes)
        # (width, height) per page, made once: opening asks for them three times.
        self._sizes = list(map(_WIDTH_HEIGHT, self.boxes))
        self._grids.clear()

    def close_document(self) -> None:
        self.generation += 1
        for wanted in self._wanted.values():
            self.engine.cancel(wanted.ticket)
        self._wanted.clear()
        for keys in self._lane_keys.values():
            keys.clear()
        self.tiles.clear()
        self.thumbs.clear()
        self.failed.clear()
        self._on_screen = set()
        self.boxes = []
        self._sizes = []
        self._grids.clear()
        self.doc = None
        self._keep = None

    def fit_screen(self, screen_bytes: int) -> None:
        """Size the page cache to the view: 1.5 screens of pixels, 24 MB to the cap given.

        ``screen_bytes``: the page pixels one screen shows (pages narrower than
        the view leave the rest of its width empty). A 200 % screen holds four
        times the pixels of a 100 % one; a fixed cap would either waste memory
        on small screens or not hold one big one.
        """
        self._screen_cap = int(max(MIN_CACHE_BYTES, screen_bytes * SCREENS_KEPT))
        self._set_cap(self._screen_cap)

    def make_room(self, visible_bytes: int) -> None:
        """Never less room than the pixels on screen need, and a little more.

        The cap follows the screen's size, but the pieces on screen can stick
        out above and below it; if they did not fit, the cache would throw out
        one to take another and the page would never be whole.
        """
        self._set_cap(max(self._screen_cap, int(visible_bytes * 1.25)))

    def _set_cap(self, wanted: int) -> None:
        cap = max(1, min(self.max_bytes, wanted))
        if cap != self.tiles.max_bytes:
            self.tiles.set_max_bytes(cap)

    @property
    def sizes(self) -> list[tuple[float, float]]:
        """Each page's (width, height) in points; the same list until the boxes change."""
        return self._sizes

    def grid(self, index: int, scale: float) -> TileGrid:
        whole = self._whole_bytes()
        known = self._grids.get((index, scale))
        if known is not None and known[0] == whole:
            return known[1]
        box = self.boxes[index]
        width, height = page_pixels(box.width, box.height, scale)
        grid = grid_for(width, height, whole)
        if len(self._grids) >= 512:  # zoomed often: start afresh
            self._grids.clear()
        self._grids[(index, scale)] = (whole, grid)
        return grid

    def whole_page_bytes(self) -> int:
        """Pages up to this many bytes come in one piece (the engine's warm-up asks)."""
        return self._whole_bytes()

    def _whole_bytes(self) -> int:
        """Pages up to this many bytes come in one piece; larger ones in tiles.

        No larger than on an ordinary screen (a quarter of the smallest cache):
        on a 200 % screen the previews drawn while scrolling fast (8 MB a page)
        come in bands, so each worker's pixel block stays the size of a band.
        """
        return max(1, min(WHOLE_PAGE_BYTES, self.tiles.max_bytes // 4, MIN_CACHE_BYTES // 4))

    def piece_bytes(self, index: int, scale: float, rect) -> int:
        """Bytes of the pieces of page ``index`` that cover ``rect`` (pixels at ``scale``)."""
        if not 0 <= index < len(self.boxes):
            return 0
        grid = self.grid(index, scale)
        total = 0
        for column, row in grid.covering(rect):
            x0, y0, x1, y1 = grid.clip(column, row)
            total += (x1 - x0) * (y1 - y0) * 4
        return total

    # -- asking for pixels ------------------------------------------------------------

    def request(
        self,
        lane: int,
        wanted: Sequence[
            tuple[int, float] | tuple[int, float, tuple[float, float, float, float] | None]
        ],
    ) -> None:
        """Make ``lane``'s wanted set these pages (index, scale[, visible pixel rect]).

        Tiles already cached or on their way are not asked again; what the
        lane wanted before and no longer does is cancelled.
        """
        keys: list[tuple[TileKey, TileGrid]] = []
        for item in wanted:
            index, scale = item[0], item[1]
            rect = item[2] if len(item) > 2 else None  # type: ignore[misc]
            if not 0 <= index < len(self.boxes) or index in self.failed or scale <= 0:
                continue
            grid = self.grid(index, scale)
            key = scale_key(scale)
            keys.extend(((index, key, c, r), grid) for c, r in grid.covering(rect))
        if lane == LANE_VIEW:
            self._on_screen = {key for key, _grid in keys}
        # The pieces go to the workers together: their messages are written one right after
        # the other once all are asked. Sent one by one, the first worker woke up and could
        # take this thread's core (or Python's lock) before the second piece was even asked
        # for: measured under load, 2-10 ms between the two bands of a jump, and the page
        # waits for its last band.
        with self.engine.batch():
            self._want(lane, keys, lambda key, grid: self._render_request(key, grid))
        self._make_room_for_requested()
        self._count_requested()

    def request_thumbnails(self, wanted: Sequence[tuple[int, float]], urgent: bool = False) -> None:
        """Thumbnails (sidebar, and stand-ins for pages on screen when ``urgent``)."""
        keys = []
        for index, scale in wanted:
            if 0 <= index < len(self.boxes) and index not in self.failed:
                box = self.boxes[index]
                width, height = page_pixels(box.width, box.height, scale)
                keys.append(((index, scale_key(scale)), whole_page(width, height)))
        if urgent:
            self._want(-1, keys, self._thumb_request, priority=STAND_IN_PRIORITY, replace=False)
        else:
            self._want(LANE_THUMBS, keys, self._thumb_request, replace=False, limit=60)

    def _render_request(self, key: TileKey, grid: TileGrid) -> Render:
        """One piece of a page: key (page, scale, column, row)."""
        assert self.doc is not None
        clip = grid.clip(key[2], key[3])
        return Render(self.doc, page=key[0], width=grid.width, height=grid.height, clip=clip)

    def _thumb_request(self, key: tuple[int, int], grid: TileGrid) -> Render:
        """A whole page, small: key (page, scale)."""
        return self._render_request((key[0], key[1], 0, 0), grid)

    def _want(self, lane, keys, make, *, priority=None, replace=True, limit=0) -> None:
        if self.doc is None:
            return
        base = PRIORITY.get(lane, 0.0) if priority is None else priority
        deadline = self.deadline()
        lane_keys = self._lane_keys.setdefault(lane, set())
        new = {key for key, _grid in keys}
        if replace:
            for key in lane_keys - new:
                self._unwant(lane, key)
        elif limit:
            fresh = [k for k, _g in keys if k not in lane_keys]
            overflow = len(lane_keys) + len(fresh) - limit
            for key in list(lane_keys)[: max(0, overflow)]:
                self._unwant(lane, key)
        for order, (key, grid) in enumerate(keys):
            if self._cached(key):
                continue
            rank = base + order * 1e-4
            entry = self._wanted.get(key)
            if entry is not None and (entry.priority <= rank or entry.ticket.started):
                entry.lanes.add(lane)
                lane_keys.add(key)
                continue
            lanes = {lane}
            if entry is not None:  # waiting at a lower priority: ask again, sooner
                self.engine.cancel(entry.ticket)
                lanes |= entry.lanes
            ticket = self.engine.submit(
                make(key, grid),
                partial(self._arrived, self.generation, key),
                priority=rank,
                deadline=deadline,
            )
            self._wanted[key] = _Wanted(
                ticket, rank, lanes, getattr(ticket.request, "clip", (0, 0, 0, 0))
            )
            lane_keys.add(key)

    def _unwant(self, lane: int, key) -> None:
        self._lane_keys[lane].discard(key)
        entry = self._wanted.get(key)
        if entry is None:
            return
        entry.lanes.discard(lane)
        if not entry.lanes:
            self.engine.cancel(entry.ticket)
            del self._wanted[key]

    def _cached(self, key) -> bool:
        return key in self.thumbs if len(key) == 2 else key in self.tiles

    def pending(self) -> int:
        return len(self._wanted)

    def _arrived(self, generation: int, key, answer: object) -> None:
        if generation != self.generation:
            return  # a page of a document that is no longer shown
        entry = self._wanted.pop(key, None)
        lanes = entry.lanes if entry else set()
        for lane in lanes:
            self._lane_keys.get(lane, set()).discard(key)
        index = key[0]
        if isinstance(answer, Failure):
            self._failed(index, answer)
            return
        if not isinstance(answer, QImage):
            return
        thumb = len(key) == 2
        if not thumb and self._keep is not None and index not in self._keep:
            return  # scrolled far away while it was being drawn
        if thumb:
            self.thumbs.put(key, answer)
        else:
            self._make_space(image_bytes(answer))
            self.tiles.put(key, answer)
            self._count_requested()
        self.rendered_count += 1
        if thumb:
            self.page_ready.emit(LANE_THUMBS, index)
        elif entry is not None:
            self.tile_ready.emit(index, key[1], entry.clip)
            if LANE_PRESENT in lanes:
                self.page_ready.emit(LANE_PRESENT, index)
        else:  # asked twice and answered twice: repaint the page to be sure
            self.page_ready.emit(LANE_VIEW, index)

    def _make_space(self, size: int, keep_pages: frozenset[int] = frozenset()) -> None:
        """Let go of pieces that are not on screen, oldest first, before one comes in.

        Plain least-recently-used would as soon throw out a piece on screen that
        arrived early (and leave a hole there) as a stale preview. The pieces
        still being drawn count as held: their pixels are copied into the
        window the moment a worker is done, and may wait there for the GUI
        thread, so the cap covers what is cached and what is on its way.
        """
        room = self.tiles.max_bytes - self.requested_bytes()
        for key in self.tiles:  # oldest first
            if self.tiles.total_bytes + size <= room:
                return
            if key not in self._on_screen and key[0] not in keep_pages:
                self.tiles.discard(key)

    def requested_bytes(self) -> int:
        """Bytes of the page pieces asked for and not yet arrived (thumbnails apart)."""
        total = 0
        for key, wanted in self._wanted.items():
            if len(key) == 4:
                x0, y0, x1, y1 = wanted.clip
                total += (x1 - x0) * (y1 - y0) * 4
        return total

    def _spare_room(self) -> int:
        """Bytes of pixel memory that may wait for reuse (the engine's memory asks, from
        any thread): what the cached pieces and those on their way leave of the cap."""
        return self.tiles.max_bytes - self.tiles.total_bytes - self._requested

    def _count_requested(self) -> None:
        self._requested = self.requested_bytes()
        self.engine.pool.pixel_memory.fit()

    def _make_room_for_requested(self) -> None:
        """Room for the pieces just asked for, made now, before their pixels exist.

        What goes is what the view no longer shows (a stand-in of another zoom
        on a page on screen stays until the sharp pieces replace it).
        """
        self._make_space(0, frozenset(key[0] for key in self._on_screen))

    def _failed(self, index: int, failure: Failure) -> None:
        if failure.kind in OPEN_FAILURES:
            self.document_failed.emit(failure)
            return
        if failure.kind == "closed":
            return
        name = self.doc.name if self.doc else "?"
        log.warning(
            "page %d of %s not shown: %s (%s)", index + 1, name, failure.kind, failure.detail
        )
        self.failed[index] = failure
        for key in [k for k in self._wanted if k[0] == index]:
            self.engine.cancel(self._wanted.pop(key).ticket)
        self.page_failed.emit(index)

    def retry(self, index: int) -> None:
        """Try a page that failed once more (after the person clicked its placeholder)."""
        if self.failed.pop(index, None) is not None:
            self.page_ready.emit(LANE_VIEW, index)

    def evict_far(self, keep: range) -> None:
        """Forget pages outside ``keep``; tiles on their way there too.

        Those are cancelled, not only dropped when they arrive: after a jump, a
        read-ahead piece of the place left behind would otherwise hold a worker
        (and the engine's thread, which hands it on) while the page jumped to
        waits for it. A piece being drawn is stopped (see ``EnginePool.cancel``).
        """
        self._keep = keep
        self.tiles.evict(lambda key: key[0] not in keep)
        far = [key for key in self._wanted if len(key) == 4 and key[0] not in keep]
        for key in far:
            entry = self._wanted.pop(key)
            for lane in entry.lanes:
                self._lane_keys.get(lane, set()).discard(key)
            self.engine.cancel(entry.ticket)
        if far:
            self._count_requested()

    # -- what there is ------------------------------------------------------------------

    def thumbnail(self, index: int, scale: float) -> QImage | None:
        return self.thumbs.get((index, scale_key(scale)))

    def any_thumbnail(self, index: int) -> QImage | None:
        """The largest thumbnail of page ``index`` at any scale (a stand-in while one comes)."""
        best = None
        for key in self.thumbs:
            if key[0] == index:
                image = self.thumbs.peek(key)
                if image is not None and (best is None or image.width() > best.width()):
                    best = image
        return best

    def is_rendered(self, index: int, scale: float, rect=None) -> bool:
        """True when every tile of page ``index`` in ``rect`` (all when None) is cached."""
        if not 0 <= index < len(self.boxes) or index in self.failed:
            return False
        key = scale_key(scale)
        tiles = self.grid(index, scale).covering(rect)
        return self.all_cached([(index, key, c, r) for c, r in tiles])

    def all_cached(self, pieces: list[TileKey]) -> bool:
        """True when there are pieces and every one of them is cached (ready to paint)."""
        cached = self.tiles
        return bool(pieces) and all(piece in cached for piece in pieces)

    # -- painting --------------------------------------------------------------------------

    def paint_page(
        self,
        painter: QPainter,
        index: int,
        target: QRectF,
        scale: float,
        exposed: QRectF | None = None,
        *,
        clickable: bool = True,
    ) -> bool:
        """Draw page ``index`` in ``target`` (logical pixels) at ``scale`` device px per point.

        Only the tiles under ``exposed`` are drawn (``clickable``: a failed
        page's placeholder says a click tries again). Returns True when what
        shows is sharp, False while a stand-in (thumbnail, last image, plain
        page) fills in for tiles on their way or when the page failed.
        """
        if index in self.failed:
            self.paint_placeholder(painter, target, self.failed[index], clickable)
            return False
        if not 0 <= index < len(self.boxes):
            return False
        grid = self.grid(index, scale)
        area = target if exposed is None else target.intersected(exposed)
        fx, fy = grid.width / max(1e-6, target.width()), grid.height / max(1e-6, target.height())
        pixel_rect = (
            (area.left() - target.left()) * fx,
            (area.top() - target.top()) * fy,
            (area.right() - target.left()) * fx,
            (area.bottom() - target.top()) * fy,
        )
        key = scale_key(scale)
        tiles = grid.covering(pixel_rect)
        # get, not peek: what shows is what was used last, so it is the last to go.
        images = [(c, r, self.tiles.get((index, key, c, r))) for c, r in tiles]
        sharp = bool(images) and all(image is not None for _c, _r, image in images)
        if not sharp:
            self._paint_stand_in(painter, index, target, key)
        _draw_pieces(painter, target, grid, [(c, r, image) for c, r, image in images if image])
        return sharp

    def _paint_stand_in(self, painter: QPainter, index: int, target: QRectF, key: int) -> None:
        """What shows while the sharp tiles are drawn: a thumbnail or the last image."""
        painter.save()
        thumb = self.any_thumbnail(index)
        if thumb is not None:
            # Unsmoothed: it shows for a moment, and smoothing a page-sized area costs
            # more than the moment.
            painter.drawImage(target, thumb)
        else:
            painter.fillRect(target, WAITING_COLOUR)
        # Tiles of another zoom (the page as it was a moment ago, or a preview drawn
        # while scrolling fast) are sharper than a thumbnail; unsmoothed, for speed.
        other = sorted(
            {k[1] for k in self.tiles if k[0] == index and k[1] != key},
            key=lambda scale: abs(scale - key),
        )
        if other:
            old = other[0]
            box = self.boxes[index]
            grid = grid_for(*page_pixels(box.width, box.height, old / 1000), self._whole_bytes())
            pieces = [
                (tile[2], tile[3], self.tiles.peek(tile))
                for tile in self.tiles
                if tile[0] == index and tile[1] == old
            ]
            _draw_pieces(painter, target, grid, [p for p in pieces if p[2] is not None])
        painter.restore()

    @staticmethod
    def paint_placeholder(
        painter: QPainter, target: QRectF, failure: Failure, hint: bool = True
    ) -> None:
        """The grey card: "Deze pagina kan niet worden getoond" and the reason."""
        painter.save()
        painter.fillRect(target, PLACEHOLDER_COLOUR)
        margin = max(8.0, min(target.width(), target.height()) * 0.08)
        inner = target.adjusted(margin, margin, -margin, -margin)
        painter.setPen(QPen(QColor(90, 90, 96)))
        title = QFont(painter.font())
        title.setBold(True)
        painter.setFont(title)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        heading = inner.adjusted(0, inner.height() * 0.3, 0, 0)
        used = painter.boundingRect(
            heading, int(flags | Qt.AlignmentFlag.AlignTop), placeholder_title()
        )
        painter.drawText(heading, int(flags | Qt.AlignmentFlag.AlignTop), placeholder_title())
        body = QFont(painter.font())
        body.setBold(False)
        painter.setFont(body)
        reason = inner.adjusted(0, used.bottom() - inner.top() + margin / 2, 0, 0)
        painter.drawText(
            reason, int(flags | Qt.AlignmentFlag.AlignTop), ui_text(page_reason(failure))
        )
        painter.restore()
