"""How every row measures: interleaved pairs, medians and p95, fresh processes, the machine.

A shared machine drifts (other people's tests start and stop), so the program
and its floor always run in turns in the same run, and who goes first
alternates; a row reports medians and the 95th percentile, never one run.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The screen every Qt driver process sees when no real display is asked for:
# a 1366x768 library workstation at 100 %, so the program's window is clamped
# to it exactly as it would be there.
SCREEN = {"width": 1366, "height": 768}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank, no smoothing)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[rank]


def p95(values: Sequence[float]) -> float:
    return percentile(values, 0.95)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


@dataclass
class Pair:
    """Times of the program and its floor, taken in turns."""

    program: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    turns: int = 0  # pairs run so far: who goes first alternates across calls too

    @property
    def program_median(self) -> float:
        return statistics.median(self.program)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor)


def interleave(
    program: Callable[[], object],
    floor: Callable[[], object],
    runs: int,
    pair: Pair | None = None,
) -> Pair:
    """Run both ``runs`` times in turns, who goes first alternating (also across calls
    that add to the same ``pair``).

    A callable that returns a float has measured itself (seconds, e.g. a driver
    process timed until painted, or work after an untimed setup); anything
    else it returns (None, a search result) means: time the whole call.
    """
    pair = pair or Pair()
    for _ in range(runs):
        order = (("floor", floor), ("program", program))
        if pair.turns % 2:
            order = order[::-1]
        pair.turns += 1
        for side, fn in order:
            start = time.perf_counter()
            measured = fn()
            elapsed = measured if isinstance(measured, float) else time.perf_counter() - start
            getattr(pair, side).append(elapsed)
    return pair


# -- fresh processes ----------------------------------------------------------------


def screen_config(work: Path) -> Path:
    """The offscreen platform's screen description (see SCREEN)."""
    path = work / "screen.json"
    if not path.exists():
        screen = {"name": "bench", "x": 0, "y": 0, "logicalDpi": 96, "logicalBaseDpi": 96}
        path.write_text(json.dumps({"screens": [{**screen, **SCREEN, "dpr": 1}]}))
    return path


def driver_env(work: Path | None = None) -> dict[str, str]:
    """A normal user's environment: bytecode caches on, offline, a 1366x768 offscreen
    screen unless a platform was chosen (QT_QPA_PLATFORM set by the person running)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if "QT_QPA_PLATFORM" not in env:
        env["QT_QPA_PLATFORM"] = (
            f"offscreen:configfile={screen_config(work)}" if work is not None else "offscreen"
        )
    env["STRATEGIEKIT_OFFLINE"] = "1"
    return env


def spawn_until_line(
    args: Sequence[str], env: dict[str, str], timeout: float = 600
) -> tuple[float, dict]:
    """Start ``python -m ARGS`` and time it until its first JSON line: (seconds, that line).

    The clock starts before the process is spawned, so interpreter start,
    imports and everything up to the report count, as the user waits for them.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    try:
        _rest, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _rest, err = proc.communicate()
    if not line.startswith("{"):
        raise RuntimeError(f"{' '.join(args[:2])} failed ({proc.returncode}): {line}{err[-3000:]}")
    return elapsed, json.loads(line)


def run_json(args: Sequence[str], env: dict[str, str], timeout: float = 1800) -> dict:
    """``python -m ARGS`` to the end; its last JSON line."""
    proc = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        what = " ".join(args[:2])
        raise RuntimeError(f"{what} failed ({proc.returncode}): {proc.stderr[-3000:]}")
    return json.loads(lines[-1])


# -- the machine ------------------------------------------------------------------------


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine() -> dict:
    """What the figures were measured on (load average is added before and after)."""
    import pymupdf
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "pymupdf": pymupdf.VersionBind,
        "mupdf": pymupdf.VersionFitz,
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "platform": platform.platform(),
        "screen": f"{SCREEN['width']}x{SCREEN['height']} offscreen"
        if "QT_QPA_PLATFORM" not in os.environ
        else os.environ["QT_QPA_PLATFORM"],
    }
