"""Benchmarks: every figure measured the way a person meets it, next to a fair floor.

    python -m benchmarks.run                    every row (generates its kits once; long)
    python -m benchmarks.run --tiny             every row on small inputs, in seconds
    python -m benchmarks.run --only KEY[,KEY]   some rows (e.g. --only start,search_ui_latency)

Each row runs the program and its floor (the same work done by the bare
tools) in turns in the same run, who goes first alternating, and reports
medians and p95; times end when the person sees the result (painted).
Nothing is ever installed on the system: a missing tool gets a substitute
floor, and the row's note says so. Prints a table and writes JSON
(benchmarks/out/results.json; results-tiny.json, results-only.json) with the
machine: cores, load average before and after, Python, PyMuPDF, Qt.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .kits import (  # noqa: F401  (also the names the viewer rows used to import from here)
    BUNDLED_KIT,
    ROOT,
    Kit,
    ensure_kit,
    install,
    keys_from,
    kit_files,
    kit_store_path,
    make_kit,
)
from .measure import driver_env, load_average, machine, percentile, timed  # noqa: F401
from .table import Row, markdown_table, print_table

_driver_env = driver_env  # the name the viewer rows used to import from here

# (documents, pages): the kit most rows use, the large one, the viewer's one document.
FULL = {"main": (300, 10_000), "large": (600, 20_000), "viewer": (1, 500)}
TINY = {"main": (6, 24), "large": (8, 40), "viewer": (1, 20)}


class Bench:
    """What the rows share in one run, each made the first time a row needs it."""

    def __init__(self, out: Path, work: Path, tiny: bool) -> None:
        self.out = out
        self.work = work
        self.tiny = tiny
        self.sizes = TINY if tiny else FULL
        self.first_run_dir: Path | None = None

    def folder(self, name: str) -> Path:
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def kit(self, which: str) -> Kit:
        return make_kit(self.out, *self.sizes[which])

    @cached_property
    def main_kit(self) -> Kit:
        return self.kit("main")

    @cached_property
    def large_kit(self) -> Kit:
        return self.kit("large")

    @cached_property
    def viewer_kit(self) -> Kit:
        return self.kit("viewer")

    @cached_property
    def installed_main(self) -> Path:
        """A data folder with the main kit installed (the program's second and later starts)."""
        kit = self.main_kit
        stage(f"installing the {kit.pages:,}-page kit")
        return install(kit.folder, kit.keys, self.work / "installed-main")

    @cached_property
    def installed_large(self) -> Path:
        kit = self.large_kit
        stage(f"installing the {kit.pages:,}-page kit")
        return install(kit.folder, kit.keys, self.work / "installed-large")


# -- the rows, in table order -----------------------------------------------------------------


def rows_start(bench: Bench) -> list[Row]:
    from .bench_start import start_row

    return [start_row(bench.installed_main, bench.main_kit, bench.folder("start"), bench.tiny)]


def rows_first_run(bench: Bench) -> list[Row]:
    from .bench_start import first_run_row

    first = first_run_row(bench.main_kit, bench.folder("first"), bench.tiny)
    bench.first_run_dir = first.data_dir
    return [first.row]


def rows_db_size(bench: Bench) -> list[Row]:
    from .bench_start import db_size_row, first_run_once

    data_dir = bench.first_run_dir or first_run_once(bench.main_kit, bench.folder("db-size"))
    return [db_size_row(data_dir, bench.main_kit)]


def rows_search(bench: Bench) -> list[Row]:
    from .bench_search import engine_row, floor_index

    kit = bench.main_kit
    floor_db = floor_index(kit, bench.out)
    store = kit_store_path(bench.installed_main)
    return [engine_row(store, kit, floor_db, bench.tiny)]


def rows_grep(bench: Bench) -> list[Row]:
    from .bench_search import grep_row

    store = kit_store_path(bench.installed_main)
    return [grep_row(store, bench.main_kit, bench.folder("grep"), bench.tiny)]


def rows_search_ui(bench: Bench) -> list[Row]:
    from .bench_search import Installed, ui_row

    sizes = [
        Installed(bench.installed_main, bench.main_kit),
        Installed(bench.installed_large, bench.large_kit),
    ]
    return [ui_row(sizes, bench.folder("search-ui"), bench.tiny)]


def rows_update(bench: Bench) -> list[Row]:
    from .bench_update import update_row

    store = kit_store_path(bench.installed_large)
    return [update_row(bench.large_kit, store, bench.folder("update"), bench.tiny)]


def rows_sync(bench: Bench) -> list[Row]:
    from .bench_sync import bench_sync

    store = kit_store_path(bench.installed_main)
    return bench_sync(bench.main_kit, store, bench.folder("sync"), bench.tiny)


def rows_print(bench: Bench) -> list[Row]:
    from .bench_print import print_rows

    return print_rows(bench.folder("print"), bench.tiny)


def rows_viewer(bench: Bench) -> list[Row]:
    from .bench_viewer import viewer_rows

    kit = bench.viewer_kit
    return viewer_rows(kit.folder, kit.pub, bench.folder("viewer"), bench.tiny)


@dataclass(frozen=True)
class Group:
    """Rows measured together (they share their setup); ``keys`` empty: the viewer's rows."""

    name: str
    keys: tuple[str, ...]
    run: Callable[[Bench], list[Row]]


GROUPS = (
    Group("start", ("start",), rows_start),
    Group("first_run", ("first_run",), rows_first_run),
    Group("db_size_ratio", ("db_size_ratio",), rows_db_size),
    Group("search", ("search_p95_10k",), rows_search),
    Group("search_ui", ("search_ui_latency",), rows_search_ui),
    Group("grep", ("search_vs_grep",), rows_grep),
    Group("update", ("update_one_doc",), rows_update),
    Group(
        "sync",
        ("sync_check_cold_bytes", "sync_check_warm_bytes", "download", "sync_update"),
        rows_sync,
    ),
    Group("print", ("print_job",), rows_print),
    Group("viewer", (), rows_viewer),  # its keys are the viewer work's (bench_viewer.py)
)
KNOWN_KEYS = {key for group in GROUPS for key in group.keys}


def chosen_groups(only: set[str] | None) -> list[Group]:
    """The groups that make the wanted rows; a key no group names is the viewer's."""
    if only is None:
        return list(GROUPS)
    viewer_wanted = "viewer" in only or bool(only - KNOWN_KEYS)
    return [g for g in GROUPS if set(g.keys) & only or (not g.keys and viewer_wanted)]


_STARTED = time.perf_counter()


def stage(name: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:7.1f} s] {name}…", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="every row on small inputs, seconds")
    parser.add_argument("--only", help="comma-separated row keys (or 'viewer') to run")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--json", type=Path, help="where to write results (default: in OUT)")
    args = parser.parse_args(argv)
    tiny: bool = args.tiny
    only = {key.strip() for key in args.only.split(",") if key.strip()} if args.only else None

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=out))
    bench = Bench(out, work, tiny)
    load_before = load_average()
    started = time.perf_counter()
    rows: list[Row] = []
    failed: dict[str, str] = {}
    try:
        for group in chosen_groups(only):
            stage(group.name)
            try:
                made = group.run(bench)
            except Exception:  # one broken row must not hide the others' figures
                failed[group.name] = traceback.format_exc()
                print(failed[group.name], file=sys.stderr)
                continue
            rows.extend(r for r in made if only is None or r.key in only or group.name in only)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stage("done")
    missing = sorted((only or set()) - {row.key for row in rows} - {"viewer"} - set(failed))
    if missing:
        failed["--only"] = f"no row is called {', '.join(missing)}"

    print_table(rows)
    for name, reason in failed.items():
        print(f"\nFAILED {name}: {reason.strip().splitlines()[-1]}")
    result = {
        "machine": {**machine(), "load_before": load_before, "load_after": load_average()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "tiny": tiny,
        "only": sorted(only) if only else None,
        "seconds": round(time.perf_counter() - started, 1),
        "rows": [row.as_json() for row in rows],
        "failed": failed,
    }
    name = "results" + ("-tiny" if tiny else "") + ("-only" if only else "") + ".json"
    target = args.json or out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    target.with_suffix(".md").write_text(markdown_table(rows))
    print(f"\nJSON: {target} (Markdown table beside it)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
