"""The printpakket: a workshop's draaiboek with N copies of each werkblad, in one vector PDF.

The real main window on the real bundled kit; the dialog is the real one,
driven through its spin boxes.
"""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from companion.ui.viewer.printpakket import PRINT, SAVE, PackChoice, PackDialog
from tests.conftest import screenshot
from tests.support.project import bundled_pdf
from tests.support.viewer_support import opened


def first_line_texts(data: bytes) -> list[str]:
    return [" ".join(page.get_text().split()[:6]) for page in pymupdf.open(stream=data)]


def test_pakket_has_the_draaiboek_then_n_copies_of_each_werkblad(qtbot, real_window, tmp_path):
    window = real_window()
    assert window.open_document("workshop-klantreis")
    viewer = opened(qtbot, window.viewer)
    assert viewer.pack_action.isEnabled() and viewer.pack_button.isVisible()

    offered = []

    def choose(dialog: PackDialog) -> None:
        offered.append({doc_id: spin.value() for doc_id, spin in dialog.spins.items()})
        screenshot(dialog, "printpakket-dialog")
        dialog.spins["werkblad-klantreis"].setValue(3)
        dialog.spins["werkblad-actieplan"].setValue(2)
        dialog.save_button.click()

    viewer.ask_pack = lambda pack: run_dialog(viewer, pack, choose)
    viewer.ask_save_path = lambda name: tmp_path / name
    assert viewer.make_pack()
    target = tmp_path / "workshop-klantreis-printpakket.pdf"
    qtbot.waitUntil(lambda: target.exists() and not viewer.printing, timeout=60000)
    # The draaiboek names the werkblad Klantreis: it is offered at the group size (6 tot 12).
    assert offered[0]["werkblad-klantreis"] == 12
    assert offered[0]["werkblad-actieplan"] == 0

    pakket = first_line_texts(target.read_bytes())
    draaiboek = first_line_texts(bundled_pdf("workshop-klantreis"))
    klantreis = first_line_texts(bundled_pdf("werkblad-klantreis"))
    actieplan = first_line_texts(bundled_pdf("werkblad-actieplan"))
    # Werkbladen come in the dialog's order (the named one first, then the kit's order).
    assert pakket == draaiboek + klantreis * 3 + actieplan * 2
    assert target.stat().st_size < 1_000_000  # vector: copies share their fonts
    assert "pagina's" in viewer.info.text.text()


def run_dialog(viewer, pack, act) -> PackChoice | None:
    """The real dialog, driven by ``act`` once it shows."""
    dialog = PackDialog(pack, viewer)
    QTimer.singleShot(0, lambda: act(dialog))
    accepted = dialog.exec()
    return dialog.choice() if accepted else None


def test_pakket_printed_without_the_draaiboek_and_not_offered_for_other_documents(
    qtbot, real_window, tmp_path
):
    window = real_window()
    window.open_document("workshop-klantreis")
    viewer = opened(qtbot, window.viewer)
    printed = tmp_path / "pakket.pdf"

    def to_file(printer) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    viewer.ask_printer = to_file
    viewer.ask_pack = lambda pack: PackChoice({"werkblad-klantreis": 2}, False, PRINT)
    assert viewer.make_pack()
    qtbot.waitUntil(lambda: printed.exists() and not viewer.printing, timeout=60000)
    klantreis = first_line_texts(bundled_pdf("werkblad-klantreis"))
    assert first_line_texts(printed.read_bytes()) == klantreis * 2

    window.open_document("werkblad-klantreis")
    opened(qtbot, viewer)
    assert not viewer.pack_action.isEnabled() and not viewer.pack_button.isVisible()
    viewer.ask_pack = lambda pack: PackChoice({}, True, SAVE)
    assert not viewer.make_pack()
    assert QApplication.activeModalWidget() is None


# What each real workshop's pakket starts with: the werkbladen the kit lists for it
# (a handleiding its draaiboek hands out too), at the draaiboek's group size.
PRESELECTED = {
    "workshop-klantreis": {"werkblad-klantreis": 12},
    "workshop-focus-op-begrijpen": {},
    "workshop-herkennen-doorverwijzen": {"handleiding-herkennen-doorverwijzen": 16},
    "workshop-bewustwording-partner": {"werkblad-klantreis": 20},  # last: saved, see below
}


def test_each_real_workshop_preselects_its_werkbladen_listed_ones_first(
    qtbot, real_window, tmp_path
):
    from PySide6.QtWidgets import QLabel

    window = real_window()
    viewer = window.viewer
    seen = {}

    def look(dialog: PackDialog) -> None:
        chosen = {doc_id: spin.value() for doc_id, spin in dialog.spins.items() if spin.value()}
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        seen[dialog.pack.workshop.id] = (chosen, list(dialog.spins), labels)
        if dialog.pack.workshop.id == "workshop-bewustwording-partner":
            dialog.spins["werkblad-klantreis"].setValue(2)
            dialog.spins["werkblad-actieplan"].setValue(1)
            dialog.save_button.click()
        else:
            dialog.reject()

    viewer.ask_pack = lambda pack: run_dialog(viewer, pack, look)
    viewer.ask_save_path = lambda name: tmp_path / name
    for workshop in PRESELECTED:
        assert window.open_document(workshop)
        opened(qtbot, viewer)
        viewer.make_pack()
    assert {w: chosen for w, (chosen, _order, _labels) in seen.items()} == PRESELECTED
    _chosen, order, labels = seen["workshop-bewustwording-partner"]
    assert order[0] == "werkblad-klantreis"  # listed first, the rest in kit order
    assert "Klantreis: kijk door de ogen van iemand die slecht leest (hoort bij deze workshop)" in (
        labels
    )

    target = tmp_path / "workshop-bewustwording-partner-printpakket.pdf"
    qtbot.waitUntil(lambda: target.exists() and not viewer.printing, timeout=60000)
    draaiboek = first_line_texts(bundled_pdf("workshop-bewustwording-partner"))
    klantreis = first_line_texts(bundled_pdf("werkblad-klantreis"))
    actieplan = first_line_texts(bundled_pdf("werkblad-actieplan"))
    assert first_line_texts(target.read_bytes()) == draaiboek + klantreis * 2 + actieplan
