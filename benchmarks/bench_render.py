"""The PDF engine's render path against bare PyMuPDF, without a window.

A page at fit width (150 dpi) asked of an engine worker and delivered as
pixels in this process (pipe; the pixels are a view of the shared block the
worker drew into, no copy), against
``get_pixmap`` of the same page at the same scale on a document that is
already open, as the worker has it. Interleaved, several times, so drift on
a shared machine hits both alike. The real window (painting included) is
measured by benchmarks/bench_viewer.py.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import pymupdf

from companion.pdf.engine.pool import EnginePool
from companion.pdf.engine.protocol import Pixels, Render
from companion.pdf.tiles import page_pixels

from .table import Row

DPI = 150


@dataclass(frozen=True)
class Sample:
    """Pages of one PDF to render: ``label`` says where they came from."""

    label: str
    data: bytes
    pages: tuple[int, ...]


def _time(fn: Callable[[], object]) -> float:
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


def _bare(doc: pymupdf.Document, index: int, scale: float) -> int:
    """The floor: the pixmap alone."""
    pixmap = doc[index].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    return pixmap.stride * pixmap.height


def _engine(pool: EnginePool, request: Render) -> int:
    answer = pool.call(request)
    if not isinstance(answer, Pixels):
        raise RuntimeError(f"engine failed: {answer}")
    return answer.stride * answer.height


def bench_render(samples: list[Sample], reps: int, dpi: int = DPI) -> Row:
    """One whole page at fit width through an engine worker against get_pixmap."""
    program_times: list[float] = []
    floor_times: list[float] = []
    scale = dpi / 72
    pool = EnginePool(1)  # as the window's: the pool's thread reads, the asker is handed it
    pool.start()
    try:
        for sample in samples:
            doc = pymupdf.open(stream=sample.data, filetype="pdf")
            ref = pool.share(sample.data, sample.label)
            try:
                for index in sample.pages:
                    rect = doc[index].rect
                    width, height = page_pixels(rect.width, rect.height, scale)
                    request = Render(
                        ref, page=index, width=width, height=height, clip=(0, 0, width, height)
                    )
                    _engine(pool, request)  # fonts loaded for both
                    _bare(doc, index, scale)
                    program, floor = interleaved(
                        lambda r=request: _engine(pool, r),
                        lambda i=index, d=doc: _bare(d, i, scale),
                        reps,
                    )
                    program_times.append(program)
                    floor_times.append(floor)
            finally:
                pool.unshare(ref)
                doc.close()
    finally:
        pool.close()
    labels = ", ".join(f"{s.label} ({len(s.pages)})" for s in samples)
    return Row(
        "render_fit_width",
        f"page render in an engine worker, {dpi} dpi",
        statistics.fmean(program_times),
        statistics.fmean(floor_times),
        "s",
        target="ratio<=1.5",
        note=(
            f"mean over pages of the median of {reps}: request to a worker process, pixels "
            "back as a view of the shared block the worker drew into (no copy), read by the "
            "pool's thread and handed to the asking thread (as in the window); each page is "
            "let go before the next, so the worker draws into "
            "the block it has mapped (a page the window keeps makes it map another: while "
            "idle when no page was asked for 0.1 s, else ~2 ms more drawing); floor: "
            "get_pixmap on an open document, interleaved. "
            f"Pages: {labels}"
        ),
        extra={"pages": len(program_times), "program_max_ms": round(max(program_times) * 1000, 2)},
    )
