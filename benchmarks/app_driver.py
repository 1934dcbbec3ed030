"""The program as a person starts and uses it, in a fresh process, timed until painted.

    python -m benchmarks.app_driver app DATA_DIR KIT_DIR KEY.pub
    python -m benchmarks.app_driver bare WIDTH HEIGHT
    python -m benchmarks.app_driver search DATA_DIR KIT_DIR KEY.pub PLAN.json
    python -m benchmarks.app_driver bare-search DATA_DIR PLAN.json

``app`` runs exactly what ``python main.py --data-dir DATA_DIR`` runs
(``companion.cli.main``: icon, logging, error handler, the window, its
``start()``, the event loop), with one difference a build of the program
would have too: KIT_DIR is the kit it ships and KEY.pub the key it trusts.
It prints one JSON line the moment the Library's document list has been
painted with documents in it (after the first-run import when DATA_DIR is
empty), then quits the way the program quits. The parent times from spawn
to that line. ``bare`` is the floor: an empty PySide6 main window of the
given size, shown and painted the same way.

``search`` starts the program the same way, then does what a person does:
Ctrl+K, and types each query of PLAN into the focused box, one key at a
time (``gap_ms`` apart). It times from the moment the last key was due to
the moment the result list was painted showing the expected first results,
and reads the list only as a person (or a screen reader) does: the visible
item view next to the search box, its rows' texts. No internals of the
search screen are used, so it keeps working when search becomes
asynchronous. ``bare-search`` is the floor: a bare line edit and list that
run the same search engine once the whole query is typed and list the titles.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from benchmarks.app_start import ship_with

STEP_TIMEOUT = 60.0  # seconds a step may take before the driver gives up
QUERY_TIMEOUT = 15.0


def report(result: dict) -> None:
    print(json.dumps(result), flush=True)


class PaintWatch(QObject):
    """Calls ``painted`` right after ``widget`` has painted, when ``wanted()`` held at the paint.

    An event filter sees the paint event before the widget paints, so the
    callback runs from a zero timer: after the paint and the flush that
    follows it in the same event-loop pass.
    """

    def __init__(self, widget: QWidget, wanted: Callable[[], bool], painted: Callable[[], None]):
        super().__init__(widget)
        self.wanted = wanted
        self.painted = painted
        self.armed = True
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint and self.wanted():
            self.armed = False
            QTimer.singleShot(0, self.painted)
        return False


def main_window() -> QMainWindow:
    """The program's main window (the top-level window that has the Library)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and hasattr(widget, "library_screen"):
            return widget
    raise RuntimeError("the program did not open its main window")


def library_list(window: QMainWindow):
    return window.library_screen.tree


def run_program(
    data_dir: Path,
    kit: Path,
    pub: Path,
    when_painted: Callable[[QMainWindow], None],
    seen: dict | None = None,
) -> dict:
    """``python main.py --data-dir DATA_DIR``, calling ``when_painted`` once the Library shows.

    Fills ``seen`` with what was seen: ``first_run`` (no kit was installed when
    the window opened) and the exit ``code``.
    """
    ship_with(kit, pub)
    from companion.cli import main as program_main

    seen = {} if seen is None else seen

    def attach() -> None:  # first pass of the event loop: the window exists, nothing painted
        window = main_window()
        tree = library_list(window)
        seen["first_run"] = window.context.library.installed() is None
        PaintWatch(
            tree.viewport(), lambda: tree.topLevelItemCount() > 0, lambda: when_painted(window)
        )

    QTimer.singleShot(0, attach)
    seen["code"] = program_main(["--data-dir", str(data_dir)])
    return seen


def app_mode(data_dir: Path, kit: Path, pub: Path) -> int:
    app = QApplication(sys.argv[:1])
    seen: dict = {}

    def painted(window: QMainWindow) -> None:
        report(
            {
                "painted": True,
                "window": [window.width(), window.height()],
                "first_run": seen.get("first_run"),
                "library_rows": library_list(window).topLevelItemCount(),
            }
        )
        app.quit()

    run_program(data_dir, kit, pub, painted, seen)
    return seen["code"]


def bare_mode(width: int, height: int) -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(width, height)

    def painted() -> None:
        report({"painted": True, "window": [window.width(), window.height()]})
        app.quit()

    PaintWatch(window, lambda: True, painted)
    window.show()
    return app.exec()


# -- typing into a search box like a person ------------------------------------------------


class Script:
    """Runs a generator of steps inside the event loop.

    A step yields ``("sleep", seconds)``, ``("at", perf_counter_time)`` or
    ``("until", condition)``; the generator resumes when it is over.
    """

    def __init__(self, steps: Iterator) -> None:
        self.steps = steps
        # "at": a precise timer, its wait rounded up. PySide6's singleShot(ms, callable)
        # makes a coarse timer, which fires up to 5% early: a key typed up to 6 ms
        # before it was due took that off the measured time (and a search on a tiny
        # kit was then "painted" before its last key was due).
        self.due = QTimer()
        self.due.setSingleShot(True)
        self.due.setTimerType(Qt.TimerType.PreciseTimer)
        self.due.timeout.connect(self.advance)
        self.poll = QTimer()
        self.poll.setInterval(10)
        self.poll.timeout.connect(self._check)
        self.condition: Callable[[], bool] | None = None
        self.deadline = 0.0
        self.error: str | None = None

    def start(self) -> None:
        QTimer.singleShot(0, self.advance)

    def advance(self) -> None:
        self.poll.stop()
        self.condition = None
        try:
            kind, value = next(self.steps)
        except StopIteration:
            QApplication.quit()
            return
        except Exception as exc:  # the driver's own failure: report it, do not hang
            self.error = f"{type(exc).__name__}: {exc}"
            QApplication.quit()
            return
        if kind == "sleep":
            QTimer.singleShot(max(0, round(value * 1000)), self.advance)
        elif kind == "at":
            self.due.start(max(0, math.ceil((value - time.perf_counter()) * 1000)))
        else:
            self.condition = value
            self.deadline = time.perf_counter() + STEP_TIMEOUT
            self.poll.start()
            self._check()

    def _check(self) -> None:
        if self.condition is None:
            return
        if self.condition():
            self.advance()
        elif time.perf_counter() > self.deadline:
            self.error = "a step timed out"
            QApplication.quit()


def row_texts(view, row: int) -> list[str]:
    """Every text a row of an item view carries (what is shown and what is read aloud)."""
    model = view.model()
    index = model.index(row, 0)
    return [value for value in model.itemData(index).values() if isinstance(value, str)]


def shows(view, expected: list[str]) -> bool:
    """The view lists the expected titles first, in order (and nothing when none are expected)."""
    model = view.model()
    if model is None:
        return False
    if not expected:
        return model.rowCount() == 0
    if model.rowCount() < len(expected):
        return False
    return all(
        any(title in text for text in row_texts(view, row)) for row, title in enumerate(expected)
    )


def result_view(box: QWidget):
    """The visible list of results that belongs with the search box (nearest one up the tree)."""
    from PySide6.QtWidgets import QAbstractItemView

    parent = box.parentWidget()
    while parent is not None:
        views = [v for v in parent.findChildren(QAbstractItemView) if v.isVisible()]
        if views:
            named = [v for v in views if "result" in v.accessibleName().lower()]
            return (named or views)[0]
        parent = parent.parentWidget()
    raise RuntimeError("no result list next to the search box")


def type_queries(
    box_of: Callable[[], QWidget | None], plan: dict, latencies: list[float], begin: Iterator
) -> Generator:
    """The person's part: ``begin``, then per query: clear the box, type, see the results."""
    from PySide6.QtTest import QTest

    yield from begin
    yield ("until", lambda: box_of() is not None)
    box = box_of()
    view = result_view(box)
    gap = plan["gap_ms"] / 1000
    for query in plan["queries"]:
        QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(box, Qt.Key.Key_Backspace)
        yield ("until", lambda: shows(view, []))
        yield ("sleep", plan["pause_s"])  # reading the empty list, then typing again
        text, expected = query["text"], query["expect"]
        started = time.perf_counter()
        for number, char in enumerate(text):
            due = started + number * gap
            yield ("at", due)
            QTest.keyClicks(box, char)
        last_key = started + (len(text) - 1) * gap  # when the person pressed it
        done: list[float] = []
        PaintWatch(
            view.viewport(),
            lambda e=expected: shows(view, e),
            lambda d=done: d.append(time.perf_counter()),
        )
        deadline = time.perf_counter() + QUERY_TIMEOUT
        yield ("until", lambda d=done, t=deadline: bool(d) or time.perf_counter() > t)
        if not done:
            raise RuntimeError(f"results for {text!r} were never painted")
        latencies.append(done[0] - last_key)


def focused_line_edit() -> QWidget | None:
    from PySide6.QtWidgets import QLineEdit

    widget = QApplication.focusWidget()
    return widget if isinstance(widget, QLineEdit) else None


def search_mode(data_dir: Path, kit: Path, pub: Path, plan: dict) -> int:
    app = QApplication(sys.argv[:1])  # before the program's own code: it uses this one
    latencies: list[float] = []
    windows: list[QMainWindow] = []

    def begin() -> Generator:
        yield ("until", lambda: bool(windows))
        from PySide6.QtTest import QTest

        QTest.keyClick(windows[0], Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)

    script = Script(type_queries(focused_line_edit, plan, latencies, begin()))
    QTimer.singleShot(0, script.start)
    run_program(data_dir, kit, pub, windows.append)
    app.processEvents()
    size = [windows[0].width(), windows[0].height()] if windows else None
    report({"latencies": latencies, "error": script.error, "window": size})
    return 0 if script.error is None else 1


def bare_search_mode(data_dir: Path, plan: dict) -> int:
    """The floor: the same engine, run once when the last key is in, titles in a plain list.

    It knows the queries, so it searches only the whole one: what is left is
    the search, filling a list and painting it, with nothing in between.
    """
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout

    from companion.kit.search import KitSearch
    from companion.paths import app_paths
    from companion.store.kit_store import KitStore

    app = QApplication(sys.argv[:1])
    store = KitStore(app_paths(data_dir).kit_store)
    search = KitSearch(store)
    window = QMainWindow()
    window.resize(*plan["window"])
    body = QWidget()
    layout = QVBoxLayout(body)
    box = QLineEdit()
    model = QStandardItemModel()
    view = QListView()
    view.setModel(model)
    layout.addWidget(box)
    layout.addWidget(view, 1)
    window.setCentralWidget(body)

    queries = [query["text"] for query in plan["queries"]]
    typed = [0]  # how many of the queries are done

    def run(text: str) -> None:
        if not text:
            model.clear()
        elif typed[0] < len(queries) and text == queries[typed[0]]:
            typed[0] += 1
            model.clear()
            for hit in search.search(text):
                model.appendRow(QStandardItem(hit.title))

    box.textChanged.connect(run)
    latencies: list[float] = []

    def begin() -> Generator:
        yield ("sleep", 0)
        box.setFocus()

    script = Script(type_queries(focused_line_edit, plan, latencies, begin()))
    window.show()
    QTimer.singleShot(0, script.start)
    app.exec()
    store.close()
    report({"latencies": latencies, "error": script.error})
    return 0 if script.error is None else 1


def main() -> int:
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"  # nothing leaves this machine
    mode, *args = sys.argv[1:]
    if mode == "app":
        return app_mode(Path(args[0]), Path(args[1]), Path(args[2]))
    if mode == "bare":
        return bare_mode(int(args[0]), int(args[1]))
    if mode == "search":
        plan = json.loads(Path(args[3]).read_text())
        return search_mode(Path(args[0]), Path(args[1]), Path(args[2]), plan)
    if mode == "bare-search":
        return bare_search_mode(Path(args[0]), json.loads(Path(args[1]).read_text()))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main())
