"""One print or save job from start to end: compose, ask about cut text, deliver.

Used by the viewer (Ctrl+P) and by the printpakket. The steps:

1. An engine worker composes the vector PDF (:class:`ComposePdf`); the
   progress bar runs and *Annuleren* drops the request.
2. When a field's text does not fit even at the smallest size, the person
   is told which fields, and chooses: back to edit, or go on.
3. The PDF is written to a file or handed to the printer
   (:mod:`companion.ui.viewer.printing`) in a worker thread, with progress.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton, QWidget

from companion.errors import CompanionError
from companion.pdf.engine.failures import document_message
from companion.pdf.engine.protocol import Composed, ComposePdf, Failure, PrintPart
from companion.ui.live import live
from companion.ui.texts import ui_text
from companion.ui.viewer.engine_client import EngineClient
from companion.ui.viewer.printing import (
    COMPOSE_DEADLINE,
    TO_CUPS,
    TO_FILE,
    PrintJob,
    paint_pages,
    print_route,
    send_to_cups,
    write_pdf_file,
)
from companion.ui.widgets.banner import NoticeBanner
from companion.ui.workers import Task, TaskRunner

log = logging.getLogger(__name__)

CutFields = Sequence[tuple[str, str]]  # (document, field label)


def cut_fields_text(cut: CutFields) -> str:
    """The question about cut fields, in plain words (the names come from the PDF)."""
    names = "\n".join(f"• {document}: {label}" for document, label in cut)
    return QCoreApplication.translate(
        "PrintFlow",
        "Deze tekst past niet in zijn vak, ook niet in een kleinere letter. Op papier en in "
        "de PDF valt een deel weg:\n\n{names}\n\nGa terug om de tekst korter te maken, of "
        "ga toch door.",
    ).format(names=names)


def ask_go_on_with_cut(parent: QWidget | None, cut: CutFields) -> bool:
    """Back (the default) or go on anyway; plain text, the field names are the PDF's."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("PrintFlow", "Tekst past niet"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(cut_fields_text(cut))
    back = box.addButton(
        QCoreApplication.translate("PrintFlow", "Terug"), QMessageBox.ButtonRole.RejectRole
    )
    box.addButton(
        QCoreApplication.translate("PrintFlow", "Toch doorgaan"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.setDefaultButton(back)
    box.exec()
    return box.clickedButton() is not back


class PrintFlow(QObject):
    """Runs one job at a time; ``done(pages)`` when delivered, ``stopped`` otherwise."""

    done = Signal(int)  # pages delivered
    stopped = Signal()  # cancelled, went back, or failed (a message says which)

    def __init__(
        self,
        engine: EngineClient,
        runner: TaskRunner,
        progress: QProgressBar,
        cancel_button: QPushButton,
        info: NoticeBanner,
        confirm_cut: Callable[[CutFields], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.runner = runner
        self.progress = progress
        self.cancel_button = cancel_button
        self.info = info
        self.confirm_cut = confirm_cut
        self._ticket = None
        self.task: Task | None = None
        self._busy = False
        self._shared = None
        self.last: Composed | None = None  # the last composed PDF (tests, the benchmark)
        cancel_button.clicked.connect(self.cancel)

    @property
    def busy(self) -> bool:
        return self._busy

    # -- starting ----------------------------------------------------------------------

    def print(self, parts: Sequence[PrintPart], printer: QPrinter, title: str) -> bool:
        """Compose ``parts`` and send them to ``printer`` (a device or a PDF file)."""
        route = print_route(printer)
        copies = max(1, printer.copyCount())
        if route == TO_FILE and copies > 1:  # a file holds its copies; a printer makes them
            parts = [replace(part, copies=part.copies * copies) for part in parts]
        if route == TO_FILE:
            target = Path(printer.outputFileName())
            return self._start(parts, lambda data: self._write(data, target))
        if route == TO_CUPS:
            return self._start(parts, lambda data: self._to_cups(data, printer, copies, title))
        return self._start(parts, lambda data: self._paint(data, printer, title))

    def save(self, parts: Sequence[PrintPart], path: Path) -> bool:
        """Compose ``parts`` into the PDF file ``path``."""
        return self._start(parts, lambda data: self._write(data, path))

    def cancel(self) -> None:
        if not self._busy:
            return
        if self._ticket is not None:
            self.engine.cancel(self._ticket)
            self._ticket = None
            self._stop(lambda: self.tr("Gestopt: er is niets afgedrukt of opgeslagen."))
        elif self.task is not None:
            self.task.cancel()

    def _start(self, parts: Sequence[PrintPart], deliver: Callable[[bytes], None]) -> bool:
        if self._busy or not parts:
            return False
        self._busy = True
        self.progress.setRange(0, 0)  # composing: busy, no steps to count
        live(self.progress, "setFormat", lambda: self.tr("PDF maken…"))
        self.progress.show()
        self.cancel_button.show()
        request = ComposePdf(parts[0].doc, parts=tuple(parts))
        self._ticket = self.engine.submit(
            request,
            lambda answer: self._composed(answer, deliver),
            priority=0.0,
            deadline=COMPOSE_DEADLINE,
        )
        return True

    def _composed(self, answer: object, deliver: Callable[[bytes], None]) -> None:
        self._ticket = None
        if not self._busy:
            return
        if not isinstance(answer, Composed):
            failure = answer if isinstance(answer, Failure) else Failure("damaged", str(answer))
            log.warning("composing a print pdf failed: %s (%s)", failure.kind, failure.detail)
            message = document_message(failure, "PDF")
            self._stop(lambda: ui_text(message))
            return
        if not answer.page_count:
            self._stop(lambda: self.tr("Er zijn geen pagina's om af te drukken."))
            return
        self.last = answer
        if answer.cut and not self.confirm_cut(list(answer.cut)):
            self._stop(lambda: self.tr("Niets afgedrukt of opgeslagen: pas de tekst aan."))
            return
        deliver(answer.data)

    # -- delivering ----------------------------------------------------------------------

    def _run(self, work, pages: int, message: Callable[[], str]) -> None:
        self.progress.setRange(0, max(1, pages))
        self.progress.setValue(0)
        self.task = self.runner.start(
            work,
            on_success=lambda sent: self._finished(sent, message),
            on_error=self._failed,
            on_progress=lambda step: (
                self.progress.setRange(0, step[1]),
                self.progress.setValue(step[0]),
            ),
        )

    def _write(self, data: bytes, path: Path) -> None:
        pages = self.last.page_count if self.last else 0
        live(self.progress, "setFormat", lambda: self.tr("Opslaan…"))

        def work(report, _cancelled) -> int:
            write_pdf_file(data, path)
            report((1, 1))
            return pages

        self._run(
            work,
            1,
            lambda: self.tr("Opgeslagen ({pages} pagina's): {path}").format(pages=pages, path=path),
        )

    def _to_cups(self, data: bytes, printer: QPrinter, copies: int, title: str) -> None:
        pages = self.last.page_count if self.last else 0
        live(self.progress, "setFormat", lambda: self.tr("Naar de printer sturen…"))

        def work(report, _cancelled) -> int:
            send_to_cups(data, printer.printerName(), copies, title)
            report((1, 1))
            return pages

        self._run(
            work,
            1,
            lambda: self.tr("{pages} pagina's naar de printer gestuurd.").format(pages=pages),
        )

    def _paint(self, data: bytes, printer: QPrinter, title: str) -> None:
        assert self.last is not None
        self._shared = self.engine.share(data, title)
        job = PrintJob(self.engine, self._shared, list(self.last.boxes))
        live(self.progress, "setFormat", lambda: self.tr("Afdrukken: %v van %m pagina's"))
        sent: list[int] = [0]

        def work(report, cancelled) -> int:
            sent[0] = paint_pages(job, printer, None, report, cancelled)
            return sent[0]

        self._run(
            work,
            job.page_count,
            lambda: self.tr("{pages} pagina's naar de printer gestuurd.").format(pages=sent[0]),
        )

    # -- ending ---------------------------------------------------------------------------

    def _release(self) -> None:
        if self._shared is not None:
            self.engine.unshare(self._shared)
            self._shared = None

    def _finished(self, sent: int, message: Callable[[], str]) -> None:
        cancelled = self.task is not None and self.task.is_cancelled()
        self.task = None
        self._release()
        if cancelled:
            self._stop(lambda: self.tr("Afdrukken gestopt na {pages} pagina's.").format(pages=sent))
            return
        self._busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self.info.show_message(message)
        self.done.emit(sent)

    def _failed(self, error: Exception) -> None:
        self.task = None
        self._release()
        log.warning("printing failed: %s", error)
        if isinstance(error, CompanionError):
            self._stop(lambda: ui_text(error))
        else:
            self._stop(lambda: self.tr("Afdrukken lukte niet."))

    def _stop(self, message: Callable[[], str]) -> None:
        self._busy = False
        self.progress.hide()
        self.cancel_button.hide()
        self.info.show_message(message)
        self.stopped.emit()
