"""Starting the program, and its very first start, as fresh processes timed until painted.

* ``start``: ``python main.py`` on a data folder with the kit installed,
  from spawn until the Library's document list is painted, against a bare
  PySide6 window of the same size, spawned and painted the same way.
* ``first_run``: the same on an empty data folder, so the program puts its
  kit (300 documents, 10,000 pages) in place through its real first-run path
  first; against PyMuPDF extracting the text of every page in one process.
* ``db_size_ratio``: the kit store that first run left on disk (with its
  -wal and -shm) against the PDFs it came from.
"""

from __future__ import annotations

import compileall
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

from .kits import ROOT, Kit, kit_store_path, store_bytes, store_files
from .measure import Pair, driver_env, interleave, p95, spawn_until_line
from .table import Row


def compile_bytecode() -> None:
    """An installed program has its bytecode compiled (pip does it); so do we."""
    for package in ("companion", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _app_args(data_dir: Path, kit: Kit) -> list[str]:
    return ["benchmarks.app_driver", "app", str(data_dir), str(kit.folder), str(kit.pub)]


def _first_run_args(data_dir: Path, kit: Kit) -> list[str]:
    """The first run as main.py starts it: no Qt before the program's own main (app_start.py)."""
    return ["benchmarks.app_start", str(data_dir), str(kit.folder), str(kit.pub)]


def start_row(data_dir: Path, kit: Kit, work: Path, tiny: bool) -> Row:
    env = driver_env(work)
    compile_bytecode()
    _seconds, shown = spawn_until_line(_app_args(data_dir, kit), env)  # warms the file cache
    width, height = shown["window"]
    bare_args = ["benchmarks.app_driver", "bare", str(width), str(height)]
    spawn_until_line(bare_args, env)
    runs = 1 if tiny else 11
    seen: list[dict] = []

    def program() -> float:
        seconds, line = spawn_until_line(_app_args(data_dir, kit), env)
        if line["first_run"] or not line["library_rows"]:
            raise RuntimeError(f"the program did not start on its installed kit: {line}")
        seen.append(line)
        return seconds

    pair = interleave(program, lambda: spawn_until_line(bare_args, env)[0], runs)
    return Row(
        "start",
        f"start until the Library is painted ({kit.documents} documents)",
        pair.program_median,
        pair.floor_median,
        "s",
        target="ratio<=2",
        note=(
            "whole process, spawn to the first paint of the Library's list with documents in it: "
            "python main.py's own path (companion.cli.main: logging, error handler, "
            "window, start(), event loop) on an installed kit, bytecode compiled; the window "
            "icon is set just after the first paint (not waited for: the Library is usable "
            "without it), as are the kit check, backup and engine. Floor: a bare "
            f"PySide6 QMainWindow of the same size ({width}x{height}), spawned and painted the "
            f"same way; median of {runs}, interleaved, who goes first alternating"
        ),
        extra={
            "p95_s": round(p95(pair.program), 3),
            "floor_p95_s": round(p95(pair.floor), 3),
            "window": [width, height],
            "library_top_rows": seen[-1]["library_rows"],
        },
    )


@dataclass
class FirstRun:
    row: Row
    data_dir: Path  # what the last first run left behind


def first_run_row(kit: Kit, work: Path, tiny: bool) -> FirstRun:
    env = driver_env(work)
    compile_bytecode()
    runs = 1 if tiny else 3
    data_dir = work / "first-run"
    floor_args = ["benchmarks.text_floor", str(kit.folder)]
    imported: list[dict] = []

    def program() -> float:
        shutil.rmtree(data_dir, ignore_errors=True)
        seconds, line = spawn_until_line(_first_run_args(data_dir, kit), env, timeout=3600)
        if not line["first_run"] or line["library_rows"] == 0:
            raise RuntimeError(f"this was not a first run that ended with the kit: {line}")
        imported.append(line)
        return seconds

    def floor() -> float:
        seconds, line = spawn_until_line(floor_args, env, timeout=3600)
        if line["pages"] != kit.pages:
            raise RuntimeError(f"the floor read {line['pages']} pages, not {kit.pages}")
        return seconds

    pair: Pair = interleave(program, floor, runs)
    row = Row(
        "first_run",
        f"first run: {kit.documents} documents, {kit.pages:,} pages put in place",
        pair.program_median,
        pair.floor_median,
        "s",
        target="<10s",
        note=(
            "whole process on an empty data folder: python main.py's own path (nothing loaded "
            "before its main: benchmarks/app_start.py), the first-run import of the shipped "
            "kit, until the Library's list is painted (the WAL's checkpoint, copying the kit "
            "into the main file after it is safely committed, runs beside the Library's first "
            "paint; the process waits for it before it ends). Floor: PyMuPDF "
            "text of every page in one process (spawn to done); the ratio is program/floor "
            "(the import aims below 0.7 on 2 cores). "
            f"Median of {runs}, interleaved"
        ),
        extra={
            "ratio_to_bare_extraction": round(pair.program_median / pair.floor_median, 2),
            "p95_s": round(p95(pair.program), 2),
            "runs_s": [round(t, 2) for t in pair.program],
            "floor_runs_s": [round(t, 2) for t in pair.floor],
            "pages": kit.pages,
        },
    )
    return FirstRun(row, data_dir)


def db_size_row(data_dir: Path, kit: Kit) -> Row:
    store = kit_store_path(data_dir)
    parts = {part.name: part.stat().st_size for part in store_files(store)}
    pdf = kit.pdf_bytes()
    return Row(
        "db_size_ratio",
        f"kit store on disk against its PDFs ({kit.pages:,} pages)",
        store_bytes(store),
        pdf,
        "bytes",
        target="ratio<=3",
        note=(
            "the kit store as the first run left it (after the program quit), "
            "with its -wal and -shm; floor: the PDFs' bytes"
        ),
        extra={
            "files": parts,
            "documents": kit.documents,
            "median_pdf": statistics.median(path.stat().st_size for path in kit.files()),
        },
    )


def first_run_once(kit: Kit, work: Path) -> Path:
    """A data folder as one real first run leaves it (for the store size alone)."""
    data_dir = work / "first-run"
    shutil.rmtree(data_dir, ignore_errors=True)
    compile_bytecode()
    spawn_until_line(_first_run_args(data_dir, kit), driver_env(work), timeout=3600)
    return data_dir
