"""The viewer and the PDF engine against bare PyMuPDF: the engine issue's figures.

``viewer_rows`` gives six rows. ``render_fit_width`` times the engine alone
(a page through a worker process, benchmarks/bench_render.py); the other
five are measured by benchmarks/viewer_driver.py in a process of its own on
the real MainWindow (headless), timing until the page is painted:

- ``viewer_jump``: a jump to a far page, warm (caches warm, pixels gone) and
  cold (the page never drawn before), against ``get_pixmap`` of that page at
  the viewer's scale in a bare PyMuPDF process, interleaved.
- ``viewer_jump_after_jump``: the same, right after another jump whose
  pages are still being drawn.
- ``open_500``: a double-click in the library until the first page of the
  500-page document is painted, against PyMuPDF opening the same bytes and
  drawing that page.
- ``gui_lateness``: how late a 5 ms timer fires on the GUI thread (p99)
  while pages render, including a page that takes about five seconds,
  against the same timer when the window is idle.
- ``hidpi_rss``: at QT_SCALE_FACTOR=2, all processes together (window,
  engine workers, resource tracker) while the 500 pages are scrolled end to
  end, then PageDown held at 30 presses a second; against PySide6 and
  PyMuPDF drawing every page at that scale in one process.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pymupdf

from .bench_render import Sample, bench_render
from .kits import BUNDLED_KIT, install, keys_from, kit_files
from .measure import driver_env, ms, percentile, run_json
from .table import Row

HEAVY_SECONDS = 5.0  # the slow page of gui_lateness takes about this long (bare PyMuPDF)


def _driver(*args: str, env: dict[str, str] | None = None) -> dict:
    return run_json(["benchmarks.viewer_driver", *args], {**driver_env(), **(env or {})})


def render_samples(viewer_kit: Path, tiny: bool) -> list[Sample]:
    """Real kit pages (the largest bundled PDFs' first pages) and generated text pages."""
    bundled = sorted(kit_files(BUNDLED_KIT), key=lambda p: p.stat().st_size, reverse=True)
    samples = [
        Sample(f"bundled {p.name[:8]}", p.read_bytes(), (0,)) for p in bundled[: 3 if tiny else 12]
    ]
    [long_doc] = kit_files(viewer_kit)
    samples.append(Sample("generated", long_doc.read_bytes(), tuple(range(3 if tiny else 10))))
    return samples


def heavy_pdf(path: Path, scale: float, seconds: float = HEAVY_SECONDS) -> float:
    """Write a one-page drawing that takes about ``seconds`` to draw at ``scale``, then a
    few ordinary pages; returns the seconds bare PyMuPDF took for it."""
    from tests.support.pdf_files import heavy_pdf as make

    def bare(paths: int) -> float:
        doc = pymupdf.open(stream=make(paths, normal_pages=0), filetype="pdf")
        start = time.perf_counter()
        doc[0].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        return time.perf_counter() - start

    probe = 20_000
    took = bare(probe)
    paths = int(min(600_000, max(probe, probe * seconds / max(took, 1e-3))))
    path.write_bytes(make(paths, normal_pages=5))
    return took * paths / probe


def viewer_rows(viewer_kit: Path, pub: Path, work: Path, tiny: bool) -> list[Row]:
    """The five viewer rows (see the module docstring); ``tiny`` runs them in seconds."""
    render = bench_render(render_samples(viewer_kit, tiny), 3 if tiny else 7)
    data_dir = install(viewer_kit, keys_from(pub), work / "viewer-data")
    [pdf] = sorted((viewer_kit / "files").iterdir())
    pages = pymupdf.open(pdf).page_count
    doc_id = json.loads((viewer_kit / "manifest.json").read_text("utf-8"))["documents"][0]["id"]
    common = (str(data_dir), str(viewer_kit), str(pub), doc_id)
    floor_env = {"BENCH_PDF": str(pdf)}
    runs = 3 if tiny else 9

    jumps = _driver("jumps", *common, str(runs), env=floor_env)
    opens = _driver("open", *common, str(3 if tiny else 9), env=floor_env)
    heavy = work / "zware-tekening.pdf"
    heavy_bare = heavy_pdf(heavy, jumps["render_scale"], 0.5 if tiny else HEAVY_SECONDS)
    lateness = _driver("lateness", *common, str(heavy), "2" if tiny else "10")
    presses = 15 if tiny else 300
    hidpi = _driver("scroll", *common, str(presses), env={"QT_SCALE_FACTOR": "2"})
    bare = _driver("bare", str(pdf), str(hidpi["render_scale"]), env={"QT_SCALE_FACTOR": "2"})

    size = "x".join(map(str, jumps["viewport"]))
    dpi = jumps["dpi_equivalent"]
    warm, warm_floor = jumps["warm"], jumps["warm_floor"]
    cold, cold_floor = jumps["cold"], jumps["cold_floor"]
    after, after_floor = jumps["after"], jumps["after_floor"]
    open_s, open_floor = opens["open_s"], opens["floor_s"]
    late, idle = lateness["program_s"], lateness["idle_s"]
    frames = hidpi["frames"]
    return [
        render,
        Row(
            "viewer_jump",
            f"jump to a far page, painted ({dpi} dpi, warm)",
            statistics.median(warm),
            statistics.median(warm_floor),
            "s",
            target="ratio<=1.5",
            note=(
                f"{len(warm)} jumps to pages of {pages} (fit width, {size} view) until the frame "
                "that painted the page on screen sharp is done (as for open_500; painted_ms: the "
                "moment the page itself was painted, inside that frame); warm: caches warm, its "
                "pixels gone; cold: first time "
                "that page is drawn (the scroll bar and page number take their new values at "
                "once and are repainted in the frame after the page's, not timed). Floor: "
                "get_pixmap of the same page at the same scale in a bare PyMuPDF process, "
                "interleaved"
            ),
            extra={
                "p95_ms": ms(percentile(warm, 0.95)),
                "floor_p95_ms": ms(percentile(warm_floor, 0.95)),
                "cold_ms": ms(statistics.median(cold)),
                "cold_floor_ms": ms(statistics.median(cold_floor)),
                "cold_ratio": round(statistics.median(cold) / statistics.median(cold_floor), 2),
                "cold_p95_ms": ms(percentile(cold, 0.95)),
                "painted_ms": ms(statistics.median(jumps["warm_painted"])),
                "cold_painted_ms": ms(statistics.median(jumps["cold_painted"])),
            },
        ),
        Row(
            "viewer_jump_after_jump",
            "jump right after another jump, painted",
            statistics.median(after),
            statistics.median(after_floor),
            "s",
            target="ratio<=1.5",
            note=(
                f"{len(after)} jumps, each right after a jump elsewhere whose pages were still "
                "being drawn (no waiting for the queue), until the frame that painted the "
                "page sharp is done; floor as for viewer_jump"
            ),
            extra={
                "painted_ms": ms(statistics.median(jumps["after_painted"])),
                "p95_ms": ms(percentile(after, 0.95)),
                "floor_p95_ms": ms(percentile(after_floor, 0.95)),
            },
        ),
        Row(
            "open_500",
            f"double-click to first page painted, {pages} pages",
            statistics.median(open_s),
            statistics.median(open_floor),
            "s",
            target="ratio<=2",
            note=(
                f"{len(open_s)} double-clicks in the library until the frame that painted page "
                "1 sharp is done (the rest of the window is painted in the same frame before it "
                "reaches the screen; painted_ms: the moment the page itself was painted); the "
                "first in a fresh program is cold (viewer first shown, first store reads, the "
                "workers' first open of this document; as every start does, 0.1 s after the "
                "window's first paint the viewer is built and painted once unseen, PySide "
                "makes the Python types of the Qt classes a first open uses (QByteArray, "
                "QBrush, ...) and each engine worker draws a built-in one-page PDF once, "
                "before the double-click: idle work the person does not wait for, the same "
                "for every document); the test mouse is moved over the library once before "
                "timing (PySide makes QtTest's types on first use; a person's double-click "
                "does not go through QtTest); "
                "the warm ones open the document just closed again, as going back to the "
                "library and opening it again does: the window still has its bytes (not read "
                "from the kit store again) and the workers still have it open. "
                "The first page is asked for before the screens switch; read-ahead, links, "
                "form fields, outline and the 'opened' mark follow once it is "
                "painted. Floor: PyMuPDF opening the same bytes and drawing page 1 at the same "
                "scale, in its own process (started and ready before the first double-click), "
                "interleaved"
            ),
            extra={
                "cold_ms": ms(open_s[0]),
                "cold_floor_ms": ms(open_floor[0]),
                "warm_ms": ms(statistics.median(open_s[1:] or open_s)),
                "painted_cold_ms": ms(opens["painted_s"][0]),
                "painted_warm_ms": ms(statistics.median(opens["painted_s"][1:] or open_s)),
                "p95_ms": ms(percentile(open_s, 0.95)),
                "floor_p95_ms": ms(percentile(open_floor, 0.95)),
            },
        ),
        Row(
            "gui_lateness",
            "GUI event loop lateness p99 while pages render",
            percentile(late, 0.99),
            percentile(idle, 0.99),
            "s",
            target="p99<50ms",
            note=(
                f"a 5 ms timer on the GUI thread, {len(late)} ticks while reading (a page every "
                f"60 ms) and opening a PDF whose first page takes about "
                f"{heavy_bare:.1f} s in bare PyMuPDF; floor: the same timer with the window idle"
            ),
            extra={
                "p99_ms": ms(percentile(late, 0.99)),
                "max_ms": ms(max(late)),
                "idle_p99_ms": ms(percentile(idle, 0.99)),
                "heavy_page_ms": ms(lateness["heavy_page_s"]),
                "heavy_page_placeholder": lateness["heavy_page_failed"],
            },
        ),
        Row(
            "hidpi_rss",
            f"all processes, {pages} pages at QT_SCALE_FACTOR=2",
            hidpi["peak_rss_mb"],
            bare["peak_rss_mb"],
            "MB",
            target="<300MB",
            note=(
                f"summed resident memory of the window and every process it started "
                f"({hidpi['processes']}), sampled every 20 ms while scrolling end to end a "
                f"screen at a time (each drawn) and holding PageDown at 30/s for {presses} "
                "presses (frames: a page on screen over 100 ms without its own pixels: "
                "unrendered; without anything: blank; at preview resolution: not sharp); floor: "
                "PySide6 and PyMuPDF drawing every page at that scale in one process"
            ),
            extra={
                "peak_pss_mb": hidpi["peak_pss_mb"],
                "peak_by_process_mb": hidpi["peak_by_process_mb"],
                "peak_during": hidpi["peak_during"],
                "floor_pss_mb": bare["peak_pss_mb"],
                "tile_cache_peak_mb": hidpi["tile_cache_peak_mb"],
                "scroll_s": round(hidpi["scroll_seconds"], 2),
                "pagedown_frames": frames["total"],
                "frames_unrendered_over_100ms": frames["unrendered_over_100ms"],
                "frames_blank_over_100ms": frames["blank_over_100ms"],
                "frames_not_sharp_over_100ms": frames["not_sharp_over_100ms"],
                "pages_never_sharp_while_shown": hidpi["pages_never_sharp"],
                "page_wait_p50_ms": hidpi["wait_p50_ms"],
                "page_wait_p95_ms": hidpi["wait_p95_ms"],
            },
        ),
    ]
