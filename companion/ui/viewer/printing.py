"""Printing a document through Qt's printer support.

Pages are rendered by PyMuPDF at the printer's resolution (at most 300 dpi:
more only makes bigger print jobs) and painted onto the QPrinter. That runs
in a worker thread: Qt allows painting on a QPrinter outside the GUI thread,
and a long document must not freeze the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.pdf.print_raster import PrintRaster

MAX_PRINT_DPI = 300


class PrintError(CompanionError):
    """The printer could not be started or stopped half way."""


def _orientation(raster: PrintRaster, index: int) -> QPageLayout.Orientation:
    if raster.landscape(index):
        return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def print_pdf(
    pdf_bytes: bytes,
    printer: QPrinter,
    report: Callable[[tuple[int, int]], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Print every page (or the range chosen in the dialog); returns pages printed."""
    with PrintRaster(pdf_bytes) as raster:
        return _print_pages(raster, printer, report, cancelled)


def _print_pages(
    raster: PrintRaster,
    printer: QPrinter,
    report: Callable[[tuple[int, int]], None] | None,
    cancelled: Callable[[], bool] | None,
) -> int:
    first, last = 1, raster.page_count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage():
        first = max(1, printer.fromPage())
        last = min(raster.page_count, printer.toPage() or raster.page_count)
    numbers = list(range(first - 1, last))
    dpi = min(max(72, printer.resolution()), MAX_PRINT_DPI)
    printer.setPageOrientation(_orientation(raster, numbers[0]))
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
                printer.setPageOrientation(_orientation(raster, number))
                if not printer.newPage():
                    raise PrintError(
                        QT_TRANSLATE_NOOP("messages", "Afdrukken is halverwege gestopt."),
                        "newPage failed",
                    )
            pix = raster.render(number, dpi)
            image = QImage(
                pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888
            )
            area = painter.viewport()
            factor = min(area.width() / pix.width, area.height() / pix.height)
            width, height = round(pix.width * factor), round(pix.height * factor)
            target = QRect(area.x() + (area.width() - width) // 2, area.y(), width, height)
            painter.drawImage(target, image)
            printed += 1
            if report:
                report((printed, len(numbers)))
    finally:
        painter.end()
    return printed
