"""Printing and saving: vector pages with the answers in them, never silently cut text.

Real kit werkbladen (with their form fields), real engine workers, real
QPrinter output to PDF files, opened again with PyMuPDF to see what a reader
of the paper or the file would get.
"""

from __future__ import annotations

import stat

import pymupdf
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPlainTextEdit

from companion.ui.viewer.printing import (
    PrintJob,
    lp_command,
    paint_pages,
    print_route,
    route_for,
    send_to_cups,
)
from tests.support.project import bundled_pdf
from tests.support.viewer_support import numbered_pdf, opened

ANSWER = "Mevrouw Jansen, 67 jaar, woont alleen in Purmerend"
LONG = "Zij krijgt een brief van de gemeente over de huurtoeslag en begrijpt hem niet. "


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def open_werkblad(qtbot, make_viewer, **kwargs):
    viewer = make_viewer(**kwargs)
    viewer.show_document("werkblad-klantreis", "Klantreis", bundled_pdf("werkblad-klantreis"))
    opened(qtbot, viewer)
    qtbot.waitUntil(lambda: bool(viewer.editors.fields), timeout=10000)
    return viewer


def type_into(qtbot, viewer, name: str, text: str) -> None:
    editor = viewer.editors.editor(name)
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(text)
    else:
        editor.setText(text)
        editor.textEdited.emit(text)


def test_four_printed_pages_are_vector_with_the_answers_and_far_smaller(
    qtbot, make_viewer, tmp_path
):
    viewer = open_werkblad(qtbot, make_viewer)
    type_into(qtbot, viewer, "persoon", ANSWER)
    printer = pdf_printer(tmp_path / "vector.pdf")
    printer.setCopyCount(2)  # the werkblad's 2 pages twice: 4 pages
    assert viewer.print_document(printer)
    qtbot.waitUntil(lambda: not viewer.printing, timeout=60000)
    assert viewer.info.text.text().startswith("Opgeslagen (4 pagina's)")
    vector = tmp_path / "vector.pdf"
    printed = pymupdf.open(vector)
    assert printed.page_count == 4
    texts = [page.get_text() for page in printed]
    assert ANSWER in texts[0] and ANSWER in texts[2]  # typed text is text, on both copies
    assert "Klantreis" in texts[0]  # and so is the kit's own text
    assert not list(printed[0].widgets() or ())  # flattened: nothing to change by accident

    # The same 4 pages the way printing worked before: drawn at printer resolution.
    image_job = tmp_path / "image.pdf"
    job = PrintJob(viewer.engine, viewer.doc, list(viewer.service.boxes))
    assert paint_pages(job, pdf_printer(image_job), [0, 1, 0, 1]) == 4
    assert pymupdf.open(image_job)[0].get_text().strip() == ""  # pictures, no text
    assert vector.stat().st_size * 10 < image_job.stat().st_size


def test_page_range_and_copies(qtbot, make_viewer, tmp_path):
    viewer = make_viewer()
    viewer.show_document("doc", "Nummers", numbered_pdf(5))
    opened(qtbot, viewer)
    printer = pdf_printer(tmp_path / "deel.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    assert viewer.print_document(printer)
    qtbot.waitUntil(lambda: not viewer.printing, timeout=60000)
    printed = pymupdf.open(tmp_path / "deel.pdf")
    firsts = [page.get_text().split("\n")[0] for page in printed]
    assert firsts == ["Pagina 2", "Pagina 3", "Pagina 2", "Pagina 3"]


def test_long_answer_shrinks_to_fit_and_stays_whole(qtbot, make_viewer, tmp_path):
    viewer = open_werkblad(qtbot, make_viewer)
    text = LONG * 4  # too long for the field at its own 10 pt, fits smaller
    type_into(qtbot, viewer, "situatie", text)
    viewer.flush_form_values()
    qtbot.waitUntil(lambda: "situatie" in viewer.editors.fits, timeout=10000)
    fit = viewer.editors.fits["situatie"]
    assert fit.fits and 7 <= fit.size < 10
    editor = viewer.editors.editor("situatie")
    assert not editor.property("cut")

    saved = viewer.save_filled(tmp_path / "ingevuld.pdf")
    qtbot.waitUntil(lambda: saved.exists(), timeout=10000)
    (widget,) = [w for w in pymupdf.open(saved)[0].widgets() if w.field_name == "situatie"]
    assert widget.field_value == text and widget.text_fontsize < 10

    printer = pdf_printer(tmp_path / "afdruk.pdf")
    assert viewer.print_document(printer)
    qtbot.waitUntil(lambda: not viewer.printing, timeout=60000)
    page = pymupdf.open(tmp_path / "afdruk.pdf")[0]
    box = widget.rect
    inside = page.get_text(clip=pymupdf.Rect(box.x0 - 1, box.y0 - 1, box.x1 + 1, box.y1 + 1))
    assert inside.split() == text.split()  # every word inside the box on paper


def test_text_that_cannot_fit_is_marked_and_asked_about(qtbot, make_viewer, tmp_path):
    asked = []
    answers = [False, True]

    def confirm(cut):
        asked.append(list(cut))
        return answers.pop(0)

    viewer = open_werkblad(qtbot, make_viewer, confirm_cut=confirm)
    type_into(qtbot, viewer, "persoon", ANSWER)
    type_into(qtbot, viewer, "situatie", LONG * 20)
    viewer.flush_form_values()
    qtbot.waitUntil(lambda: viewer.editors.cut_names == ["situatie"], timeout=10000)
    editor = viewer.editors.editor("situatie")
    assert editor.property("cut")
    assert "past niet" in editor.toolTip()
    assert "#c62828" in editor.styleSheet()  # the red border
    assert not viewer.editors.editor("persoon").property("cut")

    target = tmp_path / "afdruk.pdf"
    assert viewer.print_document(pdf_printer(target))  # the person goes back
    qtbot.waitUntil(lambda: not viewer.printing, timeout=60000)
    (cut,) = asked[0]
    assert cut[0] == "Klantreis" and cut[1]  # the document and the field's label
    assert not target.exists()
    assert "pas de tekst aan" in viewer.info.text.text()

    assert viewer.print_document(pdf_printer(target))  # and then goes on anyway
    qtbot.waitUntil(lambda: target.exists() and not viewer.printing, timeout=60000)
    assert len(asked) == 2
    assert ANSWER in pymupdf.open(target)[0].get_text()


def test_cancel_while_the_print_pdf_is_made(qtbot, make_viewer, tmp_path):
    viewer = open_werkblad(qtbot, make_viewer)
    target = tmp_path / "afdruk.pdf"
    assert viewer.print_document(pdf_printer(target))
    assert viewer.cancel_print.isVisible() and viewer.progress.isVisible()
    viewer.cancel_print.click()
    assert not viewer.printing and not viewer.cancel_print.isVisible()
    assert "niets afgedrukt" in viewer.info.text.text()
    assert not target.exists()
    # The next job runs as usual.
    assert viewer.print_document(pdf_printer(target))
    qtbot.waitUntil(lambda: target.exists() and not viewer.printing, timeout=60000)


def test_a_printer_with_cups_gets_the_pdf_itself(tmp_path):
    """Where ``lp`` exists the vector PDF goes to CUPS with the printer, copies and title.

    ``lp`` here is a small real program that keeps what it was given (no printer in CI).
    """
    assert route_for("", "Kantoor", "/usr/bin/lp") == "cups"
    assert route_for("", "Kantoor", "") == "raster"  # Windows: drawn at printer resolution
    assert route_for("", "", "/usr/bin/lp") == "raster"
    assert route_for(str(tmp_path / "x.pdf"), "Kantoor", "/usr/bin/lp") == "file"
    assert print_route(pdf_printer(tmp_path / "x.pdf")) == "file"
    command = lp_command("lp", "Kantoor", "/tmp/a.pdf", 3, "Klantreis")
    assert command == [
        *("lp", "-d", "Kantoor", "-n", "3", "-o", "collate=true", "-t", "Klantreis"),
        *("--", "/tmp/a.pdf"),
    ]

    fake_lp = tmp_path / "lp"
    kept = tmp_path / "kept.pdf"
    fake_lp.write_text(
        f'#!/bin/sh\necho "$@" > "{tmp_path}/args"\nfor last; do :; done\ncp "$last" "{kept}"\n'
    )
    fake_lp.chmod(fake_lp.stat().st_mode | stat.S_IEXEC)
    data = bundled_pdf("werkblad-klantreis")
    send_to_cups(data, "Kantoor", 2, "Klantreis", lp=str(fake_lp))
    assert kept.read_bytes() == data
    assert (tmp_path / "args").read_text().split()[:4] == ["-d", "Kantoor", "-n", "2"]
