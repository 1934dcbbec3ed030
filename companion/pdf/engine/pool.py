"""The pool of engine worker processes: priorities, cancelling, deadlines, restarts.

The window submits requests (:mod:`companion.pdf.engine.protocol`) with a
priority; a dispatcher thread hands the most urgent one to an idle worker,
collects answers and calls each request's callback (on the dispatcher
thread: the Qt side relays it to the GUI thread). A request not yet started
is simply dropped when cancelled; one already running keeps its worker only
for a short grace, after which the worker is replaced, so a slow page that
scrolled away never holds up the pages on screen.

Every request has a deadline (seconds of work, default 10). A worker past it
is killed and replaced, and the request fails with ``TIMEOUT``. A worker
that dies (segfault, abort, out of memory) fails its request with
``CRASHED`` and is replaced the same way. Either way the rest of the
document keeps working and the window never goes down.

Shared memory: pixel blocks are made and removed by this side, so nothing
is left in /dev/shm when a worker dies or the pool closes. A worker draws
into a free block (one it drew into before, where there is one) and the
answer's pixels are a view of that block: no copy between worker and
window. The block is free again once the last view of it is gone (see
:class:`PixelMemory`); the block of a worker that died or was killed while
drawing is removed, never reused, and nobody ever saw it half drawn.
Plain Python, no Qt: tests and benchmarks drive it directly.

Who reads the answers: by default the dispatcher thread. A pool made with
``caller_reads=True`` leaves that to the thread that shows them (the
window's GUI thread): every worker rings a bell (one byte down a pipe all
workers share) after each answer, the caller watches the bell's descriptor
in its event loop and calls :meth:`EnginePool.collect`, and the callbacks
run right there. That saves a hand-off per answer: the worker wakes the
window itself, not a thread that then wakes the window (on a busy two-core
machine each wake-up costs a turn of the scheduler, and the two threads
took turns with Python's lock just when the page was due). The dispatcher
still starts, times and replaces workers, and reads an answer the caller
left unread for :data:`UNREAD_GRACE` (a caller busy elsewhere never holds
an answer up for long).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import heapq
import itertools
import logging
import multiprocessing
import os
import select
import signal
import socket
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from companion.pdf.engine.memory import HeapTrimmer
from companion.pdf.engine.pixel_memory import MIN_BYTES, PixelMemory
from companion.pdf.engine.protocol import (
    CANCELLED,
    CLOSED,
    CRASHED,
    NO_MEMORY,
    TIMEOUT,
    DocumentRef,
    Failure,
    Pixels,
    Render,
    Request,
)
from companion.pdf.engine.shared_pixels import (
    Block,
    block_with,
    no_tracker_started,
    remove_orphans,
)
from companion.pdf.engine.stop_render import set_stop, stop_token
from companion.pdf.engine.worker import (
    FORGET,
    PREPARE,
    READY,
    RECYCLE,
    RESERVE,
    RESERVE_DELAY,
    WorkerOptions,
    serve,
)

log = logging.getLogger(__name__)

DEFAULT_DEADLINE = 10.0
# A cancelled request that is still running after this long costs its worker.
CANCEL_GRACE = 1.0
BLOCK_STEP = 2**18  # pixel blocks come in whole 256 KB steps
# No block above this is kept ready for a worker (a print page at 300 dpi is drawn once).
RESERVE_MAX_BYTES = 16 * 2**20
# Requests at this priority or later are background work (read ahead, thumbnails,
# searching the rest of a document): they never take the last idle worker, so
# whatever the person asks for next starts at once.
BACKGROUND = 3.0
# The dispatcher thread looks at the deadlines at least this often, so a request handed
# to a worker from the caller's thread does not have to wake it (see EnginePool._wake).
CHECK_EVERY = 0.5
# No page image larger than this is drawn (an A0 poster printed at 300 dpi would be
# 1.1 GB); such a request fails at once with NO_MEMORY instead of exhausting memory.
MAX_PIXEL_BYTES = 256 * 2**20
# Free heap pages go back (a trim: about a millisecond, and it holds malloc's locks the
# window's thread may need) only once no work came or went for this long (seconds): not
# while the page just drawn is handed on and painted, nor between the pages of a jump.
IDLE_BEFORE_TRIM = 0.25
# With ``caller_reads``: an answer the caller has not read after this long (seconds) is
# read by the dispatcher thread instead, so a caller that waits for it never hangs.
UNREAD_GRACE = 0.05

Callback = Callable[[object], None]

# Pools still open when the program ends are closed first, before multiprocessing
# ends their workers under them (atexit runs the newest registration first).
_open_pools: weakref.WeakSet[EnginePool] = weakref.WeakSet()


@atexit.register
def _close_open_pools() -> None:
    for pool in list(_open_pools):
        pool.close(timeout=1.0)


def default_worker_count() -> int:
    """Two workers, never more than the machine has cores."""
    return max(1, min(2, os.cpu_count() or 1))


def start_method() -> str:
    """``spawn`` unless STRATEGIEKIT_ENGINE_START says ``forkserver``.

    Never ``fork``: the window's process holds Qt's threads and locks. A
    spawned worker is a fresh interpreter that imports only the engine. The
    forkserver restarts workers faster, but keeps one more process with
    PyMuPDF loaded for the whole session (and does not exist on Windows).
    """
    return os.environ.get("STRATEGIEKIT_ENGINE_START", "spawn")


def _lendable(block: Block, pixels: Pixels) -> Block | None:
    """``block`` if the answer gets the block itself, None if its pixels are copied out
    (small pieces: a few hundred thumbnails kept must not each hold a shared block)."""
    return block if min(pixels.stride * pixels.height, block.size) >= MIN_BYTES else None


@dataclass(eq=False)
class Ticket:
    """One submitted request; ``cancel`` it through the pool."""

    request: Request
    priority: float
    callback: Callback | None
    deadline: float
    seq: int
    cancelled: bool = False
    done: bool = False
    started: float = 0.0
    answer: object = None
    finished: threading.Event = field(default_factory=threading.Event)

    def __lt__(self, other: Ticket) -> bool:
        return (self.priority, self.seq) < (other.priority, other.seq)

    @property
    def page(self) -> int:
        return getattr(self.request, "page", -1)


@dataclass(eq=False)
class _Worker:
    number: int
    process: multiprocessing.process.BaseProcess
    conn: object
    ready: bool = False
    ticket: Ticket | None = None
    block: Block | None = None  # what it draws into now (free again once it answered)
    reserved: Block | None = None  # a free block it maps once idle: for the next page
    reserved_at: float = 0.0  # when the worker was told (it maps it RESERVE_DELAY later)
    mapped: Block | None = None  # the block it drew into last (mapped there still)
    forget: list[str] = field(default_factory=list)
    prepare: list[DocumentRef] = field(default_factory=list)
    pid: int = 0
    sending: threading.Lock = field(default_factory=threading.Lock)
    abort_at: int = 0  # where the worker's drawing can be stopped (see stop_render)
    # Its (cancelled) request was told to stop: it may take the next one at once.
    stopped: bool = False
    answered: bool = False  # its request's answer is being read (nothing more goes to it)
    # Cancelled requests it was sent before ``ticket``, whose answers come first, each
    # with the block it draws into (None: the next request draws there, see _assign).
    behind: list[tuple[Ticket, Block | None]] = field(default_factory=list)
    # Held while reading from or closing ``conn`` (the dispatcher and, with caller_reads,
    # the caller's thread read answers): never two readers, never a read of a closed pipe.
    receiving: threading.RLock = field(default_factory=threading.RLock)
    unread_since: float = 0.0  # caller_reads: when the dispatcher first saw an answer waiting
    # Held while asking the system how the process ended (join, is_alive, exitcode). Two
    # threads may see one death at once (the caller's EOF, the dispatcher's sentinel);
    # under forkserver both would read the server's one status message, and the one that
    # finds it gone records exit code 255 over the real signal.
    reaping: threading.Lock = field(default_factory=threading.Lock)


class EnginePool:
    """Worker processes doing MuPDF work for the window; thread-safe."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        deadline: float = DEFAULT_DEADLINE,
        options: WorkerOptions | None = None,
        caller_reads: bool = False,
    ) -> None:
        self.size = max(1, min(workers or default_worker_count(), os.cpu_count() or 1))
        self.deadline = deadline
        self.options = options or WorkerOptions()
        method = start_method()
        self._context = multiprocessing.get_context(method)
        if method == "forkserver":  # workers fork from a server that has PyMuPDF loaded
            self._context.set_forkserver_preload(["companion.pdf.engine.worker", "pymupdf"])
        self._lock = threading.Lock()
        self._queue: list[Ticket] = []
        self._seq = itertools.count()
        self._numbers = itertools.count(1)
        self._workers: list[_Worker] = []
        self._shared: dict[str, Block] = {}
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_w.setblocking(False)
        # caller_reads: the workers ring this bell after each answer (see the module's doc).
        self._bell: tuple | None = self._context.Pipe(duplex=False) if caller_reads else None
        if self._bell is not None:
            os.set_blocking(self._bell[0].fileno(), False)
        self._trim_due = False
        self._last_work = 0.0  # when work was last asked for or answered (monotonic)
        self.unread_grace = UNREAD_GRACE
        self._thread: threading.Thread | None = None
        self._closing = False
        self._closed = threading.Event()
        self._batching = 0  # submissions that wake the dispatcher once, at the end
        self._woken = False
        self._missing = 0  # workers to start (first start, or after one was replaced)
        self._start_failures = 0
        self._next_start = 0.0
        self._sleep_until = 0.0  # the dispatcher looks at the deadlines again by then
        # The pixel blocks: lent out with the answers, kept for reuse when let go.
        self.pixel_memory = PixelMemory(make=self._new_block)
        self.pixel_memory.dear = self._mapped_by_a_worker
        self._blocks: weakref.WeakSet[Block] = weakref.WeakSet()  # all, removed at close
        self.trim_heap = HeapTrimmer()  # when the work is done, free heap pages go back
        self.restarts = 0  # workers replaced after a crash, a deadline or the memory cap
        self.completed = 0

    # -- life ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the dispatcher, which starts the workers (off the caller's thread)."""
        with self._lock:
            if self._thread is not None or self._closing:
                return
            self._thread = threading.Thread(target=self._run, name="engine-pool", daemon=True)
            remove_orphans()  # blocks of a program killed together with its workers
            self._thread.start()
        _open_pools.add(self)

    @property
    def started(self) -> bool:
        return self._thread is not None

    def bell(self) -> int | None:
        """The descriptor to watch for answers (``caller_reads``), else None."""
        return self._bell[0].fileno() if self._bell is not None else None

    def collect(self) -> None:
        """Read every answer waiting (``caller_reads``: on the caller's thread, when the bell
        rang); callbacks run on this thread."""
        bell = self._bell
        if bell is None:
            return
        with contextlib.suppress(OSError):
            while os.read(bell[0].fileno(), 4096):
                pass
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._read_waiting(worker)
        with self._lock:
            running = self._thread is not None and not self._closing
        if running:
            self._assign()  # a worker that answered takes the next request at once

    def _read_waiting(self, worker: _Worker, only_cancelled: bool = False) -> None:
        """Every message ``worker`` has sent and nobody read yet.

        ``only_cancelled``: only while it answers a cancelled request (see
        ``_read_cancelled``), never a live request's answer, whose callback
        would run inside the caller's ``cancel`` or ``submit``.
        """
        with worker.receiving:
            while True:
                with self._lock:
                    if worker not in self._workers:
                        return
                    ticket = worker.ticket
                    # Answers to stopped requests come before any other (in order).
                    unwanted = worker.behind or (ticket is not None and ticket.cancelled)
                    if only_cancelled and not unwanted:
                        return
                try:
                    if not worker.conn.poll(0):  # type: ignore[attr-defined]
                        return
                except (OSError, ValueError):
                    return  # closed: its sentinel tells the dispatcher
                worker.unread_since = 0.0
                self._receive(worker)

    def close_bell(self) -> None:
        """Close the bell (after whoever watched it stopped watching)."""
        bell, self._bell = self._bell, None
        for end in bell or ():
            with contextlib.suppress(OSError):
                end.close()

    def close(self, timeout: float = 3.0) -> None:
        """Stop the workers and give back every shared-memory block."""
        with self._lock:
            if self._closing:
                already = True
            else:
                already = False
                self._closing = True
            thread = self._thread
        if not already:
            self._wake()
        if thread is not None:
            thread.join(timeout)
        else:
            self._shutdown()
        with self._lock:
            for block in self._shared.values():
                block.release()
            self._shared.clear()
        self.pixel_memory.clear()
        # Pixels still shown keep their mapping (a page image over it); the names go now.
        for block in list(self._blocks):
            block.release()

    def ready_count(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers if w.ready)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._workers if w.pid]

    def busy(self) -> list[tuple[int, Request]]:
        """(process id, request) of each worker that is working now."""
        with self._lock:
            return [(w.pid, w.ticket.request) for w in self._workers if w.ticket is not None]

    def pending(self) -> int:
        with self._lock:
            queued = sum(1 for t in self._queue if not t.cancelled)
            # A request whose answer is being delivered is not pending any more.
            running = sum(1 for w in self._workers if w.ticket and not w.ticket.done)
            return queued + running

    # -- documents -------------------------------------------------------------------

    def share(self, data: bytes, name: str) -> DocumentRef:
        """Put a document's bytes where every worker can read them (one copy for all)."""
        block = block_with(data)
        ref = DocumentRef(key=block.name, name=name, shm=block.name, size=len(data))
        with self._lock:
            self._shared[ref.key] = block
        return ref

    def prepare(self, ref: DocumentRef) -> None:
        """Every worker opens ``ref`` now, while the window lays out its pages.

        The first pages asked for then find the document open, in all workers
        at once; opening a large PDF costs about as much as drawing a page.
        Workers busy with something else open it when that is done.
        """
        with self._lock:
            for worker in self._workers:
                if not any(r.key == ref.key for r in worker.prepare):
                    worker.prepare.append(ref)
        self._wake()

    def unshare(self, ref: DocumentRef) -> None:
        """The window is done with ``ref``: workers close it, its block goes."""
        with self._lock:
            block = self._shared.pop(ref.key, None)
            for worker in self._workers:
                worker.forget.append(ref.key)
        if block is not None:
            block.release()
        self._wake()

    # -- requests ----------------------------------------------------------------------

    def submit(
        self,
        request: Request,
        *,
        priority: float = 0.0,
        callback: Callback | None = None,
        deadline: float | None = None,
    ) -> Ticket:
        """Queue ``request``; ``callback(answer)`` runs on the dispatcher thread.

        The answer is the worker's result or a :class:`Failure`. A
        :class:`Pixels` answer's buffer is memory of its own (keep it, or a
        view on it, as long as you like).
        """
        ticket = Ticket(request, priority, callback, deadline or self.deadline, next(self._seq))
        self._last_work = time.monotonic()
        if isinstance(request, Render) and request.pixel_bytes > MAX_PIXEL_BYTES:
            self._finish(ticket, Failure(NO_MEMORY, f"{request.pixel_bytes} bytes of pixels"))
            return ticket
        with self._lock:
            if self._closing:
                ticket.done = True
                ticket.answer = Failure(CLOSED)
                ticket.finished.set()
                return ticket
            heapq.heappush(self._queue, ticket)
        self._wake()
        return ticket

    def cancel(self, ticket: Ticket) -> None:
        """Drop ``ticket``: no callback. A page being drawn is stopped where the system
        allows (:mod:`companion.pdf.engine.stop_render`); other running work keeps
        its worker for a grace, after which the worker is replaced."""
        with self._lock:
            if ticket.done:
                return
            ticket.cancelled = True
            if isinstance(ticket.request, Render):
                # The stop names this request (see stop_render): the worker keeps it for
                # this drawing only, and clears it before any later one.
                token = stop_token(ticket.seq)
                for worker in self._workers:
                    if worker.ticket is ticket and set_stop(worker.pid, worker.abort_at, token):
                        worker.stopped = not worker.answered
            running = any(worker.ticket is ticket for worker in self._workers)
        if running and self._bell is not None:
            # The dispatcher reads what a worker says to a cancelled request (nothing the
            # caller wants) and hands that worker the next one, while the caller is busy.
            with contextlib.suppress(OSError):
                self._wake_w.send(b"x")
        self._wake()

    def call(
        self, request: Request, *, priority: float = 0.0, timeout: float | None = None
    ) -> object:
        """Submit and wait (not on the GUI thread). Pixels come in memory of their own.

        With ``caller_reads`` this thread reads the answer itself when the bell
        rings (unless another reader was quicker).
        """
        box: list[object] = []
        ticket = self.submit(request, priority=priority, callback=box.append)
        wait_for = timeout if timeout is not None else ticket.deadline + 30
        if not self._wait_reading(ticket, wait_for):
            self.cancel(ticket)
            return Failure(TIMEOUT, "no answer in time")
        return box[0] if box else ticket.answer

    def _wait_reading(self, ticket: Ticket, timeout: float) -> bool:
        """Until ``ticket`` is answered (True) or ``timeout`` seconds passed (False)."""
        bell = self.bell()
        if bell is None:
            return ticket.finished.wait(timeout)
        end = time.monotonic() + timeout
        while not ticket.finished.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return False
            try:
                # Short waits: another thread may read this answer and not ring again.
                select.select([bell], [], [], min(left, 0.01))
            except (OSError, ValueError):  # the bell is gone: the pool is closing
                return ticket.finished.wait(left)
            self.collect()
        return True

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Submit several requests and wake the dispatcher once, at the end.

        Every wake-up hands the GIL to the dispatcher thread for a moment; a
        view that asks for twenty tiles at once should pay for that once.
        """
        with self._lock:
            self._batching += 1
        try:
            yield
        finally:
            with self._lock:
                self._batching -= 1
                wake = self._batching == 0 and self._woken
                if wake:
                    self._woken = False
            if wake:
                self._wake()

    def _wake(self) -> None:
        """New work: hand it to idle workers from this thread, then tell the dispatcher.

        Sending from the caller's thread means a request reaches an idle worker at
        once, without waiting for the dispatcher thread to get Python's lock (which
        a window busy in Qt code holds for milliseconds at a time).
        """
        with self._lock:
            if self._batching:
                self._woken = True
                return
            running = self._thread is not None and not self._closing
        if running:
            if threading.current_thread() is not self._thread:
                self._read_cancelled()
            self._assign()
            if not self._dispatcher_needed():
                return
        with contextlib.suppress(OSError):  # closed, or already full of wake-ups
            self._wake_w.send(b"x")

    def _read_cancelled(self) -> None:
        """Read here what workers said to cancelled requests, if it is waiting already.

        After a jump the pieces of the place left behind are cancelled. A worker
        that finished (or stopped) one counts as busy until its answer is read,
        and the dispatcher thread that would read it needs Python's lock, which
        the window's thread holds while it works through the jump: measured, the
        page jumped to waited 2-8 ms for a worker whose answer lay unread. Nobody
        wants that answer (no callback runs for a cancelled request), so the
        caller's thread reads it, and the worker takes the new page at once.

        Only that answer: between the look at the workers and the read, the
        dispatcher may have read it and handed the worker a live request. Its
        answer read here ran its callback inside the caller's ``cancel`` (seen
        in CI: a jump's ``evict_far`` found its pieces changed under it).

        Not for a worker told to stop: it takes the next request without that
        (see :meth:`_stopping`), and the read would cost this thread (the window's,
        in the middle of a jump) the answer's unpickling, or a wait for the
        dispatcher reading the same pipe.
        """
        with self._lock:
            stale = [
                w
                for w in self._workers
                if not w.behind and not w.stopped and w.ticket is not None and w.ticket.cancelled
            ]
        for worker in stale:
            self._read_waiting(worker, only_cancelled=True)

    def _dispatcher_needed(self) -> bool:
        """Whether the dispatcher thread must look now, not at its next regular check.

        It is waiting for the workers' answers anyway; it only has to be woken
        when a request now running must be stopped (deadline, cancel grace)
        before it would look again by itself. Waking it for nothing costs the
        window: the woken thread takes Python's lock from the GUI thread just
        when the page asked for is on its way.
        """
        with self._lock:
            if self._closing or self._thread is None:
                return True
            return any(t.started + limit < self._sleep_until for _w, t, limit in self._running())

    def _running(self) -> Iterator[tuple[_Worker, Ticket, float]]:
        """(worker, request, seconds it may take) of the work the workers are on now
        (called under the lock): a worker with stopped requests before its last is
        on the first of them, which gets the cancel grace."""
        for worker in self._workers:
            ticket = worker.behind[0][0] if worker.behind else worker.ticket
            if ticket is not None:
                limit = CANCEL_GRACE if ticket.cancelled else ticket.deadline
                yield worker, ticket, limit

    # -- the dispatcher thread -----------------------------------------------------------

    def _run(self) -> None:
        try:
            self._missing = self.size
            while True:
                with self._lock:
                    if self._closing:
                        break
                self._top_up()
                self._assign()
                waitables = [self._wake_r]
                with self._lock:
                    workers = list(self._workers)
                for worker in workers:
                    # caller_reads: the caller reads answers; this thread only the start
                    # message and what a worker says to a request that was cancelled.
                    ticket = worker.ticket
                    unwanted = worker.behind or (ticket and ticket.cancelled)
                    if self._bell is None or not worker.ready or unwanted:
                        waitables.append(worker.conn)
                    waitables.append(worker.process.sentinel)
                for ready in wait(waitables, timeout=self._next_check()):
                    if ready == self._wake_r:
                        self._wake_r.recv(4096)
                        continue
                    worker = next(
                        (w for w in workers if ready in (w.conn, w.process.sentinel)), None
                    )
                    if worker is not None and worker in self._workers:
                        if ready is worker.conn:
                            self._read_waiting(worker)
                        else:
                            self._died(worker)
                self._read_unread()
                self._check_deadlines()
                self._trim_when_idle()
        except Exception:  # the dispatcher must never leave the window hanging
            log.exception("engine dispatcher failed")
        finally:
            self._shutdown()

    def _read_unread(self) -> None:
        """caller_reads: answers the caller left waiting past the grace are read here."""
        if self._bell is None:
            return
        now = time.monotonic()
        with self._lock:
            workers = [w for w in self._workers if w.ready]
        for worker in workers:
            try:
                waiting = worker.conn.poll(0)  # type: ignore[attr-defined]
            except (OSError, ValueError):
                continue
            if not waiting:
                worker.unread_since = 0.0
            elif not worker.unread_since:
                worker.unread_since = now
            elif now - worker.unread_since >= self.unread_grace:
                self._read_waiting(worker)

    def _trim_when_idle(self) -> None:
        """Trim the heap once all work is done and nothing came or went for a moment."""
        if not self._trim_due:
            return
        if self.pending() or time.monotonic() - self._last_work < IDLE_BEFORE_TRIM:
            return  # still working, or only just done: looked at again by _next_check
        self._trim_due = False
        self.trim_heap()

    def _top_up(self) -> None:
        """Start the workers that are missing; when that fails, try again later (backing off).

        A worker that cannot start at all (say, the system is out of processes)
        must not leave requests waiting for ever: after a few tries they fail,
        so the window shows why instead of an empty page.
        """
        now = time.monotonic()
        while self._missing and now >= self._next_start:
            try:
                self._start_worker()
            except Exception as exc:
                self._start_failures += 1
                self._next_start = now + min(30.0, 0.25 * 2**self._start_failures)
                log.error("cannot start an engine worker (%d): %s", self._start_failures, exc)
                if self._start_failures >= 3 and not self._workers:
                    self._fail_waiting(Failure(CRASHED, f"no worker: {exc}"))
                return
            with self._lock:
                self._missing -= 1

    def _fail_waiting(self, failure: Failure) -> None:
        with self._lock:
            waiting, self._queue = list(self._queue), []
        for ticket in waiting:
            self._finish(ticket, failure)

    def _start_worker(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve,
            args=(
                child,
                dataclasses.replace(self.options, window_pid=os.getpid()),
                self._bell[1] if self._bell is not None else None,
            ),
            name="strategiekit-engine",
            daemon=True,
        )
        with no_tracker_started():
            process.start()
        child.close()
        worker = _Worker(next(self._numbers), process, parent, pid=process.pid or 0)
        with self._lock:
            self._workers.append(worker)

    def _assign(self) -> None:
        """Hand the most urgent waiting requests to idle workers, then urgent ones to
        workers told to stop (see :meth:`_stopping`)."""
        sends: list[tuple[_Worker, object]] = []
        with self._lock:
            idle = [w for w in self._workers if w.ready and w.ticket is None]
            for worker in idle:
                while worker.forget:
                    key = worker.forget.pop()
                    worker.prepare = [r for r in worker.prepare if r.key != key]
                    sends.append((worker, (FORGET, key)))
                while worker.prepare:
                    sends.append((worker, (PREPARE, worker.prepare.pop(0))))
                if not self._drop_dead_head():
                    continue  # the other idle workers may have messages still
                free = sum(1 for w in idle if w.ticket is None)
                if self._queue[0].priority >= BACKGROUND and free <= 1 < self.size:
                    continue  # the last idle worker waits for urgent work
                sends.append(self._hand_out(worker, heapq.heappop(self._queue)))
            for worker in self._stopping():
                if not self._drop_dead_head() or self._queue[0].priority >= BACKGROUND:
                    break
                ticket = heapq.heappop(self._queue)
                # Its stopped request's answer comes first; the block that request drew
                # into is the next one's (mapped there already) where it fits.
                worker.behind.append((worker.ticket, worker.block))  # type: ignore[arg-type]
                held, worker.ticket, worker.block = worker.block, None, None
                sends.append(self._hand_out(worker, ticket, held))
        for worker, message in sends:
            self._send(worker, message)

    def _stopping(self) -> list[_Worker]:
        """Workers whose request was cancelled and told to stop: they take the next one
        now (called under the lock).

        The worker answers in order: it stops (MuPDF looks at the stop every few
        objects), says so, and reads the next request, with no wait for that answer
        to be read here first (after a jump: 2-8 ms, while the thread that would read
        it waited for Python's lock held by the window working through the jump).
        Only urgent work goes this way, and never to a worker still busy with an
        earlier stopped request; a drawing that does not stop costs its worker after
        :data:`CANCEL_GRACE` and the request waiting behind it goes to another.
        """
        return [
            w
            for w in self._workers
            if w.ready
            and w.ticket is not None
            and w.ticket.cancelled
            and w.stopped
            and not w.answered
            and not w.behind
        ]

    def _drop_dead_head(self) -> bool:
        """Drop cancelled requests at the head of the queue; whether one is left."""
        while self._queue and (self._queue[0].cancelled or self._queue[0].done):
            heapq.heappop(self._queue)
        return bool(self._queue)

    def _hand_out(
        self, worker: _Worker, ticket: Ticket, held: Block | None = None
    ) -> tuple[_Worker, object]:
        """Give ``ticket`` to ``worker`` (under the lock); the message to send it."""
        request = ticket.request
        if isinstance(request, Render):
            block = self._block_for(worker, request, held)
            if block is held:  # the stopped request's block: its answer gives back none
                worker.behind[-1] = (worker.behind[-1][0], None)
            request = dataclasses.replace(request, target=block.name)
        ticket.started = time.monotonic()
        worker.ticket = ticket
        worker.stopped = worker.answered = False
        return worker, (ticket.seq, request)

    @staticmethod
    def _send(worker: _Worker, message: object) -> None:
        """One message to one worker (two threads may send: one at a time per pipe)."""
        # A worker that is gone says so through its sentinel next round.
        with worker.sending, contextlib.suppress(OSError, ValueError):
            worker.conn.send(message)  # type: ignore[attr-defined]

    def _block_for(self, worker: _Worker, request: Render, held: Block | None = None) -> Block:
        """A free block for ``worker`` to draw ``request`` into (it holds it until it answers):
        the one it has mapped already where that fits, else spare memory or a new block.

        ``held``: the block of the stopped request the worker answers first (nobody
        sees those pixels); drawn over next, if it fits.
        """
        need = max(1, request.pixel_bytes)
        # A small piece is copied out of the block as soon as it is answered (see
        # _lendable), so any block large enough will do: the one the worker has mapped
        # saves it mapping another (0.5-1 ms of its time, before the next page can start).
        copied = need < MIN_BYTES

        def fits(block: Block | None) -> bool:
            if block is None or need > block.size:
                return False
            return copied or block.size <= need + need // 2 + BLOCK_STEP

        if fits(held):
            worker.mapped = worker.block = held
            return held  # type: ignore[return-value]
        reserved, worker.reserved = worker.reserved, None
        reserve_mapped = time.monotonic() >= worker.reserved_at + RESERVE_DELAY
        last, block = worker.mapped, None
        if (reserved is None or not reserve_mapped) and fits(last):
            # Its last block came back (the pixels were let go): still mapped there.
            block = last if self.pixel_memory.take_back(last) else None
        if block is None and fits(reserved):
            block, reserved = reserved, None
        if reserved is not None:
            self.pixel_memory.give_back(reserved)
        if block is None:
            block = self.pixel_memory.take(need, owner=worker.number)
        block.owner = worker.number
        worker.mapped = worker.block = block
        return block

    def _reserve(self, worker: _Worker, like: Block) -> Block | None:
        """A block like ``like`` (just lent out with an answer) for ``worker``'s next page,
        mapped by the worker while it waits for that page.

        The page image keeps the block it was drawn into for as long as the page is
        shown or cached, so the worker's next page goes into another block; mapping
        that one's pages (about 2 ms for a whole page at 150 dpi, as much as the copy
        this hand-off no longer makes) then happens while the worker is idle, not
        while someone waits for that page. The worker maps it only after
        :data:`RESERVE_DELAY` without a request: when the next page is asked for at
        once, the pixels before may well be let go already, and their block, still
        mapped in the worker, is the one it gets (see :meth:`_block_for`). One block
        per worker, as before (each worker had a block of its own to draw into).
        """
        if like.size > RESERVE_MAX_BYTES:
            return None
        with self._lock:
            if self._closing or worker not in self._workers or worker.reserved is not None:
                return None
            block = self.pixel_memory.take(like.size, owner=worker.number)
            block.owner = worker.number
            worker.reserved, worker.reserved_at = block, time.monotonic()
        return block

    def _mapped_by_a_worker(self, block: Block) -> bool:
        """Whether a worker has ``block`` mapped (the last one it drew into): its next
        page goes there without mapping another block first (0.5-1 ms, or more for
        fresh memory, while someone waits for that page), so spare memory keeps it
        longest. Called under the pixel memory's lock: reads, never takes the pool's."""
        return any(worker.mapped is block for worker in list(self._workers))

    def _new_block(self, size: int) -> Block:
        block = Block(-(-size // BLOCK_STEP) * BLOCK_STEP)
        self._blocks.add(block)
        return block

    def _receive(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv()  # type: ignore[attr-defined]
        except (EOFError, OSError):
            self._died(worker)
            return
        self._handle(worker, message)

    def _handle(self, worker: _Worker, message: tuple) -> None:
        """One message read from ``worker``: its start, its leaving, or an answer."""
        tag, payload = message
        if tag == READY:
            with self._lock:
                worker.ready = True
                worker.abort_at = payload[1] if isinstance(payload, tuple) else 0
            self._start_failures = 0
            return
        if tag == RECYCLE:
            log.info("engine worker %d used %s MB; replacing it", worker.pid, payload)
            self._replace(worker, None)
            return
        with self._lock:
            if worker.behind and tag == worker.behind[0][0].seq:
                # A stopped request's answer (nobody wants it): its block is free again,
                # unless the request after it draws there (then it is None).
                stale, stale_block = worker.behind.pop(0)
            else:
                stale = None
                ticket = worker.ticket
                if ticket is None or tag != ticket.seq:
                    worker.ticket = None
                    return
                worker.answered = True
                # The worker has answered: it draws into its block no more.
                block, worker.block = worker.block, None
        if stale is not None:
            if stale_block is not None:
                self.pixel_memory.give_back(stale_block)
            self._finish(stale, payload)
            self._done_for_now()
            return
        with self._lock:
            if isinstance(payload, Failure) and payload.kind == CANCELLED and not ticket.cancelled:
                # Stopped, but still wanted (a stop that should not have been there):
                # ask again, under a new number (a stop names the number it stops).
                worker.ticket = None
                ticket.started = 0.0
                ticket.seq = next(self._seq)
                heapq.heappush(self._queue, ticket)
                if block is not None:
                    self.pixel_memory.give_back(block)
                return
        lent = None
        try:
            if isinstance(payload, Pixels) and block is not None and not ticket.cancelled:
                lent = _lendable(block, payload)
                payload = dataclasses.replace(payload, buffer=self._copy_out(block, payload))
                block = None  # the answer has it now (or a copy, and the block is free)
            self._finish(ticket, payload)
            # The block for the worker's next page is found once the pixels are on their
            # way (making one is a system call or three), and still before any next
            # request: the ticket is not free until the end of this.
            reserved = self._reserve(worker, lent) if lent is not None else None
            if reserved is not None:
                self._send(worker, (RESERVE, reserved.name))
        finally:
            if block is not None:  # a failure, or pixels nobody wants any more
                self.pixel_memory.give_back(block)
            with self._lock:
                if worker.ticket is ticket:
                    worker.ticket = None
        self._done_for_now()

    def _done_for_now(self) -> None:
        """An answer was read: when all work is done, the heap is trimmed in a moment."""
        self._last_work = time.monotonic()
        if self.pending() == 0 and self.trim_heap.due():
            # All done: the dispatcher trims a moment later (see IDLE_BEFORE_TRIM), not the
            # caller's thread. Woken only when a trim is due: a wake-up for nothing takes
            # Python's lock from the caller just as it hands the pixels on.
            self._trim_due = True
            if threading.current_thread() is not self._thread:
                with contextlib.suppress(OSError):
                    self._wake_w.send(b"x")

    def _copy_out(self, block: Block, pixels: Pixels) -> memoryview:
        """The pixels for the answer: a view of the very block the worker drew into.

        No copy: the answer (and the page image made over it) keeps the block;
        it goes back to :attr:`pixel_memory` once the last view is gone, and
        only then is it drawn into again. Small pieces (thumbnails) are copied
        into memory of their own and the block is free at once, so a few
        hundred thumbnails kept do not each hold a shared block.
        """
        size = min(pixels.stride * pixels.height, block.size)
        if _lendable(block, pixels):
            return self.pixel_memory.lend(block, size)
        memory = self.pixel_memory.buffer(size)  # small: from the ordinary heap
        block.read_into(memory)
        self.pixel_memory.give_back(block)
        return memory

    def _finish(self, ticket: Ticket, answer: object) -> None:
        with self._lock:
            if ticket.done:
                return
            ticket.done = True
            cancelled = ticket.cancelled
            ticket.answer = answer if not isinstance(answer, Pixels) else None
            self.completed += 1
        if isinstance(answer, Failure) and not (cancelled and answer.kind == CANCELLED):
            self._log_failure(ticket, answer)
        if not cancelled and ticket.callback is not None:
            try:
                ticket.callback(answer)
            except Exception:
                log.exception("engine callback failed")
        ticket.finished.set()

    @staticmethod
    def _log_failure(ticket: Ticket, failure: Failure) -> None:
        doc = ticket.request.doc.name
        where = f"page {ticket.page + 1} of {doc}" if ticket.page >= 0 else doc
        log.warning(
            "%s: %s failed (%s) %s",
            where,
            type(ticket.request).__name__,
            failure.kind,
            failure.detail,
        )

    def _died(self, worker: _Worker) -> None:
        # What it said before it died is read first: the death belongs to the first
        # request it did not answer.
        self._drain(worker)
        with worker.reaping:
            worker.process.join(0.5)
            code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                how = signal.Signals(-code).name
            except ValueError:
                how = f"signal {-code}"
        else:
            how = f"exit code {code}"
        if worker.behind:
            # Died on a request nobody wanted any more: the one after it is asked again.
            self._replace(worker, None)
            return
        ticket = worker.ticket
        if ticket is not None and not ticket.cancelled:
            log.error(
                "engine worker %d died (%s) on page %d of %s",
                worker.pid,
                how,
                ticket.page + 1,
                ticket.request.doc.name,
            )
        failure = Failure(CRASHED, how, time.monotonic() - ticket.started) if ticket else None
        self._replace(worker, failure)

    def _drain(self, worker: _Worker) -> None:
        """Every message a dead (or dying) worker left in its pipe, handled."""
        with worker.receiving:
            while True:
                try:
                    if not worker.conn.poll(0):  # type: ignore[attr-defined]
                        return
                    message = worker.conn.recv()  # type: ignore[attr-defined]
                except (EOFError, OSError, ValueError):
                    return
                with self._lock:
                    if worker not in self._workers:
                        return
                self._handle(worker, message)

    def _replace(self, worker: _Worker, failure: Failure | None) -> None:
        """Kill ``worker`` (if still alive), fail its request, start another."""
        with self._lock:
            if worker not in self._workers:
                return
            self._workers.remove(worker)
            ticket = worker.ticket
            worker.ticket = None
            behind, worker.behind = worker.behind, []
            closing = self._closing
        self._stop(worker, wait=0.0)
        for stale, block in behind:  # cancelled: nobody hears of them
            if block is not None:
                block.release()  # may be half drawn: removed, never drawn into again
            self._finish(stale, Failure(CANCELLED, "replaced"))
        if ticket is not None and failure is None and not ticket.cancelled and not closing:
            # Sent to a worker that was leaving anyway (over its memory cap): ask the next one.
            with self._lock:
                ticket.started = 0.0
                heapq.heappush(self._queue, ticket)
        elif ticket is not None:
            self._finish(ticket, failure or Failure(CRASHED, "replaced"))
        if not closing:
            self.restarts += 1
            if not worker.ready:  # died before it was up: starting is what fails
                self._start_failures += 1
                self._next_start = time.monotonic() + min(30.0, 0.25 * 2**self._start_failures)
                if self._start_failures >= 3 and not any(w.ready for w in self._workers):
                    self._fail_waiting(Failure(CRASHED, "the engine's workers do not start"))
            with self._lock:
                self._missing += 1
            if threading.current_thread() is self._thread or self._thread is None:
                self._top_up()
            else:
                # Read on the caller's thread (caller_reads): starting a process takes
                # milliseconds the window must not wait for; the dispatcher does it.
                with contextlib.suppress(OSError):
                    self._wake_w.send(b"x")

    @staticmethod
    def _stop(worker: _Worker, wait: float) -> None:
        """End ``worker`` (after ``wait`` seconds to leave by itself) and give back its block."""
        with worker.reaping:
            if wait:
                worker.process.join(wait)
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join(2)
        with worker.receiving, contextlib.suppress(OSError):
            worker.conn.close()  # type: ignore[attr-defined]
        # The block it drew into may be half drawn: removed, never drawn into again.
        if worker.block is not None:
            worker.block.release()
            worker.block = None
        worker.mapped = None
        if worker.reserved is not None:
            worker.reserved.release()
            worker.reserved = None

    def _next_check(self) -> float:
        """Seconds until the nearest deadline (or cancel grace, or the next start), at most
        :data:`CHECK_EVERY` (requests handed out by other threads do not wake this one)."""
        now = time.monotonic()
        soonest = max(0.0, self._next_start - now) if self._missing else CHECK_EVERY
        with self._lock:
            for worker, ticket, limit in self._running():
                soonest = min(soonest, max(0.0, ticket.started + limit - now))
                if self._bell is not None:  # look for answers the caller left unread
                    soonest = min(soonest, self.unread_grace if worker.unread_since else 0.1)
            if self._trim_due:
                soonest = min(soonest, max(0.0, self._last_work + IDLE_BEFORE_TRIM - now))
            soonest = min(soonest, CHECK_EVERY) + 0.01
            self._sleep_until = now + soonest
        return soonest

    def _check_deadlines(self) -> None:
        now = time.monotonic()
        with self._lock:
            late = [(w, t) for w, t, limit in self._running() if now - t.started >= limit]
        for worker, ticket in late:
            if worker.ticket is not ticket or ticket.cancelled:
                # A cancelled drawing that did not stop: the worker goes; a request sent
                # after it (see _stopping) is asked again, of another worker.
                self._replace(worker, None)
                continue
            seconds = now - ticket.started
            log.error(
                "engine worker %d took %.1f s on page %d of %s; replacing it",
                worker.pid,
                seconds,
                ticket.page + 1,
                ticket.request.doc.name,
            )
            self._replace(worker, Failure(TIMEOUT, f"{ticket.deadline:g} s", seconds))

    def _shutdown(self) -> None:
        with self._lock:
            self._closing = True
            workers, self._workers = list(self._workers), []
            queued, self._queue = list(self._queue), []
        for worker in workers:
            self._send(worker, None)
        end = time.monotonic() + 1.0
        for worker in workers:
            self._stop(worker, wait=max(0.0, end - time.monotonic()))
            if worker.ticket is not None:
                queued.append(worker.ticket)
            for stale, block in worker.behind:
                queued.append(stale)
                if block is not None:
                    block.release()
            worker.behind = []
        for ticket in queued:
            with self._lock:
                if ticket.done:
                    continue
                ticket.done = True
                ticket.answer = Failure(CLOSED)
            ticket.finished.set()
        self._wake_r.close()
        self._wake_w.close()
        self._closed.set()
