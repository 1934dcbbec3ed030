"""Any PDF from disk in the same viewer: Bestand > PDF openen… and ``main.py open FILE``.

The file is shown, not added to the kit; a file that is not a PDF, is
encrypted or damaged gets a Dutch message instead.
"""

from __future__ import annotations

import os
import subprocess
import sys

from companion.pdf.engine.shared_pixels import leftover_blocks
from tests.support.project import ROOT
from tests.support.ui_walk import real_kit_copy
from tests.support.viewer_support import (
    encrypted_pdf,
    numbered_pdf,
    opened,
    wait_rendered,
)


def test_bestand_pdf_openen_shows_the_file_without_adding_it(
    qtbot, real_window, tmp_path, monkeypatch
):
    slides = tmp_path / "Mijn eigen dia's.pdf"
    slides.write_bytes(numbered_pdf(6, {4: "Eigen dia over de vindplaats."}))
    window = real_window()
    documents = len(window.context.library.documents())
    monkeypatch.setattr("companion.ui.viewer.window_glue.ask_pdf_path", lambda _parent: slides)
    action = next(a for a in window.file_menu.actions() if a.text() == "PDF openen…")
    assert action.shortcut().toString() == "Ctrl+Shift+O"
    action.trigger()
    viewer = window.viewer
    assert window.current_screen_key() == "document"
    opened(qtbot, viewer)
    assert viewer.title.text() == "Mijn eigen dia's.pdf" and viewer.page_count == 6
    wait_rendered(qtbot, viewer, 0)
    viewer.start_find()
    qtbot.keyClicks(viewer.find_bar.box, "vindplaats")
    qtbot.waitUntil(lambda: viewer.page == 4 and len(viewer.highlights) == 1, timeout=10000)
    # Presenting works on it too (facilitators bring their own slides).
    presentation = viewer.start_presentation()
    assert presentation is not None and presentation.window.slide.index == 3
    presentation.stop()
    # Not in the kit, and nothing remembered under a kit id.
    assert len(window.context.library.documents()) == documents
    assert viewer.document_id is None


def test_files_that_cannot_be_shown_get_a_dutch_message(qtbot, real_window, tmp_path):
    window = real_window()
    cases = {
        "verslag.pdf": (b"Dit is een tekstbestand.\n", "is geen PDF"),
        "geheim.pdf": (encrypted_pdf(), "wachtwoord"),
        "kapot.pdf": (b"%PDF-1.4\n1 0 obj kapot", "beschadigd"),
    }
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        assert window.open_pdf_file(tmp_path / name)
        opened(qtbot, window.viewer)
        message = window.viewer.message
        assert message.isVisible() and words in message.text() and name in message.text()
    window.open_pdf_file(tmp_path / "bestaat-niet.pdf")
    opened(qtbot, window.viewer)
    assert "er niet (meer)" in window.viewer.message.text()


def test_main_py_open_starts_the_program_on_that_page(installed_kit, tmp_path):
    """``python main.py open FILE --page N``, the real entry point in its own process.

    With --selftest the program quits once that page is painted, and says so.
    """
    data_dir = real_kit_copy(installed_kit, tmp_path / "data")
    pdf = tmp_path / "presentatie.pdf"
    pdf.write_bytes(numbered_pdf(5))
    args = ["--data-dir", str(data_dir), "--selftest", "open", str(pdf), "--page", "3"]
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "OK: de PDF-motor tekent: presentatie.pdf, pagina 3 van 5." in out
    assert leftover_blocks(process.pid) == []  # the program gave back its shared memory
