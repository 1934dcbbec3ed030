"""The viewer's rows: page render, page turn, jumps in the real viewer, peak memory.

Owned by the viewer/engine work (issue 13); benchmarks/run.py only calls
:func:`viewer_rows`. The code below is today's viewer benchmark, moved here
unchanged from run.py.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from .bench_render import Sample, bench_render, bench_turns
from .kits import BUNDLED_KIT, ROOT, install, keys_from, kit_files
from .measure import driver_env, percentile
from .table import Row

VIEWER_DOC = "handleiding-0001"  # the one document of the generated viewer kit


def viewer_rows(viewer_kit: Path, pub: Path, work: Path, tiny: bool) -> list[Row]:
    """Every viewer row, on the generated one-document kit ``viewer_kit``."""
    rows = [
        bench_render(render_samples(viewer_kit, tiny), 3 if tiny else 7),
        bench_turns(kit_files(viewer_kit)[0].read_bytes(), 8 if tiny else 40),
    ]
    rows.extend(bench_viewer(viewer_kit, pub, work, 1 if tiny else 2))
    return rows


def run_driver(*args: str) -> dict:
    """benchmarks/viewer_driver.py in a fresh process; its one JSON line."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.viewer_driver", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=driver_env(),
        timeout=1800,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"viewer driver {args[0]} failed ({proc.returncode}): {proc.stderr}")
    return json.loads(lines[-1])


def bench_viewer(kit: Path, pub: Path, work: Path, runs: int) -> list[Row]:
    """Peak memory scrolling a long document in the real window; jumps and turns there.

    The peak varies from run to run by tens of MB (when the render thread's
    allocations overlap the GUI's), so with ``runs`` > 1 the worst one counts.
    """
    data_dir = install(kit, keys_from(pub), work / "viewer-data")
    common = (str(data_dir), str(kit), str(pub))
    window = run_driver("window", *common)
    results = [run_driver("viewer", *common, VIEWER_DOC) for _ in range(runs)]
    viewer = max(results, key=lambda r: r["peak_rss_mb"])
    [pdf] = kit_files(kit)
    bare = run_driver("bare", str(pdf), str(viewer["render_scale"]))
    dpi = viewer["dpi_equivalent"]
    size = "x".join(map(str, viewer["viewport"]))
    pages = viewer["pages"]
    jumps = [t for r in results for t in r["jump_s"]]
    turns = [t for r in results for t in r["turn_s"]]
    floor = [t for r in results for t in r["bare_s"]]
    return [
        Row(
            "viewer_jump",
            f"page shown in the real viewer ({dpi} dpi)",
            statistics.median(jumps),
            statistics.median(floor),
            "s",
            target="ratio<=1.5",
            note=(
                f"jump to a far page of {pages}, fit width in a {size} view, until painted; "
                f"median of {len(jumps)} jumps to pages 1/8..7/8. Floor: get_pixmap of the same "
                "page at the same scale on an open document, interleaved"
            ),
            extra={
                "p95_ms": round(percentile(jumps, 0.95) * 1000, 1),
                "floor_p95_ms": round(percentile(floor, 0.95) * 1000, 1),
            },
        ),
        Row(
            "viewer_turn",
            "page turn p50 in the real viewer (p95 in extra)",
            statistics.median(turns),
            statistics.median(floor),
            "s",
            note=(
                f"{len(turns)} turns to the next page once it was prefetched, until painted. "
                "Floor: as for the jump"
            ),
            extra={
                "p50_ms": round(statistics.median(turns) * 1000, 1),
                "p95_ms": round(percentile(turns, 0.95) * 1000, 1),
            },
        ),
        Row(
            "peak_rss",
            f"peak memory, {pages}-page document scrolled",
            viewer["peak_rss_mb"],
            window["peak_rss_mb"],
            "MB",
            target="<300MB",
            note=(
                f"real MainWindow, page view {size} at {dpi} dpi, scrolled top to bottom a page "
                f"at a time, every step rendered; VmHWM, worst of {runs}. Floor: the same window "
                "with the viewer screen and no document"
            ),
            extra={
                "document_mb": round(viewer["peak_rss_mb"] - window["peak_rss_mb"], 1),
                "peaks_mb": [round(r["peak_rss_mb"], 1) for r in results],
                "bare_tools_mb": round(bare["peak_rss_mb"], 1),
                "peak_after_jumps_mb": round(viewer["peak_rss_end_mb"], 1),
                "page_cache_peak_mb": round(viewer["cache_peak_mb"], 1),
                "thumb_cache_peak_mb": round(viewer["thumb_cache_peak_mb"], 1),
                "scroll_s": round(viewer["scroll_seconds"], 2),
                "late_steps": viewer["late_steps"],
            },
        ),
    ]


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
