"""The viewer's ties to the main window, kept out of main_window.py.

Three things: the file dialog of Bestand > PDF openen… (any PDF from disk,
shown in the same viewer, not added to the kit; the menu item itself is the
window's, so the start does not import the viewer), the engine's start once
the window is on screen, and what happens to an open document when a kit update is installed
(changed: shown again at the same page; removed: closed with a notice).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from companion.kit.notes_file import PdfNotes

if TYPE_CHECKING:
    from companion.kit.library import KitLibrary
    from companion.pdf.page_box import PageBox
    from companion.ui.viewer.screen import ViewerScreen
    from companion.ui.widgets.banner import NoticeBanner


def ask_pdf_path(parent: QWidget) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ViewerGlue", "PDF openen"),
        folder,
        QCoreApplication.translate("ViewerGlue", "PDF-bestanden (*.pdf);;Alle bestanden (*)"),
    )
    return Path(path) if path else None


def page_boxes_from(library: KitLibrary) -> Callable[[str], list[PageBox] | None]:
    """The page sizes the kit store keeps per document, when this kit store has them."""
    method = getattr(library, "page_boxes", None)
    if not callable(method):
        return lambda _doc_id: None

    def boxes(doc_id: str) -> list[PageBox] | None:
        try:
            return method(doc_id)
        except Exception:  # an older store without them: a worker reads them instead
            return None

    return boxes


def speaker_notes_from(library: KitLibrary) -> Callable[[str], PdfNotes]:
    """A kit document's speaker notes and length (minutes) for the presenter view."""

    def notes(doc_id: str) -> PdfNotes:
        info = library.document(doc_id)
        pages = dict(enumerate(library.speaker_notes(doc_id)))
        minutes = info.minutes if info is not None else None
        return PdfNotes(pages={i: n for i, n in pages.items() if n}, minutes=minutes)

    return notes


def follow_kit_update(viewer: ViewerScreen, library: KitLibrary, banner: NoticeBanner) -> str:
    """After a kit install: reload a changed open document, close a removed one.

    Returns what happened: "" (nothing open or unchanged), "reloaded" or "removed".
    """
    doc_id = viewer.document_id
    if doc_id is None:
        return ""
    info = library.document(doc_id)
    data = library.pdf_bytes(doc_id) if info is not None else None
    if info is None or data is None:
        title = viewer.document_title
        viewer.close_document()

        def notice() -> str:
            return QCoreApplication.translate(
                "ViewerGlue",
                "Het document “{title}” staat niet meer in de kit: de nieuwe versie "
                "heeft het weggehaald. Het is gesloten.",
            ).format(title=title)

        # After the install's own message (which follows this signal), not instead of it.
        def show() -> None:
            before = banner.text.text() if banner.isVisible() else ""
            banner.show_message(lambda: f"{before} {notice()}".strip())

        QTimer.singleShot(0, show)
        return "removed"
    if data == viewer.pdf_bytes:
        return ""
    page = viewer.page
    viewer.show_document(doc_id, info.title, data, page, content_id=info.sha256)
    viewer.info.show_message(
        lambda: QCoreApplication.translate(
            "ViewerGlue", "Dit document is bijgewerkt met de nieuwe versie van de kit."
        )
    )
    return "reloaded"
