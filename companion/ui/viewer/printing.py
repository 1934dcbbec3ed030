"""Printing a document through Qt's printer support.

The engine workers draw each page at the printer's resolution (at most 300
dpi: more only makes bigger print jobs), one at a time, and this code paints
it onto the QPrinter. That runs in a worker thread: Qt allows painting on a
QPrinter outside the GUI thread, and a long document must not freeze the
window. A page the engine cannot draw gets the same placeholder as on screen;
the other pages are printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.pdf.engine.protocol import DocumentRef, Failure, Render
from companion.pdf.page_box import PageBox
from companion.pdf.tiles import page_pixels
from companion.ui.viewer.engine_client import EngineClient
from companion.ui.viewer.render_service import RenderService

MAX_PRINT_DPI = 300
PRINT_PRIORITY = 2.5  # after the pages on screen, before what is prepared ahead


class PrintError(CompanionError):
    """The printer could not be started or stopped half way."""


@dataclass(frozen=True)
class PrintJob:
    """What to print: a document the engine has, and its page sizes."""

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


def _orientation(job: PrintJob, index: int) -> QPageLayout.Orientation:
    box = job.boxes[index]
    if box.width > box.height:
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def print_pdf(
    job: PrintJob,
    printer: QPrinter,
    report: Callable[[tuple[int, int]], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print every page (or the range chosen in the dialog); returns pages printed."""
    first, last = 1, job.page_count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
        first = max(1, printer.fromPage())
        last = min(job.page_count, printer.toPage() or job.page_count)
    numbers = list(range(first - 1, last))
    dpi = min(max(72, printer.resolution()), MAX_PRINT_DPI)
    printer.setPageOrientation(_orientation(job, numbers[0]))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De printer kan niet worden gestart. Kies een andere printer of probeer het "
                "opnieuw.",
            ),
            printer.printerName() or printer.outputFileName(),
        )
    printed = 0
    try:
        for position, number in enumerate(numbers):
            if cancelled and cancelled():
                break
            if position:
                printer.setPageOrientation(_orientation(job, number))
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
