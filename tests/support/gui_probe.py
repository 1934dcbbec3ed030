"""The real program's window in a process of its own, to see what that process loads.

    python -m tests.support.gui_probe DATA_DIR FILE.pdf PRINT_TO.pdf

Opens a kit document from kit search (words lit), a PDF from disk, finds in
it, selects text, shows thumbnails, presents and prints it to a file, then
prints one JSON line: which PDF libraries this (the window's) process loaded,
and what it saw. Imports nothing that loads PyMuPDF itself.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from companion.context import AppContext
    from companion.paths import app_paths
    from companion.ui.main_window import MainWindow

    data_dir, pdf, out = (Path(arg) for arg in sys.argv[1:4])
    app = QApplication(sys.argv[:1])
    context = AppContext.open(app_paths(data_dir))
    window = MainWindow(context)
    window.update_check_delay_ms = 10**7
    window.resize(1200, 800)
    window.show()
    window.start()

    def until(condition, timeout: float = 60.0) -> bool:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                return False
            app.processEvents()
            time.sleep(0.005)
        return True

    seen: dict[str, object] = {}
    hit = window.context.search.search("vindplaatsen")[0]
    window.open_document(hit.document_id, hit.pages[0], ("vindplaatsen",))
    viewer = window.viewer
    seen["kit_page"] = until(
        lambda: viewer.page_count and viewer.canvas.is_rendered(viewer.page - 1)
    )
    seen["kit_hits"] = until(lambda: bool(viewer.highlights))
    window.open_pdf_file(pdf, 2)
    seen["file_page"] = until(lambda: viewer.page_count and viewer.canvas.is_rendered(1))
    viewer.start_find()
    viewer.find_bar.box.setText("vindplaats")
    viewer.find_bar._run_query()
    seen["file_hits"] = until(lambda: not viewer.find_bar.searching and bool(viewer.find_bar.hits))
    viewer.canvas.select_page(viewer.page - 1)
    seen["selected"] = until(lambda: bool(viewer.canvas.selected_text()))
    presentation = viewer.start_presentation(presenter=True)
    seen["presented"] = until(lambda: presentation.window.slide.is_rendered())
    presentation.stop()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    viewer.print_document(printer)
    seen["printed"] = until(lambda: not viewer.printing)
    seen["mupdf_in_window"] = sorted(
        m for m in sys.modules if m.split(".")[0] in ("pymupdf", "fitz")
    )
    seen["engine_workers"] = len(window.engine.pool.worker_pids())
    window.close()
    context.close()
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
