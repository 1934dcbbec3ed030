"""Printing: a vector PDF made by the engine, handed on where it stays vector.

An engine worker composes the print PDF first (:class:`ComposePdf`: the
chosen pages, fields filled at a size that fits and flattened). This module
decides how that PDF reaches the paper, and does it in a worker thread:

- **a PDF file** (the print dialog's "Afdrukken naar bestand"): the PDF is
  written as it is. Vector, text searchable, a few kB per page, the copies
  in it.
- **a printer on a system with CUPS** (Linux, macOS: ``lp`` is there): the
  PDF goes to ``lp`` with the printer, the number of copies and the title.
  CUPS takes PDF as its native job format and turns it into the printer's
  language at the printer's own resolution: vector all the way.
- **elsewhere** (Windows has no PDF passthrough for Qt or the system): each
  page is drawn by the engine at the printer's resolution (at most 300 dpi)
  and painted onto the QPrinter, the way every Qt program prints. Qt itself
  sends the copies.

``QPrinter`` with ``PdfFormat`` output cannot pass a PDF through: what is
painted on it is re-encoded, images included. That is why the file and CUPS
routes skip Qt's painting altogether.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from companion.errors import CompanionError
from companion.files import write_atomic
from companion.i18n import QT_TRANSLATE_NOOP
from companion.pdf.engine.protocol import DocumentRef, Failure, Render
from companion.pdf.page_box import PageBox
from companion.pdf.tiles import page_pixels
from companion.ui.viewer.engine_client import EngineClient
from companion.ui.viewer.render_service import RenderService

MAX_PRINT_DPI = 300
PRINT_PRIORITY = 2.5  # after the pages on screen, before what is prepared ahead
COMPOSE_DEADLINE = 120.0  # seconds a worker may take for a print PDF (a big printpakket)
LP_TIMEOUT = 60  # seconds for handing a job to CUPS

TO_FILE = "file"
TO_CUPS = "cups"
TO_RASTER = "raster"


_START_FAILED = QT_TRANSLATE_NOOP(
    "messages",
    "De printer kan niet worden gestart. Kies een andere printer of probeer het opnieuw.",
)


class PrintError(CompanionError):
    """The printer could not be started or stopped half way."""


def route_for(file_name: str, printer_name: str, lp: str) -> str:
    """TO_FILE for PDF output to ``file_name``, TO_CUPS for a named printer where ``lp``
    exists (vector), TO_RASTER otherwise."""
    if file_name:
        return TO_FILE
    if lp and printer_name:
        return TO_CUPS
    return TO_RASTER


def print_route(printer: QPrinter) -> str:
    """How a job reaches ``printer`` (see :func:`route_for`)."""
    pdf_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    return route_for(
        printer.outputFileName() if pdf_file else "",
        printer.printerName(),
        shutil.which("lp") or "",
    )


def chosen_pages(printer: QPrinter, page_count: int, current: int) -> tuple[int, ...]:
    """The 0-based pages the print dialog asked for (all, a range, or the current page)."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage():
        first = max(1, printer.fromPage())
        last = min(page_count, printer.toPage() or page_count)
        return tuple(range(first - 1, last))
    if mode == QPrinter.PrintRange.CurrentPage:
        return (max(0, min(page_count - 1, current)),)
    return tuple(range(page_count))


def lp_command(lp: str, printer: str, path: str, copies: int, title: str) -> list[str]:
    """The ``lp`` call for a PDF: printer, copies (collated) and the job's title."""
    command = [lp, "-d", printer, "-n", str(max(1, copies))]
    if copies > 1:
        command += ["-o", "collate=true"]
    if title:
        command += ["-t", title]
    return [*command, "--", path]


def send_to_cups(data: bytes, printer: str, copies: int, title: str, lp: str = "") -> None:
    """Hand the PDF to CUPS (``lp`` reads the file before it returns)."""
    lp = lp or shutil.which("lp") or "lp"
    handle, path = tempfile.mkstemp(prefix="strategiekit-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        result = subprocess.run(
            lp_command(lp, printer, path, copies, title),
            capture_output=True,
            text=True,
            timeout=LP_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise PrintError(_START_FAILED, str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    if result.returncode != 0:
        raise PrintError(_START_FAILED, (result.stderr or result.stdout).strip())


@dataclass(frozen=True)
class PrintJob:
    """A composed print PDF the engine has, and its page sizes (for the raster route)."""

    engine: EngineClient
    doc: DocumentRef
    boxes: list[PageBox]

    @property
    def page_count(self) -> int:
        return len(self.boxes)

    def raster(self, index: int, dpi: int) -> QImage | Failure:
        box = self.boxes[index]
        width, height = page_pixels(box.width, box.height, dpi / 72)
        request = Render(
            self.doc, page=index, width=width, height=height, clip=(0, 0, width, height)
        )
        answer = self.engine.call(request, priority=PRINT_PRIORITY)
        return (
            answer if isinstance(answer, QImage | Failure) else Failure("page-broken", str(answer))
        )


def _orientation(box: PageBox) -> QPageLayout.Orientation:
    if box.width > box.height:
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def paint_pages(
    job: PrintJob,
    printer: QPrinter,
    numbers: Sequence[int] | None = None,
    report: Callable[[tuple[int, int]], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """The raster route: each page drawn at the printer's resolution; returns pages sent."""
    numbers = list(range(job.page_count)) if numbers is None else list(numbers)
    if not numbers:
        return 0
    dpi = min(max(72, printer.resolution()), MAX_PRINT_DPI)
    printer.setPageOrientation(_orientation(job.boxes[numbers[0]]))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_START_FAILED, printer.printerName() or printer.outputFileName())
    printed = 0
    try:
        for position, number in enumerate(numbers):
            if cancelled and cancelled():
                break
            if position:
                printer.setPageOrientation(_orientation(job.boxes[number]))
                if not printer.newPage():
                    raise PrintError(
                        QT_TRANSLATE_NOOP("messages", "Afdrukken is halverwege gestopt."),
                        "newPage failed",
                    )
            image = job.raster(number, dpi)
            box = job.boxes[number]
            area = painter.viewport()
            factor = min(area.width() / box.width, area.height() / box.height)
            width, height = round(box.width * factor), round(box.height * factor)
            target = QRect(area.x() + (area.width() - width) // 2, area.y(), width, height)
            if isinstance(image, QImage):
                painter.drawImage(target, image)
            else:
                RenderService.paint_placeholder(painter, QRectF(target), image, hint=False)
            printed += 1
            if report:
                report((printed, len(numbers)))
    finally:
        painter.end()
    return printed


def write_pdf_file(data: bytes, path: Path) -> None:
    """The file route (and "Opslaan als PDF"): the PDF as the engine made it."""
    try:
        write_atomic(path, data)
    except (OSError, RuntimeError, ValueError) as exc:
        raise PrintError(
            QT_TRANSLATE_NOOP(
                "messages", "Het PDF-bestand kon niet worden opgeslagen. Kies een andere map."
            ),
            str(exc),
        ) from exc
