"""Updates: which kit is installed, what a new version changes, and installing it.

All the work (HTTP, zip, SQLite) is in ``companion.sync``; this screen only
starts it in a worker through the TaskRunner and shows progress and results.
Messages stay on the screen (and in the status bar), never in a popup, so a
check at start never gets in the way. File choosers are attributes
(``choose_import_file`` / ``choose_export_file``) so tests can replace them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.context import AppContext
from companion.errors import CompanionError
from companion.kit.freshness import kit_expired
from companion.kit.importer import Progress
from companion.sync.portal import DEFAULT_TIMEOUT
from companion.sync.preview import CHANGED, NEW, REMOVED, UpdatePreview
from companion.sync.service import (
    NOT_CONFIGURED_MESSAGE,
    OFFLINE_MESSAGE,
    CheckResult,
    InstallOutcome,
    SyncService,
    export_update_file,
    import_update_file,
    online_for,
)
from companion.sync.settings import load_sync_settings
from companion.sync.updatefile import UPDATE_SUFFIX, UpdateFileInfo
from companion.ui.appearance import px, theme
from companion.ui.live import follow, live
from companion.ui.texts import ui_text
from companion.ui.widgets.common import group_box, say, screen_heading, scroll_body, show_progress
from companion.ui.workers import Task, TaskRunner

FileChooser = Callable[[], Path | None]


def size_text(size: int) -> str:
    """Bytes as people read them: '1,2 MB' in Dutch, '1.2 MB' in English, '850 kB'."""
    if size >= 1_000_000:
        return f"{QLocale().toString(size / 1_000_000, 'f', 1)} MB"
    return f"{max(1, round(size / 1000))} kB" if size else "0 kB"


def progress_detail(progress: Progress) -> str:
    if not progress.total_files:
        return ""
    return QCoreApplication.translate(
        "UpdatesScreen", "{done} van {total} bestanden · {done_size} van {total_size}"
    ).format(
        done=progress.done_files,
        total=progress.total_files,
        done_size=size_text(progress.done_bytes),
        total_size=size_text(progress.total_bytes),
    )


def preview_html(preview: UpdatePreview) -> str:
    """What a new version changes, in the words of the Updates screen."""
    muted = theme().muted
    heading = QCoreApplication.translate(
        "UpdatesScreen", "Versie {version} (gepubliceerd {date})"
    ).format(version=preview.new_version, date=preview.published)
    parts = [f"<h3>{html.escape(heading)}</h3>"]
    if preview.changes_text.strip():
        parts.append(f"<p>{html.escape(preview.changes_text)}</p>")
    labels = (
        (NEW, QCoreApplication.translate("UpdatesScreen", "Nieuw ({count})")),
        (CHANGED, QCoreApplication.translate("UpdatesScreen", "Gewijzigd ({count})")),
        (REMOVED, QCoreApplication.translate("UpdatesScreen", "Verwijderd ({count})")),
    )
    for change, label in labels:
        docs = preview.of(change)
        if docs:
            items = "".join(f"<li>{html.escape(d.title)}</li>" for d in docs)
            title = html.escape(label.format(count=len(docs)))
            parts.append(f"<p><b>{title}</b></p><ul>{items}</ul>")
    if not preview.documents:
        words = QCoreApplication.translate(
            "UpdatesScreen", "Geen documenten erbij of eraf; wel andere informatie in de kit."
        )
        parts.append(f"<p>{html.escape(words)}</p>")
    if preview.download_files:
        if preview.download_files == 1:
            words = QCoreApplication.translate("UpdatesScreen", "Te downloaden: 1 bestand, {size}.")
        else:
            words = QCoreApplication.translate(
                "UpdatesScreen", "Te downloaden: {count} bestanden, {size}."
            )
        words = words.format(count=preview.download_files, size=size_text(preview.download_bytes))
        parts.append(f"<p style='color:{muted}'>{html.escape(words)}</p>")
    return "".join(parts)


class UpdatesScreen(QWidget):
    update_found = Signal(object)  # CheckResult with an update
    kit_updated = Signal(object)  # InstallOutcome that changed the kit
    status_message = Signal(str)  # a short line for the status bar
    settings_requested = Signal()

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.timeout = DEFAULT_TIMEOUT
        self.check_result: CheckResult | None = None
        self._check_url = ""
        self.task: Task | None = None
        self.choose_import_file: FileChooser = self._ask_import_path
        self.choose_export_file: FileChooser = self._ask_export_path
        self._said_offline = False
        # Set by the main window: True while another job writes the kit (first import).
        self.kit_busy: Callable[[], bool] = lambda: False

        title, intro = screen_heading(
            lambda: self.tr("Updates"),
            lambda: self.tr(
                "Haal een nieuwe versie van de kit op: van de portal als er internet is, of met "
                "een updatebestand (bijvoorbeeld van een USB-stick). Je eigen vinkjes, notities "
                "en plannen blijven altijd bewaard."
            ),
        )

        # -- installed --
        self.installed_label = QLabel()
        self.installed_label.setWordWrap(True)
        self.installed_label.setTextFormat(Qt.TextFormat.RichText)  # kit texts are escaped
        installed_box = QGroupBox()
        live(installed_box, "setTitle", lambda: self.tr("Op deze computer"))
        QVBoxLayout(installed_box).addWidget(self.installed_label)

        # -- portal --
        self.portal_label = QLabel()
        self.portal_label.setWordWrap(True)
        self.portal_label.setTextFormat(Qt.TextFormat.PlainText)  # an address someone typed
        self.check_button = QPushButton()
        live(self.check_button, "setText", lambda: self.tr("Nu zoeken naar een nieuwe versie"))
        live(
            self.check_button,
            "setAccessibleName",
            lambda: self.tr("Nu zoeken naar een nieuwe versie van de kit"),
        )
        self.check_button.clicked.connect(lambda: self.check_now())
        self.settings_button = QPushButton()
        live(self.settings_button, "setText", lambda: self.tr("Instellingen…"))
        live(
            self.settings_button, "setAccessibleName", lambda: self.tr("Instellingen voor updates")
        )
        self.settings_button.clicked.connect(self.settings_requested)
        portal_box = group_box(
            lambda: self.tr("Via internet (portal)"),
            self.portal_label,
            buttons=(self.check_button, self.settings_button),
        )

        # -- status, what is new, progress --
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # file names, portal messages
        live(self.status, "setAccessibleName", lambda: self.tr("Uitkomst"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = QTextBrowser()
        live(
            self.preview,
            "setAccessibleName",
            lambda: self.tr("Wat er verandert in de nieuwe versie"),
        )
        live(self.preview, "setMinimumHeight", lambda: px(180))
        self.install_button = QPushButton()
        live(self.install_button, "setText", lambda: self.tr("Installeren"))
        live(self.install_button, "setAccessibleName", lambda: self.tr("Nieuwe versie installeren"))
        self.install_button.clicked.connect(self.install)
        self.preview_box = QGroupBox()
        live(self.preview_box, "setTitle", lambda: self.tr("Nieuwe versie"))
        preview_layout = QVBoxLayout(self.preview_box)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.install_button, 0, Qt.AlignmentFlag.AlignRight)
        self.preview_box.hide()

        self.stage = QLabel()
        self.stage.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        live(self.bar, "setAccessibleName", lambda: self.tr("Voortgang"))
        self.bar.setTextVisible(False)
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.cancel_button = QPushButton()
        live(self.cancel_button, "setText", lambda: self.tr("Stoppen"))
        live(self.cancel_button, "setAccessibleName", lambda: self.tr("Stoppen met bijwerken"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_box = QFrame()
        progress_layout = QVBoxLayout(self.progress_box)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.bar, 1)
        bar_row.addWidget(self.cancel_button)
        progress_layout.addWidget(self.stage)
        progress_layout.addLayout(bar_row)
        progress_layout.addWidget(self.detail)
        self.progress_box.hide()

        # -- update files --
        file_explain = QLabel()
        live(
            file_explain,
            "setText",
            lambda: self.tr(
                "Heeft deze computer geen internet? Zet op een computer met internet de kit in "
                "een updatebestand ({suffix}), neem het mee op een USB-stick en open het "
                "hier. Je kunt het bestand ook op dit venster slepen."
            ).format(suffix=UPDATE_SUFFIX),
        )
        file_explain.setWordWrap(True)
        self.import_button = QPushButton()
        live(self.import_button, "setText", lambda: self.tr("Updatebestand openen…"))
        live(
            self.import_button,
            "setAccessibleName",
            lambda: self.tr("Updatebestand openen en installeren"),
        )
        self.import_button.clicked.connect(self.ask_import_file)
        self.export_button = QPushButton()
        live(self.export_button, "setText", lambda: self.tr("Updatebestand maken…"))
        live(
            self.export_button,
            "setAccessibleName",
            lambda: self.tr("De kit van deze computer opslaan als updatebestand"),
        )
        self.export_button.clicked.connect(self.ask_export_file)
        file_box = group_box(
            lambda: self.tr("Zonder internet (updatebestand)"),
            file_explain,
            buttons=(self.import_button, self.export_button),
        )

        layout = scroll_body(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(installed_box)
        layout.addWidget(portal_box)
        layout.addWidget(self.status)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.preview_box, 1)
        layout.addWidget(file_box)
        layout.addStretch(1)
        self._layout = layout
        self.reload()
        follow(self, self._retranslate)

    # -- what is shown ------------------------------------------------------------

    def portal_url(self) -> str:
        return load_sync_settings(self.context.user).portal_url

    def reload(self) -> None:
        """Installed version and portal address (after an update or new settings)."""
        installed = self.context.library.installed()
        changes = self.context.library.last_changes() if installed is not None else []
        live(self.installed_label, "setText", lambda: self._installed_text(installed, changes))
        url = self.portal_url()
        live(
            self.portal_label,
            "setText",
            lambda: (
                self.tr("Portal: {url}").format(url=url) if url else ui_text(NOT_CONFIGURED_MESSAGE)
            ),
        )
        if self.check_result is not None and installed is not None:
            preview = self.check_result.preview
            if preview is not None and preview.new_version <= installed.version:
                self.check_result = None
                self._show_preview(False)
        self._set_busy(self.task is not None)

    def _installed_text(self, installed, changes) -> str:
        if installed is None:
            return self.tr("Er is nog geen kit geïnstalleerd.")
        lines = [
            self.tr("<b>{title}</b>, versie {version} (gepubliceerd {date})").format(
                title=html.escape(installed.title),
                version=installed.version,
                date=html.escape(installed.published),
            )
        ]
        if installed.previous_version is not None:
            lines.append(
                self.tr("Bijgewerkt van versie {version}: {changes}").format(
                    version=installed.previous_version, changes=html.escape(installed.changes)
                )
            )
            labels = (
                (NEW, self.tr("{count} nieuw")),
                (CHANGED, self.tr("{count} gewijzigd")),
                (REMOVED, self.tr("{count} weg")),
            )
            summary = ", ".join(
                label.format(count=count)
                for kind, label in labels
                if (count := sum(1 for c in changes if c[2] == kind))
            )
            if summary:
                lines.append(
                    self.tr("Documenten: {summary}. In de Bibliotheek staat wat nieuw is.").format(
                        summary=summary
                    )
                )
        if kit_expired(installed.expires):
            lines.append(
                self.tr(
                    "Deze versie is verlopen op {date}: er is waarschijnlijk een nieuwere. "
                    "Zoek hieronder naar een nieuwe versie of vraag om een updatebestand. "
                    "Lezen kan gewoon."
                ).format(date=html.escape(installed.expires))
            )
        return "<br>".join(lines)

    def _retranslate(self) -> None:
        if self.check_result is not None and self.check_result.preview is not None:
            self.preview.setHtml(preview_html(self.check_result.preview))

    def _show_preview(self, visible: bool) -> None:
        """The preview takes the free height; without it the boxes stay at the top."""
        self.preview_box.setVisible(visible)
        self._layout.setStretch(self._layout.count() - 1, 0 if visible else 1)

    def _set_busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        # In a read-only data folder nothing can be installed.
        for button in (self.install_button, self.import_button):
            button.setEnabled(not busy and not self.context.read_only)
        self.export_button.setEnabled(not busy and self.context.library.installed() is not None)
        self.progress_box.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def _say(self, text, *, error: bool = False) -> None:
        """Show the outcome; ``text`` is a function making the words, or a service sentence."""
        self.status.setObjectName("errorText" if error else "")
        self.status.style().unpolish(self.status)  # re-apply the style for the new name
        self.status.style().polish(self.status)
        make = text if callable(text) else (lambda: ui_text(text))
        say(self.status, make)
        self.status.show()
        # The status bar has room for one line; a report of bad files has one per file.
        self.status_message.emit(make().split("\n", 1)[0])

    def _show_progress(self, progress: Progress) -> None:
        live(self.stage, "setText", lambda: ui_text(progress.stage))
        show_progress(self.bar, progress)
        live(self.detail, "setText", lambda: progress_detail(progress))

    # -- running work ---------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def _start(self, work, on_success, *, quiet: bool = False, writes: bool = False) -> bool:
        if self.task is not None or (writes and self.kit_busy()):
            self._say(lambda: self.tr("Even geduld: het programma is nog bezig met de kit."))
            return False
        self._set_busy(True)
        live(self.stage, "setText", lambda: self.tr("Bezig…"))
        self.bar.setRange(0, 0)
        self.detail.clear()

        def failed(error: Exception) -> None:
            self._finish()
            if isinstance(error, CompanionError):
                message = error.message
            else:
                message = lambda: self.tr("Er ging iets mis. Er is niets veranderd.")  # noqa: E731
            self._say(message, error=not quiet)

        def succeeded(result) -> None:
            self._finish()
            on_success(result)

        self.task = self.runner.start(
            work, on_success=succeeded, on_error=failed, on_progress=self._show_progress
        )
        return True

    def _finish(self) -> None:
        self.task = None
        self._set_busy(False)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            live(self.stage, "setText", lambda: self.tr("Stoppen…"))

    def _service(self, url: str) -> SyncService:
        return SyncService(
            self.context.paths.kit_store,
            self.context.paths.cache_dir,
            url,
            trusted_keys=self.context.trusted_keys,
            timeout=self.timeout,
        )

    # -- portal ---------------------------------------------------------------------

    def check_at_start(self) -> None:
        """At start: look quietly when allowed and online; say 'offline' once."""
        settings = load_sync_settings(self.context.user)
        if not settings.portal_url or not settings.check_at_start:
            return
        if not online_for(settings.portal_url):
            if not self._said_offline:
                self._said_offline = True
                self._say(OFFLINE_MESSAGE)
            return
        self.check_now(quiet=True)

    def check_now(self, quiet: bool = False) -> bool:
        url = self.portal_url()
        if not url:
            self._say(
                lambda: self.tr("Stel eerst het adres van de portal in met de knop Instellingen.")
            )
            return False
        if not online_for(url):
            self._say(OFFLINE_MESSAGE)
            return False
        if not quiet:
            self._say(lambda: self.tr("Zoeken naar een nieuwe versie…"))
        self._check_url = url
        return self._start(
            lambda report, cancelled: self._service(url).check(cancelled),
            self._checked,
            quiet=quiet,
        )

    def _checked(self, result: CheckResult) -> None:
        self.check_result = result
        self._say(result.message)
        if result.has_update and result.preview is not None:
            self.preview.setHtml(preview_html(result.preview))
            self._show_preview(True)
            self.update_found.emit(result)
        else:
            self._show_preview(False)

    def install(self) -> bool:
        check = self.check_result
        if check is None or not check.has_update:
            return False
        url = self._check_url  # the files come from where the check found the kit
        self._say(lambda: self.tr("De nieuwe versie wordt geïnstalleerd…"))
        return self._start(
            lambda report, cancelled: self._service(url).install(
                check, progress=report, cancelled=cancelled
            ),
            self._installed,
            writes=True,
        )

    def _installed(self, outcome: InstallOutcome) -> None:
        self._say(outcome.message)
        if outcome.changed:
            self.check_result = None
            self._show_preview(False)
            self.kit_updated.emit(outcome)
        self.reload()

    # -- update files ---------------------------------------------------------------

    def ask_import_file(self) -> bool:
        path = self.choose_import_file()
        return self.import_file(path) if path else False

    def import_file(self, path: Path) -> bool:
        """Install the kit in an update file (from the button, the menu or a drop)."""
        self._say(lambda: self.tr("Het updatebestand {name} wordt geopend…").format(name=path.name))
        return self._start(
            lambda report, cancelled: import_update_file(
                self.context.paths.kit_store,
                path,
                trusted_keys=self.context.trusted_keys,
                progress=report,
                cancelled=cancelled,
            ),
            self._installed,
            writes=True,
        )

    def ask_export_file(self) -> bool:
        path = self.choose_export_file()
        return self.export_file(path) if path else False

    def export_file(self, path: Path) -> bool:
        self._say(lambda: self.tr("Het updatebestand wordt gemaakt…"))
        return self._start(
            lambda report, cancelled: export_update_file(self.context.paths.kit_store, path),
            self._exported,
        )

    def _exported(self, info: UpdateFileInfo) -> None:
        self._say(
            lambda: self.tr(
                "Opgeslagen: {path} (versie {version}, {size}). "
                "Zet dit bestand op een USB-stick en open het op de andere computer."
            ).format(path=info.path, version=info.version, size=size_text(info.bytes))
        )

    def _ask_import_path(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Updatebestand openen"),
            "",
            self.tr("Updatebestand (*{suffix})").format(suffix=UPDATE_SUFFIX),
        )
        return Path(name) if name else None

    def _ask_export_path(self) -> Path | None:
        installed = self.context.library.installed()
        suggestion = f"strategiekit-versie-{installed.version if installed else 0}{UPDATE_SUFFIX}"
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Updatebestand maken"),
            suggestion,
            self.tr("Updatebestand (*{suffix})").format(suffix=UPDATE_SUFFIX),
        )
        return Path(name) if name else None
