"""The real viewer in a fresh process: peak memory, page jumps and page turns.

    python -m benchmarks.viewer_driver viewer DATA_DIR KIT_DIR KEY.pub DOC_ID
    python -m benchmarks.viewer_driver window DATA_DIR KIT_DIR KEY.pub
    python -m benchmarks.viewer_driver bare PDF_FILE SCALE

``viewer`` builds the program's MainWindow (offscreen unless QT_QPA_PLATFORM
says otherwise), opens DOC_ID, scrolls it from top to bottom one page at a
time, waiting each step until the pages on screen are rendered, then times
jumps to far pages (against bare PyMuPDF on an open document, interleaved)
and page turns. ``window`` is the floor for memory: the same window with the
viewer screen shown but no document. ``bare`` is the tools alone: PySide6 and
PyMuPDF rendering every page once at the viewer's scale, keeping nothing.
Each mode prints one JSON line; peak memory is the kernel's high-water mark.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

WINDOW_SIZE = (1920, 1080)  # a maximised window on a full-HD library workstation
STEP_TIMEOUT = 30.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


class Loop:
    """Runs the Qt event loop until a condition holds, waking on every event."""

    def __init__(self, app) -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        # A ticking timer wakes WaitForMoreEvents, so a timeout is always noticed.
        self.ticker = QTimer()
        self.ticker.setInterval(20)
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
    from companion.context import AppContext
    from companion.kit.signing import parse_public_key
    from companion.paths import app_paths
    from companion.ui.main_window import MainWindow

    keys = (parse_public_key(key_file.read_text()),)
    context = AppContext.open(app_paths(data_dir), bundled_dir=kit_dir, trusted_keys=keys)
    window = MainWindow(context)
    window.update_check_delay_ms = 24 * 3600 * 1000  # no update check during the run
    window.resize(*WINDOW_SIZE)
    window.show()
    window.start()
    if window.import_task is not None:
        raise SystemExit("store was not ready: run the import first")
    return window


def settle(loop: Loop, service) -> None:
    """Wait until the render thread has nothing left to do (prefetch, thumbnails)."""
    queue = service._queue  # the benchmark looks inside; the program never needs to

    def idle() -> bool:
        return queue is None or queue.pending() == 0

    loop.run_until(idle)
    count = -1
    while count != service.rendered_count:  # the job in hand is done too
        count = service.rendered_count
        loop.run_for(0.15)


def run_viewer(data_dir: Path, kit_dir: Path, key_file: Path, doc_id: str) -> dict:
    import pymupdf
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    loop = Loop(app)
    window = open_window(data_dir, kit_dir, key_file)
    loop.run_for(0.2)
    if not window.open_document(doc_id, page=1):
        raise SystemExit(f"cannot open {doc_id}")
    viewer = window.viewer
    canvas = viewer.canvas
    service = viewer.service

    def shown() -> bool:
        return all(canvas.is_rendered(i) for i in canvas.visible_pages())

    loop.run_until(shown)
    boxes = canvas.page_layout.boxes
    bar = canvas.verticalScrollBar()
    started = time.perf_counter()
    late = 0
    for box in boxes:  # top to bottom, one page further each step
        bar.setValue(box.y)
        if not loop.run_until(shown):
            late += 1
    bar.setValue(bar.maximum())
    loop.run_until(shown)
    scroll_seconds = time.perf_counter() - started
    peak_after_scroll = peak_rss_mb()
    scale = canvas.render_scale()

    # Jumps to pages far from anything cached, against bare PyMuPDF on an open document.
    count = len(boxes)
    doc = pymupdf.open(stream=viewer.pdf_bytes, filetype="pdf")
    matrix = pymupdf.Matrix(scale, scale)
    targets = sorted({round(count * f / 8) for f in range(1, 8)} - {count - 1})
    jumps, bare = [], []
    for index in targets:
        settle(loop, service)
        start = time.perf_counter()
        doc[index].get_pixmap(matrix=matrix, alpha=False)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        viewer.go_to(index + 1)
        loop.run_until(shown)
        app.processEvents()  # the queued repaint: the page is painted
        jumps.append(time.perf_counter() - start)

    # Page turns while reading: the next page was prepared while the reader read.
    turns = []
    first = targets[0]
    viewer.go_to(first + 1)
    loop.run_until(shown)
    for index in range(first, min(count - 1, first + 20)):
        loop.run_until(lambda i=index: canvas.is_rendered(i + 1))
        start = time.perf_counter()
        viewer.go_to(index + 2)
        loop.run_until(shown)
        app.processEvents()
        turns.append(time.perf_counter() - start)
    doc.close()
    result = {
        "peak_rss_mb": peak_after_scroll,
        "peak_rss_end_mb": peak_rss_mb(),
        "rss_end_mb": rss_mb(),
        "pages": count,
        "render_scale": scale,
        "dpi_equivalent": round(scale * 72),
        "viewport": [canvas.viewport().width(), canvas.viewport().height()],
        "scroll_seconds": scroll_seconds,
        "late_steps": late,
        "cache_peak_mb": service.cache.peak_bytes / 2**20,
        "thumb_cache_peak_mb": service.thumbs.peak_bytes / 2**20,
        "jump_s": jumps,
        "bare_s": bare,
        "jump_pages": targets,
        "turn_s": turns,
    }
    viewer.shutdown()
    window.runner.shutdown()
    window.context.close()
    return result


def run_window(data_dir: Path, kit_dir: Path, key_file: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    loop = Loop(app)
    window = open_window(data_dir, kit_dir, key_file)
    window.stack.setCurrentWidget(window.viewer)  # the viewer screen, no document in it
    loop.run_for(0.5)
    result = {"peak_rss_mb": peak_rss_mb(), "rss_end_mb": rss_mb()}
    window.viewer.shutdown()
    window.runner.shutdown()
    window.context.close()
    return result


def run_bare(pdf: Path, scale: float) -> dict:
    """PySide6 and PyMuPDF alone: every page rendered once, converted as the viewer does."""
    import pymupdf
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QMainWindow

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
    return {"peak_rss_mb": peak_rss_mb(), "rss_end_mb": rss_mb()}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"  # nothing leaves this machine
    mode, *args = sys.argv[1:]
    if mode == "viewer":
        result = run_viewer(Path(args[0]), Path(args[1]), Path(args[2]), args[3])
    elif mode == "window":
        result = run_window(Path(args[0]), Path(args[1]), Path(args[2]))
    elif mode == "bare":
        result = run_bare(Path(args[0]), float(args[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
