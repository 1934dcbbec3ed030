"""Benchmarks: the program's own work timed against the floor of its tools.

    python -m benchmarks.run            full run (generates its kits once, a few minutes)
    python -m benchmarks.run --tiny     every benchmark on tiny kits, seconds; the smoke test

Every figure is measured side by side with its floor in the same run and
reported as a ratio, because absolute times on a shared machine drift.
Prints a table and writes JSON (benchmarks/out/results.json, --tiny: results-tiny.json).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pymupdf

from companion.kit.importer import apply_source
from companion.kit.search import KitSearch
from companion.kit.signing import parse_public_key
from companion.kit.source import FolderSource
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.store.kit_store import KitStore

from .bench_render import Sample, bench_render
from .bench_sync import bench_sync
from .bench_viewer import viewer_rows
from .generate_kit import generate
from .table import Row, print_table

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_KIT = ROOT / "bundled_kit" / "portal"
QUERIES = (
    "laaggeletterden",
    "vindplaatsen gemeente",
    "reintegratie",
    "klantreis",
    "schaamte",
    "werkgever werknemers",
    "taalhuis",
    "doorverwijzen",
    "digitale overheid",
    "accountant",
    "bewustwording",
    "coordinator",
)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[int(fraction * (len(ordered) - 1))]


# -- kits -------------------------------------------------------------------------


def ensure_kit(out: Path, documents: int, pages: int) -> tuple[Path, Path]:
    """A generated kit (made once and reused) and its public key file."""
    kit = out / f"kit-{documents}x{pages}"
    key = out / "bench.key"
    if not (kit / "manifest.json").exists():
        print(f"generating a kit of {documents} documents, {pages} pages…", file=sys.stderr)
        generate(kit, key, documents, pages)
    return kit, key.with_name(key.name + ".pub")


def keys_from(pub: Path) -> tuple[bytes, ...]:
    return (parse_public_key(pub.read_text()),)


def kit_files(kit: Path) -> list[Path]:
    return sorted((kit / "files").iterdir())


def install(kit: Path, keys: tuple[bytes, ...], data_dir: Path) -> Path:
    """A data dir with ``kit`` imported, as the program leaves it after the first start."""
    shutil.rmtree(data_dir, ignore_errors=True)
    store = KitStore(data_dir / "kit.sqlite")
    apply_source(store, FolderSource(kit), trusted_keys=keys)
    store.close()
    return data_dir


# -- import and search ---------------------------------------------------------------


def bench_import(
    kit: Path, keys: tuple[bytes, ...], key: str, label: str, work: Path, runs: int
) -> tuple[Row, Path]:
    """First import into an empty store against PyMuPDF text extraction of the same files."""
    store_path = work / f"import-{key}.sqlite"
    files = kit_files(kit)

    def program() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store_path}{suffix}").unlink(missing_ok=True)
        store = KitStore(store_path)
        apply_source(store, FolderSource(kit), trusted_keys=keys)
        store.close()

    def floor() -> None:
        for path in files:
            doc = pymupdf.open(stream=path.read_bytes(), filetype="pdf")
            for page in doc:
                page.get_text("text")
            doc.close()

    program_times, floor_times = [], []
    for run in range(runs):  # interleaved, alternating who goes first
        if run % 2:
            program_times.append(timed(program))
            floor_times.append(timed(floor))
        else:
            floor_times.append(timed(floor))
            program_times.append(timed(program))
    pages = sum(pymupdf.open(p).page_count for p in files)
    row = Row(
        key,
        f"first import ({label}: {len(files)} files, {pages} pages)",
        statistics.median(program_times),
        statistics.median(floor_times),
        "s",
        note=f"floor: PyMuPDF get_text of every page; median of {runs}",
    )
    return row, store_path


def install_pdfgrep() -> str | None:
    """Install pdfgrep from Debian's packages when we may (root, apt-get present)."""
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return None
    print("installing pdfgrep…", file=sys.stderr)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "pdfgrep"]):
        subprocess.run(command, capture_output=True, check=False, timeout=600)
    return shutil.which("pdfgrep")


def pdfgrep_floor(kit: Path, pdfgrep: str, queries: tuple[str, ...]) -> list[float]:
    """Seconds per query for pdfgrep over copies of the kit's PDFs (it wants .pdf names)."""
    pdf_dir = Path(tempfile.mkdtemp(prefix="pdfgrep-"))
    try:
        for path in kit_files(kit):
            shutil.copyfile(path, pdf_dir / f"{path.name}.pdf")
        commands = [[pdfgrep, "-r", "-i", "-c", q.split()[0], str(pdf_dir)] for q in queries]
        return [
            timed(lambda c=command: subprocess.run(c, capture_output=True, check=False))
            for command in commands
        ]
    finally:
        shutil.rmtree(pdf_dir)


def bench_search(
    store_path: Path,
    kit: Path,
    rounds: int,
    pdfgrep: str | None,
    grep_queries: int,
    missing_note: str,
) -> Row:
    """Query time over fixed Dutch queries against pdfgrep over the same PDFs."""
    store = KitStore(store_path)
    search = KitSearch(store)
    for query in QUERIES:  # warm the page cache, as a running program would have it
        search.search(query)
    times = []
    for _ in range(rounds):
        for query in QUERIES:
            times.append(timed(lambda q=query: search.search(q)))
    store.close()
    p50 = statistics.median(times)
    p95 = percentile(times, 0.95)

    floor, note = None, missing_note
    if pdfgrep:
        # pdfgrep reads every PDF for every query (about 12 s on the large kit), so a
        # few queries give its median; the program's figures use all of them.
        floor = statistics.median(pdfgrep_floor(kit, pdfgrep, QUERIES[:grep_queries]))
        note = (
            f"floor: median pdfgrep -r -i over the same PDFs (first word of "
            f"{min(grep_queries, len(QUERIES))} queries); program: {len(times)} searches"
        )
    return Row(
        "search",
        f"search p50, {len(kit_files(kit))} files (p95 in extra)",
        p50,
        floor,
        "s",
        target="p95<50ms",
        note=note,
        extra={"p50_ms": round(p50 * 1000, 2), "p95_ms": round(p95 * 1000, 2)},
    )


def find_pdfgrep(wanted: bool, may_install: bool) -> tuple[str | None, str]:
    """pdfgrep's path (installed from Debian's packages if allowed), or why there is none."""
    if not wanted:
        return None, "floor: skipped (--no-pdfgrep)"
    found = shutil.which("pdfgrep") or (install_pdfgrep() if may_install else None)
    why = "floor: pdfgrep is not installed, so no floor"
    return found, why + ("" if may_install else " (--tiny installs nothing)")


# -- fresh processes: start and the real viewer ----------------------------------------


def _driver_env() -> dict[str, str]:
    """A normal user's environment: bytecode caches on, headless Qt unless set, offline."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["STRATEGIEKIT_OFFLINE"] = "1"
    return env


def _start_once(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.start_driver", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_driver_env(),
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _out, err = proc.communicate(timeout=120)
    if not line.strip():
        raise RuntimeError(f"start driver failed: {err}")
    return elapsed


def bench_start(kit: Path, pub: Path, work: Path, runs: int) -> Row:
    """Launch to an interactive main window (existing store) against a bare window."""
    data_dir = install(kit, keys_from(pub), work / "start-data")
    app_args = ["app", str(data_dir), str(kit), str(pub)]
    # An installed program has its bytecode compiled (pip does it); so do we.
    compileall.compile_dir(ROOT / "companion", quiet=1)
    compileall.compile_dir(ROOT / "benchmarks", quiet=1)
    _start_once(app_args)  # warm the OS file cache for both
    _start_once(["bare"])
    app_times, bare_times = [], []
    for _ in range(runs):  # interleaved, so drift hits both alike
        bare_times.append(_start_once(["bare"]))
        app_times.append(_start_once(app_args))
    return Row(
        "start",
        "start to interactive window",
        statistics.median(app_times),
        statistics.median(bare_times),
        "s",
        target="ratio<=2",
        note=f"floor: bare PySide6 QMainWindow, same process start; median of {runs}",
    )


# -- render samples ----------------------------------------------------------------------


def render_samples(viewer_kit: Path, tiny: bool) -> list[Sample]:
    """Real kit pages (the largest bundled PDFs' first pages) and generated text pages."""
    bundled = sorted(kit_files(BUNDLED_KIT), key=lambda p: p.stat().st_size, reverse=True)
    samples = [
        Sample(f"bundled {p.name[:8]}", p.read_bytes(), (0,)) for p in bundled[: 3 if tiny else 12]
    ]
    [long_doc] = kit_files(viewer_kit)
    samples.append(Sample("generated", long_doc.read_bytes(), tuple(range(3 if tiny else 10))))
    return samples


# -- running ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="seconds: every benchmark, tiny kits")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument(
        "--json", type=Path, help="where to write results (default OUT/results[-tiny].json)"
    )
    parser.add_argument("--no-pdfgrep", action="store_true", help="skip the pdfgrep floor")
    args = parser.parse_args(argv)
    tiny: bool = args.tiny

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=out))
    documents, pages = (6, 24) if tiny else (300, 10000)
    kit, pub = ensure_kit(out, documents, pages)
    viewer_kit, _pub = ensure_kit(out, 1, 20 if tiny else 500)
    keys = keys_from(pub)
    rows: list[Row] = []
    started = time.perf_counter()

    def stage(name: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {name}…", file=sys.stderr)

    try:
        stage("start")
        rows.append(bench_start(kit, pub, work, 1 if tiny else 7))
        stage("import")
        row, _ = bench_import(
            BUNDLED_KIT, TRUSTED_KEYS, "import_bundled", "bundled kit", work, 1 if tiny else 5
        )
        rows.append(row)
        row, store_path = bench_import(kit, keys, "import_generated", "generated", work, 1)
        rows.append(row)
        stage("render")
        rows.append(bench_render(render_samples(viewer_kit, tiny), 3 if tiny else 7))
        stage("viewer")
        rows.extend(viewer_rows(viewer_kit, pub, work, tiny))
        stage("search")
        pdfgrep, missing = find_pdfgrep(not args.no_pdfgrep, may_install=not tiny)
        rows.append(
            bench_search(store_path, kit, 2 if tiny else 10, pdfgrep, 12 if tiny else 4, missing)
        )
        stage("sync")
        rows.extend(bench_sync(kit, out / "bench.key", keys, work, 1 if tiny else 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stage("done")

    print_table(rows)
    result = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "pymupdf": pymupdf.VersionBind,
            "platform": platform.platform(),
        },
        "tiny": tiny,
        "seconds": round(time.perf_counter() - started, 1),
        "rows": [row.as_json() for row in rows],
    }
    target = args.json or out / ("results-tiny.json" if tiny else "results.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"\nJSON: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
