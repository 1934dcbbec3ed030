"""The real viewer in a fresh process: jumps, opening, lateness and memory, paint-checked.

    python -m benchmarks.viewer_driver jumps    DATA_DIR KIT_DIR KEY.pub DOC_ID RUNS
    python -m benchmarks.viewer_driver open     DATA_DIR KIT_DIR KEY.pub DOC_ID RUNS
    python -m benchmarks.viewer_driver lateness DATA_DIR KIT_DIR KEY.pub DOC_ID HEAVY.pdf SECONDS
    python -m benchmarks.viewer_driver scroll   DATA_DIR KIT_DIR KEY.pub DOC_ID PRESSES
    python -m benchmarks.viewer_driver bare     PDF_FILE SCALE

Each mode builds the program's MainWindow (offscreen unless QT_QPA_PLATFORM
says otherwise), waits until the PDF engine's workers are up (they start
after the first paint, as in the program), and prints one JSON line.

Timing ends when the page is *painted*: the reading view calls a listener
from its paint event, and a page counts once it was painted with all its
tiles on screen sharp (not when they merely reached a cache). The floor is
bare PyMuPDF in a process of its own (no Qt, nothing else), asked for the
same page at the same scale right before or after the program's turn, so
drift on a shared machine hits both alike. Memory is the resident size of
the window's process plus every process it started (engine workers,
Python's resource tracker), summed and sampled while it works.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

WINDOW_SIZE = (1920, 1080)  # a maximised window on a full-HD library workstation
STEP_TIMEOUT = 60.0


# -- memory of a process tree ------------------------------------------------------------


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(_children(current))
    return tree


def _name(pid: int, me: int) -> str:
    """window, engine worker, resource tracker, ... (with the pid, to tell them apart)."""
    if pid == me:
        return "window"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        command = ""
    for marker, name in (
        ("resource_tracker", "resource tracker"),
        ("forkserver", "forkserver"),
        ("spawn", "engine worker"),
    ):
        if marker in command:
            return f"{name} {pid}"
    return f"process {pid}"


def pss_mb(pid: int) -> float:
    """Proportional set size: shared pages split between the processes that share them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


class TreeMemory:
    """Samples the summed RSS (and now and then PSS) of this process and its children."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        self.peak_processes = 0
        self.peak_parts: dict[str, float] = {}  # resident MB per process at the peak
        self.phase = "start"
        self.peak_phase = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = os.getpid()
        tick = 0
        while not self._stop.is_set():
            pids = process_tree(me)
            parts = {_name(p, me): _status_kb(p, "VmRSS") / 1024 for p in pids}
            total = sum(parts.values())
            if total > self.peak_rss_mb:
                self.peak_rss_mb, self.peak_parts, self.peak_phase = total, parts, self.phase
            self.peak_processes = max(self.peak_processes, len(pids))
            if tick % 10 == 0:
                self.peak_pss_mb = max(self.peak_pss_mb, sum(pss_mb(p) for p in pids))
            tick += 1
            self._stop.wait(self.interval)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return {
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "peak_pss_mb": round(self.peak_pss_mb, 1),
            "processes": self.peak_processes,
            "peak_by_process_mb": {k: round(v, 1) for k, v in self.peak_parts.items()},
            "peak_during": self.peak_phase,
        }


# -- the floor: bare PyMuPDF in a process of its own ---------------------------------------


def _floor_server(conn, pdf_path: str) -> None:
    """Times PyMuPDF alone: ("render", page, scale) on the open document, or ("open", ...)."""
    import pymupdf

    data = Path(pdf_path).read_bytes()
    doc = pymupdf.open(stream=data, filetype="pdf")
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            break
        kind, page, scale = message
        start = time.perf_counter()
        if kind == "open":  # open the document afresh, then draw the page
            fresh = pymupdf.open(stream=data, filetype="pdf")
            fresh[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
            fresh.close()
        else:
            doc[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        conn.send(time.perf_counter() - start)


class Floor:
    def __init__(self, pdf_path: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_floor_server, args=(child, str(pdf_path)))
        self.process.start()
        # Started and ready before anything is timed: its start (an interpreter importing
        # PyMuPDF, a second or so of a core) must not run beside the program's turn.
        if self.conn.recv() != "ready":
            raise SystemExit("the floor's process did not start")

    def render(self, page: int, scale: float) -> float:
        self.conn.send(("render", page, scale))
        return self.conn.recv()

    def open_and_render(self, page: int, scale: float) -> float:
        self.conn.send(("open", page, scale))
        return self.conn.recv()

    def close(self) -> None:
        self.conn.send(None)
        self.process.join(10)


# -- the window ----------------------------------------------------------------------------


class Loop:
    """Runs the Qt event loop until a condition holds, waking on every event."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.ticker = QTimer()  # wakes WaitForMoreEvents, so a timeout is always noticed
        self.ticker.setInterval(5)
        self.ticker.start()

    def run_until(self, condition: Callable[[], bool], timeout: float = STEP_TIMEOUT) -> bool:
        from PySide6.QtCore import QEventLoop

        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline:
                return False
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return True

    def run_for(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        self.run_until(lambda: time.perf_counter() >= end, seconds + 1)


def open_window(data_dir: Path, kit_dir: Path, key_file: Path):
    from PySide6.QtWidgets import QApplication

    from companion.context import AppContext
    from companion.kit.signing import parse_public_key
    from companion.paths import app_paths
    from companion.pdf.engine.memory import return_large_blocks
    from companion.ui.app import paint_on_one_thread
    from companion.ui.main_window import MainWindow

    return_large_blocks()  # as run_app does: the real start path
    paint_on_one_thread()
    app = QApplication(sys.argv[:1])
    loop = Loop(app)
    keys = (parse_public_key(key_file.read_text()),)
    context = AppContext.open(app_paths(data_dir), bundled_dir=kit_dir, trusted_keys=keys)
    window = MainWindow(context)
    window.update_check_delay_ms = 24 * 3600 * 1000  # no update check during the run
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start()
    if window.import_task is not None:
        raise SystemExit("store was not ready: run the import first")
    pool = window.engine.pool
    if not loop.run_until(lambda: pool.ready_count() == pool.size, 60):
        raise SystemExit("the engine's workers did not start")
    return app, loop, window


class PaintWatch:
    """Records when each page was first painted with everything on screen sharp, and when
    the frame that painted it was done.

    The page is on screen once that frame is done: the rest of the window (toolbar,
    side panel, scroll bars) is painted in the same frame, and only then is the frame
    flushed to the screen. The window's update request is that frame.
    """

    def __init__(self, canvas) -> None:
        from PySide6.QtCore import QEvent

        self.canvas = canvas
        self.sharp_at: dict[int, float] = {}
        self.frame_done: dict[int, float] = {}
        self.frames: list[tuple[float, dict[int, bool]]] = []
        self._frame: dict[int, bool] = {}
        canvas.paint_listener = self._painted
        window = canvas.window()
        handle = window.event
        update_request = QEvent.Type.UpdateRequest

        def window_event(event) -> bool:
            handled = handle(event)
            if event.type() == update_request:
                now = time.perf_counter()
                for index in self.sharp_at:
                    self.frame_done.setdefault(index, now)
            return handled

        window.event = window_event

    def _painted(self, index: int, sharp: bool) -> None:
        now = time.perf_counter()
        whole = sharp and self.canvas.is_rendered(index)
        if whole and index not in self.sharp_at:
            self.sharp_at[index] = now

    def reset(self) -> None:
        self.sharp_at.clear()
        self.frame_done.clear()


def shown(loop: Loop, watch: PaintWatch, index: int, since: float) -> float:
    """Seconds from ``since`` until the frame that painted page ``index`` sharp was done
    (the page's own paint, inside that frame: ``painted(watch, index, since)``)."""
    watch.sharp_at.pop(index, None)
    watch.frame_done.pop(index, None)
    if not loop.run_until(lambda: index in watch.frame_done):
        raise SystemExit(f"page {index + 1} was never painted")
    return watch.frame_done[index] - since


def painted(watch: PaintWatch, index: int, since: float) -> float:
    """Seconds from ``since`` until page ``index`` itself was painted sharp."""
    return watch.sharp_at[index] - since


def settle(loop: Loop, window) -> None:
    """Until the engine has nothing left to do (prefetch, thumbnails, words)."""
    pool = window.engine.pool
    loop.run_until(lambda: pool.pending() == 0, 30)
    loop.run_for(0.05)


# -- modes -----------------------------------------------------------------------------------


def first_page_shown(data_dir: Path, kit_dir: Path, key_file: Path, doc_id: str):
    """The window with ``doc_id`` open and its first page painted: (app, loop, window, watch)."""
    app, loop, window = open_window(data_dir, kit_dir, key_file)
    if not window.open_document(doc_id, page=1):
        raise SystemExit(f"cannot open {doc_id}")
    viewer = window.viewer
    watch = PaintWatch(viewer.canvas)
    loop.run_until(lambda: viewer.page_count > 0)
    shown(loop, watch, 0, time.perf_counter())
    return app, loop, window, watch


def jump_targets(count: int, runs: int) -> list[int]:
    """``runs`` pages spread over a document of ``count`` pages (0-based)."""
    return [round(count * (k + 0.5) / (runs + 1)) for k in range(runs)]


def run_jumps(data_dir: Path, kit_dir: Path, key_file: Path, doc_id: str, runs: int) -> dict:
    """Jumps to far pages (cold: first time; warm: again, pixels evicted) and jumps
    right after another jump, each against the floor for the same page and scale."""
    app, loop, window, watch = first_page_shown(data_dir, kit_dir, key_file, doc_id)
    viewer = window.viewer
    canvas = viewer.canvas
    pdf = Path(os.environ["BENCH_PDF"])
    floor = Floor(pdf)
    scale = canvas.render_scale()
    count = viewer.page_count
    targets = jump_targets(count, runs)
    result: dict[str, list] = {k: [] for k in ("cold", "cold_floor", "warm", "warm_floor")}
    result |= {"after": [], "after_floor": []}
    result |= {"cold_painted": [], "warm_painted": [], "after_painted": []}
    for rounds, (program_key, floor_key) in enumerate(
        (("cold", "cold_floor"), ("warm", "warm_floor"))
    ):
        for number, index in enumerate(targets):
            settle(loop, window)
            viewer.service.tiles.clear()  # warm: caches warm, only the pixels are gone
            first_floor = (number + rounds) % 2 == 0
            if first_floor:
                result[floor_key].append(floor.render(index, scale))
            start = time.perf_counter()
            viewer.go_to(index + 1)
            result[program_key].append(shown(loop, watch, index, start))
            result[f"{program_key}_painted"].append(painted(watch, index, start))
            if not first_floor:
                result[floor_key].append(floor.render(index, scale))
    # A jump right after another, without waiting for the first to be drawn.
    for number, index in enumerate(targets):
        settle(loop, window)
        viewer.service.tiles.clear()
        other = (index + count // 3) % count
        target = max(0, min(count - 1, index + 7 if number % 2 else index - 7))
        if number % 2 == 0:
            result["after_floor"].append(floor.render(target, scale))
        viewer.go_to(other + 1)
        app.processEvents()  # the first jump's requests are out
        start = time.perf_counter()
        viewer.go_to(target + 1)
        result["after"].append(shown(loop, watch, target, start))
        result["after_painted"].append(painted(watch, target, start))
        if number % 2:
            result["after_floor"].append(floor.render(target, scale))
    floor.close()
    result_out = {
        **result,
        "pages": count,
        "render_scale": scale,
        "dpi_equivalent": round(scale * 72),
        "viewport": [canvas.viewport().width(), canvas.viewport().height()],
        "targets": targets,
    }
    window.close()
    window.context.close()
    return result_out


def run_open(data_dir: Path, kit_dir: Path, key_file: Path, doc_id: str, runs: int) -> dict:
    """Double-click in the library until the first page is painted, against open + render."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _app, loop, window = open_window(data_dir, kit_dir, key_file)
    library = window.library_screen
    if window.context.library.document(doc_id) is None:
        raise SystemExit(f"no {doc_id}")

    floor = Floor(Path(os.environ["BENCH_PDF"]))
    ready_mouse(library.tree.viewport())
    opens, floors, scale = [], [], 0.0
    painted_s: list[float] = []  # when the page itself was painted, inside its frame
    watch: PaintWatch | None = None
    for run in range(runs):
        window.show_screen("bibliotheek")
        window.context.user.set_last_page(doc_id, 1)  # it opens at page 1, not where a run left
        loop.run_for(0.1)
        library.select_document(doc_id)
        tree = library.tree
        rect = tree.visualItemRect(tree.currentItem())
        if run % 2 and scale:
            floors.append(floor.open_and_render(0, scale))
        start = time.perf_counter()
        # A double-click is press, release, press (double-click), release.
        QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        viewer = window.viewer  # built after the first paint (or by the double-click)
        if watch is None:
            watch = PaintWatch(viewer.canvas)
        opens.append(shown(loop, watch, 0, start))
        painted_s.append(painted(watch, 0, start))
        scale = viewer.canvas.render_scale()
        if run % 2 == 0:
            floors.append(floor.open_and_render(0, scale))
        settle(loop, window)
        viewer.close_document()
    floor.close()
    window.close()
    window.context.close()
    return {"open_s": opens, "painted_s": painted_s, "floor_s": floors, "render_scale": scale}


def ready_mouse(widget) -> None:
    """Move the test mouse over ``widget`` once before anything is timed.

    PySide makes QtTest's types on their first use (some 3 M instructions,
    about 1 ms): without this the first timed double-click, the cold one,
    paid for the benchmark's own mouse, which a person's double-click does
    not go through. A hover changes nothing in the library.
    """
    from PySide6.QtTest import QTest

    QTest.mouseMove(widget, widget.rect().center())


class Lateness:
    """How late a 5 ms timer fires, per sample (a busy or frozen GUI thread shows here)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.samples: list[float] = []
        self.recording = False
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        late = self._clock.nsecsElapsed() / 1e9 - 0.005
        self._clock.restart()
        if self.recording:
            self.samples.append(max(0.0, late))

    def take(self) -> list[float]:
        taken, self.samples = self.samples, []
        return taken


def run_lateness(
    data_dir: Path, kit_dir: Path, key_file: Path, doc_id: str, heavy: Path, seconds: float
) -> dict:
    """Event-loop lateness while pages render (with a ~5 s page), against an idle loop."""
    _app, loop, window = open_window(data_dir, kit_dir, key_file)
    lateness = Lateness()
    program: list[float] = []
    idle: list[float] = []

    def idle_slice() -> None:
        lateness.recording = True
        loop.run_for(0.5)
        lateness.recording = False
        idle.extend(lateness.take())

    idle_slice()
    window.open_document(doc_id, page=1)
    viewer = window.viewer
    loop.run_until(lambda: viewer.page_count > 0)
    # Reading: a page further every 60 ms, each drawn by the workers meanwhile.
    lateness.recording = True
    end = time.perf_counter() + seconds / 2
    page = 1
    while time.perf_counter() < end:
        page = page % viewer.page_count + 1
        viewer.go_to(page)
        loop.run_for(0.06)
    lateness.recording = False
    program.extend(lateness.take())
    idle_slice()
    # A PDF from disk whose first page takes about five seconds to draw; keep reading it.
    heavy_started = time.perf_counter()
    window.open_pdf_file(heavy, 1)
    lateness.recording = True
    loop.run_until(lambda: viewer.page_count > 0)
    loop.run_until(
        lambda: viewer.canvas.is_rendered(0) or 0 in viewer.service.failed, max(30.0, seconds)
    )
    heavy_seconds = time.perf_counter() - heavy_started
    for step in range(2, min(viewer.page_count, 6) + 1):
        viewer.go_to(step)
        loop.run_for(0.1)
    lateness.recording = False
    program.extend(lateness.take())
    idle_slice()
    failed = 0 in viewer.service.failed
    window.close()
    window.context.close()
    return {
        "program_s": program,
        "idle_s": idle,
        "heavy_page_s": heavy_seconds,
        "heavy_page_failed": failed,
    }


def run_scroll(data_dir: Path, kit_dir: Path, key_file: Path, doc_id: str, presses: int) -> dict:
    """Memory of every process while the whole document is scrolled, then PageDown held."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    memory = TreeMemory()
    _app, loop, window = open_window(data_dir, kit_dir, key_file)
    window.open_document(doc_id, page=1)
    viewer = window.viewer
    canvas = viewer.canvas
    loop.run_until(lambda: viewer.page_count > 0)
    loop.run_until(lambda: canvas.is_rendered(0))
    # 1. End to end, a screen at a time, each screen drawn before the next.
    memory.phase = "scrolling end to end"
    started = time.perf_counter()
    bar = canvas.verticalScrollBar()
    late_steps = 0
    while bar.value() < bar.maximum():
        bar.setValue(min(bar.maximum(), bar.value() + canvas.viewport().height()))
        if not loop.run_until(lambda: all(canvas.is_rendered(i) for i in canvas.visible_pages())):
            late_steps += 1
    scroll_seconds = time.perf_counter() - started
    # 2. PageDown held at 30 presses a second from the top: how long pages wait undrawn.
    canvas.go_to(0)
    settle(loop, window)
    visible_since: dict[int, float] = {}
    sharp_at: dict[int, float] = {}
    frames = {
        "total": 0,
        "not_sharp_over_100ms": 0,  # not yet at full resolution (a preview shows)
        "unrendered_over_100ms": 0,  # no pixels of the page itself: thumbnail or nothing
        "blank_over_100ms": 0,  # nothing at all, a grey page
    }
    painted: list[tuple[int, bool]] = []
    service = viewer.service

    def drawn(index: int) -> bool:
        """Pixels of the page at some scale (a preview while moving fast counts)."""
        return any(key[0] == index for key in service.tiles)

    def thumbnail(index: int) -> bool:
        return service.any_thumbnail(index) is not None

    def paint_event(event, original=canvas.paintEvent) -> None:
        painted.clear()
        original(event)
        now = time.perf_counter()
        frames["total"] += 1
        late = unrendered = blank = False
        for index, sharp in painted:
            since = visible_since.setdefault(index, now)
            if sharp and canvas.is_rendered(index):
                sharp_at.setdefault(index, now)
            elif now - since > 0.1:
                late = True
                if not drawn(index):
                    unrendered = True
                    blank = blank or not thumbnail(index)
        frames["not_sharp_over_100ms"] += late
        frames["unrendered_over_100ms"] += unrendered
        frames["blank_over_100ms"] += blank

    canvas.paint_listener = lambda index, sharp: painted.append((index, sharp))
    canvas.paintEvent = paint_event
    memory.phase = "PageDown held"
    for _ in range(presses):
        press_at = time.perf_counter()
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                canvas, QKeyEvent(kind, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier)
            )
        for index in canvas.visible_pages():
            visible_since.setdefault(index, time.perf_counter())
        loop.run_until(lambda at=press_at: time.perf_counter() >= at + 1 / 30, 1)
    held_pages = canvas.current + 1
    pages = viewer.page_count
    usage = memory.stop()
    cache_peak = service.tiles.peak_bytes / 2**20
    window.close()
    window.context.close()
    waits = sorted(sharp_at[i] - visible_since[i] for i in sharp_at if i in visible_since)
    return {
        **usage,
        "pages": pages,
        "scroll_seconds": scroll_seconds,
        "late_steps": late_steps,
        "tile_cache_peak_mb": round(cache_peak, 1),
        "frames": frames,
        "pages_held": held_pages,
        "pages_never_sharp": len(visible_since) - len(sharp_at),
        "wait_p50_ms": round(waits[len(waits) // 2] * 1000, 1) if waits else None,
        "wait_p95_ms": round(waits[int(len(waits) * 0.95)] * 1000, 1) if waits else None,
        "scale_factor": os.environ.get("QT_SCALE_FACTOR", "1"),
        "render_scale": canvas.render_scale(),
    }


def run_bare(pdf: Path, scale: float) -> dict:
    """PySide6 and PyMuPDF alone, in one process: every page drawn once at the viewer's scale."""
    import pymupdf
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QMainWindow

    memory = TreeMemory()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()
    doc = pymupdf.open(pdf)
    matrix = pymupdf.Matrix(scale, scale)
    for page in doc:
        pix = page.get_pixmap(matrix=matrix, alpha=False)
        image = QImage(
            pix.samples_mv, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888
        )
        image.convertToFormat(QImage.Format.Format_RGB32)
    doc.close()
    return memory.stop()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"  # nothing leaves this machine
    mode, *args = sys.argv[1:]
    common = (Path(args[0]), Path(args[1]), Path(args[2])) if mode != "bare" else ()
    if mode == "jumps":
        result = run_jumps(*common, args[3], int(args[4]))
    elif mode == "open":
        result = run_open(*common, args[3], int(args[4]))
    elif mode == "lateness":
        result = run_lateness(*common, args[3], Path(args[4]), float(args[5]))
    elif mode == "scroll":
        result = run_scroll(*common, args[3], int(args[4]))
    elif mode == "bare":
        result = run_bare(Path(args[0]), float(args[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
