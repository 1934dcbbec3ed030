"""The engine's worker pool, without a window: pixels, priorities, cancel, deadline, crashes.

Real worker processes on real PDFs. Faults are real too: a worker killed with
SIGKILL or SIGSEGV in the middle of a render, a page that takes far longer
than the deadline, a worker over its memory cap.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pymupdf
import pytest

from companion.pdf.engine.pool import EnginePool
from companion.pdf.engine.protocol import (
    CRASHED,
    DAMAGED,
    EMPTY,
    ENCRYPTED,
    MISSING,
    NO_MEMORY,
    NOT_PDF,
    TIMEOUT,
    Crash,
    DocumentRef,
    Failure,
    Find,
    Inspect,
    Pixels,
    Probe,
    Probed,
    ReadBoxes,
    Render,
)
from companion.pdf.engine.shared_pixels import leftover_blocks
from companion.pdf.engine.worker import WorkerOptions
from tests.support.viewer_support import (
    broken_xref_pdf,
    encrypted_pdf,
    heavy_pdf,
    numbered_pdf,
    rotated_pdf,
)

NOBODY = DocumentRef("", "")


@pytest.fixture
def make_pool():
    pools: list[EnginePool] = []

    def make(workers: int = 1, **kwargs) -> EnginePool:
        pool = EnginePool(workers, **kwargs)
        pool.start()
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.close()


def wait_for(condition, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def rgb_at(pixels: Pixels, x: int, y: int) -> tuple[int, int, int]:
    """B G R A in memory, as the worker writes it."""
    offset = y * pixels.stride + x * 4
    b, g, r = pixels.buffer[offset : offset + 3]
    return r, g, b


def test_pixels_are_mupdfs_own_whole_and_in_tiles(make_pool):
    data = numbered_pdf(2, {1: "Een vindplaats is een organisatie."})
    pool = make_pool()
    doc = pool.share(data, "twee.pdf")
    probed = pool.call(Probe(doc))
    assert isinstance(probed, Probed) and probed.page_count == 2
    assert (probed.first.width, probed.first.height) == (595, 842)

    bare = pymupdf.open(stream=data, filetype="pdf")[0].get_pixmap(
        matrix=pymupdf.Matrix(2, 2), alpha=False
    )
    whole = pool.call(Render(doc, page=0, width=1190, height=1684, clip=(0, 0, 1190, 1684)))
    tile = pool.call(Render(doc, page=0, width=1190, height=1684, clip=(100, 100, 612, 400)))
    assert (whole.width, whole.height, tile.width, tile.height) == (1190, 1684, 512, 300)
    for x, y in [(150, 170), (200, 160), (400, 300), (1000, 1500), (300, 350)]:
        expected = bare.pixel(x, y)
        assert max(abs(a - b) for a, b in zip(rgb_at(whole, x, y), expected, strict=True)) < 40
    # A tile is exactly that part of the page (including dark text pixels).
    inside = [(x, y) for x in range(100, 612, 7) for y in range(100, 400, 5)]
    assert all(rgb_at(tile, x - 100, y - 100) == rgb_at(whole, x, y) for x, y in inside)
    assert min(sum(rgb_at(tile, x - 100, y - 100)) for x, y in inside) < 150


def test_requests_go_most_urgent_first_and_cancelled_ones_never_answer(make_pool):
    pool = make_pool(workers=1)
    doc = pool.share(numbered_pdf(6), "zes.pdf")
    pool.call(Probe(doc))  # open and warm
    order: list[int] = []
    done = threading.Event()
    gate = threading.Event()

    def note(page):
        def callback(_answer):
            order.append(page)
            if len(order) == 4:
                done.set()

        return callback

    # The first request holds the only worker while the others queue up behind it.
    pool.submit(
        Render(doc, page=0, width=50, height=70, clip=(0, 0, 50, 70)),
        callback=lambda _a: gate.wait(5),
    )
    tickets = {
        page: pool.submit(
            Render(doc, page=page, width=50, height=70, clip=(0, 0, 50, 70)),
            priority=priority,
            callback=note(page),
        )
        for page, priority in ((1, 5.0), (2, 1.0), (3, 3.0), (4, 0.5), (5, 2.0))
    }
    pool.cancel(tickets[5])
    gate.set()
    assert done.wait(20)
    assert order == [4, 2, 3, 1]
    # The cancelled request was dropped, not run.
    assert pool.pending() == 0 and 5 not in order and not tickets[5].done


def test_a_page_past_the_deadline_costs_its_worker_not_the_document(make_pool):
    pool = make_pool(workers=1, deadline=1.0)
    doc = pool.share(heavy_pdf(), "zwaar.pdf")
    before = pool.worker_pids()
    started = time.monotonic()
    answer = pool.call(Render(doc, page=0, width=1190, height=1684, clip=(0, 0, 1024, 1024)))
    assert isinstance(answer, Failure) and answer.kind == TIMEOUT
    assert answer.seconds >= 1.0 and time.monotonic() - started < 8
    wait_for(lambda: pool.ready_count() == 1)
    assert pool.worker_pids() != before  # a fresh worker
    # The next page of the same document is drawn as usual.
    assert isinstance(
        pool.call(Render(doc, page=1, width=60, height=85, clip=(0, 0, 60, 85))), Pixels
    )


def _heavy_page_cancelled_while_drawn(pool) -> tuple:
    """A page that takes seconds to draw, cancelled once its worker draws it:
    (document, the answers its callback got, its ticket, the worker pids then)."""
    doc = pool.share(heavy_pdf(), "zwaar.pdf")
    answers: list[object] = []
    ticket = pool.submit(
        Render(doc, page=0, width=1190, height=1684, clip=(0, 0, 1024, 1024)),
        callback=answers.append,
    )
    wait_for(lambda: pool.busy())
    before = pool.worker_pids()
    pool.cancel(ticket)
    return doc, answers, ticket, before


def test_a_page_cancelled_while_it_is_drawn_stops_and_its_worker_draws_the_next(make_pool, caplog):
    pool = make_pool(workers=1)
    doc, answers, _ticket, before = _heavy_page_cancelled_while_drawn(pool)
    # The next page comes from the same worker: the drawing nobody wants any more was
    # stopped (not waited out, and the worker not replaced after the grace).
    pixels = pool.call(Render(doc, page=1, width=60, height=85, clip=(0, 0, 60, 85)))
    assert isinstance(pixels, Pixels)
    assert pool.worker_pids() == before and pool.restarts == 0
    assert answers == [] and "failed" not in caplog.text
    # Drawn whole, not stopped half-way: the stop was for the cancelled page only.
    assert rgb_at(pixels, 5, 5) == (255, 255, 255)
    assert isinstance(
        pool.call(Render(doc, page=2, width=595, height=842, clip=(0, 0, 595, 842))), Pixels
    )


@pytest.mark.parametrize(
    ("how", "caller_reads"),
    [("segfault", False), ("abort", False), ("segfault", os.name == "posix")],
    ids=["segfault", "abort", "segfault-read-by-caller"],
)
def test_a_worker_that_crashes_fails_one_request_and_is_replaced(make_pool, how, caller_reads):
    # Read by the caller: the thread that asked may find the dead worker's pipe first;
    # the replacement is started by the pool's thread all the same.
    pool = make_pool(workers=1, caller_reads=caller_reads)
    doc = pool.share(numbered_pdf(2), "twee.pdf")
    answer = pool.call(Crash(doc, how=how))
    assert isinstance(answer, Failure) and answer.kind == CRASHED
    assert answer.detail == ("SIGSEGV" if how == "segfault" else "SIGABRT")
    assert isinstance(pool.call(Probe(doc)), Probed)
    assert pool.restarts == 1


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSEGV], ids=["SIGKILL", "SIGSEGV"])
def test_killing_a_worker_mid_render_and_the_pool_recovers(make_pool, sig):
    pool = make_pool(workers=1)
    doc = pool.share(heavy_pdf(), "zwaar.pdf")
    answers: list[object] = []
    ticket = pool.submit(
        Render(doc, page=0, width=1190, height=1684, clip=(0, 0, 1024, 1024)),
        callback=answers.append,
    )
    wait_for(lambda: pool.busy())
    ((pid, _request),) = pool.busy()
    os.kill(pid, sig)
    assert ticket.finished.wait(10)
    assert isinstance(answers[0], Failure) and answers[0].kind == CRASHED
    assert answers[0].detail == sig.name
    assert leftover_blocks() == sorted(pool._shared)  # only the document's own block is left
    assert isinstance(pool.call(Probe(doc)), Probed)


@pytest.mark.parametrize("caller_reads", [False, os.name == "posix"], ids=["pool", "caller"])
def test_a_worker_over_its_memory_cap_is_replaced_between_requests(make_pool, caller_reads):
    pool = make_pool(workers=1, options=WorkerOptions(memory_cap_mb=1), caller_reads=caller_reads)
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    first = pool.call(Inspect(NOBODY))["pid"]
    assert isinstance(pool.call(Probe(doc)), Probed)  # answered, then the worker goes
    wait_for(lambda: pool.restarts >= 2)
    assert pool.call(Inspect(NOBODY))["pid"] != first


def test_workers_that_cannot_start_fail_requests_instead_of_leaving_them_waiting(
    make_pool, monkeypatch
):
    # Too little address space to even load PyMuPDF: every worker dies while starting.
    monkeypatch.setenv("STRATEGIEKIT_ENGINE_START", "spawn")
    pool = make_pool(workers=1, options=WorkerOptions(address_limit_mb=40))
    doc = pool.share(numbered_pdf(1), "een.pdf")
    started = time.monotonic()
    answer = pool.call(Probe(doc), timeout=30)
    assert isinstance(answer, Failure) and answer.kind == CRASHED
    assert "do not start" in answer.detail and time.monotonic() - started < 20
    assert pool.ready_count() == 0


def test_a_page_image_too_large_to_hold_is_refused_at_once(make_pool):
    pool = make_pool(workers=1)
    doc = pool.share(numbered_pdf(1), "een.pdf")
    # An A4 page 40,000 pixels wide would take 9 GB: refused before anything is made.
    answer = pool.call(Render(doc, page=0, width=40000, height=56000, clip=(0, 0, 40000, 56000)))
    assert isinstance(answer, Failure) and answer.kind == NO_MEMORY
    assert leftover_blocks() == sorted(pool._shared)
    assert isinstance(pool.call(Probe(doc)), Probed)  # and it goes on


def test_documents_that_cannot_be_opened_say_why(make_pool, tmp_path):
    pool = make_pool(workers=1)
    text = tmp_path / "notities.pdf"
    text.write_text("Dit is geen PDF maar een tekstbestand.\n")
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    cases = {
        NOT_PDF: DocumentRef("a", "notities.pdf", path=str(text)),
        EMPTY: DocumentRef("b", "leeg.pdf", path=str(empty)),
        MISSING: DocumentRef("c", "weg.pdf", path=str(tmp_path / "weg.pdf")),
        ENCRYPTED: pool.share(encrypted_pdf(), "geheim.pdf"),
        DAMAGED: pool.share(b"%PDF-1.7\nkapot en onleesbaar", "kapot.pdf"),
    }
    for kind, doc in cases.items():
        answer = pool.call(Probe(doc))
        assert isinstance(answer, Failure) and answer.kind == kind, (kind, answer)
    # A broken cross-reference table is repaired on opening: the pages are there.
    repaired = pool.call(Probe(pool.share(broken_xref_pdf(), "reparatie.pdf")))
    assert isinstance(repaired, Probed) and repaired.page_count == 3 and repaired.repaired


def test_find_and_boxes_come_in_shown_coordinates(make_pool):
    pool = make_pool()
    doc = pool.share(rotated_pdf(), "gedraaid.pdf")
    boxes = pool.call(ReadBoxes(doc))
    assert [b.rotation for b in boxes] == [0, 90, 180, 270]
    hits = pool.call(Find(doc, pages=(0, 1, 2, 3), query="vindplaats"))
    assert [hit.index for hit in hits] == [0, 1, 2, 3]
    for hit, box in zip(hits, boxes, strict=True):
        x0, y0, x1, y1 = hit.rects[0]
        assert 0 <= x0 < x1 <= box.width and 0 <= y0 < y1 <= box.height
    # Turned a quarter, the word reads down the page: taller than wide.
    assert hits[1].rects[0][3] - hits[1].rects[0][1] > hits[1].rects[0][2] - hits[1].rects[0][0]


def test_spawned_workers_load_the_engine_and_pymupdf_but_never_qt(monkeypatch):
    monkeypatch.setenv("STRATEGIEKIT_ENGINE_START", "spawn")
    pool = EnginePool(1)
    pool.start()
    try:
        doc = pool.share(numbered_pdf(1), "een.pdf")
        assert isinstance(pool.call(Probe(doc)), Probed)
        page = pool.call(Render(doc, page=0, width=300, height=420, clip=(0, 0, 300, 420)))
        assert isinstance(page, Pixels) and page.width == 300
        modules = set(pool.call(Inspect(NOBODY))["modules"])
    finally:
        pool.close()
    assert {"pymupdf", "companion.pdf.engine.worker"} <= modules
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}
    assert "sqlite3" not in modules and "companion.ui" not in modules
    # Nor OpenSSL (3.3 MB resident in each worker): the blocks are opened without
    # multiprocessing.shared_memory, whose random names need hashlib.
    assert not {"_hashlib", "hashlib", "_ssl"} & modules
    assert leftover_blocks() == []


def test_closing_the_pool_leaves_nothing_in_dev_shm(make_pool):
    pool = make_pool(workers=2)
    docs = [pool.share(numbered_pdf(2), f"{n}.pdf") for n in range(3)]
    for doc in docs:
        pool.call(Render(doc, page=1, width=300, height=420, clip=(0, 0, 300, 420)))
    assert len(leftover_blocks()) >= 3
    pool.unshare(docs[0])
    assert len(leftover_blocks()) >= 2
    pool.close()
    assert leftover_blocks() == []
    answer = pool.call(Probe(docs[1]))  # a closed pool answers at once, with a reason
    assert isinstance(answer, Failure) and answer.kind == "closed"


def test_the_deadline_setting_is_kept_and_checked(tmp_path):
    from companion.errors import CompanionError
    from companion.pdf.engine.settings import DEFAULT_DEADLINE, load_deadline, save_deadline
    from companion.store.user_store import UserStore

    user = UserStore(tmp_path / "user.sqlite")
    try:
        assert load_deadline(user) == DEFAULT_DEADLINE == 10
        save_deadline(user, 30)
        assert load_deadline(UserStore(tmp_path / "user.sqlite")) == 30
        with pytest.raises(CompanionError, match="tussen 2 en 120 seconden"):
            save_deadline(user, 1)
        assert load_deadline(user) == 30  # a refused value changes nothing
    finally:
        user.close()


def test_a_document_is_opened_in_every_worker_before_its_first_page_is_asked(make_pool):
    pool = make_pool(workers=2)
    wait_for(lambda: pool.ready_count() == 2)
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    pool.prepare(doc)
    answers: list[dict] = []
    both = threading.Event()

    def keep(answer):
        answers.append(answer)
        if len(answers) == 2:
            both.set()

    # Both idle workers get one question each (handed out together).
    with pool.batch():
        pool.submit(Inspect(NOBODY), callback=keep)
        pool.submit(Inspect(NOBODY), callback=keep)
    assert both.wait(20)
    assert {a["pid"] for a in answers} == set(pool.worker_pids())
    assert all(doc.key in a["documents"] for a in answers)
    # A document that cannot be opened costs nothing ahead: its request says why.
    missing = DocumentRef("weg", "weg.pdf", path="/nergens/weg.pdf")
    pool.prepare(missing)
    failure = pool.call(Probe(missing))
    assert isinstance(failure, Failure) and failure.kind == MISSING


def test_pages_asked_in_turn_reuse_the_memory_of_the_page_before(make_pool):
    pool = make_pool()
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    pages = []
    for index in range(3):  # 1190 x 1684: 8 MB of pixels each
        pixels = pool.call(
            Render(doc, page=index, width=1190, height=1684, clip=(0, 0, 1190, 1684))
        )
        assert isinstance(pixels, Pixels)
        # "Pagina N" in dark pixels near its spot; white paper elsewhere.
        text = [rgb_at(pixels, x, y) for x in range(150, 500, 3) for y in range(150, 190, 3)]
        pages.append((min(sum(c) for c in text), rgb_at(pixels, 1000, 1500)))
        del pixels
    # Two blocks at most: the page's own, and one made ready for the next page while the
    # page before is still held (see test_pages_the_window_keeps_are_never_drawn_over).
    assert pool.pixel_memory.made <= 2 and pool.pixel_memory.reused >= 2
    assert all(darkest < 200 and paper == (255, 255, 255) for darkest, paper in pages)


def test_pages_the_window_keeps_are_never_drawn_over(make_pool):
    """The pixels come as a view of the block the worker drew into (no copy): a page
    kept keeps its block, so the pages after it go elsewhere, whether asked at once
    or after the worker had time to get a block ready (mapped while idle)."""
    pool = make_pool()
    doc = pool.share(numbered_pdf(3, {1: "Vindplaats " * 100}), "drie.pdf")
    whole = {"width": 1190, "height": 1684, "clip": (0, 0, 1190, 1684)}  # 8 MB each
    first = pool.call(Render(doc, page=0, **whole))
    assert isinstance(first, Pixels)
    kept = bytes(first.buffer)
    wait_for(lambda: pool._workers[0].reserved is not None)  # found once the pixels are sent
    reserved = pool._workers[0].reserved
    maps = f"/proc/{pool.worker_pids()[0]}/maps"
    if reserved is not None and os.path.exists(maps):  # Linux: the worker maps it while idle
        wait_for(lambda: reserved.name in Path(maps).read_text())
    second = pool.call(Render(doc, page=1, **whole))
    third = pool.call(Render(doc, page=2, **whole))  # at once, while both are kept
    assert isinstance(second, Pixels) and isinstance(third, Pixels)
    assert bytes(first.buffer) == kept  # page 1 with its text, as drawn
    assert _dark_pixels(first) > 10 * _dark_pixels(second) > 0  # page 2: its number only
    assert bytes(second.buffer) != bytes(third.buffer)
    assert _dark_pixels(third) > 0


def test_after_a_small_piece_the_next_page_goes_into_the_block_the_worker_has_mapped(
    make_pool,
):
    """Read-ahead often ends with a small piece (the bottom of a page), which is copied
    out at once: it is drawn into the block the worker has mapped, and spare memory over
    its cap lets go of that block last, so the page after a jump is drawn there too and
    the worker maps no other block first (0.5-1 ms of its time while someone waits)."""
    pool = make_pool()
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    size = {"width": 1190, "height": 1684}
    band = pool.call(Render(doc, page=0, clip=(0, 0, 1190, 512), **size))  # 2.4 MB: lent
    assert isinstance(band, Pixels) and _dark_pixels(band) > 0
    worker = pool._workers[0]
    mapped = worker.mapped
    del band  # the page scrolled away: its block is spare
    wait_for(lambda: any(b is mapped for b in pool.pixel_memory._spare))
    bottom = pool.call(Render(doc, page=1, clip=(0, 1536, 1190, 1684), **size))  # copied
    assert isinstance(bottom, Pixels) and worker.mapped is mapped
    assert rgb_at(bottom, 600, 100) == (255, 255, 255)  # paper, drawn in full
    # Room for one spare block only: the one the worker has mapped is what stays.
    pool.pixel_memory.budget = lambda: mapped.size
    pool.pixel_memory.fit()
    assert [b.name for b in pool.pixel_memory._spare] == [mapped.name]
    top = pool.call(Render(doc, page=2, clip=(0, 0, 1190, 512), **size))
    assert isinstance(top, Pixels) and worker.mapped is mapped
    assert _dark_pixels(top) > 0  # "Pagina 3", as drawn


def _dark_pixels(pixels: Pixels) -> int:
    """Dark pixels in a page image (the page's text), counted on a coarse grid."""
    return sum(
        1
        for y in range(0, pixels.height, 4)
        for x in range(0, pixels.width, 4)
        if sum(rgb_at(pixels, x, y)) < 150
    )


@pytest.mark.skipif(os.name != "posix", reason="the bell is a pipe: watched on Linux and macOS")
def test_a_pool_read_by_its_caller_answers_on_the_callers_own_thread(make_pool):
    import select

    pool = make_pool(workers=1, caller_reads=True)
    pool.unread_grace = 60.0  # however slow this machine, the pool's thread leaves it to us
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    answers: list[tuple[int, int, object]] = []

    def ask(page: int) -> None:
        request = Render(doc, page=page, width=595, height=842, clip=(0, 0, 595, 842))
        pool.submit(
            request, callback=lambda answer: answers.append((page, threading.get_ident(), answer))
        )

    ask(0)
    ask(1)  # waits behind the first: one worker
    bell = pool.bell()
    assert bell is not None
    end = time.monotonic() + 30
    while not answers:
        assert time.monotonic() < end, "no answer"
        if select.select([bell], [], [], 0.5)[0]:
            pool.collect()
    page, thread, pixels = answers[0]
    # The answer came on this thread, the one that reads the bell (the window's GUI
    # thread), with the page's own pixels; the worker has the next page at once.
    assert page == 0 and thread == threading.get_ident()
    assert isinstance(pixels, Pixels) and _dark_pixels(pixels) > 20
    assert [request.page for _pid, request in pool.busy()] == [1] or len(answers) == 2


@pytest.mark.skipif(os.name != "posix", reason="the bell is a pipe: watched on Linux and macOS")
def test_an_answer_its_caller_leaves_unread_is_read_for_it(make_pool):
    # Printing asks from a thread of its own while the window's thread may be busy: the
    # pool's own thread reads what the window did not, so nobody waits for ever.
    pool = make_pool(workers=1, caller_reads=True)
    doc = pool.share(numbered_pdf(2), "twee.pdf")
    answers: list[object] = []
    ticket = pool.submit(
        Render(doc, page=1, width=595, height=842, clip=(0, 0, 595, 842)),
        callback=answers.append,
    )
    assert ticket.finished.wait(30)  # nobody here reads the bell
    assert isinstance(answers[0], Pixels) and _dark_pixels(answers[0]) > 20
    # Asked and waited for on one thread, the answer is read by that thread.
    pixels = pool.call(Render(doc, page=0, width=595, height=842, clip=(0, 0, 595, 842)))
    assert isinstance(pixels, Pixels) and _dark_pixels(pixels) > 20


def test_a_worker_keeps_the_pages_it_drew_interpreted_and_draws_them_again_the_same(make_pool):
    from companion.pdf.render import render_into

    data = numbered_pdf(12, {n: "Een vindplaats is een organisatie." for n in range(1, 13)})
    pool = make_pool()
    doc = pool.share(data, "twaalf.pdf")
    width, height, clip = 1190, 1684, (0, 0, 1190, 512)

    def band(page: int) -> bytes:
        answer = pool.call(Render(doc, page=page, width=width, height=height, clip=clip))
        assert isinstance(answer, Pixels)
        return bytes(answer.buffer)

    first = [band(page) for page in range(10)]  # ten pages, as after a few jumps
    kept = {page for key, page in pool.call(Inspect(NOBODY))["display_lists"] if key == doc.key}
    assert kept == set(range(10))  # each interpreted once, kept for its next band or jump
    # Drawn again from what was kept: the same pixels, and the same as MuPDF draws the
    # page straight (no list), text and all.
    assert [band(page) for page in range(10)] == first
    straight = memoryview(bytearray(width * 512 * 4))
    render_into(pymupdf.open(stream=data, filetype="pdf")[3], width, height, clip, straight)
    assert bytes(straight) == first[3] and min(first[3][::4]) < 100
    pool.unshare(doc)  # a document let go takes its pages' lists along
    wait_for(lambda: not pool.call(Inspect(NOBODY))["display_lists"])


@contextmanager
def _one_answer_left_unread(pool: EnginePool, doc: str) -> Iterator[tuple]:
    """Two pages drawn at once; the first answer's callback keeps the dispatcher thread busy
    (as a window would), so the other answer lies unread in its worker's pipe. Yields (that
    request, its worker, the names of the threads callbacks ran on); lets go at the end."""
    hold, entered = threading.Event(), threading.Event()
    delivered: list[str] = []

    def busy_elsewhere(_answer) -> None:
        delivered.append(threading.current_thread().name)
        entered.set()
        hold.wait(20)

    try:
        first, second = (
            pool.submit(
                Render(doc, page=n, width=595, height=842, clip=(0, 0, 595, 842)),
                callback=busy_elsewhere,
            )
            for n in (0, 1)
        )
        entered.wait(20)
        unread = second if first.done else first
        worker = next(w for w in pool._workers if w.ticket is unread)
        wait_for(lambda: worker.conn.poll(0))
        yield unread, worker, delivered
    finally:
        hold.set()


def test_a_cancelled_answer_waiting_unread_frees_its_worker_for_the_next_request(make_pool):
    pool = make_pool(2)
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    wait_for(lambda: pool.ready_count() == 2)
    with _one_answer_left_unread(pool, doc) as (unread, worker, _delivered):
        pool.cancel(unread)  # nobody wants it any more (a jump elsewhere)
        nxt = pool.submit(Render(doc, page=2, width=595, height=842, clip=(0, 0, 595, 842)))
        # Its worker took the next request at once, without waiting for the dispatcher.
        assert nxt.started and worker.ticket is nxt
    assert isinstance(pool.call(Probe(doc)), Probed)


def test_reading_cancelled_answers_leaves_a_live_answer_to_the_dispatcher(make_pool):
    """The caller's thread reads only answers nobody wants. Between its look at the workers
    and its read, a worker may have been handed a live request by the dispatcher; reading
    that answer there would run its callback inside the caller's cancel() (seen in CI: a
    jump's list of pieces changed under it)."""
    pool = make_pool(2)
    doc = pool.share(numbered_pdf(3), "drie.pdf")
    wait_for(lambda: pool.ready_count() == 2)
    with _one_answer_left_unread(pool, doc) as (live, worker, delivered):
        pool._read_waiting(worker, only_cancelled=True)  # as _read_cancelled does
        assert not live.done and worker.ticket is live and worker.conn.poll(0)
        assert delivered == [pool._thread.name]  # only the dispatcher's own delivery
    wait_for(lambda: live.done)
    assert len(delivered) == 2 and threading.current_thread().name not in delivered


@pytest.mark.skipif(not hasattr(os, "SCHED_BATCH"), reason="Linux only")
def test_workers_wait_for_a_free_core_instead_of_taking_the_windows(make_pool):
    pool = make_pool(2)
    wait_for(lambda: pool.ready_count() == 2)
    # Batch tasks: the same share of the processor, but a worker woken by a request no
    # longer preempts the window's thread while it still hands out a jump's other pieces.
    assert {os.sched_getscheduler(pid) for pid in pool.worker_pids()} == {os.SCHED_BATCH}


def test_a_stopped_worker_takes_the_next_page_before_its_stop_is_read(make_pool, caplog):
    """After a jump the worker told to stop gets the new page at once: it answers the
    stopped page first, then draws the new one; nobody waits for the pool's thread (which
    the window's thread keeps from Python's lock) to read that first answer."""
    pool = make_pool(workers=1)
    doc, answers, heavy, before = _heavy_page_cancelled_while_drawn(pool)
    nxt = pool.submit(
        Render(doc, page=2, width=595, height=842, clip=(0, 0, 595, 842)),
        callback=answers.append,
    )
    # Sent at once, while the heavy page still counts as being drawn.
    assert nxt.started and pool.busy() == [(before[0], nxt.request)] and not heavy.done
    assert nxt.finished.wait(20)
    # The new page whole (the stop was for the heavy one only), from the same worker.
    assert len(answers) == 1 and isinstance(answers[0], Pixels)
    assert _dark_pixels(answers[0]) > 0 and rgb_at(answers[0], 5, 5) == (255, 255, 255)
    assert pool.worker_pids() == before and pool.restarts == 0 and "failed" not in caplog.text
    assert heavy.done and len(answers) == 1  # its answer read first, and dropped


def test_a_drawing_that_does_not_stop_hands_the_page_behind_it_to_a_fresh_worker(
    make_pool, monkeypatch
):
    """Told to stop, a worker got the next page; if its drawing goes on anyway (a stop that
    did not reach it), the worker goes after the cancel grace and that page is drawn by
    the next worker (not failed)."""
    import companion.pdf.engine.pool as pool_module

    monkeypatch.setattr(pool_module, "set_stop", lambda *_args: True)  # never reaches it
    monkeypatch.setattr(pool_module, "CANCEL_GRACE", 0.3)
    pool = make_pool(workers=1)
    doc = pool.share(heavy_pdf(), "zwaar.pdf")
    heavy = pool.submit(Render(doc, page=0, width=1190, height=1684, clip=(0, 0, 1024, 1024)))
    wait_for(lambda: pool.busy())
    before = pool.worker_pids()
    pool.cancel(heavy)
    answer = pool.call(Render(doc, page=1, width=595, height=842, clip=(0, 0, 595, 842)))
    assert isinstance(answer, Pixels) and _dark_pixels(answer) > 0
    assert pool.worker_pids() != before and pool.restarts == 1
    assert heavy.done and not isinstance(heavy.answer, Pixels)
