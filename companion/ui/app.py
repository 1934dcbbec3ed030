"""Starting the program with a window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from companion.context import AppContext, UserStoreDamagedError, keep_user_store_aside
from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.logs import log_failure, setup_logging
from companion.paths import AppPaths, app_paths, resources_dir
from companion.ui.datafolder.instance import SingleInstance
from companion.ui.error_handler import ErrorHandler
from companion.ui.main_window import AfterFirstPaint, MainWindow
from companion.ui.texts import ui_text

log = logging.getLogger(__name__)


SELFTEST_TIMEOUT_MS = 120_000


def paint_on_one_thread() -> None:
    """Qt's raster engine paints on the GUI thread alone (call before the first paint).

    Otherwise it cuts every fill or picture taller than ~96 rows (a page, the
    reading view's scroll bar, a window background) into strips for a pool of
    threads and waits for them. On two cores that are busy with the PDF
    engine's workers the hand-offs cost more than the painting: the scroll
    bar took 0.7-1.0 ms of the process's CPU that way against 0.16-0.29 ms on
    one thread; a page's picture costs the same either way. Same pixels.
    Qt reads the variable once, when it first needs the pool.
    """
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def run_app(
    data_dir: Path | None = None,
    *,
    selftest: bool = False,
    open_file: Path | None = None,
    page: int = 1,
) -> int:
    """Start the program; with ``selftest``, quit once the kit is ready (exit 0) or not (1).

    ``open_file`` shows that PDF from disk at ``page`` once the window is up.
    """
    paint_on_one_thread()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Strategiekit Companion")
    app.setOrganizationName("strategiekit-companion")
    app.setDesktopFileName("strategiekit")  # the icon follows the first paint (set_window_icon)
    paths = app_paths(data_dir)
    log_path = setup_logging(paths.log_dir)
    errors = ErrorHandler(log_path)
    errors.install()
    log.info("start, data in %s", paths.data_dir)

    instance = SingleInstance(paths)
    if not instance.acquire():
        return _second_start(instance, paths, selftest)
    context = _open_context(paths, selftest)
    if context is None:
        return 1
    window = MainWindow(context)
    window.offer_tour = not selftest  # the tour of the screens after the first import
    errors.parent = window
    if window.data_folder is not None:
        errors.on_damage = window.data_folder.damage_suspected
    AfterFirstPaint(window, lambda: _after_first_paint(window, instance))
    window.show()
    # The kit's rows are in the list before the first paint (no empty frame
    # first); everything slower waits until the window is painted (see start()).
    try:
        window.start()
    except Exception:  # shown and logged as from inside the event loop; the window stays
        errors.handle(*sys.exc_info())  # type: ignore[arg-type]
    if open_file is not None:
        QTimer.singleShot(0, lambda: window.open_pdf_file(open_file, page))
    if selftest:
        _quit_when_ready(app, window, showing_file=open_file is not None)
    code = app.exec()
    busy = window.runner.busy()
    context.close()
    instance.release()
    log.info("stop")
    if busy:
        # Work that did not stop in time (a network read that ignores its
        # socket being shut, a slow disk): end the process anyway. SQLite and
        # the download cache are safe against a kill at any moment.
        log.warning("background work still running at exit; ending the process")
        logging.shutdown()
        os._exit(code)
    return code


def set_window_icon() -> None:
    """The program's icon on its windows (title bar, task bar, dialogs).

    Set just after the Library's first paint, or before a dialog that comes
    first: naming QIcon makes PySide6 build its enums, 151 theme icon names
    among them (~10 ms of the start), and on a desktop the SVG is drawn for
    the window manager. The window shows the system's icon until then.
    """
    from PySide6.QtGui import QIcon

    QApplication.setWindowIcon(QIcon(str(resources_dir() / "icons" / "strategiekit.svg")))


def _after_first_paint(window: MainWindow, instance: SingleInstance) -> None:
    """What the window needs only once it is on screen (kept out of the start)."""
    set_window_icon()
    from companion.pdf.engine.memory import return_large_blocks  # loads ctypes

    return_large_blocks()  # page images come and go by the megabyte (none before this)
    # A second start is answered once the window is drawn (see SingleInstance).
    instance.serve(lambda: _bring_forward(window))
    keep_start_objects()


def keep_start_objects() -> None:
    """Take what the start made out of Python's full garbage collections (``gc.freeze``).

    Why: at the first paint ~35,000 objects are tracked that live as long as
    the program (modules, classes, the window and its screens). The first full
    collection after the start came while the person typed their first search
    (the first searches' allocations trip it) and walked all of them and what
    came after: 36-50 ms of the GUI or the search thread inside that search,
    and in no later one. Frozen objects are never walked again: a full
    collection then walks only what was made since (8-17 ms at the end of a
    session of searches, against 36-50 ms). Nothing is lost: that first full
    collection found no garbage among them. Called once the window is painted,
    so the start itself does no more than before.
    """
    import gc

    gc.freeze()


def _bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def _second_start(instance: SingleInstance, paths: AppPaths, selftest: bool) -> int:
    """Another program has this data folder: bring its window forward, or say so."""
    message = Text(
        QT_TRANSLATE_NOOP(
            "messages",
            "Strategiekit Companion is al open voor de gegevensmap {folder}. "
            "Gebruik dat venster; een tweede keer starten kan niet.",
        ),
        folder=paths.data_dir,
    )
    log.info("second start on %s (lock held by process %s)", paths.data_dir, instance.holder())
    print(message, file=sys.stderr)
    if not selftest and instance.call_first_forward():
        return 0
    if not selftest:
        from PySide6.QtWidgets import QMessageBox

        set_window_icon()
        box = QMessageBox(QMessageBox.Icon.Information, "Strategiekit Companion", ui_text(message))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
    return 1


def _open_context(paths: AppPaths, selftest: bool) -> AppContext | None:
    """The stores; a user store that cannot be read is kept aside and a backup offered."""
    try:
        return AppContext.open(paths)
    except UserStoreDamagedError as exc:
        log_failure(log, "user store cannot be read", exc)
        if selftest:
            print(f"NIET OK: {ui_text(exc)}", file=sys.stderr)
            return None
        try:
            aside = keep_user_store_aside(paths)
            _offer_backup(paths, aside)
            context = AppContext.open(paths)
        except StoreError as again:
            _refuse(again)
            return None
        context.notices.append(
            Text(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Je eigen gegevens konden niet worden gelezen. Het oude bestand is bewaard "
                    "als {name}.",
                ),
                name=aside.name,
            )
        )
        return context
    except StoreError as exc:
        if selftest:
            print(f"NIET OK: {ui_text(exc)}", file=sys.stderr)
        else:
            _refuse(exc)
        return None


def _offer_backup(paths: AppPaths, aside: Path) -> None:
    from companion.store.backups import backup_folder, list_backups, restore_file
    from companion.ui.datafolder.backups_dialog import DamagedUserStoreDialog

    set_window_icon()
    dialog = DamagedUserStoreDialog(aside, list_backups(backup_folder(paths.user_store)))
    dialog.exec()
    chosen = dialog.chosen()
    if chosen is not None:
        restore_file(chosen, paths.user_store)
        log.info("user store restored from %s", chosen)


def _refuse(exc: StoreError) -> None:
    from PySide6.QtWidgets import QMessageBox

    log_failure(log, "cannot open stores", exc)
    set_window_icon()
    box = QMessageBox(QMessageBox.Icon.Critical, "Strategiekit Companion", ui_text(exc))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(exc.detail)
    box.exec()


def _quit_when_ready(app: QApplication, window: MainWindow, *, showing_file: bool) -> None:
    """For --selftest: report the installed kit and that the PDF engine draws pages, then quit.

    The engine check opens the first kit document (or the file given with
    ``open``) and waits until its page is painted: that proves the worker
    processes start from this installation (a frozen build included).
    """
    started = QTimer(window)
    waited = [0]
    stage = ["kit"]

    def fail(line: str) -> None:
        started.stop()
        _say(line, sys.stderr)
        window.close()
        app.exit(1)

    def busy() -> bool:
        """Putting the kit in place, or checking (and maybe rebuilding) the stores."""
        checking = window.data_folder is not None and window.data_folder.checking
        return window.import_task is not None or checking

    def poll() -> None:
        waited[0] += 100
        if waited[0] > SELFTEST_TIMEOUT_MS:
            fail(
                QCoreApplication.translate(
                    "App", "NIET OK: geen antwoord na {seconds} seconden ({stage})."
                ).format(seconds=SELFTEST_TIMEOUT_MS // 1000, stage=stage[0])
            )
            return
        if stage[0] == "kit":
            if busy():
                return
            installed = window.context.library.installed()
            if installed is None:
                fail(QCoreApplication.translate("App", "NIET OK: de kit staat niet klaar."))
                return
            documents = window.context.library.documents()
            line = QCoreApplication.translate(
                "App", "OK: {title}, versie {version}, {count} documenten."
            ).format(title=installed.title, version=installed.version, count=len(documents))
            _say(line, sys.stdout)
            if not showing_file and documents:
                window.open_document(documents[0].id, page=1)
            stage[0] = "engine"
            return
        viewer = window._viewer
        if viewer is None:
            return
        if viewer.failure is not None:
            fail(
                QCoreApplication.translate("App", "NIET OK: {message}").format(
                    message=viewer.message.text()
                )
            )
            return
        if viewer.page_count and viewer.canvas.is_rendered(viewer.page - 1):
            started.stop()
            line = QCoreApplication.translate(
                "App", "OK: de PDF-motor tekent: {title}, pagina {page} van {count}."
            ).format(title=viewer.document_title, page=viewer.page, count=viewer.page_count)
            _say(line, sys.stdout)
            window.close()
            app.exit(0)

    started.timeout.connect(poll)
    started.start(100)


def _say(line: str, stream) -> None:
    """Print when there is a console (a Windows GUI build has none), and log it."""
    log.info(line)
    if stream is not None:
        print(line, file=stream)
