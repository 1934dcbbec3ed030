"""The window's end of the PDF engine: engine answers delivered on the GUI thread.

Wraps :class:`companion.pdf.engine.pool.EnginePool` (worker processes,
priorities, deadlines, restarts). The pool's own thread reads the workers'
answers and relays each to the GUI thread with a queued signal; the pixels are
a view of the shared block the worker drew into (no copy), and a QImage is made
over them there. The pool could let the GUI thread read the answers itself
(``caller_reads``); measured, that made opening a document slower (see the
comment in ``EngineClient.__init__``). An answer for a request that was
cancelled meanwhile is dropped.
"""

from __future__ import annotations

import logging
import sys
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from companion.pdf.engine.pool import EnginePool, Ticket
from companion.pdf.engine.protocol import DocumentRef, Failure, Pixels, Request
from companion.pdf.engine.worker import WorkerOptions
from companion.pdf.page_box import PageBox

log = logging.getLogger(__name__)

KNOWN_DOCUMENTS = 32  # page sizes remembered for this many documents
SWITCH_INTERVAL = 0.001  # seconds a thread holds Python's lock before it hands over
RECENT_DOCUMENTS = 1  # closed documents kept shared (and open in the workers) for a reopen


def content_key(data: bytes) -> str:
    """A cheap key for a document's bytes (to remember its page sizes)."""
    return f"bytes:{len(data)}:{zlib.crc32(data):08x}"


def pixels_to_image(pixels: Pixels) -> QImage:
    """A QImage of the pixels (RGB32: painted fastest), made over their own memory.

    The pool copied them out of shared memory into memory of their own (see
    :meth:`EnginePool._copy_out`); the image uses that memory as it is and
    holds it until the last copy of the image is gone. Rows of another length
    than the image's are copied row by row.
    """
    assert pixels.buffer is not None
    size = pixels.stride * pixels.height
    if pixels.stride == pixels.width * 4 and len(pixels.buffer) >= size:
        return QImage(
            pixels.buffer, pixels.width, pixels.height, pixels.stride, QImage.Format.Format_RGB32
        )
    image = QImage(pixels.width, pixels.height, QImage.Format.Format_RGB32)
    target = image.bits()
    row = pixels.width * 4
    for y in range(pixels.height):
        start = y * pixels.stride
        target[y * image.bytesPerLine() : y * image.bytesPerLine() + row] = pixels.buffer[
            start : start + row
        ]
    del target
    return image


class EngineClient(QObject):
    """Worker processes for the window; start it once the window is on screen."""

    _relay = Signal(object, object, object)  # ticket, function, answer

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        workers: int | None = None,
        options: WorkerOptions | None = None,
    ) -> None:
        super().__init__(parent)
        # The pool's thread reads the answers and relays them. The pool can leave that to
        # the GUI thread instead (``caller_reads``, a bell on a pipe; Linux and macOS only),
        # one thread hand-off less, but not less time: measured A/B on a quiet machine
        # (30 November 2026, 2 cores) jumps were the same and a warm open_500 was 24-26 ms
        # with the relay against 31-36 ms without it, because the copy of each piece then
        # waits for the screen switch. So the window does not use it.
        self.pool = EnginePool(workers, options=options)
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._gui_thread = threading.get_ident()
        self._closed = False
        self._boxes: OrderedDict[str, list[PageBox]] = OrderedDict()
        self._recent: OrderedDict[str, DocumentRef] = OrderedDict()  # closed, kept shared
        self._shared_keys: dict[str, str] = {}  # block name -> content key

    def start(self) -> None:
        if not self._closed and not self.pool.started:
            # The pool's thread and the GUI thread take turns with Python's lock; the
            # default 5 ms turn would add up to 5 ms to every answer while the window
            # is busy painting. 1 ms keeps the pixels flowing.
            sys.setswitchinterval(SWITCH_INTERVAL)
            self.pool.start()

    def close(self) -> None:
        """Stop the workers and remove every shared-memory block (on closing the window)."""
        self._closed = True
        self.pool.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def known_boxes(self, key: str) -> list[PageBox] | None:
        """Page sizes a worker read before for this content (read once, then kept)."""
        boxes = self._boxes.get(key)
        if boxes is not None:
            self._boxes.move_to_end(key)
        return boxes

    def remember_boxes(self, key: str, boxes: list[PageBox]) -> None:
        self._boxes[key] = list(boxes)
        self._boxes.move_to_end(key)
        while len(self._boxes) > KNOWN_DOCUMENTS:
            self._boxes.popitem(last=False)

    def share(self, data: bytes, name: str, key: str = "") -> DocumentRef:
        """The document's bytes where the workers read them (``key``: its content).

        A document closed a moment ago and opened again (back to the list, open
        it again) is still there, and still open in the workers: no copy, no
        second opening.
        """
        ref = self._recent.pop(key, None) if key else None
        if ref is not None and ref.name == name:
            return ref
        if ref is not None:
            self.pool.unshare(ref)
        ref = self.pool.share(data, name)
        self._shared_keys[ref.key] = key
        return ref

    def prepare(self, ref: DocumentRef) -> None:
        """The workers open ``ref`` now, while the window lays out its pages."""
        self.start()
        self.pool.prepare(ref)

    def unshare(self, ref: DocumentRef) -> None:
        """Done with ``ref``: kept for a quick reopen, the oldest such one let go."""
        key = self._shared_keys.get(ref.key, "")
        if not key or self._closed:
            self._shared_keys.pop(ref.key, None)
            self.pool.unshare(ref)
            return
        self._recent[key] = ref
        while len(self._recent) > RECENT_DOCUMENTS:
            _old_key, old = self._recent.popitem(last=False)
            self._shared_keys.pop(old.key, None)
            self.pool.unshare(old)

    def submit(
        self,
        request: Request,
        done: Callable[[object], None],
        *,
        priority: float = 0.0,
        deadline: float | None = None,
    ) -> Ticket:
        """Ask the engine; ``done(answer)`` runs on the GUI thread (QImage for pixels).

        ``answer`` is the result or a :class:`Failure`. Starts the workers if
        nobody did yet (a test, or a document opened very early).
        """
        self.start()
        holder: list[Ticket] = []

        def relay(answer: object) -> None:  # on the GUI thread, or the pool's
            if isinstance(answer, Pixels):
                answer = pixels_to_image(answer)
            if holder and threading.get_ident() == self._gui_thread:
                self._deliver(holder[0], done, answer)  # read by the GUI thread: no hand-off
            else:  # the pool's thread, or answered while still being submitted
                self._relay.emit(holder[0] if holder else None, done, answer)

        ticket = self.pool.submit(request, priority=priority, callback=relay, deadline=deadline)
        holder.append(ticket)
        return ticket

    def call(self, request: Request, *, priority: float = 0.0) -> object:
        """Ask and wait, from a worker thread (printing); pixels come back as a QImage."""
        self.start()
        box: list[object] = []

        def keep(answer: object) -> None:
            box.append(pixels_to_image(answer) if isinstance(answer, Pixels) else answer)

        ticket = self.pool.submit(request, priority=priority, callback=keep)
        if not ticket.finished.wait(ticket.deadline + 30):
            self.pool.cancel(ticket)
            return Failure("timeout", "no answer")
        return box[0] if box else ticket.answer

    def batch(self):
        """Submit several requests with one wake-up of the engine (see EnginePool.batch)."""
        return self.pool.batch()

    def cancel(self, ticket: Ticket | None) -> None:
        if ticket is not None:
            self.pool.cancel(ticket)

    def _deliver(
        self, ticket: Ticket | None, done: Callable[[object], None], answer: object
    ) -> None:
        if self._closed or (ticket is not None and ticket.cancelled):
            return
        done(answer)
