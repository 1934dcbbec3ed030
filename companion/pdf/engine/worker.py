"""One engine worker process: takes requests from its pipe, does the MuPDF work, answers.

Started by :class:`companion.pdf.engine.pool.EnginePool` with the standard
library's ``multiprocessing`` (spawn or forkserver, never a plain fork of a
Qt process). It imports only ``companion.pdf`` and PyMuPDF, never Qt. One
request at a time, no threads: PyMuPDF is not thread-safe and keeps the GIL
while it draws. A page that crashes MuPDF takes only this process down; the
pool starts a new one and the window shows a placeholder for that page.

After each request the worker checks its own memory; above the cap it says
so and ends, and the pool starts a fresh one (MuPDF's caches and Python's
heap never shrink back by themselves).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.pdf.content import FindHit, Word
from companion.pdf.engine.memory import TAIL_MIN, release_tail, return_large_blocks
from companion.pdf.engine.protocol import (
    CANCELLED,
    DAMAGED,
    NO_MEMORY,
    PAGE_BROKEN,
    ComposePdf,
    Crash,
    DocumentRef,
    Failure,
    FillFields,
    Find,
    Inspect,
    MeasureFields,
    Probe,
    Probed,
    ReadBoxes,
    ReadFields,
    ReadLinks,
    ReadOutline,
    ReadWords,
    Render,
    Request,
)
from companion.pdf.engine.shared_pixels import alive, attach, close_quietly, remove_blocks_of
from companion.pdf.engine.stop_render import RenderCookie, stop_token
from companion.pdf.opening import OpenDocuments, OpenFailed

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.shared_memory import SharedMemory

    import pymupdf

READY = "ready"
RECYCLE = "recycle"
FORGET = "forget"  # control message: close a document the window no longer shows
PREPARE = "prepare"  # control message: open a document the window is about to show
RESERVE = "reserve"  # control message: map this pixel block, the next page may go there
# A reserved block is mapped only once no request came for this long (seconds): while
# requests follow each other the work would compete with them (and with whatever else
# runs on a two-core machine), and the window may well hand back the block this worker
# has mapped already (see pool.EnginePool._block_for). A person looking at a page after a
# jump leaves the worker idle for far longer.
RESERVE_DELAY = 0.1
WORD_PAGES = 24  # pages whose words are kept (selection and find use them again)
# Pages whose display list (the page interpreted once) a worker keeps. A band of a page
# drawn from its list skips the interpretation (0.7-0.9 ms of a 2.5 ms band at fit width,
# measured): the second band of a page, and a page jumped to again (a search hit, a
# bookmark, back). Lists of ordinary pages are 40-130 KB (1-4 MB for 32); they go with
# MuPDF's own cache when the worker nears its memory cap (see serve).
LIST_PAGES = 32


@dataclass(frozen=True)
class WorkerOptions:
    memory_cap_mb: int = 500  # resident memory after which the worker is replaced
    address_limit_mb: int = 4096  # allocations beyond this fail instead of thrashing
    window_pid: int = 0  # whose shared blocks to remove if it dies (0: the parent process)


def resident_mb() -> float:
    """This process's resident memory now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as file:
            pages = int(file.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _limit_address_space(limit_mb: int) -> None:
    try:
        import resource

        limit = limit_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # not on this system: the memory cap still recycles the worker


class PageWork:
    """The MuPDF work of one worker: open documents, caches of words and display lists."""

    def __init__(self) -> None:
        from companion.pdf.render import DisplayLists

        self.docs = OpenDocuments()
        self.lists = DisplayLists(LIST_PAGES)
        self._words: OrderedDict[tuple[str, int], list[Word]] = OrderedDict()
        self._slab: SharedMemory | None = None
        self._slab_name = ""
        self._slab_used = 0  # bytes of the block drawn into since its tail was given back
        self.cookie = RenderCookie()  # the window sets its abort field to stop a drawing

    def close(self) -> None:
        self.lists.clear()
        self.docs.close()
        self._drop_slab()

    def forget(self, key: str) -> None:
        self.lists.forget(key)
        for entry in [k for k in self._words if k[0] == key]:
            del self._words[entry]
        self.docs.forget(key)

    def prepare(self, ref: DocumentRef) -> None:
        """Open ``ref`` ahead of its first request; a failure is reported by that request."""
        with contextlib.suppress(Exception):  # the request that follows says why
            self.docs.get(ref)

    def reserve(self, name: str) -> None:
        """Map pixel block ``name`` now, while idle (see pool.EnginePool._reserve): mapping
        a block's pages costs about 1 ms per 4 MB, which the next page then does not wait for.
        """
        with contextlib.suppress(OSError):  # gone already: the request that names it says so
            self._target(name)

    def handle(self, request: Request) -> object:
        if isinstance(request, Inspect):
            import sys

            return {
                "modules": sorted(sys.modules),
                "rss_mb": resident_mb(),
                "pid": os.getpid(),
                "documents": self.docs.keys(),
                "display_lists": self.lists.keys(),
            }
        doc = self.docs.get(request.doc)
        if isinstance(request, Render):
            return self._render(doc, request)
        if isinstance(request, Probe):
            from companion.pdf.render import page_box

            return Probed(doc.page_count, page_box(doc[0]), bool(doc.is_repaired))
        if isinstance(request, ReadBoxes):
            from companion.pdf.render import page_boxes

            return page_boxes(doc)
        if isinstance(request, ReadWords):
            return self.words(doc, request.doc.key, request.page)
        if isinstance(request, ReadLinks):
            from companion.pdf.page_reading import read_links

            return read_links(doc[request.page], doc.page_count)
        if isinstance(request, ReadOutline):
            from companion.pdf.page_reading import read_outline

            return read_outline(doc)
        if isinstance(request, ReadFields):
            from companion.pdf.form_pdf import read_fields

            return read_fields(doc)
        if isinstance(request, Find):
            return self._find(doc, request)
        if isinstance(request, FillFields):
            from companion.pdf.form_pdf import fill_pdf

            return fill_pdf(doc, dict(request.values))
        if isinstance(request, MeasureFields):
            from companion.pdf.form_pdf import measure_fields

            return measure_fields(doc, dict(request.values))
        if isinstance(request, ComposePdf):
            from companion.pdf.compose import compose_pdf

            return compose_pdf(self.docs.get, request.parts)
        if isinstance(request, Crash):
            _crash(request.how)
        raise TypeError(f"unknown request {type(request).__name__}")

    def words(self, doc: pymupdf.Document, key: str, index: int) -> list[Word]:
        from companion.pdf.page_reading import read_words

        found = self._words.get((key, index))
        if found is None:
            found = read_words(doc[index])
            self._words[(key, index)] = found
            while len(self._words) > WORD_PAGES:
                self._words.popitem(last=False)
        else:
            self._words.move_to_end((key, index))
        return found

    def _find(self, doc: pymupdf.Document, request: Find) -> list[FindHit]:
        from companion.pdf.find import find_in_words, terms_in_words

        hits: list[FindHit] = []
        for index in request.pages:
            if not 0 <= index < doc.page_count:
                continue
            try:
                words = self.words(doc, request.doc.key, index)
            except Exception:  # one damaged page does not stop the search
                continue
            if request.terms:
                hits.extend(terms_in_words(index, words, request.terms))
            else:
                hits.extend(find_in_words(index, words, request.query))
        return hits

    def _render(self, doc: pymupdf.Document, request: Render) -> object:
        from companion.pdf.engine.protocol import Pixels
        from companion.pdf.render import render_into

        start = time.monotonic()
        buffer = self._target(request.target)
        self._fit_slab(buffer, request.pixel_bytes)
        page = doc.load_page(request.page)
        x0, y0, x1, y1 = request.clip
        whole = (x0, y0, x1, y1) == (0, 0, request.width, request.height)
        display_list = None if whole else self.lists.get(request.doc.key, page, self.cookie.cookie)
        stride = render_into(
            page,
            request.width,
            request.height,
            request.clip,
            buffer,
            display_list,
            self.cookie.cookie,
        )
        if self.cookie.stopped:  # cancelled by the window while drawing: half a picture
            return Failure(CANCELLED, "stopped while drawing", time.monotonic() - start)
        return Pixels(request.page, x1 - x0, y1 - y0, stride, drawn=(start, time.monotonic()))

    def _fit_slab(self, buffer: memoryview, need: int) -> None:
        """After a large piece (a whole-page preview), a smaller one gives back the
        block's pages it does not draw into, so they do not stay resident."""
        if self._slab_used - need >= TAIL_MIN:
            release_tail(buffer, need)
            self._slab_used = need
        else:
            self._slab_used = max(self._slab_used, need)

    def _target(self, name: str) -> memoryview:
        if name != self._slab_name:
            # The window hands out its free blocks, this worker's own first: the one
            # it has mapped now is most often the one it gets again.
            self._drop_slab()
            self._slab = attach(name, populate=True)
            self._slab_name = name
            self._slab_used = 0  # a new block (the pool makes one per size): nothing resident
        assert self._slab is not None and self._slab.buf is not None
        return self._slab.buf

    def _drop_slab(self) -> None:
        if self._slab is not None:
            close_quietly(self._slab)
        self._slab, self._slab_name = None, ""


def _crash(how: str) -> None:
    """Die the ways MuPDF can take a process down (tests inject these)."""
    if how == "abort":
        os.abort()
    elif how == "exit":
        os._exit(3)
    else:
        os.kill(os.getpid(), signal.SIGSEGV)


def _failure_for(request: Request, exc: BaseException) -> Failure:
    if isinstance(exc, OpenFailed):
        return Failure(exc.kind, exc.detail)
    detail = f"{type(exc).__name__}: {exc}"
    out_of_memory = isinstance(exc, OSError) and exc.errno == errno.ENOMEM
    if out_of_memory or isinstance(exc, MemoryError) or "malloc" in str(exc).lower():
        return Failure(NO_MEMORY, detail)
    page_request = isinstance(request, Render | ReadWords | ReadLinks)
    return Failure(PAGE_BROKEN if page_request else DAMAGED, detail)


def _no_wake_up_preemption() -> None:
    """Let this worker wait for a free core, instead of taking the window's on waking up.

    The window hands a jump's pieces to both workers one right after the other. A
    worker woken by the first message took the window's core at once (Linux lets a
    task that just woke up preempt the one running), and the second piece waited
    for the window to get a core back: measured under load, 2-10 ms between the two
    messages, the page waiting for the second. As a batch task (SCHED_BATCH: the
    same share of the processor, only no preemption on waking) the worker runs at
    once on an idle core and otherwise a moment later. Linux only; no privilege needed.
    """
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))


def _ringer(bell: Connection | None):
    """Ring the pool's bell (one byte; see pool.EnginePool's ``caller_reads``), or nothing."""
    if bell is None:
        return lambda: None
    fd = bell.fileno()
    os.set_blocking(fd, False)

    def ring() -> None:
        # Full: the reader has bytes enough to wake it. Closed: the window is going.
        with contextlib.suppress(OSError):
            os.write(fd, b"!")

    return ring


def serve(conn: Connection, options: WorkerOptions, bell: Connection | None = None) -> None:
    """The worker's main loop (the process target); ``bell`` is rung after each answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is for the window
    _limit_address_space(options.address_limit_mb)
    _no_wake_up_preemption()
    return_large_blocks()
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)  # reasons go back to the window, not stderr
    pymupdf.TOOLS.mupdf_display_warnings(False)
    work = PageWork()
    parent = os.getppid()
    window = options.window_pid or parent
    hung_up = False  # the pipe closed without a goodbye: the window may have died
    ring = _ringer(bell)
    conn.send((READY, (os.getpid(), work.cookie.address)))
    ring()
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                hung_up = True
                break
            if message is None:
                break
            ticket, request = message
            if ticket == FORGET:
                work.forget(request)
                continue
            if ticket == PREPARE:
                work.prepare(request)
                continue
            if ticket == RESERVE:
                if not conn.poll(RESERVE_DELAY):
                    work.reserve(request)
                continue
            if isinstance(request, Render):  # a stop left from an earlier page goes
                work.cookie.arm(stop_token(ticket))
            try:
                answer = work.handle(request)
            except BaseException as exc:  # every failure becomes an answer, never a dead worker
                answer = _failure_for(request, exc)
            try:
                conn.send((ticket, answer))
            except (OSError, ValueError):
                hung_up = True
                break
            ring()
            used = resident_mb()
            if used > options.memory_cap_mb * 0.6:
                work.lists.clear()  # the kept pages' lists and MuPDF's own cache first
                pymupdf.TOOLS.store_shrink(100)
                used = resident_mb()
            if used > options.memory_cap_mb:
                conn.send((RECYCLE, round(used)))
                ring()
                break
    finally:
        work.close()
        if hung_up and _window_gone(window, parent):
            remove_blocks_of(window)  # the window died (a crash, a kill): its blocks go too


def _window_gone(window: int, parent: int, wait: float = 2.0) -> bool:
    """True once the window's process has ended (its pipe closes a moment before)."""
    end = time.monotonic() + wait
    while os.getppid() == parent and alive(window):
        if time.monotonic() >= end:
            return False
        time.sleep(0.02)
    return True
