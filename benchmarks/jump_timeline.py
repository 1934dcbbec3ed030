"""Where the time of a jump goes: a per-jump timeline of the real viewer.

    python benchmarks/jump_timeline.py DATA_DIR KIT_DIR KEY.pub DOC_ID RUNS

(run from the root of the tree whose code you want to trace; BENCH_PDF need
not be set: no floor runs here). The window is built as in
benchmarks/viewer_driver.py and jumps to the same far pages (warm: caches
warm, pixels gone; then a jump right after another). Every step is stamped
with ``perf_counter_ns`` (CLOCK_MONOTONIC, the clock the workers stamp their
drawing with): the jump asked, each piece sent to a worker, the worker's
drawing start and end, the engine thread's read of the answer and its copy
out of shared memory, the GUI thread's slot, and each paint (start, end,
which widget, and which widgets were painted in earlier frames of the jump).
The CPU time of the GUI thread and of the whole window process until the
page was painted (``gui_cpu_painted``, ``proc_cpu_painted``) does not care
how loaded the machine is. Prints one JSON line per jump and a summary of
medians (milliseconds after the jump was asked).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the tree being traced, not this file's

from benchmarks.viewer_driver import first_page_shown, jump_targets, settle, shown

Event = tuple[int, str, object]  # (ns, step, piece: (page, clip y0) or None)


def _now() -> int:
    return time.perf_counter_ns()


def install(window, events: list[Event]) -> None:
    """Wrap the steps of a jump with time stamps (benchmark only, never the program)."""
    import threading

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from companion.pdf.engine.protocol import Pixels, Render

    pool = window.engine.pool
    service = window.viewer.service
    canvas = window.viewer.canvas
    local = threading.local()

    def piece(request) -> object:
        if isinstance(request, Render):
            return (request.page, request.clip[1], request.clip[3] - request.clip[1])
        return None

    send = pool._send

    def traced_send(worker, message):
        if isinstance(message, tuple) and len(message) == 2 and isinstance(message[0], int):
            events.append((_now(), "send", piece(message[1])))
        send(worker, message)

    receive = pool._receive

    def traced_receive(worker):
        local.piece = piece(worker.ticket.request) if worker.ticket is not None else None
        events.append((_now(), "engine_read", local.piece))
        cpu = time.thread_time_ns()
        receive(worker)
        events.append((0, "relay_cpu", time.thread_time_ns() - cpu))

    copy_out = pool._copy_out

    def traced_copy(block, pixels):
        start = _now()
        memory = copy_out(block, pixels)
        events.append((start, "copy_start", local.piece))
        events.append((_now(), "copy_end", local.piece))
        return memory

    finish = pool._finish

    def traced_finish(ticket, answer):
        key = piece(ticket.request)
        if isinstance(answer, Pixels):
            events.append((int(answer.drawn[0] * 1e9), "worker_start", key))
            events.append((int(answer.drawn[1] * 1e9), "worker_end", key))
        events.append((_now(), "relay", key))
        finish(ticket, answer)

    arrived = service._arrived

    def traced_arrived(generation, key, answer):
        cpu = time.thread_time_ns()
        where = None
        if len(key) == 4 and service.boxes:
            grid = service.grid(key[0], key[1] / 1000)
            _x0, y0, _x1, y1 = grid.clip(key[2], key[3])
            where = (key[0], y0, y1 - y0)
        events.append((_now(), "gui_slot", where))
        events.append((0, "slot_thread_cpu", (where, cpu)))
        arrived(generation, key, answer)
        events.append((_now(), "gui_slot_end", where))
        events.append((0, "slot_cpu", time.thread_time_ns() - cpu))

    paint = canvas.paintEvent

    def traced_paint(event):
        cpu = time.thread_time_ns()
        events.append((_now(), "paint_start", event.rect().getRect()))
        paint(event)
        events.append((_now(), "paint_end", None))
        events.append((0, "paint_cpu", time.thread_time_ns() - cpu))

    class Paints(QObject):
        """Every paint event in the window (which widgets a jump repaints) and the
        window's update requests (when Qt starts a frame)."""

        def eventFilter(self, watched, event):
            kind = event.type()
            if kind == QEvent.Type.Paint:
                name = type(watched).__name__ + ":" + (watched.objectName() or "")
                events.append((_now(), "widget", f"{name} {event.rect().getRect()}"))
            elif kind == QEvent.Type.UpdateRequest:
                events.append((_now(), "frame", type(watched).__name__))
            return False

    pool._send = traced_send
    pool._receive = traced_receive
    pool._copy_out = traced_copy
    pool._finish = traced_finish
    service._arrived = traced_arrived
    canvas.paintEvent = traced_paint
    window._timeline_filter = Paints()
    QApplication.instance().installEventFilter(window._timeline_filter)


CHAIN = (
    "send",
    "worker_start",
    "worker_end",
    "engine_read",
    "copy_start",
    "copy_end",
    "relay",
    "gui_slot",
    "gui_slot_end",
)


def summarise(jump: list[Event], t0: int, page: int, shown_at: int) -> dict:
    """The chain of each piece of ``page`` that arrived before the page showed, and the
    last paint: ms after the jump was asked."""

    def ms(t: int) -> float:
        return round((t - t0) / 1e6, 2)

    pieces: dict[object, dict[str, float]] = {}
    for t, step, key in jump:
        if step in CHAIN and isinstance(key, tuple) and key[0] == page and t >= t0:
            pieces.setdefault(key, {}).setdefault(step, ms(t))
    used = {k: v for k, v in pieces.items() if v.get("gui_slot", 1e9) <= ms(shown_at)}
    paints = [ms(t) for t, step, _k in jump if step == "paint_start" and t <= shown_at]
    frames = [ms(t) for t, step, _k in jump if step == "frame" and t <= shown_at]
    widgets = sorted(
        {str(k) for t, step, k in jump if step == "widget" and frames and ms(t) >= frames[-1]}
    )
    # Widgets painted in earlier frames of the jump: work the GUI thread did while the
    # workers drew the page (the scroll bar and page number now wait for the page).
    before = sorted(
        {
            str(k)
            for t, step, k in jump
            if step == "widget" and frames and t0 <= t and ms(t) < frames[-1]
        }
    )
    last = max(used.values(), key=lambda v: v["gui_slot"]) if used else {}
    # When the first piece of the page left for a worker (the critical one may be second).
    sends = sorted(v["send"] for v in used.values() if "send" in v)
    return {
        "shown": ms(shown_at),
        "pieces": len(used),
        "critical": last,
        "first_send": sends[0] if sends else None,
        # Each piece's arrival on the GUI thread: how far apart the pieces come.
        "slots": sorted(v["gui_slot"] for v in used.values() if "gui_slot" in v),
        "frame": frames[-1] if frames else None,
        "paint_start": paints[-1] if paints else None,
        "widgets": widgets,
        "widgets_before": before,
        "gui_cpu": [round(k / 1e6, 2) for _t, step, k in jump if step == "gui_cpu"],
        "gui_cpu_painted": [round(k / 1e6, 2) for _t, step, k in jump if step == "gui_cpu_painted"],
        "proc_cpu_painted": [
            round(k / 1e6, 2) for _t, step, k in jump if step == "proc_cpu_painted"
        ],
        "frames": len(frames),
        "go_to_cpu": [round(k / 1e6, 2) for _t, step, k in jump if step == "go_to_cpu"],
        "tail_cpu": [round(k / 1e6, 2) for _t, step, k in jump if step == "tail_cpu"],
        "paint_cpu": [round(k / 1e6, 2) for _t, step, k in jump if step == "paint_cpu"],
        "relay_cpu": round(sum(k for _t, step, k in jump if step == "relay_cpu") / 1e6, 2),
        "slot_cpu": round(sum(k for _t, step, k in jump if step == "slot_cpu") / 1e6, 2),
    }


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"
    data_dir, kit_dir, key_file, doc_id, runs = sys.argv[1:6]
    app, loop, window, watch = first_page_shown(
        Path(data_dir), Path(kit_dir), Path(key_file), doc_id
    )
    viewer = window.viewer
    events: list[Event] = []
    if not os.environ.get("NO_TRACE"):
        install(window, events)
    count = viewer.page_count
    targets = jump_targets(count, int(runs))
    # CPU of the GUI thread and of the whole window process (its threads: GUI, engine
    # relay, Qt's) when the page is painted: what the jump cost until the reader saw it.
    painted_cpu: dict[int, tuple[int, int]] = {}
    listener = viewer.canvas.paint_listener

    def paint_listener(index: int, sharp: bool) -> None:
        seen = index in watch.sharp_at
        if listener is not None:
            listener(index, sharp)
        if not seen and index in watch.sharp_at:
            painted_cpu[index] = (time.thread_time_ns(), time.process_time_ns())

    viewer.canvas.paint_listener = paint_listener
    summaries: dict[str, list[dict]] = {"warm": [], "after": []}
    for kind in ("warm", "after"):
        for number, index in enumerate(targets):
            settle(loop, window)
            viewer.service.tiles.clear()
            events.clear()
            if kind == "after":
                other = (index + count // 3) % count
                index = max(0, min(count - 1, index + 7 if number % 2 else index - 7))
                viewer.go_to(other + 1)
                app.processEvents()
            t0 = _now()
            gui_cpu, proc_cpu = time.thread_time_ns(), time.process_time_ns()
            events.append((t0, "request", f"page {index}"))
            watch.sharp_at.pop(index, None)
            cpu = time.thread_time_ns()
            viewer.go_to(index + 1)
            events.append((0, "go_to_cpu", time.thread_time_ns() - cpu))
            shown(loop, watch, index, time.perf_counter())
            done = int(watch.sharp_at[index] * 1e9)
            events.append((0, "gui_cpu", time.thread_time_ns() - gui_cpu))
            gui_at, proc_at = painted_cpu.pop(index)
            events.append((0, "gui_cpu_painted", gui_at - gui_cpu))
            # The GUI thread's CPU from the start of the slot of the page's last piece
            # (before the page was painted) until it was painted: what the window adds
            # to the critical path once the workers are done, whatever the load.
            starts = [
                cpu
                for _t, step, (where, cpu) in (e for e in events if e[1] == "slot_thread_cpu")
                if where is not None and where[0] == index and cpu <= gui_at
            ]
            if starts:
                events.append((0, "tail_cpu", gui_at - max(starts)))
            events.append((0, "proc_cpu_painted", proc_at - proc_cpu))
            summary = summarise(sorted(events, key=lambda e: e[0]), t0, index, done)
            summaries[kind].append(summary)
            print(json.dumps({"kind": kind, "page": index, **summary}), flush=True)
    for kind, rows in summaries.items():
        line: dict[str, object] = {"kind": kind, "jumps": len(rows)}
        line["shown"] = round(statistics.median(r["shown"] for r in rows), 2)
        previous = "request"
        for step in (*CHAIN, "paint_start", "shown"):
            deltas = []
            for r in rows:
                chain = {"request": 0.0, **r["critical"], "paint_start": r["paint_start"]}
                chain["shown"] = r["shown"]
                if chain.get(step) is not None and chain.get(previous) is not None:
                    deltas.append(chain[step] - chain[previous])
            if deltas:
                line[f"{previous}->{step}"] = round(statistics.median(deltas), 2)
            previous = step
        if all(r["paint_cpu"] for r in rows):
            line["paint_cpu_last"] = round(statistics.median(r["paint_cpu"][-1] for r in rows), 2)
        line["gui_cpu"] = round(statistics.median(r["gui_cpu"][0] for r in rows), 2)
        for key in ("gui_cpu_painted", "proc_cpu_painted"):
            line[key] = round(statistics.median(r[key][0] for r in rows), 2)
        line["frames"] = statistics.median(r["frames"] for r in rows)
        for key in ("relay_cpu", "slot_cpu"):
            line[key] = round(statistics.median(r[key] for r in rows), 2)
        line["go_to_cpu"] = round(statistics.median(r["go_to_cpu"][0] for r in rows), 2)
        tails = [r["tail_cpu"][0] for r in rows if r["tail_cpu"]]
        if tails:
            line["tail_cpu"] = round(statistics.median(tails), 2)
        first_sends = [r["first_send"] for r in rows if r["first_send"] is not None]
        if first_sends:
            line["first_send"] = round(statistics.median(first_sends), 2)
        print(json.dumps(line), flush=True)
    window.close()
    window.context.close()


if __name__ == "__main__":
    main()
