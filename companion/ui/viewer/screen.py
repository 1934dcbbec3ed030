"""The document screen: reading view, side panel, find bar, toolbar and actions.

Everything the main window needs goes through :class:`ViewerScreen`:
``show_document`` opens a kit document at a page (with the words from kit
search lit), ``show_file`` a PDF from disk, ``page_changed`` reports the
page to remember, and ``back_requested`` returns to the list the person
came from. Things that would otherwise pop up a dialog (a link's question,
where to save, which printer) are functions passed in, so tests drive the
screen without dialogs.

The screen never touches MuPDF: the engine workers (:class:`EngineClient`)
read and draw. Opening costs the window no work per page: the page sizes
come from the kit store (``page_boxes``), from an earlier opening, or from
one quick question to a worker (the first page's size, then all sizes).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.files import write_atomic
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.library import KitLibrary
from companion.kit.notes_file import NotesFileError, PdfNotes, read_notes_for
from companion.kit.workshop_pack import WorkshopPack, workshop_pack
from companion.pdf.content import FormField, OutlineEntry
from companion.pdf.engine.failures import document_message
from companion.pdf.engine.protocol import (
    DocumentRef,
    Failure,
    Filled,
    FillFields,
    MeasureFields,
    PrintPart,
    Probe,
    Probed,
    ReadBoxes,
    ReadFields,
    ReadOutline,
    Render,
)
from companion.pdf.engine.settings import load_deadline
from companion.pdf.forms import FormValues
from companion.pdf.page_box import PageBox
from companion.pdf.page_layout import (
    GAP,
    MAX_ZOOM,
    MIN_ZOOM,
    READABLE_FIT_ZOOM,
    ZOOM_STEPS,
    ZoomMode,
    fit_width_scale,
)
from companion.pdf.tiles import grid_for, page_pixels
from companion.pdf.warm_up_page import A4, warm_up_pdf
from companion.sync.network import is_online
from companion.ui.appearance import px
from companion.ui.live import forget_within, live
from companion.ui.texts import ui_text
from companion.ui.viewer.canvas import PageCanvas
from companion.ui.viewer.engine_client import EngineClient, content_key
from companion.ui.viewer.find_bar import FindBar
from companion.ui.viewer.form_overlay import FieldEditors
from companion.ui.viewer.page_content import PageContent
from companion.ui.viewer.presentation import Presentation, pick_screens
from companion.ui.viewer.print_flow import CutFields, PrintFlow, ask_go_on_with_cut
from companion.ui.viewer.printing import chosen_pages
from companion.ui.viewer.printpakket import SAVE, PackChoice, ask_pack_dialog
from companion.ui.viewer.render_service import DEFAULT_MAX_BYTES, RenderService
from companion.ui.viewer.sidebar import Sidebar
from companion.ui.widgets.action_button import ActionButton
from companion.ui.widgets.banner import NoticeBanner
from companion.ui.widgets.common import tab_chain
from companion.ui.widgets.flow_layout import kept_together, wrapping_row
from companion.ui.widgets.plain import ask
from companion.ui.workers import TaskRunner

log = logging.getLogger(__name__)

# How soon the engine answers what opening a document needs (lower is sooner).
PROBE_PRIORITY = 0.0
BOXES_PRIORITY = 1.5
FIELDS_PRIORITY = 3.0
OUTLINE_PRIORITY = 5.5
# The engine's warm-up page (see ViewerScreen.warm_up_engine): behind a page the person
# asked for, but not background work (that would leave the second worker idle).
WARM_UP_PRIORITY = 2.5
PageBoxes = Callable[[str], "list[PageBox] | None"]
# What waits for the first page (see ViewerScreen.after_first_page) runs after this long
# at the latest: a page that takes seconds to draw holds up nothing else.
FIRST_PAGE_WAIT_MS = 300

PRESENTATION_SCREEN_SETTING = "presentation_screen"
ZOOM_SETTING = "viewer.zoom.{key}"  # per document: "fit-width", "fit-page" or a factor
# The first two names are translated where the box is filled (context ViewerScreen).
ZOOM_CHOICES: list[tuple[str, ZoomMode, float]] = [
    (QT_TRANSLATE_NOOP("ViewerScreen", "Paginabreedte"), ZoomMode.FIT_WIDTH, 1.0),
    (QT_TRANSLATE_NOOP("ViewerScreen", "Hele pagina"), ZoomMode.FIT_PAGE, 1.0),
    *[(f"{round(z * 100)}%", ZoomMode.FIXED, z) for z in ZOOM_STEPS],
]


def offline_link_text() -> str:
    return QCoreApplication.translate(
        "ViewerScreen",
        "Deze link gaat naar een website. Je bent nu niet online, dus hij kan niet worden "
        "geopend. Probeer het later opnieuw als er internet is.",
    )


def ask_link_dialog(parent: QWidget, url: str) -> bool:
    # The address comes from the PDF: shown as plain text.
    answer = ask(
        parent,
        QCoreApplication.translate("ViewerScreen", "Link openen"),
        QCoreApplication.translate(
            "ViewerScreen",
            "Deze link opent een website in je browser:\n\n{url}\n\nWil je de website openen?",
        ).format(url=url),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_dialog(parent: QWidget, suggested: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ViewerScreen", "Opslaan als ingevulde PDF"),
        str(Path(folder) / suggested),
        "PDF (*.pdf)",
    )
    return Path(path) if path else None


def ask_printer_dialog(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ViewerScreen", "Afdrukken"))
    dialog.setMinMax(1, page_count)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


# Qt classes a document's first opening uses that an empty screen's paint does not: the
# switch to the screen (QByteArray), the pages' frames (QBrush), the thumbnails (QStylePainter,
# QSizeF, QCommonStyle). Found by looking at which appear in PySide's modules during it.
FIRST_OPEN_TYPES = {
    "PySide6.QtCore": ("QByteArray", "QSizeF"),
    "PySide6.QtGui": ("QBrush",),
    "PySide6.QtWidgets": ("QCommonStyle", "QStylePainter"),
}


def make_first_open_types() -> None:
    """Have PySide make the Python types of FIRST_OPEN_TYPES now.

    PySide makes a Qt class's Python type the first time it is used, not at
    import (QByteArray alone takes ~1.7 M instructions): made inside the first
    double-click they slowed the first document down, made here (while the
    window is idle after the start, see warm_up) they cost nobody a wait.
    Not at import either: that would slow the start down instead.
    """
    import sys

    for module, names in FIRST_OPEN_TYPES.items():
        for name in names:
            getattr(sys.modules[module], name)


class ViewerScreen(QWidget):
    """Reads, finds, fills in, prints and presents one document at a time."""

    back_requested = Signal()
    page_changed = Signal(str, int)
    opened = Signal()  # the document's pages are laid out (or its failure is shown)

    def __init__(
        self,
        runner: TaskRunner,
        *,
        engine: EngineClient | None = None,
        page_boxes: PageBoxes | None = None,
        speaker_notes: Callable[[str], PdfNotes] | None = None,
        forms: FormValues | None = None,
        settings=None,
        online: Callable[[], bool] = is_online,
        confirm_link: Callable[[str], bool] | None = None,
        open_url: Callable[[str], object] | None = None,
        ask_save_path: Callable[[str], Path | None] | None = None,
        ask_printer: Callable[[QPrinter], bool] | None = None,
        confirm_cut: Callable[[CutFields], bool] | None = None,
        library: KitLibrary | None = None,
        ask_pack: Callable[[WorkshopPack], PackChoice | None] | None = None,
        max_cache_bytes: int = DEFAULT_MAX_BYTES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.forms = forms
        self.settings = settings  # anything with setting()/set_setting(), e.g. the UserStore
        self.online = online
        self.confirm_link = confirm_link or (lambda url: ask_link_dialog(self, url))
        self.open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.ask_save_path = ask_save_path or (lambda name: ask_save_dialog(self, name))
        self.ask_printer = ask_printer or (
            lambda printer: ask_printer_dialog(self, printer, self.page_count)
        )
        self.confirm_cut = confirm_cut or (lambda cut: ask_go_on_with_cut(self, cut))
        self.library = library  # the kit (for a workshop's printpakket); None for files only
        self.ask_pack = ask_pack or (lambda pack: ask_pack_dialog(self, pack))
        self._pack_refs: list[DocumentRef] = []
        self.own_engine = engine is None
        self.engine = engine or EngineClient(self)
        self.page_boxes = page_boxes or (lambda _doc_id: None)
        # A kit document's notes (and length) from the kit store; a file's from beside it.
        self.speaker_notes = speaker_notes or (lambda _doc_id: PdfNotes())
        self._notes: PdfNotes | None = PdfNotes()
        self.presentation_clock = time.monotonic  # the countdown's clock (tests set their own)
        self.document_id: str | None = None
        self.document_title = ""
        self.pdf_bytes = b""
        # The bytes of the kit document closed last, by content key: opened again (back to
        # the list, open it again) they need not be read from the kit store a second time.
        self._closed_bytes: tuple[str, bytes] | None = None
        self._bytes_key = ""  # the open kit document's content key
        self.doc: DocumentRef | None = None
        self.file_path: Path | None = None
        self.outline: list[OutlineEntry] = []
        self.failure: Failure | None = None
        self.page_count = 0
        self.page = 1
        self.presentation: Presentation | None = None
        self._pending_values: dict[str, str] = {}
        self._opening: tuple[int, tuple[str, ...]] | None = None  # start page, search words
        self._generation = 0
        self._zoom_key = ""
        self._sidebar_chosen = False
        self._saved_zoom: str | None = None
        self._reported: tuple[str | None, int] = (None, 0)  # the last page_changed sent
        self._deadline = load_deadline(settings)  # read again for each document
        self._workshop: tuple[int, bool] | None = None  # (generation, is a workshop)
        # Work that waits until the first page the person asked for is on screen.
        self._after_first_page: list[Callable[[], None]] = []

        self.service = RenderService(
            self.engine,
            self,
            max_bytes=max_cache_bytes,
            deadline=lambda: self._deadline,
        )
        self.content = PageContent(self.engine, self)
        self.canvas = PageCanvas(self.service, self.content)
        self.editors = FieldEditors(self.canvas)
        self.sidebar = Sidebar(self.service)
        self.find_bar = FindBar(self.engine, self.canvas)
        self.info = NoticeBanner()
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages name files
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        live(self.message, "setAccessibleName", lambda: self.tr("Melding over het document"))
        self.progress = QProgressBar()
        live(self.progress, "setAccessibleName", lambda: self.tr("Voortgang afdrukken"))
        self.progress.hide()
        self.cancel_print = QPushButton()
        live(self.cancel_print, "setText", lambda: self.tr("Annuleren"))
        live(self.cancel_print, "setAccessibleName", lambda: self.tr("Afdrukken annuleren"))
        self.cancel_print.hide()
        self.print_flow = PrintFlow(
            self.engine,
            runner,
            self.progress,
            self.cancel_print,
            self.info,
            lambda cut: self.confirm_cut(cut),
            self,
        )
        self.print_flow.done.connect(self._pack_finished)
        self.print_flow.stopped.connect(self._pack_finished)

        self._build_actions()
        self._build_layout()
        self._connect()
        self._set_document_actions(False)

    # -- building ------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text, keys, slot, name, short=None) -> QAction:
            act = QAction(self)
            if keys:
                act.setShortcuts(keys if isinstance(keys, list) else [keys])
            live(act, "setText", text)
            if short is not None:
                live(act, "setIconText", short)  # the short label on a tool button
            native = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            live(
                act,
                "setToolTip",
                lambda: (
                    self.tr("{name} ({keys})").format(name=name(), keys=native) if keys else name()
                ),
            )
            act.triggered.connect(lambda _checked=False: slot())  # not the checked flag
            self.addAction(act)
            return act

        self.present_action = action(
            lambda: self.tr("Presenteren"),
            QKeySequence("F5"),
            self.start_presentation,
            lambda: self.tr("Presenteren"),
        )
        self.print_action = action(
            lambda: self.tr("Afdrukken…"),
            QKeySequence.StandardKey.Print,
            self.print_document,
            lambda: self.tr("Afdrukken"),
            lambda: self.tr("Afdrukken"),
        )
        self.save_filled_action = action(
            lambda: self.tr("Opslaan als ingevulde PDF…"),
            QKeySequence.StandardKey.Save,
            self.save_filled,
            lambda: self.tr("Opslaan als ingevulde PDF"),
            lambda: self.tr("Opslaan als PDF"),
        )
        self.pack_action = action(
            lambda: self.tr("Printpakket maken…"),
            None,
            self.make_pack,
            lambda: self.tr("Printpakket: het draaiboek met de werkbladen in één PDF"),
            lambda: self.tr("Printpakket"),
        )
        self.find_action = action(
            lambda: self.tr("Zoeken in dit document"),
            None,
            self.start_find,
            lambda: self.tr("Zoeken in dit document (Ctrl+F)"),
            lambda: self.tr("Zoeken"),
        )
        self.sidebar_action = action(
            lambda: self.tr("Zijbalk"),
            QKeySequence("F9"),
            self.toggle_sidebar,
            lambda: self.tr("Zijbalk tonen of verbergen"),
        )
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.setChecked(True)
        for act in (self.present_action, self.print_action, self.save_filled_action):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def shortcut(keys: str, slot) -> None:
            short = QShortcut(QKeySequence(keys), self)
            short.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            short.activated.connect(slot)

        shortcut("F3", self.find_bar.next)
        shortcut("Shift+F3", self.find_bar.previous)
        shortcut("Ctrl++", lambda: self.canvas.zoom_step(1))
        shortcut("Ctrl+=", lambda: self.canvas.zoom_step(1))
        shortcut("Ctrl+-", lambda: self.canvas.zoom_step(-1))
        shortcut("Ctrl+0", lambda: self.canvas.set_zoom(ZoomMode.FIT_WIDTH))
        shortcut("Alt+Left", self.back_requested.emit)
        shortcut("Ctrl+G", self.focus_page_box)

    def _button(self, text: str, name, slot, tip) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        live(button, "setAccessibleName", name)
        live(button, "setToolTip", tip)
        button.clicked.connect(slot)
        return button

    def _build_layout(self) -> None:
        self.back = QPushButton()
        live(self.back, "setText", lambda: self.tr("← Terug"))
        live(self.back, "setAccessibleName", lambda: self.tr("Terug naar de vorige lijst"))
        live(self.back, "setToolTip", lambda: self.tr("Terug (Alt+Links)"))
        self.back.clicked.connect(self.back_requested.emit)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the kit's title, never markup
        self.title.setObjectName("documentTitle")
        self.title.setWordWrap(True)
        live(self.title, "setAccessibleName", lambda: self.tr("Titel van het document"))
        self.fill_hint = QLabel()
        live(
            self.fill_hint,
            "setText",
            lambda: self.tr("Dit werkblad kun je hier invullen. Wat je typt, wordt bewaard."),
        )
        self.fill_hint.setObjectName("hint")
        self.fill_hint.setWordWrap(True)
        self.fill_hint.hide()
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 2)
        top.addWidget(self.fill_hint, 1)

        self.sidebar_button = ActionButton(self.sidebar_action)
        live(
            self.sidebar_button, "setAccessibleName", lambda: self.tr("Zijbalk tonen of verbergen")
        )
        self.previous_button = self._button(
            "◀",
            lambda: self.tr("Vorige pagina"),
            lambda: self.go_to(self.page - 1),
            lambda: self.tr("Vorige pagina (Links)"),
        )
        self.next_button = self._button(
            "▶",
            lambda: self.tr("Volgende pagina"),
            lambda: self.go_to(self.page + 1),
            lambda: self.tr("Volgende pagina (Rechts)"),
        )
        self.page_box = QSpinBox()
        live(self.page_box, "setAccessibleName", lambda: self.tr("Paginanummer"))
        live(self.page_box, "setToolTip", lambda: self.tr("Ga naar pagina (Ctrl+G)"))
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        live(self.page_box, "setMinimumWidth", lambda: px(56))
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value()))
        self.page_total = QLabel()
        live(self.page_total, "setAccessibleName", lambda: self.tr("Aantal pagina's"))
        self.zoom_out_button = self._button(
            "−",
            lambda: self.tr("Kleiner"),
            lambda: self.canvas.zoom_step(-1),
            lambda: self.tr("Kleiner (Ctrl+-)"),
        )
        self.zoom_in_button = self._button(
            "+",
            lambda: self.tr("Groter"),
            lambda: self.canvas.zoom_step(1),
            lambda: self.tr("Groter (Ctrl++)"),
        )
        self.zoom_box = QComboBox()
        live(self.zoom_box, "setAccessibleName", lambda: self.tr("Zoom"))
        live(self.zoom_box, "setToolTip", lambda: self.tr("Zoom (Ctrl+scrollwiel)"))
        for index, (text, _mode, _zoom) in enumerate(ZOOM_CHOICES):
            self.zoom_box.addItem(text)
            if index < 2:
                live(self.zoom_box, "setItemText", lambda t=text: self.tr(t), index)
        self.zoom_box.activated.connect(self._zoom_chosen)
        self.find_button = ActionButton(self.find_action)
        live(self.find_button, "setAccessibleName", lambda: self.tr("Zoeken in dit document"))
        self.print_button = ActionButton(self.print_action)
        live(self.print_button, "setAccessibleName", lambda: self.tr("Afdrukken"))
        self.save_button = ActionButton(self.save_filled_action)
        live(self.save_button, "setAccessibleName", lambda: self.tr("Opslaan als ingevulde PDF"))
        self.pack_button = ActionButton(self.pack_action)
        live(self.pack_button, "setAccessibleName", lambda: self.tr("Printpakket maken"))
        self.present_button = ActionButton(self.present_action)
        live(self.present_button, "setAccessibleName", lambda: self.tr("Presenteren"))
        self.present_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.screen_menu = QMenu(self)
        live(self.screen_menu, "setTitle", lambda: self.tr("Scherm voor presenteren"))
        self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
        self.present_button.setMenu(self.screen_menu)

        page_label = QLabel()
        live(page_label, "setText", lambda: self.tr("Pagina"))
        page_label.setBuddy(self.page_box)
        # Groups that wrap onto a second line when large text makes them wider than the window.
        bar = wrapping_row(
            [
                _kept(self.sidebar_button),
                _kept(
                    self.previous_button,
                    page_label,
                    self.page_box,
                    self.page_total,
                    self.next_button,
                ),
                _kept(self.zoom_out_button, self.zoom_box, self.zoom_in_button),
                self.find_button,
                self.print_button,
                self.save_button,
                self.pack_button,
                self.present_button,
            ],
            spacing=12,
        )

        self.body = QStackedWidget()
        self.body.addWidget(self.canvas)
        self.body.addWidget(self.message)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.body)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        # As narrow as the thumbnails allow: large text must not take the pages' room.
        self.splitter.setSizes([self.sidebar.minimumWidth(), 800])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(bar)
        layout.addWidget(self.info)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_print)
        layout.addLayout(progress_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        # Reading order for Tab: the bar from left to right, then the pages and the side panel.
        tab_chain(
            self.back,
            self.sidebar_button,
            self.previous_button,
            self.page_box,
            self.next_button,
            self.zoom_out_button,
            self.zoom_box,
            self.zoom_in_button,
            self.find_button,
            self.print_button,
            self.save_button,
            self.pack_button,
            self.present_button,
            self.info.close_button,
            self.canvas,
            self.sidebar,
        )

    def _connect(self) -> None:
        self.service.document_failed.connect(self._document_failed)
        self.canvas.current_changed.connect(self._current_changed)
        self.canvas.follow_jumps(self.page_box)  # its number is repainted after the page
        self.canvas.layout_changed.connect(self._show_zoom)
        self.canvas.external_link.connect(self.open_external_link)
        self.sidebar.page_chosen.connect(lambda index: self.go_to(index + 1))
        self.editors.value_changed.connect(self._value_changed)
        self.find_bar.closed.connect(lambda: self.canvas.setFocus())
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.flush_form_values)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(250)
        self._settle_timer.timeout.connect(self._page_settled)
        self._first_page_timer = QTimer(self)
        self._first_page_timer.setSingleShot(True)
        self._first_page_timer.setInterval(FIRST_PAGE_WAIT_MS)
        self._first_page_timer.timeout.connect(self._first_page_shown)

    # -- documents ---------------------------------------------------------------

    @property
    def has_document(self) -> bool:
        """A document is open and laid out (not a failure message)."""
        return self.doc is not None and self.page_count > 0 and self.failure is None

    @property
    def notes(self) -> PdfNotes:
        """The speaker's notes of the open document (a kit document's read on first use)."""
        if self._notes is None:
            self._notes = self.speaker_notes(self.document_id) if self.document_id else PdfNotes()
        return self._notes

    def show_document(
        self,
        doc_id: str,
        title: str,
        pdf_bytes: bytes,
        page: int = 1,
        terms: tuple[str, ...] = (),
        content_id: str = "",
    ) -> bool:
        """Open a kit document at ``page``, with kit search's ``terms`` lit.

        ``content_id`` names the bytes (the kit's sha256) so they need not be
        looked at to be recognised. Returns at once; the pages show as the
        engine draws them. A document that cannot be read shows a Dutch
        message instead (see ``failure``).
        """
        self.close_document()
        self._closed_bytes = None  # one document's bytes at a time, never two
        self._ready_to_lay_out()
        self.document_id = doc_id
        self.pdf_bytes = pdf_bytes
        key = f"sha256:{content_id}" if content_id else content_key(pdf_bytes)
        self._bytes_key = key
        doc = self.engine.share(pdf_bytes, title, key)
        self.engine.prepare(doc)
        # Sizes already known for these bytes (opened before) cost no look-up in the store.
        boxes = self.engine.known_boxes(key) or self.page_boxes(doc_id)
        self._start(doc, title, page, terms, boxes, key)
        self._notes = None  # read when the presenter view asks, not while the page opens
        return True

    def known_bytes(self, content_id: str) -> bytes | None:
        """The bytes of the kit document open or closed last, if its content is
        ``content_id`` (the kit's sha256): what the kit store would give for it, without
        reading them again."""
        key = f"sha256:{content_id}"
        if self.pdf_bytes and self._bytes_key == key:
            return self.pdf_bytes
        if self._closed_bytes is not None and self._closed_bytes[0] == key:
            return self._closed_bytes[1]
        return None

    def show_file(self, path: Path, page: int = 1) -> bool:
        """Open a PDF from disk (not added to the kit); a message says why one cannot be."""
        self.close_document()
        self._closed_bytes = None
        self._ready_to_lay_out()
        path = Path(path)
        try:
            stat = path.stat()
            key = f"file:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            key = f"file:{path}"
        self.file_path = path
        doc = DocumentRef(key=key, name=path.name, path=str(path))
        self.engine.prepare(doc)
        self._start(doc, path.name, page, (), self.engine.known_boxes(key), key)
        try:
            self._notes = read_notes_for(path)
        except NotesFileError as error:
            log.warning("%s", error)  # expected: one line, no traceback
            problem = error
            self.info.show_message(lambda: ui_text(problem))
        return True

    def _start(
        self,
        doc: DocumentRef,
        title: str,
        page: int,
        terms: tuple[str, ...],
        boxes: list[PageBox] | None,
        boxes_key: str,
    ) -> None:
        self.doc = doc
        self.document_title = title
        self.title.setText(title)
        self._generation += 1
        self._deadline = load_deadline(self.settings)
        self._opening = (page, tuple(terms))
        self.page = max(1, page)  # the page being opened, until the pages are laid out
        self._boxes_key = boxes_key
        self._zoom_key = ZOOM_SETTING.format(key=self.document_id or boxes_key)
        self._restore_zoom()
        self.body.setCurrentWidget(self.canvas)
        self._wait_for_first_page()
        if boxes:
            self._lay_out(boxes, exact=True)
            return
        generation = self._generation
        self.engine.submit(
            Probe(doc), lambda answer: self._probed(generation, answer), priority=PROBE_PRIORITY
        )

    def _probed(self, generation: int, answer: object) -> None:
        if generation != self._generation:
            return
        if isinstance(answer, Failure):
            self._document_failed(answer)
            return
        assert isinstance(answer, Probed)
        # Lay out with the first page's size for all; the real sizes follow.
        self._lay_out([answer.first] * answer.page_count, exact=answer.page_count == 1)

    def _lay_out(self, boxes: list[PageBox], *, exact: bool) -> None:
        """The page sizes are known: show the pages, ask for the rest of what the screen needs."""
        assert self.doc is not None
        doc, generation = self.doc, self._generation
        self.page_count = len(boxes)
        self.service.open(doc, boxes)
        self.content.open(doc, self.page_count)
        start, terms = self._opening or (1, ())
        self._opening = None
        start = max(1, min(self.page_count, start))
        self._fit_side_panel()
        # The first page's pixels are asked for first; the rest of the screen follows.
        self.canvas.set_document(self.page_count, start - 1)
        self.find_bar.set_document(doc, self.page_count)
        if terms:
            self.find_bar.find_terms(terms, start - 1)  # its words are lit at once too
        self.sidebar.set_document(self.service.sizes, self.devicePixelRatioF())
        self.page_box.setMaximum(self.page_count)
        count = self.page_count
        live(self.page_total, "setText", lambda: self.tr("van {count}").format(count=count))
        if self.isVisible():  # a hidden screen's actions are set when it is shown (showEvent)
            self._set_document_actions(True)
        self.page = 0
        self._current_changed(start - 1)
        self.canvas.setFocus()
        if exact:
            self.engine.remember_boxes(self._boxes_key, boxes)
        else:
            self.engine.submit(
                ReadBoxes(doc),
                lambda answer: self._boxes_read(generation, answer),
                priority=BOXES_PRIORITY,
            )
        self.after_first_page(lambda: self._read_fields_and_outline(generation))
        self.opened.emit()

    def _read_fields_and_outline(self, generation: int) -> None:
        """The form fields and the table of contents, asked once the first page is there:
        on two cores, reading them beside the first page would slow that page down."""
        if generation != self._generation or self.doc is None:
            return
        doc = self.doc
        self.engine.submit(
            ReadFields(doc),
            lambda answer: self._fields_read(generation, answer),
            priority=FIELDS_PRIORITY,
        )
        self.engine.submit(
            ReadOutline(doc),
            lambda answer: self._outline_read(generation, answer),
            priority=OUTLINE_PRIORITY,
        )

    # -- after the first page ----------------------------------------------------

    def after_first_page(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the open document's first page is on screen.

        What the person does not wait for (marking the document as read, its
        form fields and table of contents) must not stand between the
        double-click and the page: it runs right after the page is painted,
        or when the document cannot be shown, when the person moves on
        (another document, another screen, closing the window), and after
        FIRST_PAGE_WAIT_MS at the latest. Without a document waiting for its
        first page, ``then`` runs at once.
        """
        if not self._first_page_timer.isActive():
            then()
            return
        self._after_first_page.append(then)

    def _wait_for_first_page(self) -> None:
        self._first_page_shown()  # what the previous document left waiting runs first
        self._first_page_timer.start()
        self.canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.canvas.viewport():
            # Painted pages are known once the paint is done: look right after it.
            QTimer.singleShot(0, self, self._check_first_page)
        return super().eventFilter(watched, event)

    def _check_first_page(self) -> None:
        if self.canvas.painted_at and self._first_page_timer.isActive():
            self._first_page_shown()

    def _first_page_shown(self) -> None:
        """The first page is on screen (or will not be soon): what waited for it runs."""
        self._first_page_timer.stop()
        self.canvas.viewport().removeEventFilter(self)
        waiting, self._after_first_page = self._after_first_page, []
        for then in waiting:
            try:
                then()
            except Exception:  # one failing (a full disk) must not stop the others
                log.exception("work after the first page failed")

    # -- before the first document ---------------------------------------------------

    def _ready_to_lay_out(self) -> None:
        """A screen opening a document before it is shown lays its pages out at the size
        it will have: warmed up (see warm_up), or shown before at this size."""
        parent = self.parentWidget()
        if (
            not self.isVisible()
            and parent is not None
            and self.size() != parent.contentsRect().size()
        ):
            self.warm_up(engine=False)  # the document's own first page warms the engine

    def warm_up(self, engine: bool = True) -> None:
        """Make the screen ready to show, before any document is opened.

        The first time a screen is shown Qt styles every widget, lays them out
        and paints them with cold caches (fonts, style sheet, PySide's enums):
        that cost the first double-click about as much as the rest of opening
        a document. Painting the screen once where nobody sees it (at the size
        it will have) does that work while the window is idle; it is the same
        for every start and every document. With ``engine`` the workers draw their
        first page too (see warm_up_engine).
        """
        if self.isVisible():
            return
        parent = self.parentWidget()
        if parent is not None:
            self.resize(parent.contentsRect().size())
        self.grab()
        make_first_open_types()
        if engine:
            self.warm_up_engine()

    def warm_up_engine(self) -> None:
        """Each engine worker draws a built-in page once, the way a first page is drawn.

        A worker's first page costs it far more than its next ones (MuPDF's
        fonts and drawing set up, a new pixel block), and so do the window's
        first pixels (new memory, cleared page by page as it is first written).
        Here the workers draw the pieces an A4 page at fit width would need on
        this screen, one each, while the window is idle after the start;
        the pixels are dropped (their memory is kept for the next ones). The
        person's first document then opens as fast as the next one. Nothing is
        done while a document is open, before the engine was started (on a first
        start it waits for the kit's import, which has the cores until then) or
        once it is closed.
        """
        if self.engine.closed or not self.engine.pool.started or self.doc is not None:
            return
        canvas = self.canvas
        view = canvas.viewport()
        ratio = canvas.device_ratio()
        readable = READABLE_FIT_ZOOM * canvas.points_per_pixel_100()
        scale = min(fit_width_scale([A4], view.width()), readable) * ratio
        width, height = page_pixels(*A4, scale)
        grid = grid_for(width, height, self.service.whole_page_bytes())
        on_screen = grid.covering((0, 0, width, view.height() * ratio))
        # One piece per worker (all the same piece when the page comes whole).
        pieces = [on_screen[number % len(on_screen)] for number in range(self.engine.pool.size)]
        ref = self.engine.share(warm_up_pdf(), "warm-up")
        left = [len(pieces)]

        def drawn(_answer: object) -> None:
            left[0] -= 1
            if left[0] == 0:
                self.engine.unshare(ref)

        for column, row in pieces:
            clip = grid.clip(column, row)
            request = Render(ref, page=0, width=width, height=height, clip=clip)
            self.engine.submit(request, drawn, priority=WARM_UP_PRIORITY)

    def _boxes_read(self, generation: int, answer: object) -> None:
        if generation != self._generation or not isinstance(answer, list):
            return
        self.engine.remember_boxes(self._boxes_key, answer)
        if answer != self.service.boxes:
            self.service.set_boxes(answer)
            self.canvas.relayout()
            self.sidebar.set_document(self.service.sizes, self.devicePixelRatioF())

    def _fields_read(self, generation: int, answer: object) -> None:
        if generation != self._generation or not isinstance(answer, list):
            return
        fields: list[FormField] = answer
        values = self.forms.values(self.document_id) if self.forms and self.document_id else {}
        self.editors.set_fields(fields, values)
        self.fill_hint.setVisible(bool(fields))
        if values:
            self.measure_fields()
        self._set_document_actions(True)

    def _outline_read(self, generation: int, answer: object) -> None:
        if generation != self._generation or not isinstance(answer, list):
            return
        self.outline = answer
        self.sidebar.set_outline(answer)

    def _document_failed(self, failure: Failure) -> None:
        """The document cannot be opened at all: say why in its place."""
        if self.doc is None or self.failure is not None:
            return
        self.failure = failure
        name = self.document_title or self.doc.name
        log.warning("cannot open %s: %s (%s)", name, failure.kind, failure.detail)
        message = document_message(failure, name)
        live(self.message, "setText", lambda: ui_text(message))
        self.body.setCurrentWidget(self.message)
        self._set_document_actions(False)
        self.opened.emit()
        self._first_page_shown()

    def close_document(self) -> None:
        """Save what was typed, stop presenting and let the old document go."""
        self.flush_form_values()
        if self._settle_timer.isActive():
            self._page_settled()  # the page reached is remembered
        if self.presentation is not None:
            self.presentation.stop()
        self._generation += 1
        self._first_page_shown()  # what waited for its first page is not lost
        if self.doc is None and self._opening is None:
            return  # nothing open (closed before): the screen is empty already
        self.service.close_document()
        self.content.close()
        self.editors.set_fields([], {})
        self.canvas.set_document(0)
        self.find_bar.set_document(None)
        self.sidebar.set_document([], self.devicePixelRatioF())
        self.sidebar.set_outline([])
        if self.doc is not None and self.doc.shm:
            self.engine.unshare(self.doc)
        if self.pdf_bytes and self._bytes_key.startswith("sha256:"):
            self._closed_bytes = (self._bytes_key, self.pdf_bytes)
        self.doc, self.pdf_bytes, self.page_count, self.file_path = None, b"", 0, None
        self._bytes_key = ""
        self._notes = PdfNotes()
        self.document_id, self.failure, self.outline, self._opening = None, None, [], None
        self.info.hide()
        self.fill_hint.hide()
        live(self.page_total, "setText", lambda: "")
        self._set_document_actions(False)

    def shutdown(self) -> None:
        """On closing the window: nothing typed is lost, the engine stops, texts are let go."""
        self.flush_form_values()
        if self.presentation is not None:
            self.presentation.stop()
        self.close_document()
        if self.own_engine:
            self.engine.close()
        forget_within(self)  # a closed viewer's texts are never refreshed again

    def _set_document_actions(self, enabled: bool) -> None:
        shown = enabled and self.isVisible()
        for act in (self.present_action, self.print_action, self.find_action):
            act.setEnabled(shown)
        self.save_filled_action.setEnabled(shown and bool(self.editors.fields))
        # Buttons for what this document cannot do are left out (the menu keeps them).
        self.save_button.setVisible(bool(self.editors.fields))
        is_workshop = self._is_workshop() if enabled else False
        self.pack_action.setEnabled(shown and is_workshop)
        self.pack_button.setVisible(is_workshop)
        for widget in (self.page_box, self.zoom_box):
            widget.setEnabled(enabled)
        self._set_page_buttons(enabled)

    def _set_page_buttons(self, enabled: bool) -> None:
        """The page buttons follow the page: "Vorige pagina" on page 1 does nothing, so it
        is not offered (showing the screen again once re-enabled it on page 1)."""
        self.previous_button.setEnabled(enabled and self.page > 1)
        self.next_button.setEnabled(enabled and self.page < self.page_count)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._set_document_actions(self.has_document)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._first_page_shown()  # the person moved on: nothing waits for the page any more
        self.flush_form_values()
        if self._settle_timer.isActive():
            self._page_settled()
        self._set_document_actions(self.has_document)

    # -- pages -----------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        """Show page ``page`` (1-based) at the top of the view (once laid out, if opening)."""
        if self._opening is not None:
            self._opening = (max(1, page), self._opening[1])
            self.page = max(1, page)
            self._reported = (self.document_id, self.page)
            self.page_changed.emit(self.document_id or "", self.page)
        elif self.page_count:
            self.canvas.go_to(max(1, min(self.page_count, page)) - 1)

    def focus_pages(self) -> None:
        """The keys go to the pages (after a document was opened while the screen was hidden:
        focus given to a hidden widget does not always stick)."""
        if self.has_document:
            self.canvas.setFocus()

    def focus_page_box(self) -> None:
        self.page_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page_box.selectAll()

    def _current_changed(self, index: int) -> None:
        page = index + 1
        if page == self.page or not self.page_count:
            return
        self.page = page
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self._set_page_buttons(True)
        # The side panel and the remembered page follow once the reader stops on a page:
        # a jump's pixels come first, paging quickly through costs no disk writes.
        self._settle_timer.start()

    def _page_settled(self) -> None:
        """The reader stopped on a page: mark its thumbnail and remember it."""
        self._settle_timer.stop()
        if self.page_count and self.doc is not None:
            self.sidebar.show_page(self.page - 1)
            if self._reported != (self.document_id, self.page):
                self._reported = (self.document_id, self.page)
                self.page_changed.emit(self.document_id or "", self.page)

    @property
    def highlights(self) -> list[tuple[float, float, float, float]]:
        """The lit rectangles (PDF points) on the current page."""
        return self.canvas.highlight_rects(self.page - 1)

    # -- zoom and side panel ---------------------------------------------------------

    def _zoom_chosen(self, row: int) -> None:
        _text, mode, zoom = ZOOM_CHOICES[row]
        self.canvas.set_zoom(mode, zoom)
        self.canvas.setFocus()

    def _restore_zoom(self) -> None:
        """The zoom this document had last time (fit width for a new one)."""
        stored = self.settings.setting(self._zoom_key) if self.settings is not None else None
        mode, zoom = ZoomMode.FIT_WIDTH, self.canvas.zoom
        if stored in (ZoomMode.FIT_WIDTH.value, ZoomMode.FIT_PAGE.value):
            mode = ZoomMode(stored)
        elif stored:
            try:
                zoom = min(MAX_ZOOM, max(MIN_ZOOM, float(stored)))
                mode = ZoomMode.FIXED
            except ValueError:
                pass  # a value from elsewhere: fit width
        self.canvas.mode, self.canvas.zoom = mode, zoom
        self._saved_zoom = stored

    def _remember_zoom(self) -> None:
        if self.settings is None or not self.has_document or self._opening is not None:
            return
        canvas = self.canvas
        value = canvas.mode.value if canvas.mode is not ZoomMode.FIXED else f"{canvas.zoom:.4g}"
        if value != self._saved_zoom and (self._saved_zoom or value != "fit-width"):
            self._saved_zoom = value
            self.settings.set_setting(self._zoom_key, value)

    def _show_zoom(self) -> None:
        self._remember_zoom()
        canvas = self.canvas
        if canvas.mode is ZoomMode.FIT_WIDTH:
            row = 0
        elif canvas.mode is ZoomMode.FIT_PAGE:
            row = 1
        else:
            row = next((i for i, c in enumerate(ZOOM_CHOICES) if c[2] == canvas.zoom and i > 1), 0)
        self.zoom_box.blockSignals(True)
        self.zoom_box.setCurrentIndex(row)
        self.zoom_box.blockSignals(False)

    def toggle_sidebar(self) -> None:
        self._sidebar_chosen = True  # the person's choice holds from now on
        self.sidebar.setVisible(not self.sidebar.isVisible())
        self.sidebar_action.setChecked(self.sidebar.isVisible())

    def _fit_side_panel(self) -> None:
        """With large text: the thumbnails only where pages keep their real size beside them.

        With large text the side menu is wider, and the thumbnails beside it
        would squeeze "Paginabreedte" below 100 %: larger text would make
        documents smaller. Then the panel starts hidden (F9 shows it), until
        the person chooses.
        """
        if self._sidebar_chosen or px(100) <= 100 or not self.service.boxes:
            return  # at 100 % text the panel stays as it was
        widest = max(box.width for box in self.service.boxes)
        scroll_bar = self.canvas.verticalScrollBar().sizeHint().width()
        needed = widest * self.canvas.points_per_pixel_100() + 2 * GAP + scroll_bar + 4
        margins = self.layout().contentsMargins()
        splitter = self.width() - margins.left() - margins.right()
        room = splitter - self.sidebar.minimumWidth() - self.splitter.handleWidth()
        show = room >= needed
        if show != self.sidebar.isVisibleTo(self):
            self.sidebar.setVisible(show)
            self.sidebar_action.setChecked(show)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_side_panel()

    # -- find -------------------------------------------------------------------------

    def start_find(self) -> None:
        if self.has_document:
            self.find_bar.start()

    # -- links ------------------------------------------------------------------------

    def open_external_link(self, url: str) -> bool:
        """Open a web link only when online, and only after the person said yes."""
        if not self.online():
            self.info.show_message(offline_link_text)
            return False
        if not self.confirm_link(url):
            return False
        self.open_url(url)
        return True

    # -- filling in -------------------------------------------------------------------

    def _value_changed(self, name: str, value: str) -> None:
        self._pending_values[name] = value
        self._save_timer.start()

    def flush_form_values(self) -> None:
        """Write what was typed to the user store (also on hide, close and switch)."""
        self._save_timer.stop()
        if self._pending_values:
            self.measure_fields()  # a text that grew too long is marked while typing
        if not self._pending_values or not self.document_id or self.forms is None:
            self._pending_values.clear()
            return
        values, self._pending_values = self._pending_values, {}
        try:
            self.forms.set_values(self.document_id, values)
        except Exception:  # keep the values to try again, and tell the person
            log.exception("saving form values failed")
            self._pending_values = {**values, **self._pending_values}
            self.info.show_message(
                lambda: self.tr("Wat je hebt ingevuld kon niet worden bewaard. Probeer opnieuw.")
            )

    def _form_values(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.editors.values().items())) if self.editors.fields else ()

    def measure_fields(self) -> None:
        """Ask a worker how the typed texts fit their boxes; cut ones are marked red."""
        if not self.editors.fields or self.doc is None:
            return
        generation = self._generation

        def measured(answer: object) -> None:
            if generation == self._generation and isinstance(answer, list):
                self.editors.show_fits(answer)

        self.engine.submit(
            MeasureFields(self.doc, values=self._form_values()), measured, priority=FIELDS_PRIORITY
        )

    def with_filled(self, then: Callable[[bytes | None], None]) -> None:
        """Call ``then`` with the PDF holding what was typed (None: nothing to fill in).

        An engine worker writes the values into a copy, each text at a size
        that fits; when some text does not fit even so, the person is asked
        first (``then`` is not called when they go back). ``then`` gets b""
        when filling fails (a message is shown).
        """
        self.flush_form_values()
        if not self.editors.fields or self.doc is None:
            then(None)
            return
        generation = self._generation
        title = self.document_title

        def filled(answer: object) -> None:
            if generation != self._generation:
                return
            if isinstance(answer, Filled):
                if answer.cut and not self.confirm_cut([(title, label) for label in answer.cut]):
                    self.info.show_message(
                        lambda: self.tr("Niets opgeslagen: pas de tekst aan en probeer opnieuw.")
                    )
                    return
                then(answer.data)
                return
            log.warning("filling in %s failed: %s", self.document_title, answer)
            self.info.show_message(
                lambda: self.tr("Het ingevulde werkblad kon niet worden gemaakt. Probeer opnieuw.")
            )
            then(b"")

        self.engine.submit(FillFields(self.doc, values=self._form_values()), filled, priority=0.0)

    def save_filled(self, path: Path | None = None) -> Path | None:
        """Ctrl+S: save a copy of the werkblad with the answers in it (written when ready).

        The copy is the kit's own PDF (vector, text searchable) with the
        answers in its fields, still fillable in any PDF reader.
        """
        if not self.has_document or not self.editors.fields:
            return None
        if path is None:
            path = self.ask_save_path(f"{self.document_id or 'werkblad'}-ingevuld.pdf")
            if path is None:
                return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        target = path

        def write(data: bytes | None) -> None:
            if not data:
                return
            try:
                write_atomic(target, data)
            except (OSError, RuntimeError, ValueError) as exc:
                log.warning("saving filled pdf failed: %s", exc)
                folder = target.parent
                self.info.show_message(
                    lambda: self.tr(
                        "Opslaan lukte niet in {folder}. Kies een andere map en probeer opnieuw."
                    ).format(folder=folder)
                )
                return
            self.info.show_message(lambda: self.tr("Opgeslagen: {path}").format(path=target))

        self.with_filled(write)
        return path

    # -- printing -----------------------------------------------------------------------

    @property
    def printing(self) -> bool:
        return self.print_flow.busy

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Ctrl+P: print the chosen pages as vector pages, with what was filled in.

        The engine makes the print PDF; see :mod:`companion.ui.viewer.print_flow`
        for how it reaches the printer, with progress and *Annuleren*.
        """
        if not self.has_document or self.print_flow.busy or self.doc is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.document_title)
            if not self.ask_printer(printer):
                return False
        self.flush_form_values()
        pages = chosen_pages(printer, self.page_count, self.page - 1)
        part = PrintPart(self.doc, pages, 1, self._form_values())
        return self.print_flow.print([part], printer, self.document_title)

    # -- printpakket --------------------------------------------------------------------

    def _is_workshop(self) -> bool:
        """Whether the open document is a kit workshop (a printpakket is on offer).

        Asked once per document: the toolbar asks on every show, and the
        printpakket itself is only put together when the person asks for it.
        """
        if self._workshop is None or self._workshop[0] != self._generation:
            document = None
            if self.library is not None and self.document_id:
                document = self.library.catalog_document(self.document_id)
            self._workshop = (
                self._generation,
                document is not None and document.type == "workshop",
            )
        return self._workshop[1]

    def _pack(self) -> WorkshopPack | None:
        """The open workshop's printpakket on offer (None: not a kit workshop)."""
        if self.library is None or not self.document_id:
            return None
        document = self.library.catalog_document(self.document_id)
        if document is None or document.type != "workshop":
            return None
        return workshop_pack(self.library, self.document_id)

    def make_pack(self) -> bool:
        """The workshop's draaiboek with copies of its werkbladen, as one PDF saved or printed."""
        pack = self._pack() if self.has_document and not self.print_flow.busy else None
        if pack is None or self.doc is None or self.library is None:
            return False
        choice = self.ask_pack(pack)
        if choice is None or not choice.pages_wanted:
            return False
        printer: QPrinter | None = None
        path: Path | None = None
        if choice.action == SAVE:
            path = self.ask_save_path(f"{pack.workshop.id}-printpakket.pdf")
            if path is None:
                return False
            if path.suffix.lower() != ".pdf":
                path = path.with_name(path.name + ".pdf")
        else:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.tr("Printpakket {title}").format(title=pack.workshop.title))
            if not self.ask_printer(printer):
                return False
        parts = [PrintPart(self.doc)] if choice.draaiboek else []
        for item in pack.items:
            copies = choice.copies.get(item.document.id, 0)
            data = self.library.pdf_bytes(item.document.id) if copies > 0 else None
            if not data:
                continue
            ref = self.engine.share(data, item.document.title, f"sha256:{item.document.sha256}")
            self._pack_refs.append(ref)
            parts.append(PrintPart(ref, copies=copies))
        if printer is not None:
            started = self.print_flow.print(parts, printer, pack.workshop.title)
        else:
            assert path is not None
            started = self.print_flow.save(parts, path)
        if not started:
            self._pack_finished()
        return started

    def _pack_finished(self, *_args) -> None:
        """A job ended: the werkbladen shared for a pakket are let go."""
        refs, self._pack_refs = self._pack_refs, []
        for ref in refs:
            self.engine.unshare(ref)

    # -- presenting ---------------------------------------------------------------------

    def _screen_names(self) -> list[str]:
        return [screen.name() for screen in QGuiApplication.screens()]

    def _fill_screen_menu(self) -> None:
        self.screen_menu.clear()
        group = QActionGroup(self.screen_menu)
        screens = QGuiApplication.screens()
        chosen, _presenter = self._pick_screens()
        for number, screen in enumerate(screens):
            size = screen.geometry()
            label = self.tr("Scherm {number}: {name} ({width}×{height})").format(
                number=number + 1,
                name=screen.name() or self.tr("scherm"),
                width=size.width(),
                height=size.height(),
            )
            act = self.screen_menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(number == chosen)
            group.addAction(act)
            act.triggered.connect(lambda _on=False, s=screen: self.choose_screen(s.name()))

    def choose_screen(self, name: str) -> None:
        if self.settings is not None:
            self.settings.set_setting(PRESENTATION_SCREEN_SETTING, name)

    def _pick_screens(self) -> tuple[int, int | None]:
        names = self._screen_names()
        here = self.screen().name() if self.screen() else ""
        preferred = self.settings.setting(PRESENTATION_SCREEN_SETTING) if self.settings else None
        return pick_screens(names, here, preferred)

    def start_presentation(self, presenter: bool | None = None) -> Presentation | None:
        """F5: full screen on the chosen screen; presenter view when there is a second one.

        ``presenter=True`` shows the presenter view even on one screen (tests).
        """
        if not self.has_document or self.presentation is not None:
            return None
        self.flush_form_values()
        screens = QGuiApplication.screens()
        projector, presenter_at = self._pick_screens()
        presentation = Presentation(
            self.service,
            self.page - 1,
            screens[projector],
            screens[presenter_at] if presenter_at is not None else None,
            presenter=bool(presenter),
            notes=self.notes,
            clock=self.presentation_clock,
            parent=self,
        )
        presentation.page_changed.connect(lambda index: self.go_to(index + 1))
        presentation.finished.connect(self._presentation_finished)
        self.presentation = presentation
        presentation.start()
        return presentation

    def _presentation_finished(self, index: int) -> None:
        if self.presentation is not None:
            self.presentation.deleteLater()
        self.presentation = None
        self.go_to(index + 1)
        self.window().activateWindow()
        self.canvas.setFocus()


def _kept(*widgets: QWidget) -> QWidget:
    """A toolbar group: close together, never split over two lines."""
    return kept_together(*widgets, spacing=4)
