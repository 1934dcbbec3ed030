"""Where a first run's time goes: a busy/idle timeline per process and thread.

    python -m benchmarks.first_run_timeline KIT_DIR KEY.pub [RUNS] [--bins SECONDS]

(run from the root of the tree whose code you want to trace, with
PYTHONPATH set to it). Each run starts the program exactly as the
``first_run`` row does (``benchmarks.app_start`` on an empty data
folder; ``--driver app_driver`` for the older driver, which loads Qt
first) and, every few milliseconds until the Library is painted, reads
``/proc/PID/task/TID/schedstat`` of the program and of every process it
started (extraction workers, engine workers). schedstat counts, per thread,
the nanoseconds it ran and the nanoseconds it was runnable but waited for a
core; a thread that did neither was idle (waiting for a pipe, a lock, a
child). So the timeline shows, independent of how loaded the machine is,
what each thread *wanted* to do, and where both cores of a quiet two-core
machine would have sat idle: ``idle = 2 cores - what every thread wanted``.

Prints, per run: each process (program, its threads, each worker) with its
start, end and CPU; a table of bins (default 0.5 s of wall time) with each
process's ran/wanted milliseconds; the core time nobody wanted per phase;
and one JSON line with the totals. Wall time itself is only meaningful on a
quiet machine; CPU and "wanted" are not fooled by the load (apart from
cache effects).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the tree being traced, not this file's

from benchmarks.measure import driver_env

CORES = 2
POLL = 0.005


@dataclass
class Thread:
    pid: int
    tid: int
    name: str
    first_seen: float
    last_seen: float = 0.0
    # (time, ran ns, waited ns) samples, cumulative as schedstat counts them
    samples: list[tuple[float, int, int]] = field(default_factory=list)

    @property
    def ran(self) -> int:
        return self.samples[-1][1] - self.samples[0][1] if self.samples else 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    found.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return found


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


def _read(path: str) -> str | None:
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def _process_name(pid: int) -> str:
    cmd = (_read(f"/proc/{pid}/cmdline") or "").split("\0")
    text = " ".join(cmd)
    if "app_driver" in text or "app_start" in text:
        return "program"
    if "multiprocessing" in text or "spawn_main" in text:
        return "child"
    return os.path.basename(cmd[0]) if cmd and cmd[0] else "?"


class Sampler(threading.Thread):
    def __init__(self, root: int, t0: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.t0 = t0
        self.threads: dict[int, Thread] = {}
        self.names: dict[int, str] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            now = time.perf_counter() - self.t0
            for pid in _tree(self.root):
                if self.names.get(pid, "program") == "program" and pid != self.root:
                    # a child not yet past exec still shows its parent's command line
                    self.names[pid] = _process_name(pid)
                try:
                    tids = os.listdir(f"/proc/{pid}/task")
                except OSError:
                    continue
                for tid_text in tids:
                    tid = int(tid_text)
                    stat = _read(f"/proc/{pid}/task/{tid}/schedstat")
                    if stat is None:
                        continue
                    ran, waited, _slices = (int(x) for x in stat.split())
                    thread = self.threads.get(tid)
                    if thread is None:
                        comm = (_read(f"/proc/{pid}/task/{tid}/comm") or "?").strip()
                        thread = self.threads[tid] = Thread(pid, tid, comm, now)
                        # a thread born since the last poll ran from zero
                        thread.samples.append((now, 0, 0))
                    thread.last_seen = now
                    thread.samples.append((now, ran, waited))
            time.sleep(POLL)


def _delta(thread: Thread, start: float, end: float) -> tuple[float, float]:
    """(ran, wanted) seconds of ``thread`` between ``start`` and ``end``, interpolated."""

    def at(t: float) -> tuple[float, float]:
        samples = thread.samples
        if t <= samples[0][0]:
            return 0.0, 0.0
        for (t1, r1, w1), (t2, r2, w2) in itertools.pairwise(samples):
            if t1 <= t <= t2:
                f = (t - t1) / (t2 - t1) if t2 > t1 else 1.0
                return (r1 + f * (r2 - r1)) / 1e9, (w1 + f * (w2 - w1)) / 1e9
        return samples[-1][1] / 1e9, samples[-1][2] / 1e9

    r1, w1 = at(start)
    r2, w2 = at(end)
    return r2 - r1, (r2 - r1) + (w2 - w1)


def _label(sampler: Sampler, thread: Thread, root: int) -> str:
    if thread.pid == root:
        return f"program/{thread.name}" if thread.tid != root else "program/main"
    return f"{sampler.names.get(thread.pid, '?')}{thread.pid}"


def run_once(kit: Path, pub: Path, bins: float, driver: str = "app_start") -> dict:
    work = Path(tempfile.mkdtemp(prefix="first-run-timeline-"))
    data_dir = work / "data"
    env = driver_env(work)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", f"benchmarks.{driver}"]
        + (["app"] if driver == "app_driver" else [])
        + [str(data_dir), str(kit), str(pub)],
        cwd=os.getcwd(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    sampler = Sampler(proc.pid, t0)
    sampler.start()
    assert proc.stdout is not None
    line = proc.stdout.readline()
    painted = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    proc.communicate(timeout=120)
    shutil.rmtree(work, ignore_errors=True)
    if not line.startswith("{"):
        raise RuntimeError(f"the program did not report: {line}")

    # Group threads: every thread of the program on its own, each child as one.
    groups: dict[str, list[Thread]] = {}
    for thread in sampler.threads.values():
        groups.setdefault(_label(sampler, thread, proc.pid), []).append(thread)
    order = sorted(groups, key=lambda g: min(t.first_seen for t in groups[g]))

    print(f"\n== painted at {painted:.2f} s wall (load {os.getloadavg()[0]:.1f})")
    print(f"{'process/thread':28} {'seen':>6} {'gone':>6} {'cpu s':>7}")
    totals = {}
    for g in order:
        threads = groups[g]
        cpu = sum(_delta(t, 0, painted)[0] for t in threads)
        totals[g] = cpu
        first = min(t.first_seen for t in threads)
        last = max(t.last_seen for t in threads)
        if cpu >= 0.005:
            print(f"{g:28} {first:6.2f} {last:6.2f} {cpu:7.2f}")
    cpu_all = sum(totals.values())
    print(f"{'all':28} {'':6} {'':6} {cpu_all:7.2f}   (/{CORES} cores = {cpu_all / CORES:.2f} s)")

    shown = [g for g in order if totals[g] >= 0.05]
    print("\nbins: ran/wanted ms per bin; idle = core time nobody wanted")
    print(f"{'t':>5} " + " ".join(f"{g[-14:]:>14}" for g in shown) + f" {'idle':>6}")
    idle_total = 0.0
    edges = []
    t = 0.0
    while t < painted:
        edges.append((t, min(painted, t + bins)))
        t += bins
    for start, end in edges:
        cells, wanted_all = [], 0.0
        for g in order:
            ran = wanted = 0.0
            for thread in groups[g]:
                r, w = _delta(thread, start, end)
                ran += r
                wanted += w
            wanted_all += min(wanted, end - start)  # one thread wants one core at most
            if g in shown:
                cells.append(f"{ran * 1000:6.0f}/{wanted * 1000:<7.0f}")
        idle = max(0.0, CORES * (end - start) - wanted_all)
        idle_total += idle
        print(f"{start:5.1f} " + " ".join(cells) + f" {idle * 1000:6.0f}")
    print(f"idle core time before the paint: {idle_total:.2f} s")
    summary = {
        "painted_s": round(painted, 2),
        "cpu_s": round(cpu_all, 2),
        "idle_core_s": round(idle_total, 2),
        "per": {g: round(c, 2) for g, c in totals.items() if c >= 0.005},
    }
    print(json.dumps(summary))
    return summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kit", type=Path)
    parser.add_argument("pub", type=Path)
    parser.add_argument("runs", type=int, nargs="?", default=1)
    parser.add_argument("--bins", type=float, default=0.5)
    parser.add_argument("--driver", choices=("app_start", "app_driver"), default="app_start")
    args = parser.parse_args()
    for _ in range(args.runs):
        run_once(args.kit.resolve(), args.pub.resolve(), args.bins, args.driver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
