"""The viewer inside the real main window: kit search, Ctrl+F, menus, filling in werkbladen."""

from __future__ import annotations

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.pdf.forms import CHECKED, FormValues
from tests.conftest import screenshot
from tests.support.viewer_support import build_kit_with_form, form_pdf, opened

WERKBLAD = "werkblad-klantreis"


@pytest.fixture
def open_window(start_window, kit_builder, test_key):
    """The program's window on a kit whose werkblad has form fields; call again to restart."""
    bundled = build_kit_with_form(kit_builder, 1, "bundled", form_pdf(), test_key)
    return lambda: start_window(bundled, activate=True, wait=True)


def open_werkblad(qtbot, window) -> None:
    """Open the werkblad and wait until its fields can be typed in."""
    assert window.open_document(WERKBLAD)
    opened(qtbot, window.viewer)
    qtbot.waitUntil(lambda: window.viewer.editors.editor("naam") is not None, timeout=10000)
    qtbot.waitUntil(lambda: window.viewer.editors.editor("naam").isVisible(), timeout=10000)


def fill_in(qtbot, window) -> None:
    viewer = window.viewer
    qtbot.keyClicks(viewer.editors.editor("naam"), "Bibliotheek Waterland")
    qtbot.keyClicks(viewer.editors.editor("doelen"), "Meer mensen bereiken")
    qtbot.keyClick(viewer.editors.editor("besproken"), Qt.Key.Key_Space)


def shown_values(window) -> tuple[str, str, bool]:
    editors = window.viewer.editors
    return (
        editors.editor("naam").text(),
        editors.editor("doelen").toPlainText(),
        editors.editor("besproken").isChecked(),
    )


FILLED = ("Bibliotheek Waterland", "Meer mensen bereiken", True)


def test_filled_werkblad_survives_a_restart_and_a_kit_update(
    qtbot, open_window, kit_builder, test_key, test_public_keys
):
    window = open_window()
    open_werkblad(qtbot, window)
    viewer = window.viewer
    assert viewer.fill_hint.isVisible()
    assert viewer.save_filled_action.isEnabled()
    fill_in(qtbot, window)
    forms = FormValues(window.context.user)
    # Saved by itself, without pressing anything.
    qtbot.waitUntil(lambda: forms.values(WERKBLAD).get("besproken") == CHECKED, timeout=3000)
    assert forms.values(WERKBLAD)["naam"] == "Bibliotheek Waterland"
    screenshot(window, "werkblad-filled")

    qtbot.keyClicks(viewer.editors.editor("naam"), "!")  # typed just before closing
    window.close()
    again = open_window()  # a new AppContext on the same data folder
    open_werkblad(qtbot, again)
    assert shown_values(again) == ("Bibliotheek Waterland!", *FILLED[1:])
    tables = {row[0] for row in again.context.kit.conn.execute("SELECT name FROM sqlite_master")}
    assert "form_values" not in tables  # the kit store holds nothing a person made

    # A new kit version: the werkblad changed (new heading, fields moved), same field names.
    old_top = again.viewer.editors.editor("naam").y()
    v2 = build_kit_with_form(
        kit_builder, 2, "v2", form_pdf("Werkblad klantreis, nieuwe versie", shift=60), test_key
    )
    apply_source(again.context.kit, FolderSource(v2), trusted_keys=test_public_keys)
    again.kit_changed.emit()
    open_werkblad(qtbot, again)
    shown = pymupdf.open(stream=again.viewer.pdf_bytes, filetype="pdf")
    assert "nieuwe versie" in shown[0].get_text()
    qtbot.waitUntil(lambda: again.viewer.editors.editor("naam").y() > old_top, timeout=10000)
    assert shown_values(again) == ("Bibliotheek Waterland!", *FILLED[1:])
    assert again.viewer.editors.editor("naam").y() > old_top


def test_ctrl_s_saves_and_ctrl_p_prints_the_filled_werkblad(qtbot, open_window, tmp_path):
    window = open_window()
    open_werkblad(qtbot, window)
    viewer = window.viewer
    fill_in(qtbot, window)
    asked = []
    viewer.ask_save_path = lambda suggested: asked.append(suggested) or tmp_path / suggested
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["werkblad-klantreis-ingevuld.pdf"]
    qtbot.waitUntil(lambda: "Opgeslagen" in viewer.info.text.text(), timeout=10000)
    saved = pymupdf.open(tmp_path / asked[0])
    values = {w.field_name: w.field_value for w in saved[0].widgets()}
    assert values["naam"] == "Bibliotheek Waterland"
    assert values["doelen"] == "Meer mensen bereiken"
    assert values["besproken"] not in ("Off", "")
    assert "Opgeslagen" in viewer.info.text.text()

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "afdruk.pdf"))
        return True

    viewer.ask_printer = to_file
    assert viewer.print_action in window.file_menu.actions()
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: viewer.info.text.text().endswith("afdruk.pdf"), timeout=30000)
    assert pymupdf.open(tmp_path / "afdruk.pdf").page_count == 2


def test_kit_search_result_opens_with_hits_and_ctrl_f_finds_in_the_document(qtbot, open_window):
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_screen.box, "vindplaats")
    qtbot.waitUntil(lambda: window.search_screen.model.rowCount() > 0, timeout=3000)
    best = window.search_screen.hits[0]
    qtbot.keyClick(window.search_screen.box, Qt.Key.Key_Return)

    viewer = window.viewer
    assert window.current_screen_key() == "document"
    assert (viewer.document_id, viewer.page) == (best.document_id, best.page)
    qtbot.waitUntil(lambda: len(viewer.highlights) > 0, timeout=5000)
    assert viewer.page == best.page
    assert viewer.find_bar.isVisible() and viewer.find_bar.count.text().startswith("1 van ")

    # Ctrl+F in the viewer: find in this document. Ctrl+K: always the kit search.
    viewer.find_bar.close_bar()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_key() == "document"
    assert viewer.find_bar.isVisible() and viewer.find_bar.box.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_key() == "zoeken"
    # Away from the viewer its shortcuts are off, and Ctrl+F searches the kit.
    assert not viewer.present_action.isEnabled() and not viewer.print_action.isEnabled()
    window.show_screen("bibliotheek")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_key() == "zoeken"


def test_presenteren_is_in_the_view_menu(qtbot, open_window):
    window = open_window()
    window.open_document("handleiding-vindplaatsen")
    opened(qtbot, window.viewer)
    action = window.viewer.present_action
    assert action in window.view_menu.actions() and action.shortcut().toString() == "F5"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    presentation = window.viewer.presentation
    assert presentation is not None and presentation.window.isFullScreen()
    qtbot.keyClick(presentation.window, Qt.Key.Key_Escape)
    assert window.viewer.presentation is None
