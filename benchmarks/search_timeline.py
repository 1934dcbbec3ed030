"""Where a typed query's time goes in the real search screen, step by step, cold and warm.

    python -m benchmarks.search_timeline DATA_DIR KIT_DIR KEY.pub [QUERIES] [PROCESSES]

Starts the program as ``benchmarks.app_driver search`` does (Ctrl+K, each
query typed key by key, 120 ms apart; the first query of a process is the
cold one) in PROCESSES fresh processes (default 3), each starting at another
of QUERIES queries (default 3, chosen as ``search_ui_latency`` chooses them),
and prints per query, in ms after the last key was due:

    key      when the last key was clicked (late: the window was busy)
    run      the engine on the search thread: start, wall and thread CPU
    show     the window's slot that fills the list: start and CPU
    painted  the list painted with the expected results (the row's latency)
    gui/srch CPU of the GUI thread and of the search thread in that window
    gc       Python garbage collections that ran in the window (generation:ms)

and per process: every full (generation 2) collection, what a full collection
costs at the end, and how many objects the start froze (``gc.freeze``).
Under load, trust the CPU columns, not the wall-clock ones. The tracing adds
~0.1 ms to the window (a clock read per step); nothing else is changed.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

T0 = time.perf_counter()
EVENTS: list[tuple] = []


def _event(name: str, **values) -> None:
    EVENTS.append((time.perf_counter() - T0, threading.current_thread().name, name, values))


def _traced(cls, name: str) -> None:
    """Record the start, the end and the thread CPU of ``cls.name``."""
    function = getattr(cls, name)
    label = f"{cls.__name__}.{name}"

    def traced(*args, **kwargs):
        started = time.thread_time()
        _event(label + ">")
        try:
            return function(*args, **kwargs)
        finally:
            _event(label + "<", cpu=time.thread_time() - started)

    setattr(cls, name, traced)


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each Python thread of this process (its own clock; cheap)."""
    found = {}
    for thread in threading.enumerate():
        with contextlib.suppress(OSError, TypeError):
            found[thread.name] = time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
    return found


def _watch_collections() -> None:
    import gc

    began: list[float] = []

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            began[:] = [time.perf_counter()]
        elif began:
            _event("gc", gen=info["generation"], took=time.perf_counter() - began[0])

    gc.callbacks.append(callback)


def trace(argv: list[str]) -> int:
    """In the child: the driver's search mode with the steps recorded."""
    data_dir, kit, pub, plan_path, out = argv
    plan = json.loads(Path(plan_path).read_text())
    whole = {query["text"] for query in plan["queries"]}
    _watch_collections()

    from PySide6.QtTest import QTest

    from benchmarks import app_driver
    from companion.kit.search import KitSearch
    from companion.kit.search_runner import SearchRunner
    from companion.ui.screens.search import SearchScreen

    _traced(KitSearch, "run")
    _traced(SearchScreen, "_show")
    request = SearchRunner.request

    def traced_request(self, text, **kwargs):
        if text in whole:
            _event("whole query asked", cpu=_thread_cpu())
        return request(self, text, **kwargs)

    SearchRunner.request = traced_request
    click = QTest.keyClicks

    def traced_click(widget, text, *args):
        _event("key", char=text)
        click(widget, text, *args)

    QTest.keyClicks = traced_click
    watch = app_driver.PaintWatch.__init__

    def traced_watch(self, widget, wanted, painted):
        def then():
            _event("painted", cpu=_thread_cpu())
            painted()

        watch(self, widget, wanted, then)

    app_driver.PaintWatch.__init__ = traced_watch
    report = app_driver.report

    def traced_report(result: dict) -> None:
        import gc

        result["frozen"] = gc.get_freeze_count()
        result["tracked"] = len(gc.get_objects())
        started = time.thread_time()
        gc.collect()
        result["full_collection_s"] = time.thread_time() - started
        result["events"] = EVENTS
        Path(out).write_text(json.dumps(result))
        report({k: v for k, v in result.items() if k != "events"})

    app_driver.report = traced_report
    os.environ["STRATEGIEKIT_OFFLINE"] = "1"
    return app_driver.search_mode(Path(data_dir), Path(kit), Path(pub), plan)


# -- the parent: plan, fresh processes, the table ------------------------------------------


def _queries(events: list, texts: list[str]) -> list[dict]:
    """Per query: the steps after its last key was due (ms)."""
    found = []
    keys = [e for e in events if e[2] == "key"]
    for text in texts:
        # The query's keys: the last len(text) clicks before its whole text was asked.
        asked = next(i for i, e in enumerate(events) if e[2] == "whole query asked" and e[0] >= 0)
        asked_at = events[asked][0]
        typed = [k for k in keys if k[0] <= asked_at][-len(text) :]
        due = typed[0][0] + 0.120 * (len(text) - 1)
        painted = next(i for i in range(asked, len(events)) if events[i][2] == "painted")
        window = events[asked : painted + 1]
        runs = [e for e in window if e[2].startswith("KitSearch.run")]
        shows = [e for e in window if e[2].startswith("SearchScreen._show")]
        before, after = events[asked][3]["cpu"], events[painted][3]["cpu"]
        cpu = {name: after[name] - before.get(name, 0.0) for name in after}
        row = {
            "text": text,
            "key": typed[-1][0] - due,
            "run_start": runs[-2][0] - due if len(runs) >= 2 else None,
            "run_wall": runs[-1][0] - runs[-2][0] if len(runs) >= 2 else None,
            "run_cpu": runs[-1][3]["cpu"] if runs else None,
            "show_start": shows[-2][0] - due if len(shows) >= 2 else None,
            "show_cpu": shows[-1][3]["cpu"] if shows else None,
            "painted": events[painted][0] - due,
            "gui_cpu": cpu.get("MainThread", 0.0),
            "search_cpu": cpu.get("kit-search", 0.0),
            "gc": [(e[3]["gen"], e[3]["took"]) for e in window if e[2] == "gc"],
        }
        found.append(row)
        events = events[painted + 1 :]
        keys = [e for e in events if e[2] == "key"]
    return found


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.1f}"


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return trace(sys.argv[2:])
    from benchmarks.bench_search import PAUSE_S, TYPING_GAP_MS, ui_queries
    from benchmarks.kits import kit_store_path
    from benchmarks.measure import driver_env

    data_dir, kit, pub = (Path(a).resolve() for a in sys.argv[1:4])
    wanted = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    processes = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    work = Path("benchmarks/out/search-timeline")
    work.mkdir(parents=True, exist_ok=True)
    queries = ui_queries(kit_store_path(data_dir), wanted)
    env = driver_env(work)
    colds: list[dict] = []
    warms: list[dict] = []
    for turn in range(processes):
        rotated = queries[turn % len(queries) :] + queries[: turn % len(queries)]
        plan = {"queries": rotated, "gap_ms": TYPING_GAP_MS, "pause_s": PAUSE_S}
        plan_path, out = work / f"plan-{turn}.json", work / f"trace-{turn}.json"
        plan_path.write_text(json.dumps(plan, ensure_ascii=False))
        args = [str(data_dir), str(kit), str(pub), str(plan_path), str(out)]
        command = [sys.executable, "-m", "benchmarks.search_timeline", "--child", *args]
        subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
        result = json.loads(out.read_text())
        if result.get("error"):
            print(f"process {turn}: {result['error']}")
            continue
        rows = _queries(result["events"], [q["text"] for q in rotated])
        full = [e for e in result["events"] if e[2] == "gc" and e[3]["gen"] == 2]
        print(
            f"process {turn}: frozen at start {result['frozen']}, tracked at end "
            f"{result['tracked']}, a full collection at end {_ms(result['full_collection_s'])} "
            f"ms CPU; full collections while typing: "
            f"{[(_ms(e[0]), e[1], _ms(e[3]['took'])) for e in full]} (at ms, thread, took)"
        )
        print(
            "  query                  | latency | key  run@  wall   cpu | show@  cpu "
            "| gui  srch | gc"
        )
        for number, row in enumerate(rows):
            (warms if number else colds).append(row)
            gcs = " ".join(f"{g}:{took * 1000:.1f}" for g, took in row["gc"])
            print(
                f"  {'cold' if number == 0 else 'warm'} {row['text']:<17} | "
                f"{_ms(row['painted']):>7} | {_ms(row['key']):>4} {_ms(row['run_start']):>5} "
                f"{_ms(row['run_wall']):>5} {_ms(row['run_cpu']):>5} | "
                f"{_ms(row['show_start']):>5} {_ms(row['show_cpu']):>4} | "
                f"{_ms(row['gui_cpu']):>4} {_ms(row['search_cpu']):>5} | {gcs}"
            )
    for name, rows in (("cold", colds), ("warm", warms)):
        if rows:
            print(
                f"{name}: latency p50 {_ms(statistics.median(r['painted'] for r in rows))} ms, "
                f"GUI+search thread CPU p50 "
                f"{_ms(statistics.median(r['gui_cpu'] + r['search_cpu'] for r in rows))} ms "
                f"({len(rows)} queries)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
