"""The viewer's render path against bare PyMuPDF, in this process.

Both sides render the same pages at the same scale; the floor renders on a
document that is already open (as the viewer's render thread has it), and
the two are interleaved, several times, so drift on a shared machine hits
both alike. The real viewer (threads, Qt images, painting) is measured by
benchmarks/viewer_driver.py.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pymupdf
from companion.pdf.page_render import CachedRenderer, bench_page_turns, bench_render_fit_width

from companion.pdf.page_layout import PageLayout

from .table import Row

DPI = 150
TURN_VIEWPORT = (1240, 1000)  # a page at 150 dpi is 1240 px wide


@dataclass(frozen=True)
class Sample:
    """Pages of one PDF to render: ``label`` says where they came from."""

    label: str
    data: bytes
    pages: tuple[int, ...]


def _bare(doc: pymupdf.Document, index: int, dpi: int) -> int:
    """The floor: the pixmap alone (``.samples`` would add a copy the tool does not need)."""
    pixmap = doc[index].get_pixmap(dpi=dpi, alpha=False)
    return pixmap.stride * pixmap.height


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(program: Callable[[], object], floor: Callable[[], object], reps: int):
    """Median seconds of each, run in turns (who goes first alternates)."""
    times: dict[int, list[float]] = {0: [], 1: []}
    for rep in range(reps):
        order = ((0, program), (1, floor)) if rep % 2 else ((1, floor), (0, program))
        for side, fn in order:
            times[side].append(_time(fn))
    return statistics.median(times[0]), statistics.median(times[1])


def bench_render(samples: list[Sample], reps: int, dpi: int = DPI) -> Row:
    """One page at fit width through the cache path (a miss) against get_pixmap."""
    program_times: list[float] = []
    floor_times: list[float] = []
    for sample in samples:
        renderer = CachedRenderer(sample.data)
        doc = pymupdf.open(stream=sample.data, filetype="pdf")
        try:
            bench_render_fit_width(renderer, sample.pages[0], dpi)  # fonts loaded for both
            _bare(doc, sample.pages[0], dpi)
            for index in sample.pages:
                program, floor = interleaved(
                    partial(bench_render_fit_width, renderer, index, dpi),
                    partial(_bare, doc, index, dpi),
                    reps,
                )
                program_times.append(program)
                floor_times.append(floor)
        finally:
            renderer.close()
            doc.close()
    labels = ", ".join(f"{s.label} ({len(s.pages)})" for s in samples)
    return Row(
        "render_fit_width",
        f"page render, fit width {dpi} dpi (cache path)",
        statistics.fmean(program_times),
        statistics.fmean(floor_times),
        "s",
        target="ratio<=1.5",
        note=(
            f"mean over pages of the median of {reps}; floor: get_pixmap on an open document, "
            f"interleaved. Pages: {labels}"
        ),
        extra={"pages": len(program_times), "program_max_ms": round(max(program_times) * 1000, 2)},
    )


def bench_turns(data: bytes, turns: int, dpi: int = DPI) -> Row:
    """Page turns as bench_page_turns counts them, against rendering the same pages bare."""
    renderer = CachedRenderer(data)
    try:
        times = bench_page_turns(renderer, turns=turns, dpi=dpi, viewport=TURN_VIEWPORT, margin=1)
        layout = PageLayout(renderer.sizes, dpi / 72, TURN_VIEWPORT[0])
    finally:
        renderer.close()
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        floor = []
        for turn in range(len(times)):
            box = layout.boxes[turn]
            visible = layout.visible(box.y, box.y + TURN_VIEWPORT[1])
            floor.append(
                statistics.median(
                    _time(lambda v=visible: [_bare(doc, i, dpi) for i in v]) for _ in range(3)
                )
            )
    finally:
        doc.close()
    ordered = sorted(times)
    p50 = statistics.median(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return Row(
        "page_turn",
        "page turn p50, prefetched (p95 in extra)",
        p50,
        statistics.median(floor),
        "s",
        note=(
            f"{len(times)} turns at {dpi} dpi, viewport {TURN_VIEWPORT[0]}x{TURN_VIEWPORT[1]}; "
            "the next page is rendered while reading, so a turn is a cache hit. "
            "Floor: bare render of the pages on screen."
        ),
        extra={
            "p50_ms": round(p50 * 1000, 3),
            "p95_ms": round(p95 * 1000, 3),
            "first_turn_ms": round(times[0] * 1000, 2),
        },
    )
