"""Where the time of a double-click goes: a per-step timeline of opening a document.

    python benchmarks/open_timeline.py DATA_DIR KIT_DIR KEY.pub DOC_ID OPENS [PROCESSES]

(run from the root of the tree whose code you want to trace). Each of
PROCESSES fresh programs (default 1) is built as benchmarks/viewer_driver.py
builds it (the real MainWindow, engine started and warmed after the first
paint), then OPENS double-clicks are done in the library as the ``open_500``
row does them; the first of each process is cold. For each open it records,
from the mouse press until page 1 is painted sharp:

- the GUI thread's CPU (``time.thread_time_ns``, load-proof) per step: the
  program's own methods on the open path (nested, inclusive and exclusive)
  and every Qt event the GUI thread handled (by type and receiver,
  exclusive of the steps inside it);
- what the workers did: each request sent, when a worker drew it
  (its own CLOCK_MONOTONIC stamps), when the engine's thread relayed it,
  and each worker's CPU over the open (``/proc/PID/schedstat``, ns);
- the engine thread's CPU over the open.

OPEN_TRACE=plain records only the totals (no wrappers: the GUI thread's CPU
as the program spends it), OPEN_TRACE=steps the program's steps without
Qt's events (each traced event costs a few microseconds of Python).

OPEN_TRACE=callgrind counts instructions, which load does not change: the
child runs under ``valgrind --tool=callgrind --instr-atstart=no
--separate-threads=yes`` (see ``callgrind_command``; OPEN_CALLGRIND_OUT
names the files) and each open, from the mouse press until the frame that
painted page 1 is done, is one dump of the GUI thread: ``OUT.1-01`` the cold
open, ``OUT.2-01`` and on the warm ones. The workers run outside valgrind.
It needs gcc and valgrind's callgrind.h (a two-function helper is built in
/tmp).

Prints one JSON line per open (``"steps"``: the timeline) and a summary of
medians per kind (cold, warm). Timing code is installed by this script
only, never by the program.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the tree being traced, not this file's

from benchmarks.viewer_driver import PaintWatch, open_window, settle

# (module, class, method, label): the steps of the open path, wrapped at class level
# before the window is built (so signal connections made later go through them).
STEPS = (
    ("companion.ui.screens.library", "LibraryScreen", "_activate", "library._activate"),
    ("companion.ui.main_window", "MainWindow", "open_document", "window.open_document"),
    ("companion.kit.library", "KitLibrary", "document", "library.document"),
    ("companion.kit.library", "KitLibrary", "pdf_bytes", "library.pdf_bytes"),
    ("companion.kit.library", "KitLibrary", "page_boxes", "library.page_boxes"),
    ("companion.store.user_store", "UserStore", "last_page", "user.last_page"),
    ("companion.store.user_store", "UserStore", "mark_opened", "user.mark_opened"),
    ("companion.ui.viewer.screen", "ViewerScreen", "show_document", "viewer.show_document"),
    ("companion.ui.viewer.screen", "ViewerScreen", "close_document", "viewer.close_document"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_ready_to_lay_out", "viewer._ready"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_start", "viewer._start"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_restore_zoom", "viewer._restore_zoom"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_wait_for_first_page", "viewer._wait_first"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_lay_out", "viewer._lay_out"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_fit_side_panel", "viewer._fit_side_panel"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_current_changed", "viewer._current_changed"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_set_document_actions", "viewer._actions"),
    ("companion.ui.viewer.screen", "ViewerScreen", "focus_pages", "viewer.focus_pages"),
    ("companion.ui.viewer.screen", "ViewerScreen", "showEvent", "viewer.showEvent"),
    ("companion.ui.viewer.screen", "ViewerScreen", "hideEvent", "viewer.hideEvent"),
    ("companion.ui.viewer.screen", "ViewerScreen", "resizeEvent", "viewer.resizeEvent"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_check_first_page", "viewer._check_first"),
    ("companion.ui.viewer.screen", "ViewerScreen", "_first_page_shown", "viewer._first_shown"),
    ("companion.ui.viewer.engine_client", "EngineClient", "share", "engine.share"),
    ("companion.ui.viewer.engine_client", "EngineClient", "prepare", "engine.prepare"),
    ("companion.ui.viewer.engine_client", "EngineClient", "submit", "engine.submit"),
    ("companion.ui.viewer.engine_client", "EngineClient", "_deliver", "engine._deliver"),
    ("companion.ui.viewer.render_service", "RenderService", "open", "service.open"),
    ("companion.ui.viewer.render_service", "RenderService", "request", "service.request"),
    ("companion.ui.viewer.render_service", "RenderService", "_arrived", "service._arrived"),
    ("companion.ui.viewer.render_service", "RenderService", "paint_page", "service.paint_page"),
    ("companion.ui.viewer.page_content", "PageContent", "open", "content.open"),
    ("companion.ui.viewer.canvas", "PageCanvas", "set_document", "canvas.set_document"),
    ("companion.ui.viewer.canvas", "PageCanvas", "relayout", "canvas.relayout"),
    ("companion.ui.viewer.canvas", "PageCanvas", "go_to", "canvas.go_to"),
    ("companion.ui.viewer.canvas", "PageCanvas", "_request_visible", "canvas._request_visible"),
    ("companion.ui.viewer.canvas", "PageCanvas", "paintEvent", "canvas.paintEvent"),
    ("companion.ui.viewer.canvas", "PageCanvas", "resizeEvent", "canvas.resizeEvent"),
    ("companion.ui.viewer.canvas", "PageCanvas", "_tile_ready", "canvas._tile_ready"),
    ("companion.ui.viewer.find_bar", "FindBar", "set_document", "find_bar.set_document"),
    ("companion.ui.viewer.sidebar", "Sidebar", "set_document", "sidebar.set_document"),
)


class Recorder:
    """Nested (label, wall, cpu) records of the GUI thread while ``on``."""

    def __init__(self) -> None:
        self.on = False
        self.gui = threading.get_ident()
        self.records: list[dict] = []
        self.stack: list[dict] = []

    def begin(self, label: str) -> dict | None:
        if not self.on or threading.get_ident() != self.gui:
            return None
        record = {
            "label": label,
            "depth": len(self.stack),
            "t0": time.perf_counter_ns(),
            "c0": time.thread_time_ns(),
            "child_cpu": 0,
        }
        self.stack.append(record)
        return record

    def end(self, record: dict | None) -> None:
        if record is None:
            return
        record["t1"] = time.perf_counter_ns()
        record["cpu"] = time.thread_time_ns() - record["c0"]
        record["self_cpu"] = record["cpu"] - record["child_cpu"]
        self.stack.pop()
        if self.stack:
            self.stack[-1]["child_cpu"] += record["cpu"]
        self.records.append(record)


RECORDER = Recorder()


def _wrap(function, label: str):
    @functools.wraps(function)
    def traced(*args, **kwargs):
        record = RECORDER.begin(label)
        try:
            return function(*args, **kwargs)
        finally:
            RECORDER.end(record)

    return traced


def install_steps() -> None:
    import importlib

    from PySide6.QtWidgets import QStackedWidget

    for module_name, class_name, method, label in STEPS:
        cls = getattr(importlib.import_module(module_name), class_name)
        setattr(cls, method, _wrap(getattr(cls, method), label))
    QStackedWidget.setCurrentWidget = _wrap(QStackedWidget.setCurrentWidget, "stack.switch")


def tracing_app_class():
    """A QApplication whose notify records every event the GUI thread handles."""
    from PySide6.QtWidgets import QApplication

    class TracingApp(QApplication):
        def notify(self, receiver, event):
            record = None
            if RECORDER.on:
                name = receiver.objectName() or type(receiver).__name__
                record = RECORDER.begin(f"event {event.type().name} -> {name}")
            try:
                return super().notify(receiver, event)
            finally:
                RECORDER.end(record)

    return TracingApp


def schedstat_ns(pid: int, tid: int | None = None) -> int:
    path = f"/proc/{pid}/task/{tid}/schedstat" if tid else f"/proc/{pid}/schedstat"
    try:
        return int(Path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def install_pool(window, events: list[tuple[int, str, object]]) -> None:
    """Stamps of the engine's side: requests sent, drawn (worker clocks), relayed."""
    from companion.pdf.engine.protocol import Pixels, Render

    pool = window.engine.pool

    def what(request) -> object:
        if isinstance(request, Render):
            return f"{type(request).__name__} p{request.page} clip{tuple(request.clip)}"
        return type(request).__name__

    send = pool._send

    def traced_send(worker, message):
        if isinstance(message, tuple) and len(message) == 2:
            pid = worker.process.pid if worker.process is not None else 0
            label = message[0] if isinstance(message[0], str) else what(message[1])
            if not isinstance(message[0], str):
                label = f"{label}"
            events.append((time.perf_counter_ns(), f"send w{pid}", label))
        send(worker, message)

    finish = pool._finish

    def traced_finish(ticket, answer):
        key = what(ticket.request)
        if isinstance(answer, Pixels):
            events.append((int(answer.drawn[0] * 1e9), "worker draws", key))
            events.append((int(answer.drawn[1] * 1e9), "worker drawn", key))
        events.append((time.perf_counter_ns(), "engine relays", key))
        finish(ticket, answer)

    pool._send = traced_send
    pool._finish = traced_finish


def engine_thread_id(window) -> int | None:
    pool = window.engine.pool
    thread = getattr(pool, "_thread", None)
    return getattr(thread, "native_id", None)


def one_open(
    loop, window, library, doc_id: str, watch_box: list, events: list, marks=None, name=""
) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.show_screen("bibliotheek")
    window.context.user.set_last_page(doc_id, 1)
    loop.run_for(0.1)
    library.select_document(doc_id)
    tree = library.tree
    rect = tree.visualItemRect(tree.currentItem())
    pool = window.engine.pool
    workers = pool.worker_pids()
    engine_tid = engine_thread_id(window)
    me = os.getpid()
    worker_cpu0 = {pid: schedstat_ns(pid) for pid in workers}
    engine_cpu0 = schedstat_ns(me, engine_tid) if engine_tid else 0
    events.clear()
    RECORDER.records.clear()
    RECORDER.on = True
    if marks is not None:
        marks[0]()  # callgrind counts from here
    t0 = time.perf_counter_ns()
    gui0 = time.thread_time_ns()
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if not watch_box:
        watch = PaintWatch(window.viewer.canvas)
        cpu_at: dict[int, int] = {}

        def painted(index: int, sharp: bool, original=watch._painted) -> None:
            original(index, sharp)
            if index in watch.sharp_at:
                cpu_at.setdefault(index, time.thread_time_ns())

        window.viewer.canvas.paint_listener = painted
        watch_box.extend((watch, cpu_at))
    watch, cpu_at = watch_box
    cpu_at.clear()
    watch.reset()
    if not loop.run_until(lambda: 0 in watch.sharp_at):
        raise SystemExit("the first page was never painted")
    if marks is not None:  # until the frame that painted it is done, as the row ends
        loop.run_until(lambda: 0 in watch.frame_done)
        marks[1](name)
    RECORDER.on = False
    gui_cpu = cpu_at[0] - gui0  # until the page was painted
    frame_cpu = time.thread_time_ns() - gui0  # until the frame that painted it was done
    shown = int(watch.sharp_at[0] * 1e9)
    worker_cpu = {pid: schedstat_ns(pid) - worker_cpu0[pid] for pid in workers}
    engine_cpu = schedstat_ns(me, engine_tid) - engine_cpu0 if engine_tid else 0
    steps = [
        {
            "at": round((r["t0"] - t0) / 1e6, 2),
            "wall": round((r["t1"] - r["t0"]) / 1e6, 2),
            "cpu": round(r["cpu"] / 1e6, 2),
            "self": round(r["self_cpu"] / 1e6, 2),
            "depth": r["depth"],
            "step": r["label"],
        }
        for r in sorted(RECORDER.records, key=lambda r: (r["t0"], r["depth"]))
    ]
    engine = [
        {"at": round((t - t0) / 1e6, 2), "step": step, "what": key}
        for t, step, key in sorted(events, key=lambda e: e[0])
        if t <= shown
    ]
    by_label: dict[str, float] = {}
    for s in steps:
        if s["at"] <= (shown - t0) / 1e6:
            by_label[s["step"]] = by_label.get(s["step"], 0.0) + s["self"]
    result = {
        "shown_ms": round((shown - t0) / 1e6, 2),
        "gui_cpu_ms": round(gui_cpu / 1e6, 2),
        "gui_cpu_frame_ms": round(frame_cpu / 1e6, 2),
        "engine_thread_cpu_ms": round(engine_cpu / 1e6, 2),
        "worker_cpu_ms": {str(p): round(c / 1e6, 2) for p, c in worker_cpu.items()},
        "self_cpu_by_step": {
            k: round(v, 2) for k, v in sorted(by_label.items(), key=lambda kv: -kv[1])
        },
        "steps": steps,
        "engine": engine,
    }
    settle(loop, window)
    window.viewer.close_document()
    return result


CALLGRIND_HELPER = r"""
#include <valgrind/callgrind.h>
void marks_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void marks_stop(const char *name) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS_AT(name); }
"""


def callgrind_marks():
    """(start, stop(name)) that bracket one open for callgrind (built once in /tmp)."""
    import ctypes
    import subprocess
    import tempfile

    folder = Path(tempfile.gettempdir()) / "open-timeline-marks"
    folder.mkdir(exist_ok=True)
    library = folder / "marks.so"
    if not library.exists():
        source = folder / "marks.c"
        source.write_text(CALLGRIND_HELPER)
        subprocess.run(["gcc", "-O1", "-shared", "-fPIC", "-o", library, source], check=True)
    marks = ctypes.CDLL(str(library))
    marks.marks_stop.argtypes = [ctypes.c_char_p]
    return marks.marks_start, lambda name: marks.marks_stop(name.encode())


def callgrind_command(out: str) -> list[str]:
    return [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--separate-threads=yes",
        f"--callgrind-out-file={out}",
    ]


def run_process(data_dir, kit_dir, key_file, doc_id: str, opens: int) -> list[dict]:
    import PySide6.QtWidgets as widgets

    trace = os.environ.get("OPEN_TRACE", "events")  # plain: totals only; steps: no events
    if trace not in ("plain", "callgrind"):
        install_steps()
    original = widgets.QApplication
    if trace == "events":
        widgets.QApplication = tracing_app_class()  # open_window builds this one
    try:
        _app, loop, window = open_window(Path(data_dir), Path(kit_dir), Path(key_file))
    finally:
        widgets.QApplication = original
    # As the open_500 row: the window idle until the viewer is warmed up (0.1 s after the
    # first paint, see MainWindow._prepare_viewer), then the first double-click.
    events: list = []
    install_pool(window, events)
    library = window.library_screen
    watch_box: list = []
    results = []
    from PySide6.QtTest import QTest

    # QtTest's types are made on first use: not inside the first (cold) open (as the row).
    QTest.mouseMove(library.tree.viewport(), library.tree.viewport().rect().center())
    marks = callgrind_marks() if trace == "callgrind" else None
    for number in range(opens):
        kind = "cold" if number == 0 else "warm"
        result = one_open(loop, window, library, doc_id, watch_box, events, marks, f"open-{kind}")
        result["kind"] = kind
        results.append(result)
    window.close()
    window.context.close()
    return results


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"
    data_dir, kit_dir, key_file, doc_id, opens = sys.argv[1:6]
    if len(sys.argv) > 6 and sys.argv[6] == "child":
        for result in run_process(data_dir, kit_dir, key_file, doc_id, int(opens)):
            print(json.dumps(result), flush=True)
        return
    processes = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    import subprocess

    rows: list[dict] = []
    for _ in range(processes):
        prefix = []
        if os.environ.get("OPEN_TRACE") == "callgrind":
            prefix = callgrind_command(os.environ.get("OPEN_CALLGRIND_OUT", "callgrind.open.%p"))
        out = subprocess.run(
            [*prefix, sys.executable, __file__, *sys.argv[1:6], "child"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for line in out.splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                rows.append(row)
                print(line, flush=True)
    for kind in ("cold", "warm"):
        chosen = [r for r in rows if r["kind"] == kind]
        if not chosen:
            continue
        labels = {k for r in chosen for k in r["self_cpu_by_step"]}
        summary = {
            "kind": kind,
            "opens": len(chosen),
            "shown_ms": round(statistics.median(r["shown_ms"] for r in chosen), 2),
            "gui_cpu_ms": round(statistics.median(r["gui_cpu_ms"] for r in chosen), 2),
            "gui_cpu_frame_ms": round(statistics.median(r["gui_cpu_frame_ms"] for r in chosen), 2),
            "engine_thread_cpu_ms": round(
                statistics.median(r["engine_thread_cpu_ms"] for r in chosen), 2
            ),
            "worker_cpu_ms": round(
                statistics.median(sum(r["worker_cpu_ms"].values()) for r in chosen), 2
            ),
            "self_cpu_by_step": dict(
                sorted(
                    (
                        (
                            k,
                            round(
                                statistics.median(r["self_cpu_by_step"].get(k, 0) for r in chosen),
                                2,
                            ),
                        )
                        for k in labels
                    ),
                    key=lambda kv: -kv[1],
                )[:30]
            ),
        }
        print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
