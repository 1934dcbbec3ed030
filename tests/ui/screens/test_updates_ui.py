"""The Updates screen in the real main window, against a real portal on 127.0.0.1."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from companion.sync.settings import SyncSettings, load_sync_settings, save_sync_settings
from companion.sync.updatefile import pack_folder
from companion.ui.screens.library import MARK_COLUMN
from tests.conftest import screenshot as save_screenshot
from tests.support.portal_server import Fault, PortalServer
from tests.sync.test_sync import HENK_V2, digest

TIP = ["Tip: vind ZZP'ers via hun accountant."]


@pytest.fixture
def portal(kit_builder):
    """The portal serves version 1 until a test publishes more."""
    kit_builder.build(1, name="portal")
    server = PortalServer(kit_builder.root / "portal")
    yield server
    server.close()


@pytest.fixture
def open_window(start_window, kit_builder):
    bundled = kit_builder.build(1, name="bundled")

    def start(portal_url: str = "", check_at_start: bool = True):
        def configure(window):
            window.updates_screen.timeout = 3.0
            window.update_check_delay_ms = 0

        return start_window(
            bundled,
            prepare=lambda c: save_sync_settings(c.user, SyncSettings(portal_url, check_at_start)),
            configure=configure,
        )

    return start


def screenshot(qtbot, widget, name):
    save_screenshot(widget, name)


def wait_idle(qtbot, window, timeout=20000):
    qtbot.waitUntil(lambda: window.import_task is None, timeout=timeout)
    qtbot.waitUntil(lambda: not window.update_check_pending(), timeout=timeout)
    qtbot.waitUntil(lambda: not window.updates_screen.busy(), timeout=timeout)


def nav_titles(window):
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def marks(window):
    tree = window.library_screen.tree
    return {
        tree.topLevelItem(i).child(j).text(0): tree.topLevelItem(i).child(j).text(MARK_COLUMN)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
        if tree.topLevelItem(i).child(j).text(MARK_COLUMN)
    }


def publish_v2(kit_builder):
    kit_builder.documents["persona-henk"] = HENK_V2
    kit_builder.documents["tip-accountant"] = TIP
    kit_builder.build(2, name="portal")


def test_start_check_tells_quietly_then_install_marks_the_library(
    qtbot, open_window, portal, kit_builder
):
    publish_v2(kit_builder)
    window = open_window(portal.url)
    wait_idle(qtbot, window)

    # Said without getting in the way: a banner and a badge, the library stays on screen.
    assert window.current_screen_key() == "bibliotheek"
    assert nav_titles(window)[-1] == "Updates (nieuw)"
    assert window.banner.isVisible()
    assert "nieuwe versie van de kit (versie 2)" in window.banner.text.text()
    assert portal.paths() == ["manifest.json", "manifest.json.sig"]

    window.show_screen("updates")
    screen = window.updates_screen
    assert "versie 1" in screen.installed_label.text()
    shown = screen.preview.toPlainText()
    assert "Versie 2" in shown and "Versie 2." in shown
    assert "Nieuw (1)" in shown and "Tip: vind ZZP'ers via hun accountant" in shown
    assert "Gewijzigd (1)" in shown and "Persona Henk" in shown
    assert "Te downloaden: 2 bestanden" in shown
    screenshot(qtbot, window, "updates-preview")

    progress = []
    screen.bar.valueChanged.connect(progress.append)
    qtbot.mouseClick(screen.install_button, Qt.MouseButton.LeftButton)
    assert screen.progress_box.isVisible() and screen.cancel_button.isEnabled()
    wait_idle(qtbot, window)
    assert screen.status.text() == "De kit is bijgewerkt naar versie 2."
    assert window.kit_label.text() == "Strategiekit Hoger Bereik · versie 2"
    assert nav_titles(window)[-1] == "Updates"
    assert not screen.preview_box.isVisible() and not screen.progress_box.isVisible()
    assert progress and max(progress) == 1000
    assert "Bijgewerkt van versie 1" in screen.installed_label.text()
    screenshot(qtbot, window, "updates-done")

    window.show_screen("bibliotheek")
    assert marks(window) == {
        "Persona Henk": "gewijzigd",
        "Tip: vind ZZP'ers via hun accountant": "nieuw",
    }
    screenshot(qtbot, window, "library-marks")
    window.open_document("persona-henk")
    window.show_screen("bibliotheek")
    assert marks(window) == {"Tip: vind ZZP'ers via hun accountant": "nieuw"}
    window.open_document("tip-accountant")
    window.show_screen("bibliotheek")
    assert marks(window) == {}
    assert window.library_screen.tree.isColumnHidden(MARK_COLUMN)


def test_install_can_be_cancelled_and_nothing_changes(qtbot, open_window, portal, kit_builder):
    publish_v2(kit_builder)
    sha = kit_builder.file_path(portal.root, "persona-henk").name
    portal.faults[f"files/{sha}"] = Fault("slow", 16)
    window = open_window(portal.url)
    wait_idle(qtbot, window)
    kit_before = digest(window.context.paths.kit_store)
    user_before = digest(window.context.paths.user_store)
    window.show_screen("updates")
    screen = window.updates_screen

    qtbot.mouseClick(screen.install_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "bestanden" in screen.detail.text(), timeout=10000)
    assert screen.stage.text().startswith("Downloaden: bestand")
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)

    assert screen.status.text() == "Gestopt. De kit is niet aangepast."
    assert digest(window.context.paths.kit_store) == kit_before
    assert digest(window.context.paths.user_store) == user_before
    assert window.kit_label.text().endswith("versie 1")
    assert screen.preview_box.isVisible()  # the offer stays; installing later resumes


def test_refused_update_shows_the_reason_on_the_screen(qtbot, open_window, portal, kit_builder):
    publish_v2(kit_builder)
    (portal.root / "manifest.json.sig").write_text("niet ondertekend\n")
    window = open_window(portal.url, check_at_start=False)
    wait_idle(qtbot, window)
    assert portal.paths() == []  # check at start switched off
    window.show_screen("updates")
    screen = window.updates_screen
    qtbot.mouseClick(screen.check_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert screen.status.text().startswith("De handtekening van de kit klopt niet.")
    assert screen.status.objectName() == "errorText"
    assert not screen.preview_box.isVisible()
    assert nav_titles(window)[-1] == "Updates"


def test_offline_at_start_says_so_once_and_sends_nothing(
    qtbot, open_window, portal, kit_builder, monkeypatch
):
    monkeypatch.setenv("STRATEGIEKIT_OFFLINE", "1")
    publish_v2(kit_builder)
    window = open_window(portal.url)
    messages = []
    window.updates_screen.status_message.connect(messages.append)
    wait_idle(qtbot, window)
    offline = "Offline: er is niet gezocht naar een nieuwe versie van de kit."
    assert window.statusBar().currentMessage() == offline
    window.start()  # a second start (retry) does not say it again
    assert messages == [offline]
    assert portal.paths() == []
    assert window.current_screen_key() == "bibliotheek"


def test_no_portal_explains_how_and_settings_dialog_sets_it(qtbot, open_window, portal):
    window = open_window("")
    wait_idle(qtbot, window)
    assert nav_titles(window)[-1] == "Updates"  # the last screen in the list
    window.show_screen("updates")
    screen = window.updates_screen
    assert screen.portal_label.text().startswith(
        "Er is nog geen portal ingesteld. Vul het adres in bij Bestand > Instellingen"
    )
    qtbot.mouseClick(screen.check_button, Qt.MouseButton.LeftButton)
    assert screen.status.text() == "Stel eerst het adres van de portal in met de knop Instellingen."
    assert portal.paths() == []
    screenshot(qtbot, window, "updates-not-configured")

    menu = [a.text() for a in window.file_menu.actions()]
    assert {"Updatebestand openen…", "Updatebestand maken…", "Instellingen…"} <= set(menu)
    settings = next(a for a in window.file_menu.actions() if a.text() == "Instellingen…")
    settings.trigger()
    dialog = window.settings_dialog
    assert dialog.isVisible() and dialog.tabs.tabText(0) == "Updates"
    page = dialog.updates_page
    page.portal.setText("ftp://verkeerd")
    dialog.accept()
    assert dialog.isVisible()  # stays open and says why
    assert dialog.error.text().startswith("Dit is geen geldig adres van een portal.")
    screenshot(qtbot, dialog, "settings-error")
    page.portal.setText(portal.url.rstrip("/"))
    page.check_at_start.setChecked(False)
    dialog.accept()
    assert not dialog.isVisible()
    assert load_sync_settings(window.context.user) == SyncSettings(portal.url, False)
    assert screen.portal_label.text() == f"Portal: {portal.url}"

    qtbot.mouseClick(screen.check_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert screen.status.text() == "Je hebt de nieuwste versie van de kit (versie 1)."
    assert portal.paths() == ["manifest.json"]


def drag_and_drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:  # Qt takes a QPoint here in 6.11 and a QPointF in later versions
        enter = QDragEnterEvent(QPoint(100, 100), action, mime, buttons, modifiers)
    except TypeError:
        enter = QDragEnterEvent(QPointF(100, 100), action, mime, buttons, modifiers)
    window.dragEnterEvent(enter)
    drop = QDropEvent(QPointF(100, 100), action, mime, buttons, modifiers)
    if enter.isAccepted():
        window.dropEvent(drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_an_update_file_installs_it(qtbot, open_window, kit_builder, tmp_path):
    window = open_window("")
    wait_idle(qtbot, window)
    accepted, _dropped = drag_and_drop(window, tmp_path / "notities.txt")
    assert not accepted and window.current_screen_key() == "bibliotheek"

    kit_builder.documents["persona-henk"] = HENK_V2
    update = pack_folder(kit_builder.build(2), tmp_path / "usb" / "kit").path
    accepted, dropped = drag_and_drop(window, update)
    assert accepted and dropped
    assert window.current_screen_key() == "updates"
    wait_idle(qtbot, window)
    assert window.updates_screen.status.text() == "De kit is bijgewerkt naar versie 2."
    assert window.kit_label.text().endswith("versie 2")
    assert "De kit is bijgewerkt naar versie 2." in window.banner.text.text()
    window.show_screen("bibliotheek")
    assert marks(window) == {"Persona Henk": "gewijzigd"}


def test_open_bad_update_file_and_export(qtbot, open_window, kit_builder, tmp_path):
    window = open_window("")
    wait_idle(qtbot, window)
    screen = window.updates_screen
    window.show_screen("updates")
    kit_builder.documents["persona-henk"] = HENK_V2
    good = pack_folder(kit_builder.build(2), tmp_path / "good").path
    bomb = tmp_path / "bom.kitupdate"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        new.writestr("files/" + "0" * 64, b"\0" * (8 << 20))
    kit_before = digest(window.context.paths.kit_store)

    screen.choose_import_file = lambda: bomb
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert screen.status.text().startswith("Dit updatebestand pakt uit tot veel meer")
    assert digest(window.context.paths.kit_store) == kit_before

    screen.choose_export_file = lambda: tmp_path / "stick" / "voor-de-balie"
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    out = tmp_path / "stick" / "voor-de-balie.kitupdate"
    assert screen.status.text().startswith(f"Opgeslagen: {out} (versie 1")
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist()[:2] == ["manifest.json", "manifest.json.sig"]


def test_update_file_with_bad_pdfs_names_every_file(qtbot, open_window, kit_builder, tmp_path):
    """Not "Er ging iets mis": every bad file, in plain text, and nothing changed."""
    from tests.support import bad_pdfs

    window = open_window("")
    wait_idle(qtbot, window)
    screen = window.updates_screen
    window.show_screen("updates")
    kit_builder.add_file("tip-kring", bad_pdfs.page_tree_cycle())
    kit_builder.add_file("tip-boek", bad_pdfs.epub())
    update = pack_folder(kit_builder.build(2), tmp_path / "usb" / "kit").path
    kit_before = digest(window.context.paths.kit_store)
    user_before = digest(window.context.paths.user_store)

    screen.choose_import_file = lambda: update
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert screen.status.text().splitlines() == [
        "De kit is niet geïnstalleerd: 2 bestanden zijn niet goed.",
        "• tip-kring.pdf, pagina 2: de pagina is beschadigd en kan niet worden gelezen",
        "• tip-boek.pdf: dit is geen PDF maar een EPUB-boek",
    ]
    assert screen.status.textFormat() == Qt.TextFormat.PlainText
    assert screen.status.objectName() == "errorText"
    assert digest(window.context.paths.kit_store) == kit_before
    assert digest(window.context.paths.user_store) == user_before
    screenshot(qtbot, window, "updates-bad-files")
