"""The document screen: reading view, side panel, find bar, toolbar and actions.

Everything the main window needs goes through :class:`ViewerScreen`:
``show_document`` opens a kit document at a page (with the words from kit
search lit), ``page_changed`` reports the page to remember, and
``back_requested`` returns to the list the person came from. Things that
would otherwise pop up a dialog (a link's question, where to save, which
printer) are functions passed in, so tests drive the screen without dialogs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl, Signal
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

from ...errors import BrokenPdfError, CompanionError
from ...forms import FormValues, fill_pdf
from ...network import is_online
from ...page_cache import DEFAULT_MAX_BYTES
from ...page_layout import ZOOM_STEPS, ZoomMode
from ...pdf_pages import PdfPages
from ..notice_banner import NoticeBanner
from ..workers import Task, TaskRunner
from .canvas import PageCanvas
from .find_bar import FindBar
from .form_overlay import FieldEditors
from .presentation import Presentation, pick_screens
from .printing import print_pdf
from .render_service import RenderService
from .sidebar import Sidebar

log = logging.getLogger(__name__)

PRESENTATION_SCREEN_SETTING = "presentation_screen"
ZOOM_CHOICES: list[tuple[str, ZoomMode, float]] = [
    ("Paginabreedte", ZoomMode.FIT_WIDTH, 1.0),
    ("Hele pagina", ZoomMode.FIT_PAGE, 1.0),
    *[(f"{round(z * 100)}%", ZoomMode.FIXED, z) for z in ZOOM_STEPS],
]
OFFLINE_LINK = (
    "Deze link gaat naar een website. Je bent nu niet online, dus hij kan niet worden geopend. "
    "Probeer het later opnieuw als er internet is."
)


def ask_link_dialog(parent: QWidget, url: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "Link openen",
        f"Deze link opent een website in je browser:\n\n{url}\n\nWil je de website openen?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_dialog(parent: QWidget, suggested: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getSaveFileName(
        parent, "Opslaan als ingevulde PDF", str(Path(folder) / suggested), "PDF (*.pdf)"
    )
    return Path(path) if path else None


def ask_printer_dialog(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Afdrukken")
    dialog.setMinMax(1, page_count)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


class ViewerScreen(QWidget):
    """Reads, finds, fills in, prints and presents one kit document at a time."""

    back_requested = Signal()
    page_changed = Signal(str, int)

    def __init__(
        self,
        runner: TaskRunner,
        *,
        forms: FormValues | None = None,
        settings=None,
        online: Callable[[], bool] = is_online,
        confirm_link: Callable[[str], bool] | None = None,
        open_url: Callable[[str], object] | None = None,
        ask_save_path: Callable[[str], Path | None] | None = None,
        ask_printer: Callable[[QPrinter], bool] | None = None,
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
        self.document_id: str | None = None
        self.document_title = ""
        self.pdf_bytes = b""
        self.pages: PdfPages | None = None
        self.page_count = 0
        self.page = 1
        self.presentation: Presentation | None = None
        self.print_task: Task | None = None
        self._printer: QPrinter | None = None
        self._pending_values: dict[str, str] = {}

        self.service = RenderService(self, max_bytes=max_cache_bytes)
        self.canvas = PageCanvas(self.service)
        self.editors = FieldEditors(self.canvas)
        self.sidebar = Sidebar(self.service)
        self.find_bar = FindBar(runner, self.canvas)
        self.info = NoticeBanner()
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName("Melding over het document")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Voortgang afdrukken")
        self.progress.hide()

        self._build_actions()
        self._build_layout()
        self._connect()
        self._set_document_actions(False)

    # -- building ------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, keys, slot, name: str) -> QAction:
            act = QAction(text, self)
            if keys:
                act.setShortcuts(keys if isinstance(keys, list) else [keys])
            act.setToolTip(
                f"{name} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if keys
                else name
            )
            act.triggered.connect(lambda _checked=False: slot())  # not the checked flag
            self.addAction(act)
            return act

        self.present_action = action(
            "Presenteren", QKeySequence("F5"), self.start_presentation, "Presenteren"
        )
        self.print_action = action(
            "Afdrukken…", QKeySequence.StandardKey.Print, self.print_document, "Afdrukken"
        )
        self.save_filled_action = action(
            "Opslaan als ingevulde PDF…",
            QKeySequence.StandardKey.Save,
            self.save_filled,
            "Opslaan als ingevulde PDF",
        )
        self.find_action = action(
            "Zoeken in dit document", None, self.start_find, "Zoeken in dit document (Ctrl+F)"
        )
        self.sidebar_action = action(
            "Zijbalk", QKeySequence("F9"), self.toggle_sidebar, "Zijbalk tonen of verbergen"
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

    def _button(self, text: str, name: str, slot, tip: str = "") -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip or name)
        button.clicked.connect(slot)
        return button

    def _build_layout(self) -> None:
        self.back = QPushButton("← Terug")
        self.back.setAccessibleName("Terug naar de vorige lijst")
        self.back.setToolTip("Terug (Alt+Links)")
        self.back.clicked.connect(self.back_requested.emit)
        self.title = QLabel()
        self.title.setObjectName("documentTitle")
        self.title.setAccessibleName("Titel van het document")
        self.fill_hint = QLabel("Dit werkblad kun je hier invullen. Wat je typt, wordt bewaard.")
        self.fill_hint.setObjectName("hint")
        self.fill_hint.hide()
        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        top.addWidget(self.fill_hint)

        self.sidebar_button = QToolButton()
        self.sidebar_button.setDefaultAction(self.sidebar_action)
        self.sidebar_button.setAccessibleName("Zijbalk tonen of verbergen")
        self.previous_button = self._button(
            "◀", "Vorige pagina", lambda: self.go_to(self.page - 1), "Vorige pagina (Links)"
        )
        self.next_button = self._button(
            "▶", "Volgende pagina", lambda: self.go_to(self.page + 1), "Volgende pagina (Rechts)"
        )
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("Paginanummer")
        self.page_box.setToolTip("Ga naar pagina (Ctrl+G)")
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setMinimumWidth(56)
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value()))
        self.page_total = QLabel()
        self.page_total.setAccessibleName("Aantal pagina's")
        self.zoom_out_button = self._button(
            "−", "Kleiner", lambda: self.canvas.zoom_step(-1), "Kleiner (Ctrl+-)"
        )
        self.zoom_in_button = self._button(
            "+", "Groter", lambda: self.canvas.zoom_step(1), "Groter (Ctrl++)"
        )
        self.zoom_box = QComboBox()
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.setToolTip("Zoom (Ctrl+scrollwiel)")
        for text, _mode, _zoom in ZOOM_CHOICES:
            self.zoom_box.addItem(text)
        self.zoom_box.activated.connect(self._zoom_chosen)
        self.find_button = QToolButton()
        self.find_button.setDefaultAction(self.find_action)
        self.find_action.setIconText("Zoeken")  # the short label on the button
        self.find_button.setAccessibleName("Zoeken in dit document")
        self.print_button = QToolButton()
        self.print_button.setDefaultAction(self.print_action)
        self.print_button.setAccessibleName("Afdrukken")
        self.save_button = QToolButton()
        self.save_button.setDefaultAction(self.save_filled_action)
        self.save_filled_action.setIconText("Opslaan als PDF")
        self.print_action.setIconText("Afdrukken")
        self.save_button.setAccessibleName("Opslaan als ingevulde PDF")
        self.present_button = QToolButton()
        self.present_button.setDefaultAction(self.present_action)
        self.present_button.setAccessibleName("Presenteren")
        self.present_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.screen_menu = QMenu("Scherm voor presenteren", self)
        self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
        self.present_button.setMenu(self.screen_menu)

        bar = QHBoxLayout()
        bar.addWidget(self.sidebar_button)
        bar.addSpacing(8)
        bar.addWidget(self.previous_button)
        bar.addWidget(QLabel("Pagina"))
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_total)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_box)
        bar.addWidget(self.zoom_in_button)
        bar.addStretch(1)
        bar.addWidget(self.find_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.present_button)

        self.body = QStackedWidget()
        self.body.addWidget(self.canvas)
        self.body.addWidget(self.message)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.body)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([170, 800])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.info)
        layout.addWidget(self.progress)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)

    def _connect(self) -> None:
        self.canvas.current_changed.connect(self._current_changed)
        self.canvas.layout_changed.connect(self._show_zoom)
        self.canvas.external_link.connect(self.open_external_link)
        self.sidebar.page_chosen.connect(lambda index: self.go_to(index + 1))
        self.editors.value_changed.connect(self._value_changed)
        self.find_bar.closed.connect(lambda: self.canvas.setFocus())
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.flush_form_values)

    # -- documents ---------------------------------------------------------------

    def show_document(
        self, doc_id: str, title: str, pdf_bytes: bytes, page: int = 1, terms: tuple[str, ...] = ()
    ) -> bool:
        """Open a document at ``page``; False (with a Dutch message shown) when it cannot."""
        self.close_document()
        self.document_id = doc_id
        self.document_title = title
        self.title.setText(title)
        try:
            pages = PdfPages(pdf_bytes, title)
        except BrokenPdfError as exc:
            self.message.setText(exc.message)
            self.body.setCurrentWidget(self.message)
            return False
        self.pages, self.pdf_bytes, self.page_count = pages, pdf_bytes, pages.page_count
        self.body.setCurrentWidget(self.canvas)
        self.service.open(pdf_bytes, pages.sizes)
        self.canvas.set_document(pages)
        self.sidebar.set_document(pages.sizes, pages.outline(), self.devicePixelRatioF())
        fields = pages.fields()
        values = self.forms.values(doc_id) if self.forms else {}
        self.editors.set_fields(fields, values)
        self.fill_hint.setVisible(bool(fields))
        self.page_box.setMaximum(self.page_count)
        self.page_total.setText(f"van {self.page_count}")
        self.find_bar.set_document(pdf_bytes)
        self._set_document_actions(True)
        start = max(1, min(self.page_count, page))
        self.page = 0
        self.canvas.go_to(start - 1)
        self._current_changed(start - 1)
        if terms:
            self.find_bar.find_terms(terms, start - 1)
        self.canvas.setFocus()
        return True

    def close_document(self) -> None:
        """Save what was typed, stop presenting and let the old document go."""
        self.flush_form_values()
        if self.presentation is not None:
            self.presentation.stop()
        self.service.close_document()
        self.editors.set_fields([], {})
        self.canvas.set_document(None)
        self.find_bar.set_document(b"")
        if self.pages is not None:
            self.pages.close()
        self.pages, self.pdf_bytes, self.page_count = None, b"", 0
        self.document_id = None
        self.info.hide()
        self.fill_hint.hide()
        self.page_total.setText("")
        self._set_document_actions(False)

    def shutdown(self) -> None:
        """On closing the window: nothing typed is lost, the render thread stops."""
        self.flush_form_values()
        if self.presentation is not None:
            self.presentation.stop()
        self.service.shutdown()

    def _set_document_actions(self, enabled: bool) -> None:
        shown = enabled and self.isVisible()
        for act in (self.present_action, self.print_action, self.find_action):
            act.setEnabled(shown)
        self.save_filled_action.setEnabled(shown and bool(self.editors.fields))
        for widget in (self.previous_button, self.next_button, self.page_box, self.zoom_box):
            widget.setEnabled(enabled)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._set_document_actions(self.pages is not None)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.flush_form_values()
        self._set_document_actions(self.pages is not None)

    # -- pages -----------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        """Show page ``page`` (1-based) at the top of the view."""
        if self.page_count:
            self.canvas.go_to(max(1, min(self.page_count, page)) - 1)

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
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < self.page_count)
        self.sidebar.show_page(index)
        self.page_changed.emit(self.document_id or "", page)

    @property
    def highlights(self) -> list[tuple[float, float, float, float]]:
        """The lit rectangles (PDF points) on the current page."""
        return self.canvas.highlight_rects(self.page - 1)

    # -- zoom and side panel ---------------------------------------------------------

    def _zoom_chosen(self, row: int) -> None:
        _text, mode, zoom = ZOOM_CHOICES[row]
        self.canvas.set_zoom(mode, zoom)
        self.canvas.setFocus()

    def _show_zoom(self) -> None:
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
        self.sidebar.setVisible(not self.sidebar.isVisible())
        self.sidebar_action.setChecked(self.sidebar.isVisible())

    # -- find -------------------------------------------------------------------------

    def start_find(self) -> None:
        if self.pages is not None:
            self.find_bar.start()

    # -- links ------------------------------------------------------------------------

    def open_external_link(self, url: str) -> bool:
        """Open a web link only when online, and only after the person said yes."""
        if not self.online():
            self.info.show_message(OFFLINE_LINK)
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
        if not self._pending_values or not self.document_id or self.forms is None:
            self._pending_values.clear()
            return
        values, self._pending_values = self._pending_values, {}
        try:
            self.forms.set_values(self.document_id, values)
        except Exception:  # keep the values to try again, and tell the person
            log.exception("saving form values failed")
            self._pending_values = {**values, **self._pending_values}
            self.info.show_message("Wat je hebt ingevuld kon niet worden bewaard. Probeer opnieuw.")

    def filled_pdf(self) -> bytes:
        """The document with what was typed written into its fields."""
        self.flush_form_values()
        if not self.editors.fields:
            return self.pdf_bytes
        return fill_pdf(self.pdf_bytes, self.editors.values())

    def save_filled(self, path: Path | None = None) -> Path | None:
        """Ctrl+S: save a copy of the werkblad with the answers in it."""
        if self.pages is None or not self.editors.fields:
            return None
        if path is None:
            path = self.ask_save_path(f"{self.document_id}-ingevuld.pdf")
            if path is None:
                return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            data = self.filled_pdf()
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except (OSError, RuntimeError, ValueError) as exc:
            log.warning("saving filled pdf failed: %s", exc)
            self.info.show_message(
                f"Opslaan lukte niet in {path.parent}. Kies een andere map en probeer opnieuw."
            )
            return None
        self.info.show_message(f"Opgeslagen: {path}")
        return path

    # -- printing -----------------------------------------------------------------------

    def print_document(self, printer: QPrinter | None = None) -> Task | None:
        """Ctrl+P: print (with what was filled in), in the background with progress."""
        if self.pages is None or self.print_task is not None:
            return None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.document_title)
            if not self.ask_printer(printer):
                return None
        data = self.filled_pdf()
        self._printer = printer
        self.progress.setRange(0, self.page_count)
        self.progress.setValue(0)
        self.progress.setFormat("Afdrukken: %v van %m pagina's")
        self.progress.show()

        def work(report, cancelled):
            return print_pdf(data, printer, report, cancelled)

        self.print_task = self.runner.start(
            work,
            on_success=self._printed,
            on_error=self._print_failed,
            on_progress=lambda done: (
                self.progress.setRange(0, done[1]),
                self.progress.setValue(done[0]),
            ),
        )
        return self.print_task

    def _printed(self, pages: int) -> None:
        self.print_task, self._printer = None, None
        self.progress.hide()
        self.info.show_message(f"{pages} pagina's naar de printer gestuurd.")

    def _print_failed(self, error: Exception) -> None:
        self.print_task, self._printer = None, None
        self.progress.hide()
        message = error.message if isinstance(error, CompanionError) else "Afdrukken lukte niet."
        self.info.show_message(message)

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
            label = f"Scherm {number + 1}: {screen.name() or 'scherm'} "
            label += f"({size.width()}×{size.height()})"
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
        if self.pages is None or self.presentation is not None:
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
