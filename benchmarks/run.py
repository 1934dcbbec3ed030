"""Benchmarks: the program's own work timed against the floor of its tools.

    python -m benchmarks.run            full run (generates a 300-document kit once)
    python -m benchmarks.run --tiny     a few seconds; what the smoke test runs

Every figure is measured side by side with its floor in the same run and
reported as a ratio, because absolute times on a shared machine drift.
Prints a table and writes JSON (default benchmarks/out/results.json).
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pymupdf

from companion.importer import apply_source
from companion.kitsource import FolderSource
from companion.search import KitSearch
from companion.signing import parse_public_key
from companion.store.kit_store import KitStore

from .generate_kit import generate

ROOT = Path(__file__).resolve().parent.parent
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


@dataclass
class Row:
    """One line of the table: the program against its floor."""

    name: str
    program: float
    floor: float | None
    unit: str
    target: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.floor in (None, 0):
            return None
        return self.program / self.floor

    def verdict(self) -> str:
        """'ok' / 'MISSED' against the target, '' where there is no target."""
        checks: dict[str, Callable[[], bool]] = {
            "ratio<=2": lambda: self.ratio is not None and self.ratio <= 2,
            "ratio<=1.5": lambda: self.ratio is not None and self.ratio <= 1.5,
            "p95<50ms": lambda: self.extra.get("p95_ms", 1e9) < 50,
            "requests==1": lambda: self.program == 1,
            "rss<300MB": lambda: self.program < 300,
        }
        check = checks.get(self.target)
        if check is None:
            return ""
        return "ok" if check() else "MISSED"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# -- kits -------------------------------------------------------------------------


def ensure_kit(out: Path, documents: int, pages: int) -> tuple[Path, Path]:
    """The generated kit (made once and reused) and its public key file."""
    kit = out / f"kit-{documents}x{pages}"
    key = out / "bench.key"
    if not (kit / "manifest.json").exists():
        print(f"generating a kit of {documents} documents, {pages} pages…", file=sys.stderr)
        generate(kit, key, documents, pages)
    return kit, key.with_name(key.name + ".pub")


def keys_from(pub: Path) -> tuple[bytes, ...]:
    return (parse_public_key(pub.read_text()),)


# -- benchmarks ---------------------------------------------------------------------


def bench_import(kit: Path, pub: Path, label: str, work: Path) -> tuple[Row, Path]:
    """First import against PyMuPDF text extraction of the same files alone."""
    store_path = work / f"import-{label}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store_path}{suffix}").unlink(missing_ok=True)

    def program() -> None:
        store = KitStore(store_path)
        apply_source(store, FolderSource(kit), trusted_keys=keys_from(pub))
        store.close()

    files = sorted((kit / "files").iterdir())

    def floor() -> None:
        for path in files:
            doc = pymupdf.open(stream=path.read_bytes(), filetype="pdf")
            for page in doc:
                page.get_text("text")
            doc.close()

    floor_time = timed(floor)
    program_time = timed(program)
    pages = sum(pymupdf.open(p).page_count for p in files)
    row = Row(
        f"first import ({label}: {len(files)} files, {pages} pages)",
        program_time,
        floor_time,
        "s",
        note="floor: PyMuPDF get_text of every page",
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


def bench_search(store_path: Path, kit: Path, rounds: int, use_pdfgrep: bool) -> Row:
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
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]

    floor = None
    note = "floor: pdfgrep not available"
    pdfgrep = shutil.which("pdfgrep") or (install_pdfgrep() if use_pdfgrep else None)
    if pdfgrep and use_pdfgrep:
        pdf_dir = Path(tempfile.mkdtemp(prefix="pdfgrep-"))
        for path in (kit / "files").iterdir():
            shutil.copyfile(path, pdf_dir / f"{path.name}.pdf")
        grep_times = []
        for query in QUERIES:
            word = query.split()[0]
            grep_times.append(
                timed(
                    lambda w=word: subprocess.run(
                        [pdfgrep, "-r", "-i", "-c", w, str(pdf_dir)],
                        capture_output=True,
                        check=False,
                    )
                )
            )
        shutil.rmtree(pdf_dir)
        floor = statistics.median(grep_times)
        note = "floor: median pdfgrep -r -i over the same PDFs (one word)"
    return Row(
        "search p50 (p95 in extra)",
        p50,
        floor,
        "s",
        target="p95<50ms",
        note=note,
        extra={"p50_ms": round(p50 * 1000, 2), "p95_ms": round(p95 * 1000, 2)},
    )


def _start_env() -> dict[str, str]:
    """A normal user's environment: bytecode caches on, headless Qt unless set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _start_once(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.start_driver", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_start_env(),
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
    data_dir = work / "start-data"
    shutil.rmtree(data_dir, ignore_errors=True)
    store = KitStore(data_dir / "kit.sqlite")
    apply_source(store, FolderSource(kit), trusted_keys=keys_from(pub))
    store.close()
    app_args = ["app", str(data_dir), str(kit), str(pub)]
    # An installed program has its bytecode compiled (pip does it); so do we.
    compileall.compile_dir(ROOT / "companion", quiet=1)
    _start_once(app_args)  # warm the OS file cache for both
    _start_once(["bare"])
    app_times, bare_times = [], []
    for _ in range(runs):  # interleaved, so drift hits both alike
        bare_times.append(_start_once(["bare"]))
        app_times.append(_start_once(app_args))
    return Row(
        "start to interactive window",
        statistics.median(app_times),
        statistics.median(bare_times),
        "s",
        target="ratio<=2",
        note="floor: bare PySide6 QMainWindow, same process start",
    )


# -- running ----------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    header = f"{'benchmark':<52} {'program':>10} {'floor':>10} {'ratio':>7}  {'target':<12} verdict"
    print(header)
    print("-" * len(header))
    for row in rows:
        floor = f"{row.floor:.4f}" if row.floor is not None else "-"
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
        print(
            f"{row.name[:52]:<52} {row.program:>10.4f} {floor:>10} {ratio:>7}  "
            f"{row.target:<12} {row.verdict()}"
        )
        if row.extra:
            print(f"{'':<52} {json.dumps(row.extra)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a few seconds, for the smoke test")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument(
        "--json", type=Path, help="where to write results (default OUT/results.json)"
    )
    parser.add_argument("--no-pdfgrep", action="store_true", help="skip the pdfgrep floor")
    args = parser.parse_args(argv)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=out))
    documents, pages = (6, 24) if args.tiny else (300, 10000)
    kit, pub = ensure_kit(out, documents, pages)
    rows: list[Row] = []
    try:
        row, store_path = bench_import(kit, pub, "generated", work)
        rows.append(row)
        rows.append(bench_search(store_path, kit, 2 if args.tiny else 10, not args.no_pdfgrep))
        rows.append(bench_start(kit, pub, work, 1 if args.tiny else 7))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print_table(rows)
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "tiny": args.tiny,
        "rows": [{**asdict(r), "ratio": r.ratio, "verdict": r.verdict()} for r in rows],
    }
    target = args.json or out / "results.json"
    target.write_text(json.dumps(result, indent=1))
    print(f"\nJSON: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
