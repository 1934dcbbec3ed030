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

from PySide6.QtCore import Qt, Signal
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

from ..context import AppContext
from ..errors import CompanionError
from ..importer import Progress
from ..sync.portal import DEFAULT_TIMEOUT
from ..sync.preview import CHANGED, NEW, REMOVED, UpdatePreview
from ..sync.service import (
    NOT_CONFIGURED_MESSAGE,
    OFFLINE_MESSAGE,
    CheckResult,
    InstallOutcome,
    SyncService,
    export_update_file,
    import_update_file,
    online_for,
)
from ..sync.settings import load_sync_settings
from ..sync.updatefile import UPDATE_SUFFIX, UpdateFileInfo
from .common import group_box, show_progress
from .workers import Task, TaskRunner

FileChooser = Callable[[], Path | None]


def size_text(size: int) -> str:
    """Bytes as people read them, Dutch style: '1,2 MB', '850 kB'."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB" if size else "0 kB"


def progress_detail(progress: Progress) -> str:
    if not progress.total_files:
        return ""
    return (
        f"{progress.done_files} van {progress.total_files} bestanden · "
        f"{size_text(progress.done_bytes)} van {size_text(progress.total_bytes)}"
    )


def preview_html(preview: UpdatePreview) -> str:
    """What a new version changes, in the words of the Updates screen."""
    parts = [
        f"<h3>Versie {preview.new_version} <span style='font-weight:normal;color:#555'>"
        f"(gepubliceerd {html.escape(preview.published)})</span></h3>"
    ]
    if preview.changes_text.strip():
        parts.append(f"<p>{html.escape(preview.changes_text)}</p>")
    for change, label in ((NEW, "Nieuw"), (CHANGED, "Gewijzigd"), (REMOVED, "Verwijderd")):
        docs = preview.of(change)
        if docs:
            items = "".join(f"<li>{html.escape(d.title)}</li>" for d in docs)
            parts.append(f"<p><b>{label} ({len(docs)})</b></p><ul>{items}</ul>")
    if not preview.documents:
        parts.append("<p>Geen documenten erbij of eraf; wel andere informatie in de kit.</p>")
    if preview.download_files:
        parts.append(
            f"<p style='color:#555'>Te downloaden: {preview.download_files} "
            f"{'bestand' if preview.download_files == 1 else 'bestanden'}, "
            f"{size_text(preview.download_bytes)}.</p>"
        )
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

        title = QLabel("Updates")
        title.setObjectName("screenTitle")
        intro = QLabel(
            "Haal een nieuwe versie van de kit op: van de portal als er internet is, of met "
            "een updatebestand (bijvoorbeeld van een USB-stick). Uw eigen vinkjes, notities "
            "en plannen blijven altijd bewaard."
        )
        intro.setWordWrap(True)

        # -- installed --
        self.installed_label = QLabel()
        self.installed_label.setWordWrap(True)
        self.installed_label.setTextFormat(Qt.TextFormat.RichText)
        installed_box = QGroupBox("Op deze computer")
        QVBoxLayout(installed_box).addWidget(self.installed_label)

        # -- portal --
        self.portal_label = QLabel()
        self.portal_label.setWordWrap(True)
        self.check_button = QPushButton("Nu zoeken naar een nieuwe versie")
        self.check_button.setAccessibleName("Nu zoeken naar een nieuwe versie van de kit")
        self.check_button.clicked.connect(lambda: self.check_now())
        self.settings_button = QPushButton("Instellingen…")
        self.settings_button.setAccessibleName("Instellingen voor updates")
        self.settings_button.clicked.connect(self.settings_requested)
        portal_box = group_box(
            "Via internet (portal)",
            self.portal_label,
            buttons=(self.check_button, self.settings_button),
        )

        # -- status, what is new, progress --
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Uitkomst")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Wat er verandert in de nieuwe versie")
        self.preview.setMinimumHeight(180)
        self.install_button = QPushButton("Installeren")
        self.install_button.setAccessibleName("Nieuwe versie installeren")
        self.install_button.clicked.connect(self.install)
        self.preview_box = QGroupBox("Nieuwe versie")
        preview_layout = QVBoxLayout(self.preview_box)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.install_button, 0, Qt.AlignmentFlag.AlignRight)
        self.preview_box.hide()

        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setAccessibleName("Voortgang")
        self.bar.setTextVisible(False)
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.cancel_button = QPushButton("Stoppen")
        self.cancel_button.setAccessibleName("Stoppen met bijwerken")
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
        file_explain = QLabel(
            "Heeft deze computer geen internet? Zet op een computer met internet de kit in "
            f"een updatebestand ({UPDATE_SUFFIX}), neem het mee op een USB-stick en open het "
            "hier. U kunt het bestand ook op dit venster slepen."
        )
        file_explain.setWordWrap(True)
        self.import_button = QPushButton("Updatebestand openen…")
        self.import_button.setAccessibleName("Updatebestand openen en installeren")
        self.import_button.clicked.connect(self.ask_import_file)
        self.export_button = QPushButton("Updatebestand maken…")
        self.export_button.setAccessibleName("De kit van deze computer opslaan als updatebestand")
        self.export_button.clicked.connect(self.ask_export_file)
        file_box = group_box(
            "Zonder internet (updatebestand)",
            file_explain,
            buttons=(self.import_button, self.export_button),
        )

        layout = QVBoxLayout(self)
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

    # -- what is shown ------------------------------------------------------------

    def portal_url(self) -> str:
        return load_sync_settings(self.context.user).portal_url

    def reload(self) -> None:
        """Installed version and portal address (after an update or new settings)."""
        installed = self.context.library.installed()
        if installed is None:
            self.installed_label.setText("Er is nog geen kit geïnstalleerd.")
        else:
            lines = [
                f"<b>{html.escape(installed.title)}</b>, versie {installed.version} "
                f"(gepubliceerd {html.escape(installed.published)})"
            ]
            changes = self.context.library.last_changes()
            if installed.previous_version is not None:
                lines.append(
                    f"Bijgewerkt van versie {installed.previous_version}: "
                    + (html.escape(installed.changes) or "")
                )
                counts = {
                    label: sum(1 for c in changes if c[2] == kind)
                    for kind, label in ((NEW, "nieuw"), (CHANGED, "gewijzigd"), (REMOVED, "weg"))
                }
                summary = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
                if summary:
                    lines.append(f"Documenten: {summary}. In de Bibliotheek staat wat nieuw is.")
            self.installed_label.setText("<br>".join(lines))
        url = self.portal_url()
        self.portal_label.setText(f"Portal: {url}" if url else NOT_CONFIGURED_MESSAGE)
        if self.check_result is not None and installed is not None:
            preview = self.check_result.preview
            if preview is not None and preview.new_version <= installed.version:
                self.check_result = None
                self._show_preview(False)
        self._set_busy(self.task is not None)

    def _show_preview(self, visible: bool) -> None:
        """The preview takes the free height; without it the boxes stay at the top."""
        self.preview_box.setVisible(visible)
        self._layout.setStretch(self._layout.count() - 1, 0 if visible else 1)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.check_button, self.install_button, self.import_button):
            button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.context.library.installed() is not None)
        self.progress_box.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setObjectName("errorText" if error else "")
        self.status.style().unpolish(self.status)  # re-apply the style for the new name
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status_message.emit(text)

    def _show_progress(self, progress: Progress) -> None:
        self.stage.setText(progress.stage)
        show_progress(self.bar, progress)
        self.detail.setText(progress_detail(progress))

    # -- running work ---------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def _start(self, work, on_success, *, quiet: bool = False, writes: bool = False) -> bool:
        if self.task is not None or (writes and self.kit_busy()):
            self._say("Even geduld: het programma is nog bezig met de kit.")
            return False
        self._set_busy(True)
        self.stage.setText("Bezig…")
        self.bar.setRange(0, 0)
        self.detail.clear()

        def failed(error: Exception) -> None:
            self._finish()
            if isinstance(error, CompanionError):
                message = error.message
            else:
                message = "Er ging iets mis. Er is niets veranderd."
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
            self.stage.setText("Stoppen…")

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
            self._say("Stel eerst het adres van de portal in met de knop Instellingen.")
            return False
        if not online_for(url):
            self._say(OFFLINE_MESSAGE)
            return False
        if not quiet:
            self._say("Zoeken naar een nieuwe versie…")
        self._check_url = url
        return self._start(
            lambda report, cancelled: self._service(url).check(),
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
        self._say("De nieuwe versie wordt geïnstalleerd…")
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
        self._say(f"Het updatebestand {path.name} wordt geopend…")
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
        self._say("Het updatebestand wordt gemaakt…")
        return self._start(
            lambda report, cancelled: export_update_file(self.context.paths.kit_store, path),
            self._exported,
        )

    def _exported(self, info: UpdateFileInfo) -> None:
        self._say(
            f"Opgeslagen: {info.path} (versie {info.version}, {size_text(info.bytes)}). "
            "Zet dit bestand op een USB-stick en open het op de andere computer."
        )

    def _ask_import_path(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Updatebestand openen", "", f"Updatebestand (*{UPDATE_SUFFIX})"
        )
        return Path(name) if name else None

    def _ask_export_path(self) -> Path | None:
        installed = self.context.library.installed()
        suggestion = f"strategiekit-versie-{installed.version if installed else 0}{UPDATE_SUFFIX}"
        name, _filter = QFileDialog.getSaveFileName(
            self, "Updatebestand maken", suggestion, f"Updatebestand (*{UPDATE_SUFFIX})"
        )
        return Path(name) if name else None
