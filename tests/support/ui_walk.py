"""Walking the real window for the language and accessibility tests.

Builds every screen with something on it (the real bundled kit, a document
with form fields, an action, messages, dialogs, the tour, a presentation),
collects every text a person can see or a screen reader reads, and checks
those texts against the English translations in ``resources/i18n``.
"""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from shiboken6 import Shiboken

from companion.context import AppContext
from companion.kit.library import theme_tag
from companion.paths import app_paths, resources_dir
from companion.ui.appearance import Appearance, save_appearance

TS_FILE = resources_dir() / "i18n" / "strategiekit_en.ts"
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


# -- the real kit, installed once per test module ---------------------------------------


def install_real_kit(folder: Path) -> Path:
    """The bundled kit put in place in ``folder`` (kit store only), as the program does."""
    context = AppContext.open(app_paths(folder))
    try:
        context.install_bundled_kit()
    finally:
        context.close()
    return folder


def real_kit_copy(installed: Path, target: Path) -> Path:
    """A data folder with the installed kit and no user data (fast: no import)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(installed / "kit.sqlite", target / "kit.sqlite")
    return target


def open_real_window(qtbot, data_dir: Path, appearance: Appearance | None = None):
    """The real main window on ``data_dir`` in the given language / size / contrast."""
    from companion.ui.main_window import MainWindow

    context = AppContext.open(app_paths(data_dir))
    if appearance is not None:
        save_appearance(context.user, appearance)
    window = MainWindow(context)
    window.update_check_delay_ms = 10**7  # never during a test
    # Not qtbot.addWidget: close_window() closes and deletes it (the fixtures call it).
    window.resize(1280, 860)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.import_task is None, timeout=30000)
    qtbot.waitUntil(lambda: window.library_screen.tree.topLevelItemCount() > 0, timeout=5000)
    return window


def close_window(window) -> None:
    """Close and really delete the window, so later tests do not restyle its widgets."""
    if not Shiboken.isValid(window):
        window.context.close()
        return
    for name in ("settings_dialog", "help_window", "about_dialog"):
        dialog = getattr(window, name, None)
        if dialog is not None and Shiboken.isValid(dialog):
            dialog.close()
    window.close()
    window.context.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- every screen with something on it ------------------------------------------------


SCREENS = ("bibliotheek", "zoeken", "waar-begin-je", "actieplan", "updates")


def worksheet_with_fields(window) -> str:
    import pymupdf

    library = window.context.library
    for doc in library.documents():
        if doc.type != "werkblad":
            continue
        pdf = pymupdf.open(stream=library.pdf_bytes(doc.id), filetype="pdf")
        try:
            if pdf.is_form_pdf and any(page.first_widget for page in pdf):
                return doc.id
        finally:
            pdf.close()
    raise AssertionError("the kit has no worksheet with form fields")


def fill_every_screen(qtbot, window) -> list[QWidget]:
    """Show each screen in a state with messages and content; returns extra windows."""
    from companion.ui.help.about import show_about
    from companion.ui.help.help_window import show_help
    from companion.ui.screens.updates.wiring import open_settings

    window.show_screen("zoeken")
    window.search_screen.box.setText("vindplaatsen gemeente")
    window.search_screen.run_search()

    window.show_screen("waar-begin-je")
    checklist = window.checklist_screen
    card = next(iter(checklist.cards.values()))
    rows = list(card.rows.values())
    rows[0].checkbox.setChecked(True)
    rows[1].note_button.setChecked(True)
    checklist.make_or_show_action(rows[0].item.id)  # a plan, an action, a message

    window.show_screen("actieplan")
    plans = window.actionplan_screen
    plans.new_action()
    action_id = plans.table.current_action_id()
    plans._edit_action(action_id, {"title": ""})  # refused: the form says why
    plans.sort_box.setCurrentIndex(1)
    plans.refresh()
    plans.move_up()  # moving needs 'own order': a message under the title

    window.show_screen("updates")
    updates = window.updates_screen
    updates.check_now()  # no portal: says how to set one
    # What a new version would change, and a download on its way.
    from companion.i18n import QT_TRANSLATE_NOOP, Text
    from companion.progress import Progress
    from companion.sync.preview import CHANGED, NEW, REMOVED, DocumentChange, UpdatePreview
    from companion.ui.screens.updates.screen import preview_html

    docs = window.context.library.documents()
    installed = window.context.library.installed()
    preview = UpdatePreview(
        installed.version,
        installed.version + 1,
        installed.published,
        installed.changes,
        tuple(
            DocumentChange(doc.id, doc.title, kind)
            for doc, kind in zip(docs, (NEW, CHANGED, REMOVED), strict=False)
        ),
        3,
        2_500_000,
    )
    from companion.sync.service import UPDATE, CheckResult

    updates.check_result = CheckResult(UPDATE, "", installed.version, preview)
    updates.preview.setHtml(preview_html(preview))
    updates.preview_box.show()
    updates.progress_box.show()
    updates._show_progress(
        Progress(
            Text(
                QT_TRANSLATE_NOOP("messages", "Downloaden: bestand {number} van {total}…"),
                number=1,
                total=3,
            ),
            1_200_000,
            2_500_000,
            1,
            3,
        )
    )

    window.show_screen("bibliotheek")
    window.library_screen.by_type.setChecked(True)

    doc_id = worksheet_with_fields(window)
    assert window.open_document(doc_id, 1, ("doel",))
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.canvas.is_rendered(0), timeout=10000)
    qtbot.waitUntil(lambda: not viewer.find_bar.searching, timeout=10000)
    qtbot.waitUntil(lambda: bool(viewer.editors.fields), timeout=10000)
    presentation = viewer.start_presentation(presenter=True)
    extra: list[QWidget] = []
    if presentation is not None:
        extra += [presentation.window]
        if presentation.presenter is not None:
            extra.append(presentation.presenter)

    dialog = open_settings(window)
    extra.append(dialog)
    extra.append(show_help(window))
    extra.append(show_about(window))
    tour = window.start_tour()
    tour.go_to(len(SCREENS) - 1)
    return extra


# -- collecting texts ---------------------------------------------------------------------


@dataclass
class Found:
    where: str
    text: str


def _internal(widget: QWidget) -> bool:
    """Qt's own helper widgets (scroll area viewports, spin box editors, tab scroll buttons)."""
    name = widget.objectName()
    return name.startswith(("qt_", "_q_")) or name in ("ScrollLeftButton", "ScrollRightButton")


def _item_view_texts(view: QAbstractItemView, where: str) -> Iterator[Found]:
    model = view.model()
    if model is None or isinstance(view, QTreeWidget | QListWidget):
        return
    for row in range(min(model.rowCount(), 50)):
        index = model.index(row, 0)
        for role in ROLES:
            value = model.data(index, role)
            if isinstance(value, str):
                yield Found(f"{where} row {row}", value)


def _tree_items(tree: QTreeWidget) -> Iterator[QTreeWidgetItem]:
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))


def _action_texts(action: QAction, where: str) -> Iterator[Found]:
    text = action.text()
    yield Found(f"{where} action", text)
    # Qt makes the tooltip and icon text from the text (minus '&' and '…') unless set.
    derived = text.replace("&", "").replace("…", "").replace("...", "").strip()
    for extra in (action.toolTip(), action.iconText()):
        if extra.strip() != derived:
            yield Found(f"{where} action", extra)
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from _menu_texts(menu, where)


def _menu_texts(menu: QMenu, where: str) -> Iterator[Found]:
    yield Found(f"{where} menu", menu.title())
    for action in menu.actions():
        yield from _action_texts(action, f"{where} > {menu.title()}")


def shown_tip(tip: str) -> str:
    """A tooltip as a person reads it: plain-text tooltips are escaped and wrapped
    in ``<qt>`` (companion/ui/widgets/plain.py), which Qt shows without the markup."""
    if tip.startswith("<qt>") and tip.endswith("</qt>"):
        return html.unescape(tip[4:-5].replace("<br>", "\n"))
    return tip


def widget_texts(widget: QWidget) -> Iterator[Found]:
    """Everything a person sees or hears from one widget (not its children)."""
    where = f"{type(widget).__name__} {widget.objectName()!r}"
    yield Found(f"{where} accessible name", widget.accessibleName())
    yield Found(f"{where} accessible description", widget.accessibleDescription())
    yield Found(f"{where} tooltip", shown_tip(widget.toolTip()))
    if widget.isWindow():
        yield Found(f"{where} window title", widget.windowTitle())
    if isinstance(widget, QLabel):
        yield Found(f"{where} text", widget.text())
    if isinstance(widget, QAbstractButton):
        yield Found(f"{where} text", widget.text())
    if isinstance(widget, QGroupBox):
        yield Found(f"{where} title", widget.title())
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield Found(f"{where} tab", widget.tabText(i))
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        yield Found(f"{where} placeholder", widget.placeholderText())
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield Found(f"{where} item", widget.itemText(i))
    if isinstance(widget, QProgressBar) and widget.format() != "%p%":
        yield Found(f"{where} format", widget.format())
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for column in range(widget.columnCount()):
            yield Found(f"{where} header", header.text(column))
        for item in _tree_items(widget):
            for column in range(widget.columnCount()):
                yield Found(f"{where} item", item.text(column))
                yield Found(f"{where} item tooltip", shown_tip(item.toolTip(column)))
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            item = widget.item(i)
            for role in ROLES:
                value = item.data(role)
                if isinstance(value, str):
                    yield Found(f"{where} item", value)
    if isinstance(widget, QAbstractItemView):
        yield from _item_view_texts(widget, where)
    if isinstance(widget, QTextBrowser) and not widget.objectName().startswith("help"):
        for line in widget.toPlainText().splitlines():
            yield Found(f"{where} document", line)
    if isinstance(widget, QMenu):
        yield from _menu_texts(widget, where)
    for action in widget.actions():
        yield from _action_texts(action, where)


def all_texts(roots: list[QWidget]) -> list[Found]:
    found: list[Found] = []
    seen: set[int] = set()
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if id(widget) in seen or _internal(widget):
                continue
            seen.add(id(widget))
            found.extend(f for f in widget_texts(widget) if f.text and f.text.strip())
        menu_bar = getattr(root, "menuBar", None)
        if callable(menu_bar) and hasattr(root, "file_menu"):
            for action in root.menuBar().actions():
                found.extend(f for f in _action_texts(action, "menu bar") if f.text.strip())
    return found


# -- what counts as English ----------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{(\w*)\}")
# Numbers, dates, page counts, percentages, paths, shortcuts, symbols: the same in any language.
NEUTRAL = re.compile(
    r"^[\s\d.,:;%/×()+\-−–—·…▲▼◀▶←✓⚠#*&_'\"“”‘’\[\]]*$"
    r"|^(/|[A-Za-z]:\\)\S.*$"  # a file path
    r"|^((Ctrl|Shift|Alt)\+)*(F\d{1,2}|[A-Z0-9]|Del|Delete|Esc)$"  # a shortcut
    r"|^\.(kitupdate|actieplan|ics|csv|pdf)$"  # a file name extension
    r"|^\d+([.,]\d+)? (MB|kB)$"  # a size
)


@dataclass
class Translations:
    """The translations of one .ts file, as literal texts and as patterns with values."""

    sources: set[str] = field(default_factory=set)
    literal: set[str] = field(default_factory=set)
    patterns: list[tuple[re.Pattern[str], list[str]]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = TS_FILE) -> Translations:
        found = cls()
        root = ET.parse(path).getroot()
        templates = set()
        for message in root.iter("message"):
            source = message.findtext("source") or ""
            english = message.findtext("translation") or ""
            found.sources.add(source)
            if not english:
                continue
            for variant in {english, english.replace("&", "")}:
                if PLACEHOLDER.search(variant):
                    templates.add(variant)
                else:
                    found.literal.add(variant)
        for template in sorted(templates, key=len, reverse=True):
            names: list[str] = []
            parts = []
            last = 0
            for match in PLACEHOLDER.finditer(template):
                parts.append(re.escape(template[last : match.start()]))
                parts.append("(.+?)")
                names.append(match.group(1))
                last = match.end()
            parts.append(re.escape(template[last:]))
            found.patterns.append((re.compile("".join(parts), re.DOTALL), names))
        return found


@dataclass
class Checker:
    translations: Translations
    allowed: set[str]

    def ok(self, text: str, depth: int = 0) -> bool:
        text = text.strip()
        if not text or text in self.allowed or text in self.translations.literal:
            return True
        if NEUTRAL.match(text):
            return True
        if depth > 3:
            return False
        for pattern, _names in self.translations.patterns:
            match = pattern.fullmatch(text)
            if match and all(self.ok(part, depth + 1) for part in match.groups()):
                return True
        if "\n" in text:
            return all(self.ok(line, depth + 1) for line in text.splitlines())
        if "<" in text and ">" in text:  # rich text: check the words people read
            document = QTextDocument()
            document.setHtml(text)
            plain = document.toPlainText()
            if plain != text:
                return self.ok(plain, depth + 1)
        if ", " in text and depth == 0:  # a list of kit things ("Thema A, Thema B")
            return all(self.ok(part, depth + 1) for part in text.split(", "))
        return False

    def problems(self, found: list[Found]) -> list[str]:
        bad = []
        for item in found:
            if not self.ok(item.text):
                dutch = " (a Dutch source text)" if item.text in self.translations.sources else ""
                bad.append(f"{item.where}: {item.text!r}{dutch}")
        return sorted(set(bad))


def kit_texts(context: AppContext) -> set[str]:
    """Kit content and the kit's own words: shown as they are in every language."""
    library = context.library
    texts: set[str] = set()
    installed = library.installed()
    if installed is not None:
        texts |= {installed.title, installed.published, installed.changes}
    for theme in library.themes():
        texts |= {theme.title, theme.summary, theme_tag(theme.title)}
    for doc in library.documents():
        texts |= {doc.id, doc.title, doc.summary, doc.audience, doc.url or ""}
    for step in library.steps():
        texts |= {step.id, step.title, step.summary}
        texts |= {item.text for item in step.items}
    return {t.strip() for t in texts if t and t.strip()}


def document_texts(viewer) -> set[str]:
    """What the open PDF itself says: field labels and its table of contents."""
    texts = {f.label for f in viewer.editors.fields}
    texts |= {entry.title for entry in viewer.outline}
    return {t.strip() for t in texts if t and t.strip()}


def top_windows(window, extra: list[QWidget]) -> list[QWidget]:
    roots = [window, *extra]
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget not in roots:
            roots.append(widget)
    return roots
