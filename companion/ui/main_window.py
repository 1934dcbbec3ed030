"""The main window: a list of screens on the left, the chosen screen on the right.

Screens are added with :meth:`MainWindow.add_screen`; each one that shows kit
content has a ``reload()`` that runs when the kit changes (first import,
update). Opening a document always goes through :meth:`open_document`, from
the library, search, the checklist or the action plan alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.context import AppContext
from companion.errors import CompanionError, StoreError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.logs import log_failure
from companion.ui.appearance import (
    Appearance,
    apply_appearance,
    load_appearance,
    px,
    save_appearance,
)
from companion.ui.live import follow, live
from companion.ui.screens.library import LibraryScreen
from companion.ui.texts import ui_text
from companion.ui.widgets.banner import NoticeBanner
from companion.ui.widgets.common import on_screen
from companion.ui.workers import TaskRunner

if TYPE_CHECKING:
    from companion.kit.importer import ImportResult
    from companion.ui.datafolder.guard import DataFolderGuard
    from companion.ui.help.tour import Tour
    from companion.ui.screens.actionplan.screen import ActionPlanScreen
    from companion.ui.screens.checklist.screen import ChecklistScreen
    from companion.ui.screens.first_run import FirstRunPanel
    from companion.ui.screens.search import SearchScreen
    from companion.ui.screens.updates.screen import UpdatesScreen
    from companion.ui.viewer import ViewerScreen
    from companion.ui.viewer.engine_client import EngineClient

UPDATE_CHECK_DELAY_MS = 1500
CLOSE_WAIT_MS = 1500
QUIT_KEYS = "Ctrl+Q"
OPEN_PDF_KEYS = "Ctrl+Shift+O"
TOUR_SEEN_KEY = "rondleiding.gezien"
NOT_MARKED_OPENED = QT_TRANSLATE_NOOP(
    "messages",
    "Het document staat open, maar dat je het gelezen hebt kon niet worden bewaard. {reason}",
)

log = logging.getLogger(__name__)


def quit_keys() -> list[QKeySequence]:
    """Ctrl+Q on every platform, plus the platform's own Quit keys where it has them.

    Qt's Quit key list is empty on Windows, so Ctrl+Q (which the README
    promises) is bound explicitly.
    """
    keys = [QKeySequence(QUIT_KEYS)]
    for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


class AfterFirstPaint(QObject):
    """Runs ``then`` once, right after ``window`` was first painted.

    A zero timer from the paint event fires after the paint and the flush to
    the screen that follow it in the same pass of the event loop; ``then``
    waits one pass more, so whatever that paint pass queued (a click, the
    focus, other paints) is handled before the background work starts and
    takes the GIL and the cores. A window that is never painted (started
    hidden or minimised) gets it after ``latest_ms`` anyway.
    """

    latest_ms = 3000

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(self.latest_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_paint_pass)
        return False

    def _after_paint_pass(self) -> None:
        QTimer.singleShot(0, self, self._run)

    @property
    def done(self) -> bool:
        return self._then is None

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()


class MainWindow(QMainWindow):
    kit_changed = Signal()
    # Looking for a newer kit waits this long after start (tests set it to 0).
    update_check_delay_ms = UPDATE_CHECK_DELAY_MS
    # The viewer is built (and painted once, unseen) this long after the first paint, while
    # the engine's workers start: before anyone can double-click a document.
    prepare_viewer_ms = 100
    # The tour of the screens after the first import: the program turns it on
    # (companion.ui.app); a window built by a test shows it only when asked.
    offer_tour = False

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        # Language, text size and contrast first: every widget below is made in them.
        apply_appearance(load_appearance(context.user))
        self.runner = TaskRunner(self)
        self.import_task = None
        self._viewer: ViewerScreen | None = None
        self._engine: EngineClient | None = (
            None  # PDF engine workers, started after the first paint
        )
        self.tour: Tour | None = None
        self._background: AfterFirstPaint | None = None  # see start()
        self._engine_waits_for_kit = False  # see start()
        self._closed = False
        live(self, "setWindowTitle", lambda: self.tr("Strategiekit Hoger Bereik"))
        self._fit_on_screen(px(1200), px(800))
        self.setAcceptDrops(True)  # update files (.kitupdate) may be dropped on the window

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        live(self.nav, "setAccessibleName", lambda: self.tr("Schermen"))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.stack = QStackedWidget()
        self.banner = NoticeBanner()
        self._screen_keys: list[str] = []
        self._screens: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._built_by: dict[str, Callable[[], QWidget]] = {}
        self.data_folder: DataFolderGuard | None = None
        self._previous_screen = "bibliotheek"

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        # The screen list, the screen, and (while it runs) the tour beside the screen.
        self.central_layout = QHBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.nav)
        self.central_layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.kit_label = QLabel()
        self.kit_label.setTextFormat(Qt.TextFormat.PlainText)  # the kit's title
        self.statusBar().addPermanentWidget(self.kit_label)

        # Made inside the stack: put there afterwards, its whole tree would get the style
        # sheet once more (Qt re-styles every widget of a subtree that changes parent).
        self.library_screen = LibraryScreen(context.library, self.stack)
        self.library_screen.media_dir = context.paths.cache_dir
        self.library_screen.open_requested.connect(lambda doc_id: self.open_document(doc_id))
        self.library_screen.opened_revisions = context.user.opened_revisions
        self.add_screen("bibliotheek", lambda: self.tr("Bibliotheek"), self.library_screen)
        # The other screens are built the first time they are shown: start-up
        # then pays only for the library, which is what a person sees first.
        self.add_screen("zoeken", lambda: self.tr("Zoeken"), self._build_search)
        self.add_screen("waar-begin-je", lambda: self.tr("Waar begin je?"), self._build_checklist)
        self.add_screen("actieplan", lambda: self.tr("Actieplan"), self._build_actionplan)
        self.add_screen("updates", lambda: self.tr("Updates"), self._build_updates)
        self._update_timer = QTimer(self)
        self._update_timer.setSingleShot(True)
        self._update_timer.timeout.connect(self._check_for_update)
        self._check_when_kit_ready = False
        self._first_run: FirstRunPanel | None = None  # built when a kit must be put in place

        # The screen list is as wide as its longest name (in this language and size).
        follow(self.nav, self._fit_nav, "fit nav")
        self._fit_nav()
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.focus_search)
        # Ctrl+F finds in the open document when one is shown, else searches the kit.
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self.find)
        self._build_menus()
        from companion.ui.datafolder.guard import DataFolderGuard

        self.data_folder = DataFolderGuard(self)

        for notice in context.notices:
            self.banner.show_message(notice)
        self.kit_changed.connect(self._refresh_kit_label)
        self.kit_changed.connect(self._kit_changed_under_viewer)

    # -- screens built on first use --------------------------------------------

    def _build_search(self) -> QWidget:
        from companion.ui.screens.search import SearchScreen

        screen = SearchScreen(self.context.search)
        screen.open_requested.connect(self.open_document)
        return screen

    def _build_checklist(self) -> QWidget:
        from companion.ui.screens.checklist.screen import ChecklistScreen

        screen = ChecklistScreen(self.context, self.open_document)
        screen.show_action_requested.connect(
            lambda plan_id, action_id: (
                self.show_screen("actieplan"),
                self.actionplan_screen.select_action(plan_id, action_id),
            )
        )
        return screen

    def _build_actionplan(self) -> QWidget:
        from companion.ui.screens.actionplan.screen import ActionPlanScreen

        return ActionPlanScreen(self.context, self.runner, self.open_document)

    def _build_updates(self) -> QWidget:
        from companion.ui.screens.updates.wiring import build_updates_screen

        return build_updates_screen(self)

    @property
    def search_screen(self) -> SearchScreen:
        return self.screen("zoeken")  # type: ignore[return-value]

    @property
    def checklist_screen(self) -> ChecklistScreen:
        return self.screen("waar-begin-je")  # type: ignore[return-value]

    @property
    def actionplan_screen(self) -> ActionPlanScreen:
        return self.screen("actieplan")  # type: ignore[return-value]

    @property
    def updates_screen(self) -> UpdatesScreen:
        return self.screen("updates")  # type: ignore[return-value]

    @property
    def engine(self) -> EngineClient:
        """The PDF engine's worker processes (the window itself never runs MuPDF)."""
        if self._engine is None:
            from companion.ui.viewer.engine_client import EngineClient

            self._engine = EngineClient(self)
        return self._engine

    @property
    def viewer(self) -> ViewerScreen:
        """The document viewer, built when the first document is opened."""
        if self._viewer is None:
            from companion.pdf.forms import FormValues
            from companion.ui.viewer import ViewerScreen
            from companion.ui.viewer.window_glue import page_boxes_from, speaker_notes_from

            viewer = ViewerScreen(
                self.runner,
                engine=self.engine,
                page_boxes=page_boxes_from(self.context.library),
                speaker_notes=speaker_notes_from(self.context.library),
                library=self.context.library,
                forms=FormValues(self.context.user),
                settings=self.context.user,
            )
            viewer.back_requested.connect(lambda: self.show_screen(self._previous_screen))
            viewer.page_changed.connect(self._remember_page)
            self.stack.addWidget(viewer)
            for placeholder, action in (
                (self._present_placeholder, viewer.present_action),
                (self._save_placeholder, viewer.save_filled_action),
                (self._print_placeholder, viewer.print_action),
            ):
                menu = placeholder.parent()
                if isinstance(menu, QMenu):
                    menu.insertAction(placeholder, action)
                    menu.removeAction(placeholder)
            self._viewer = viewer
        return self._viewer

    def _build_menus(self) -> None:
        """Menus; other parts add their actions to ``file_menu``, ``view_menu``, ``help_menu``."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        live(self.file_menu, "setTitle", lambda: self.tr("&Bestand"))
        live(self.view_menu, "setTitle", lambda: self.tr("Beel&d"))
        live(self.help_menu, "setTitle", lambda: self.tr("&Help"))
        self.quit_action = QAction(self)
        live(self.quit_action, "setText", lambda: self.tr("Afsluiten"))
        self.quit_action.setShortcuts(quit_keys())
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.file_menu.insertAction(self.quit_action, self._open_pdf_action())
        search = QAction(self)
        live(search, "setText", lambda: self.tr("Zoeken in de kit"))
        search.setShortcut(QKeySequence("Ctrl+K"))
        search.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the QShortcut handles it
        search.triggered.connect(self.focus_search)
        self.view_menu.addAction(search)
        # The viewer's own actions replace these when it is built; until then
        # no document is open, so they are shown but cannot be used.
        self._present_placeholder = self._disabled_action(
            self.view_menu, lambda: self.tr("Presenteren"), "F5"
        )
        self._save_placeholder = self._disabled_action(
            self.file_menu, lambda: self.tr("Opslaan als ingevulde PDF…"), "Ctrl+S"
        )
        self._print_placeholder = self._disabled_action(
            self.file_menu, lambda: self.tr("Afdrukken…"), "Ctrl+P"
        )
        for label, slot in (
            (
                lambda: self.tr("Actieplan importeren…"),
                lambda: self.actionplan_screen.import_plan(),
            ),
            (
                lambda: self.tr("Actieplan exporteren als PDF…"),
                lambda: self.actionplan_screen.ask_export("pdf", group_by="status"),
            ),
            (lambda: self.tr("Actieplan afdrukken…"), lambda: self.actionplan_screen.print_plan()),
        ):
            plan_action = QAction(self)
            live(plan_action, "setText", label)
            plan_action.triggered.connect(
                lambda _checked=False, s=slot: (self.show_screen("actieplan"), s())
            )
            self.file_menu.insertAction(self.quit_action, plan_action)
        from companion.ui.screens.updates.wiring import add_update_menu

        add_update_menu(self)
        from companion.ui.help.menu import add_help_menu

        add_help_menu(self)

    def _open_pdf_action(self) -> QAction:
        """Bestand > PDF openen… (Ctrl+Shift+O).

        Made here rather than by the viewer: importing the viewer (and the PDF
        engine behind it) only when a document is opened keeps it out of the start.
        """
        action = QAction(self)
        live(action, "setText", lambda: self.tr("PDF openen…"))
        action.setShortcut(QKeySequence(OPEN_PDF_KEYS))
        action.triggered.connect(lambda _checked=False: self.ask_open_pdf())
        return action

    def _disabled_action(self, menu: QMenu, label: Callable[[], str], keys: str) -> QAction:
        action = QAction(menu)
        live(action, "setText", label)
        action.setShortcut(QKeySequence(keys))
        action.setEnabled(False)
        if menu is self.file_menu:
            menu.insertAction(self.quit_action, action)
        else:
            menu.addAction(action)
        return action

    # -- screens ---------------------------------------------------------------

    def add_screen(
        self, key: str, title: Callable[[], str] | str, screen: QWidget | Callable[[], QWidget]
    ) -> None:
        """Add a screen to the list on the left; Ctrl+<number> jumps to it.

        ``title`` is a function that makes the name in the current language
        (``lambda: self.tr("…")``); ``screen`` is a widget, or a function that
        builds it when first needed.
        """
        if not callable(title):
            title = (lambda text: lambda: text)(title)
        self._screen_keys.append(key)
        if isinstance(screen, QWidget):
            self._install_screen(key, screen)
        else:
            self._factories[key] = screen
            self._built_by[key] = screen
        number = len(self._screen_keys)
        item = QListWidgetItem()
        live(item, "setText", title)
        live(item, "setData", title, Qt.ItemDataRole.AccessibleTextRole)
        live(
            item,
            "setToolTip",
            lambda: self.tr("{screen} (Ctrl+{number})").format(screen=title(), number=number),
        )
        self.nav.addItem(item)
        self._fit_nav()
        QShortcut(QKeySequence(f"Ctrl+{number}"), self).activated.connect(
            lambda k=key: self.show_screen(k)
        )

    @property
    def first_run(self) -> FirstRunPanel:
        """The panel shown while the kit is put in place (first start, a rebuild)."""
        if self._first_run is None:
            from companion.ui.screens.first_run import FirstRunPanel

            self._first_run = FirstRunPanel()
            self._first_run.retry_requested.connect(self.start)
            self.stack.addWidget(self._first_run)
        return self._first_run

    def _showing_first_run(self) -> bool:
        return self._first_run is not None and self.stack.currentWidget() is self._first_run

    def _install_screen(self, key: str, widget: QWidget) -> None:
        self._screens[key] = widget
        self.stack.addWidget(widget)
        reload = getattr(widget, "reload", None)
        if callable(reload):
            self.kit_changed.connect(reload)
        if self.data_folder is not None:
            self.data_folder.screen_added(key, widget)

    def user_data_replaced(self) -> None:
        """A backup was put back: screens with a person's own data are built anew."""
        from companion.ui.datafolder.guard import USER_DATA_SCREENS

        apply_appearance(load_appearance(self.context.user))
        showing = self.current_screen_key()
        for key in USER_DATA_SCREENS:
            widget = self._screens.pop(key, None)
            if widget is not None:
                self.stack.removeWidget(widget)
                widget.deleteLater()
                self._factories[key] = self._built_by[key]
        if "updates" in self._screens:
            self.updates_screen.reload()
        self.show_screen(showing if showing in self._screen_keys else "bibliotheek")

    def screen(self, key: str) -> QWidget:
        """The screen for ``key``, built now if it was not yet."""
        if key not in self._screens:
            self._install_screen(key, self._factories.pop(key)())
        return self._screens[key]

    def nav_item(self, key: str) -> QListWidgetItem:
        return self.nav.item(self._screen_keys.index(key))

    def current_screen_key(self) -> str | None:
        widget = self.stack.currentWidget()
        for key, screen in self._screens.items():
            if screen is widget:
                return key
        return "document" if widget is not None and widget is self._viewer else None

    def show_screen(self, key: str) -> None:
        if self._showing_first_run():
            return  # nothing to show until the kit is in place
        self.nav.setCurrentRow(self._screen_keys.index(key))
        self._nav_changed(self.nav.currentRow())  # also when the row was already current

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self._screen_keys):
            key = self._screen_keys[row]
            self._previous_screen = key
            self.stack.setCurrentWidget(self.screen(key))

    def focus_search(self) -> None:
        self.show_screen("zoeken")
        self.search_screen.focus_box()

    def find(self) -> None:
        """Ctrl+F: find in the document on screen; anywhere else, search the kit."""
        viewer = self._viewer
        if viewer is not None and self.stack.currentWidget() is viewer and viewer.has_document:
            viewer.start_find()
        else:
            self.focus_search()

    # -- documents -------------------------------------------------------------

    def open_document(self, doc_id: str, page: int | None = None, terms: tuple = ()) -> bool:
        """Show a kit document, at ``page`` or where the person left it last time."""
        info = self.context.library.document(doc_id)
        # Opened again (just closed, or still open): the bytes the viewer has, not read again.
        data = self._viewer.known_bytes(info.sha256) if info and self._viewer else None
        if info is not None and data is None:
            data = self.context.library.pdf_bytes(doc_id)
        if info is None or data is None:
            self.banner.show_message(lambda: self.tr("Dit document staat niet (meer) in de kit."))
            return False
        start = page or self.context.user.last_page(doc_id) or 1
        # The first page is asked for before the screens switch: the switch runs while a
        # worker draws the page.
        shown = self.viewer.show_document(
            doc_id, info.title, data, start, tuple(terms), content_id=info.sha256
        )
        self.nav.clearSelection()
        self.stack.setCurrentWidget(self.viewer)
        self.viewer.focus_pages()
        if shown:  # marked read once the page is on screen: a disk write must not delay it
            revision = info.revision
            self.viewer.after_first_page(lambda: self._mark_opened(doc_id, revision))
        return shown

    def _mark_opened(self, doc_id: str, revision: int) -> None:
        """The document was read (its "nieuw" mark goes); a disk that cannot take it says so."""
        try:
            self.context.user.mark_opened(doc_id, revision)
        except StoreError as exc:  # the document stays open; only the mark is not kept
            log_failure(log, "cannot mark the document as opened", exc)
            self.banner.show_message(Text(NOT_MARKED_OPENED, reason=exc.message))

    def _prepare_viewer(self) -> None:
        if self.isVisible() and self._viewer is None and not self._closed:
            _ = self.viewer  # built now, painted once unseen in the next pass (see warm_up)
            QTimer.singleShot(0, self, lambda: self._closed or self.viewer.warm_up())
        from companion.pdf.engine.memory import drop_source_lines  # loads ctypes: not before

        drop_source_lines()  # what PySide6 read of the modules imported so far (6 MB)

    def ask_open_pdf(self) -> bool:
        """Bestand > PDF openen…: choose a PDF on disk and show it in the viewer."""
        from companion.ui.viewer.window_glue import ask_pdf_path

        path = ask_pdf_path(self)
        return path is not None and self.open_pdf_file(path)

    def open_pdf_file(self, path, page: int = 1) -> bool:
        """Show a PDF from disk (not added to the kit), e.g. a facilitator's own slides."""
        self.nav.clearSelection()
        self.stack.setCurrentWidget(self.viewer)
        return self.viewer.show_file(path, page)

    def _kit_changed_under_viewer(self) -> None:
        """A kit install: the open document follows (reloaded, or closed when removed)."""
        if self._viewer is None:
            return
        from companion.ui.viewer.window_glue import follow_kit_update

        outcome = follow_kit_update(self._viewer, self.context.library, self.banner)
        if outcome == "removed" and self.stack.currentWidget() is self._viewer:
            self.show_screen(self._previous_screen)

    def _remember_page(self, doc_id: str, page: int) -> None:
        if doc_id:
            self.context.user.set_last_page(doc_id, page)

    # -- start and the first import --------------------------------------------

    def start(self) -> None:
        """Open at once when a kit is installed; otherwise put the bundled kit in place."""
        needs_import = self.context.needs_bundled_kit()
        installed = self.context.library.installed()
        if installed is not None:
            self._kit_ready()
        if needs_import:
            self.install_kit()
        # Looking for a newer kit waits until the window is in use: it is
        # background work and must not slow down the start.
        self._update_timer.start(self.update_check_delay_ms)
        # The rest waits for the first paint: on two cores, worker processes
        # and a worker thread reading the whole kit store would take turns with
        # the window that is still being drawn. On a first start the engine also waits
        # for the kit (no document can be opened before it is in place): until then
        # the import's extraction workers have every core (_import_done starts it).
        self._engine_waits_for_kit = installed is None and needs_import
        if self.data_folder is not None:
            self.data_folder.expect_check()
        if self._background is None:
            self._background = AfterFirstPaint(self, self._start_background_work)
        elif self._background.done:  # started again (a retry): painted long ago
            self._start_background_work()

    def _start_background_work(self) -> None:
        """Just after the first paint: the backup and the kit check (in a worker thread);
        in the next pass of the event loop the PDF engine's worker processes.

        Each step is short on the GUI thread and the event loop runs between
        them, so the window answers at once. The viewer is built a moment
        later, so the first document opens without waiting for either.
        """
        if self._closed:
            return
        if self.data_folder is not None:
            self.data_folder.after_start()
        QTimer.singleShot(0, self, self._start_engine)

    def _start_engine(self) -> None:
        if self._closed:
            return
        if not self._engine_waits_for_kit:
            self.engine.start()
        QTimer.singleShot(self.prepare_viewer_ms, self, self._prepare_viewer)

    def install_kit(self) -> None:
        """Put the newest verified kit in place, in a worker (first start, or a rebuild)."""
        if self.context.library.installed() is None:
            self.nav.setEnabled(False)
            self.stack.setCurrentWidget(self.first_run)
        self.import_task = self.runner.start(
            self.context.install_bundled_kit,
            on_success=self._import_done,
            on_error=self._import_failed,
            on_progress=self._import_progress,
        )

    def update_check_pending(self) -> bool:
        return self._update_timer.isActive() or self._check_when_kit_ready

    def _check_for_update(self) -> None:
        """Look for a newer kit, once the kit itself is in place."""
        if not self.isVisible():
            return  # closed meanwhile
        if self.import_task is not None:
            self._check_when_kit_ready = True  # _import_done comes back here
            return
        self._check_when_kit_ready = False
        self.updates_screen.check_at_start()

    def _import_progress(self, progress) -> None:
        if self._showing_first_run():
            self.first_run.show_progress(progress)
        else:
            self.statusBar().showMessage(progress.stage)

    def _import_done(self, result: ImportResult) -> None:
        self.import_task = None
        if self._engine_waits_for_kit:
            # A first start: the engine's workers start once the Library is
            # painted, not beside its first paint (nothing can be opened before).
            AfterFirstPaint(self.library_screen.tree.viewport(), self._start_engine_after_kit)
        else:
            QTimer.singleShot(0, self.engine.start)  # started already
        self.statusBar().showMessage(
            self.tr("Kit versie {version} staat klaar.").format(version=result.version), 8000
        )
        self._kit_ready()
        if self._check_when_kit_ready:
            # After the Library's paint: building the Updates screen (and loading
            # its network code) took ~0.1 s of the GUI thread at the end of a first
            # run, between the last file and the Library the person waits for.
            AfterFirstPaint(self.library_screen.tree.viewport(), self._check_for_update)
        self.offer_tour_once()

    def _start_engine_after_kit(self) -> None:
        if not self._closed:
            self.engine.start()

    def _import_failed(self, error: Exception) -> None:
        self.import_task = None
        QTimer.singleShot(0, self.engine.start)  # started already, unless this was a first start
        message = (
            (lambda: ui_text(error))
            if isinstance(error, CompanionError)
            else (lambda: self.tr("Er ging iets mis bij het klaarzetten van de kit."))
        )
        if self.context.library.installed() is None:
            self.first_run.show_error(message)
        else:
            self.banner.show_message(message)

    def _kit_ready(self) -> None:
        self.nav.setEnabled(True)
        self.kit_changed.emit()
        showing_pdf = self._viewer is not None and self.stack.currentWidget() is self._viewer
        if (
            self._showing_first_run()
            or self.stack.currentWidget() is None
            or (self.nav.currentRow() < 0 and not showing_pdf)
        ):
            self.nav.setCurrentRow(0)
            self._nav_changed(0)  # also when row 0 was current already (a rebuilt kit)
            QTimer.singleShot(0, self.library_screen.tree.setFocus)

    def _refresh_kit_label(self) -> None:
        from companion.kit.freshness import kit_expired

        installed = self.context.library.installed()
        expired = installed is not None and kit_expired(installed.expires)

        def text() -> str:
            if installed is None:
                return self.tr("Geen kit")
            label = self.tr("{title} · versie {version}").format(
                title=installed.title, version=installed.version
            )
            return label + (self.tr(" · verlopen") if expired else "")

        def tip() -> str:
            if not expired or installed is None:
                return ""
            return self.tr(
                "Deze versie van de kit is verlopen op {date}. Kijk bij Updates of er een "
                "nieuwe is. Lezen kan gewoon."
            ).format(date=installed.expires)

        live(self.kit_label, "setText", text)
        live(self.kit_label, "setToolTip", tip)

    # -- appearance, help and the tour ------------------------------------------

    def _fit_nav(self) -> None:
        """The screen list as wide as its longest name: not wider (large text needs the room)."""
        names = self.nav.sizeHintForColumn(0) if self.nav.count() else px(120)
        frame = 2 * self.nav.frameWidth() + self.nav.contentsMargins().left()
        self.nav.setFixedWidth(names + frame + px(8))

    def _fit_on_screen(self, width: int, height: int) -> None:
        """The wanted size, but never larger than the screen (large text scrolls instead)."""
        self.resize(on_screen(self, width, height))

    def set_appearance(self, appearance: Appearance) -> None:
        """Store and apply language, text size and contrast at once, in place."""
        save_appearance(self.context.user, appearance)
        apply_appearance(appearance)

    def offer_tour_once(self) -> None:
        """After the first import: the tour of the screens, once (when the program offers it)."""
        if not self.offer_tour or self.context.user.setting(TOUR_SEEN_KEY) == "1":
            return
        self.start_tour()

    def start_tour(self) -> Tour:
        """Help > Rondleiding: a small panel that walks through the five screens."""
        from companion.ui.help.tour import Tour

        if self.tour is None:
            self.tour = Tour(self)
            self.tour.finished.connect(lambda: self.context.user.set_setting(TOUR_SEEN_KEY, "1"))
            self.central_layout.addWidget(self.tour)  # beside the screen, never over it
        self.tour.start()
        return self.tour

    def dragEnterEvent(self, event) -> None:
        """Accept a dragged update file (.kitupdate); see updates_glue."""
        from companion.ui.screens.updates.wiring import update_file_from

        if update_file_from(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        from companion.ui.screens.updates.wiring import drop_update_file

        if drop_update_file(self, event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    def closeEvent(self, event) -> None:
        from companion.ui.live import forget_within

        forget_within(self)  # its texts are not needed again
        self._closed = True  # background work that did not start yet never does
        if self.data_folder is not None:
            self.data_folder.drop_expected_check()
        self._update_timer.stop()
        if self._viewer is not None:
            self._viewer.shutdown()
        if self._engine is not None:
            self._engine.close()  # workers stop, shared memory is given back
        # Cancel background work (network reads end at once, see sync/portal.py)
        # and wait briefly: the program must end within two seconds.
        self.runner.shutdown(CLOSE_WAIT_MS)
        super().closeEvent(event)
