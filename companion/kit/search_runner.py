"""Search while someone types, without ever holding up the window.

A :class:`SearchRunner` owns one thread and one read connection to the kit
store. Every keystroke is a :meth:`SearchRunner.request`; the newest request
wins: a search still running for an older text is stopped at once (SQLite's
``interrupt()`` on that connection, and a check between the search's steps),
and only the newest text's results are delivered. No fixed delay: a search
starts the moment a key is typed.

Plain Python (no Qt), so the command line and the tests can use it too; the
search screen passes a ``deliver`` that hands the results to the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from companion.kit.search import KitSearch, SearchCancelled, SearchResults
from companion.store.kit_store import KitStore

log = logging.getLogger(__name__)

MAX_TRIES = 3  # runs of one search text after interrupts that were meant for an older one


@dataclass(frozen=True)
class Request:
    generation: int
    text: str
    correct: bool = True


# deliver(request, results, error): exactly one of results and error is set.
Deliver = Callable[[Request, SearchResults | None, Exception | None], None]


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


class SearchRunner:
    def __init__(self, path: Path, deliver: Deliver, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.deliver = deliver
        self._lock = threading.Condition()
        self._pending: Request | None = None
        self._running: Request | None = None
        self._generation = 0
        self._closing = False
        self._tries = (0, 0)  # (generation, times run again after an interrupt)
        self._store: KitStore | None = None
        self._thread = threading.Thread(target=self._work, name="kit-search", daemon=True)
        self._thread.start()

    # -- the window's side --------------------------------------------------------------

    def request(self, text: str, *, correct: bool = True) -> Request:
        """Search ``text`` next; whatever ran before is stopped."""
        with self._lock:
            self._generation += 1
            request = Request(self._generation, text, correct)
            self._pending = request
            if self._running is not None and self._store is not None:
                self._store.conn.interrupt()
            self._lock.notify()
        return request

    def is_current(self, request: Request) -> bool:
        return request.generation == self._generation

    def close(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._closing = True
            self._pending = None
            if self._running is not None and self._store is not None:
                self._store.conn.interrupt()
            self._lock.notify()
        self._thread.join(timeout)

    # -- the search thread -----------------------------------------------------------

    def _cancelled(self) -> bool:
        return self._closing or self._pending is not None

    def _work(self) -> None:
        search: KitSearch | None = None
        opened: tuple[int, int] | None = None
        try:
            search, opened = self._open_prepared()
            while True:
                with self._lock:
                    while self._pending is None and not self._closing:
                        self._lock.wait()
                    if self._closing:
                        return
                    request, self._pending = self._pending, None
                    self._running = request
                try:
                    # The store file may have been replaced (rebuilt after damage).
                    if search is None or _file_id(self.path) != opened:
                        search = self._open(search)
                        opened = _file_id(self.path)
                    results = search.run(
                        request.text, correct=request.correct, cancelled=self._cancelled
                    )
                except SearchCancelled:  # a newer text came in (or the runner closes)
                    continue
                except sqlite3.OperationalError as exc:
                    interrupted = "interrupt" in str(exc)
                    if interrupted and (
                        self._again_if_still_wanted(request) or not self.is_current(request)
                    ):
                        continue
                    self._finish(request, None, exc)
                except Exception as exc:  # handed to the window, which explains it
                    log.warning("search for %r failed: %s", request.text, exc)
                    search = None
                    self._finish(request, None, exc)
                else:
                    self._finish(request, results, None)
        finally:
            with self._lock:
                self._running = None
                store, self._store = self._store, None
            if store is not None:
                with contextlib.suppress(sqlite3.Error):
                    store.close()

    def _open_prepared(self) -> tuple[KitSearch | None, tuple[int, int] | None]:
        """Open the connection and load what searching needs as soon as the runner starts
        (the search screen opening), so the first key typed is searched as fast as the
        next. A store that cannot be opened now is opened (and its error shown) at the
        first search."""
        try:
            search = self._open(None)
            opened = _file_id(self.path)
            search.prepare()
        except Exception as exc:  # shown when a search asks for it; nothing to show yet
            log.info("search store not opened ahead: %s", exc)
            return None, None
        return search, opened

    def _again_if_still_wanted(self, request: Request) -> bool:
        """Run an interrupted search again when nothing newer came in meanwhile.

        Why: the window interrupts the connection the moment a key is typed,
        and SQLite lets that interrupt also stop statements that start while an
        older one is still active on the connection. Should it reach the newest
        search, without a second try the last text typed would never get its
        results. At most a few tries, then the error is shown.
        """
        with self._lock:
            if self._closing or self._pending is not None:
                return False
            if request.generation != self._generation:
                return False
            generation, tries = self._tries
            tries = tries + 1 if generation == request.generation else 1
            if tries > MAX_TRIES:
                return False
            self._tries = (request.generation, tries)
            self._pending = request
            return True

    def _open(self, old: KitSearch | None) -> KitSearch:
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            with contextlib.suppress(sqlite3.Error):
                store.close()
        store = KitStore(self.path, read_only=self.read_only)
        with self._lock:
            self._store = store
        return KitSearch(store)

    def _finish(
        self, request: Request, results: SearchResults | None, error: Exception | None
    ) -> None:
        with self._lock:
            self._running = None
            current = request.generation == self._generation and not self._closing
        if current:
            self.deliver(request, results, error)
