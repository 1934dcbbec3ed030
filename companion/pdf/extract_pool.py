"""Text extraction in worker processes: one per core, each file isolated, a time limit per page.

MuPDF is not thread-safe, keeps the GIL while it works, and some real-world
files make it loop or crash. So the import pipeline and ``publish`` never
call it themselves: they hand each file's bytes to a small pool of worker
processes and get back an :class:`~companion.pdf.text.ExtractedPdf` per file.

- A worker that crashes (a segfault in MuPDF, ``os.abort``) or stays longer
  than ``page_timeout`` seconds on one page is killed; that file is refused
  with a Dutch reason and a fresh worker takes the next file. The program
  itself never goes down with a file.
- Workers are started with ``spawn`` (never ``fork``: the parent may be a Qt
  process with threads) and import only ``companion.pdf`` and PyMuPDF.
- MuPDF's own warnings and errors are switched off on stdout in the worker
  and come back with each result, for the log.

Use :func:`extract_files`: it pulls jobs lazily from an iterable (so at most a
few files' bytes are in memory at once) and yields results as they finish,
in any order.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.pdf.text import ExtractedPdf, PagesPrepare, PdfProblem, extract_pdf

K = TypeVar("K")

# A page that takes longer than this is a hostile or broken page, not a slow one:
# ordinary pages take milliseconds.
DEFAULT_PAGE_TIMEOUT = 20.0

# Extra time for a job's first answer: a worker given its first job may still
# be starting Python and loading MuPDF, which takes seconds on a busy machine.
# The time limit per page runs from the worker's first answer (it answers
# as soon as it takes the job), so a slow start never refuses a good file.
START_GRACE = 60.0

# A worker left idle this long ends itself. Until then the next import (an
# update right after the first start, the next file of a publish) reuses it
# and does not pay for starting Python and loading MuPDF again.
IDLE_SECONDS = 30.0

# Test-only fault injection: what a worker does instead of extracting a file
# with this name (see PoolSettings.faults).
FAULT_ABORT = "abort"
FAULT_HANG = "hang"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class PoolSettings:
    workers: int = field(default_factory=default_workers)
    page_timeout: float = DEFAULT_PAGE_TIMEOUT
    # Tests only: file name -> FAULT_ABORT or FAULT_HANG, to prove a crash or a
    # hang costs one file and not the program.
    faults: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Job(Generic[K]):
    key: K
    name: str
    data: bytes


# -- the worker process ---------------------------------------------------------------


def _serve(conn: Connection, prepare: PagesPrepare | None = None) -> None:
    """Worker main loop: (job id, bytes, fault, prepare) in; heartbeats and a result out.

    ``prepare`` is only here to be loaded early: receiving it imported its
    module at start, like PyMuPDF, while the parent still reads the first file.
    """
    import pymupdf  # noqa: F401  loaded now, while the parent still prepares the first file

    while True:
        try:
            if not conn.poll(IDLE_SECONDS):
                return  # nobody needed us for a while: give the memory back
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        job_id, data, fault, prepare = message
        try:
            conn.send(("page", job_id, 0))  # taken: the time limit per page starts now
        except OSError:
            return
        if fault == FAULT_ABORT:
            _abort_without_core_dump()
        if fault == FAULT_HANG:
            time.sleep(3600)
        try:
            result = extract_pdf(data, _Heartbeat(conn, job_id), prepare)
            conn.send(("done", job_id, result))
        except OSError:  # the parent is gone (killed, or it stopped the run): so are we
            return


class _Heartbeat:
    """Tells the parent which page the worker has reached, at most a few times a second.

    The parent's time limit runs from the last heartbeat, so a page that
    hangs is noticed within the limit plus this interval.
    """

    INTERVAL = 0.25

    def __init__(self, conn: Connection, job_id: int) -> None:
        self.conn = conn
        self.job_id = job_id
        self.last = time.monotonic()

    def __call__(self, number: int) -> None:
        now = time.monotonic()
        if now - self.last >= self.INTERVAL:
            self.last = now
            self.conn.send(("page", self.job_id, number))


def _abort_without_core_dump() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    os.abort()


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a spawned worker without re-running the parent's ``__main__`` in it.

    ``spawn`` normally imports the parent's main script in the child (hence the
    ``if __name__ == "__main__"`` rule). The worker needs only this module, so
    while ``start()`` records what the child must prepare, the main module does
    not say where it came from: the worker imports ``companion.pdf`` and
    PyMuPDF and nothing else (never Qt), and a script without that guard is
    not run twice.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved_spec = getattr(main, "__spec__", None)
    had_file = "__file__" in main.__dict__
    saved_file = main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__spec__ = saved_spec
        if had_file:
            main.__file__ = saved_file


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: Job | None = None
    job_id: int = 0
    deadline: float = 0.0
    next_page: int = 1  # the page it is reading now (1-based), for the timeout message
    idle_since: float = 0.0


def _crashed(code: int | None) -> PdfProblem:
    return PdfProblem(
        Text(
            QT_TRANSLATE_NOOP(
                "messages", "het programma liep vast op dit bestand (het is waarschijnlijk kapot)"
            )
        ),
        f"extraction worker died (exit code {code})",
    )


def _timed_out(page: int, limit: float) -> PdfProblem:
    return PdfProblem(
        Text(
            QT_TRANSLATE_NOOP(
                "messages", "het lezen van de pagina duurde te lang (meer dan {seconds} seconden)"
            ),
            seconds=round(limit),
        ),
        f"no progress within {limit} s",
        page=page,
    )


# Idle workers shared by every extraction in this process (guarded by the lock).
_idle: list[_Worker] = []
_idle_lock = threading.Lock()
_job_ids = itertools.count(1)


def _take_idle() -> _Worker | None:
    with _idle_lock:
        while _idle:
            worker = _idle.pop()
            # Well before it would end itself, so it cannot end with our job.
            if (
                worker.process.is_alive()
                and time.monotonic() - worker.idle_since < IDLE_SECONDS / 2
            ):
                return worker
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join(1)
            worker.conn.close()
    return None


def idle_workers() -> list[int]:
    """The process ids of the idle workers kept for the next extraction (live ones)."""
    with _idle_lock:
        return [w.process.pid for w in _idle if w.process.is_alive()]


def stop_idle_workers() -> None:
    """End the idle workers now instead of after ``IDLE_SECONDS`` (tests, a clean exit)."""
    with _idle_lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()


def prestart(count: int, prepare: PagesPrepare | None = None) -> None:
    """Start up to ``count`` workers now, so they are ready when the files are.

    Starting Python and loading MuPDF takes a few tenths of a second; the
    import pipeline calls this before it verifies and reads the files, so
    that time overlaps with its own work. ``prepare``: the function the
    coming extraction will pass, loaded in the workers now too.
    """
    context = multiprocessing.get_context("spawn")
    with _idle_lock:
        have = sum(1 for w in _idle if w.process.is_alive())
    for _ in range(max(0, min(count, default_workers()) - have)):
        worker = _spawn(context, prepare)
        worker.idle_since = time.monotonic()
        with _idle_lock:
            _idle.append(worker)


def _spawn(context: Any, prepare: PagesPrepare | None = None) -> _Worker:
    parent_end, child_end = context.Pipe(duplex=True)
    process = context.Process(
        target=_serve, args=(child_end, prepare), name="companion-extract", daemon=True
    )
    with _main_module_hidden():
        process.start()
    child_end.close()
    return _Worker(process, parent_end)


class _Pool:
    """The workers one :func:`extract_files` call uses; idle ones are shared afterwards."""

    def __init__(self, settings: PoolSettings, prepare: PagesPrepare | None = None) -> None:
        self.settings = settings
        self.prepare = prepare
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []

    def start_worker(self) -> _Worker:
        worker = _take_idle()
        if worker is not None:
            self.workers.append(worker)
            return worker
        worker = _spawn(self.context, self.prepare)
        self.workers.append(worker)
        return worker

    def give(self, worker: _Worker, job: Job) -> None:
        worker.job = job
        worker.job_id = next(_job_ids)
        worker.deadline = time.monotonic() + self.settings.page_timeout + START_GRACE
        worker.next_page = 1
        fault = self.settings.faults.get(job.name)
        worker.conn.send((worker.job_id, job.data, fault, self.prepare))

    def retire(self, worker: _Worker) -> None:
        """Kill a worker (crashed or hung) and forget it."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers.remove(worker)

    def close(self) -> None:
        """Idle workers go back to the shared list; busy ones (a stopped run) are ended."""
        for worker in list(self.workers):
            if worker.job is None and worker.process.is_alive():
                self.workers.remove(worker)
                worker.idle_since = time.monotonic()
                with _idle_lock:
                    _idle.append(worker)
            else:
                self.retire(worker)


def extract_files(
    jobs: Iterable[Job[K]],
    settings: PoolSettings | None = None,
    prepare: PagesPrepare | None = None,
) -> Iterator[tuple[Job[K], ExtractedPdf]]:
    """Extract every job's file in worker processes; yields (job, result) as each finishes.

    ``prepare`` (a module-level function, sent by name) turns each good
    file's page texts into ``result.prepared`` in the worker (see
    :func:`~companion.pdf.text.extract_pdf`): work the caller would
    otherwise do one file at a time while the workers wait.
    Stopping the iteration early (``close()`` on the generator, or an
    exception in the caller) stops and ends the workers.
    """
    pool = _Pool(settings or PoolSettings(), prepare)
    pending = iter(jobs)
    exhausted = False
    try:
        while True:
            exhausted = _hand_out(pool, pending, exhausted)
            busy = [w for w in pool.workers if w.job is not None]
            if not busy:
                if exhausted:
                    return
                continue
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            now = time.monotonic()
            finished = []
            for worker in busy:
                job = worker.job
                assert job is not None
                outcome = _take(pool, worker, ready, now)
                if outcome is not None:
                    finished.append((job, outcome))
            if finished:
                # The next files go to the idle workers first: they read them
                # while the caller stores what just came back.
                exhausted = _hand_out(pool, pending, exhausted)
                yield from finished
    finally:
        pool.close()


def _hand_out(pool: _Pool, pending: Iterator[Job], exhausted: bool) -> bool:
    """Give a job to each idle worker (starting workers up to the limit); True when none left."""
    idle = [w for w in pool.workers if w.job is None]
    while not exhausted and (idle or len(pool.workers) < pool.settings.workers):
        job = next(pending, None)
        if job is None:
            return True
        worker = idle.pop() if idle else pool.start_worker()
        pool.give(worker, job)
    return exhausted


def _take(pool: _Pool, worker: _Worker, ready: list, now: float) -> ExtractedPdf | None:
    """Read what ``worker`` sent; a result, a refusal when it died or hung, or None."""
    job = worker.job
    assert job is not None
    if worker.conn in ready:
        while worker.conn.poll():
            try:
                kind, job_id, payload = worker.conn.recv()
            except (EOFError, OSError):
                break
            if job_id != worker.job_id:
                continue
            if kind == "page":
                worker.deadline = now + pool.settings.page_timeout
                worker.next_page = payload + 1
            else:
                worker.job = None
                return payload
    if not worker.process.is_alive():
        worker.process.join(1)
        code = worker.process.exitcode
        pool.retire(worker)
        return ExtractedPdf(problems=(_crashed(code),))
    if now >= worker.deadline:
        page = worker.next_page
        pool.retire(worker)
        return ExtractedPdf(problems=(_timed_out(page, pool.settings.page_timeout),))
    return None
