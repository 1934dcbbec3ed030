"""The few questions the action plan asks, kept apart so tests can replace them.

Each function here opens a modal dialog. The screens hold them as plain
attributes (``screen.confirm``, ``screen.choose_save_path`` ...), so a test
sets a lambda instead and no dialog ever waits for a click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from companion.plan.export import PLAN_CSS
from companion.ui.widgets.plain import ask


def _filters() -> dict[str, str]:
    return {
        "pdf": QCoreApplication.translate("PlanDialogs", "PDF-bestand (*.pdf)"),
        "csv": QCoreApplication.translate("PlanDialogs", "CSV voor Excel (*.csv)"),
        "ics": QCoreApplication.translate("PlanDialogs", "Agenda-bestand (*.ics)"),
        "actieplan": QCoreApplication.translate("PlanDialogs", "Actieplan-bestand (*.actieplan)"),
    }


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = ask(  # the question names a plan: plain text
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_save_path(parent: QWidget, kind: str, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PlanDialogs", "Opslaan als"),
        str(Path.home() / suggested),
        _filters()[kind],
    )
    if not path:
        return None
    result = Path(path)
    return result if result.suffix else result.with_suffix(f".{kind}")


def choose_open_path(parent: QWidget) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("PlanDialogs", "Actieplan importeren"),
        str(Path.home()),
        _filters()["actieplan"] + ";;" + QCoreApplication.translate("PlanDialogs", "Alle (*)"),
    )
    return Path(path) if path else None


def ask_printer(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PlanDialogs", "Actieplan afdrukken"))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def print_html(printer: QPrinter, html: str) -> None:
    """Lay out the plan's HTML (the same as the PDF export) on the printer's pages."""
    document = QTextDocument()
    document.setDefaultStyleSheet(PLAN_CSS)
    document.setHtml(html)
    document.print_(printer)
