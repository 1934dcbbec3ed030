"""Print 4 pages of a real werkblad (filled in) both ways, in a process of its own.

Run by benchmarks/bench_print.py: ``python -m benchmarks.print_driver WORK``.
The program's way: an engine worker composes the vector print PDF (fields
filled and flattened) and it is written to the PDF file the print dialog
chose. The floor is the way printing worked before: each page drawn by the
engine at the printer's resolution (300 dpi) and painted onto a QPrinter
writing a PDF. Same pages, same answers, same run, interleaved; the time
ends when the file is on disk. Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ANSWERS = (
    ("persoon", "Mevrouw Jansen, 67 jaar, woont alleen in Purmerend"),
    ("situatie", "Zij krijgt een brief van de gemeente over de huurtoeslag."),
)


def main() -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from companion.pdf.engine.protocol import Composed, ComposePdf, PrintPart
    from companion.ui.viewer.engine_client import EngineClient
    from companion.ui.viewer.printing import PrintJob, paint_pages, write_pdf_file
    from tests.support.project import bundled_pdf

    work = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    app = QApplication([])
    engine = EngineClient()
    engine.start()
    data = bundled_pdf("werkblad-klantreis")
    doc = engine.share(data, "Klantreis")
    part = PrintPart(doc, (), 2, ANSWERS)  # 2 pages, twice: 4 pages

    def vector(target: Path) -> float:
        start = time.perf_counter()
        answer = engine.call(ComposePdf(doc, parts=(part,)))
        assert isinstance(answer, Composed) and answer.page_count == 4, answer
        write_pdf_file(answer.data, target)
        return time.perf_counter() - start

    def image(target: Path) -> float:
        filled = engine.call(ComposePdf(doc, parts=(PrintPart(doc, (), 1, ANSWERS),)))
        assert isinstance(filled, Composed)
        own = engine.share(filled.data, "gevuld")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(300)
        start = time.perf_counter()
        assert paint_pages(PrintJob(engine, own, list(filled.boxes)), printer, [0, 1, 0, 1]) == 4
        seconds = time.perf_counter() - start
        engine.unshare(own)
        return seconds

    times: dict[str, list[float]] = {"vector": [], "image": []}
    for number in range(rounds):  # interleaved; the first round is the cold one
        times["vector"].append(vector(work / f"vector-{number}.pdf"))
        times["image"].append(image(work / f"image-{number}.pdf"))
    import pymupdf

    printed = pymupdf.open(work / "vector-0.pdf")
    result = {
        "vector_bytes": (work / "vector-0.pdf").stat().st_size,
        "image_bytes": (work / "image-0.pdf").stat().st_size,
        "vector_s": times["vector"],
        "image_s": times["image"],
        "answers_as_text": all(value in printed[0].get_text() for _name, value in ANSWERS),
    }
    engine.close()
    app.quit()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
