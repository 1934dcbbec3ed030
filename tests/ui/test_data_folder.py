"""The data folder in the real window: a kit that heals, backups put back, an
expired kit, one program per folder, and network work that stops on close."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.paths import app_paths
from companion.plan.actionplan import ActionPlanService
from companion.store.backups import backup_folder, list_backups, make_backup
from companion.sync.settings import SyncSettings, save_sync_settings
from companion.ui.datafolder.instance import SingleInstance
from tests.conftest import screenshot, wait_for_kit
from tests.store.test_healing import damage_pages
from tests.support.keys import key_list
from tests.support.portal_server import Fault, PortalServer
from tests.support.project import ROOT


def test_a_kit_store_damaged_on_disk_is_found_after_start_and_rebuilt(
    qtbot, tmp_path, start_window, kit_builder, test_public_keys
):
    bundled = kit_builder.build(1, name="bundled")
    first = start_window(bundled, wait=True)
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    apply_source(
        first.context.kit, FolderSource(kit_builder.build(2)), trusted_keys=test_public_keys
    )
    qtbot.waitUntil(lambda: not first.data_folder.checking, timeout=10000)
    first.close()
    first.context.close()
    damage_pages(tmp_path / "data" / "kit.sqlite", "search_index_data")

    window = start_window(bundled)
    # The file opens (its first pages are fine); the check just after start finds it.
    qtbot.waitUntil(lambda: "was beschadigd" in window.banner.text.text(), timeout=20000)
    wait_for_kit(qtbot, window)
    assert window.context.library.installed().version == 2  # the newest kit, rescued
    assert window.context.check_kit_store() is None
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library_screen, timeout=5000)
    screenshot(window, "kit-rebuilt-banner")
    assert any(p.name.startswith("kit.sqlite.beschadigd-") for p in (tmp_path / "data").iterdir())


def test_a_backup_is_made_at_start_and_can_be_put_back_from_the_menu(
    qtbot, tmp_path, start_window, kit_builder
):
    window = start_window(kit_builder.build(1, name="bundled"), wait=True)
    service = ActionPlanService(window.context.user)
    plan = service.create_plan("Zaanstad")
    service.add_action(plan.id, title="Bel het UWV")
    folder = backup_folder(window.context.paths.user_store)
    qtbot.waitUntil(lambda: not window.data_folder.checking, timeout=10000)
    make_backup(window.context.user.conn, folder)
    service.delete_plan(plan.id)
    window.show_screen("actieplan")
    assert window.actionplan_screen.plan_box.count() == 0 or "Zaanstad" not in [
        window.actionplan_screen.plan_box.itemText(i)
        for i in range(window.actionplan_screen.plan_box.count())
    ]

    window.data_folder.ask_restore()
    dialog = window.restore_dialog
    assert dialog.list.count() == len(list_backups(folder)) >= 1
    assert "1 plan, 1 actie, 0 afgevinkt" in dialog.list.item(0).text()
    dialog.accept()

    assert [p.name for p in service.plans()] == ["Zaanstad"]
    assert "is teruggezet" in window.banner.text.text()
    # What was there before the restore is a backup itself (restoring can be undone).
    assert len(list_backups(folder)) >= 2
    screen = window.actionplan_screen  # built anew on the restored data
    plans = [screen.plan_box.itemText(i) for i in range(screen.plan_box.count())]
    assert "Zaanstad" in plans


def test_an_expired_kit_gets_a_calm_notice_and_stays_readable(qtbot, start_window, kit_builder):
    kit_builder.expires = "2026-11-25"
    window = start_window(kit_builder.build(1, name="bundled"), wait=True)
    assert window.kit_label.text().endswith("· verlopen")
    assert "verlopen op 2026-11-25" in window.kit_label.toolTip()
    window.show_screen("updates")
    assert "Deze versie is verlopen op 2026-11-25" in window.updates_screen.installed_label.text()
    screenshot(window, "updates-expired-kit")
    assert window.open_document("persona-henk")  # reading never stops


def test_an_expired_key_list_gets_a_calm_notice_after_the_check(qtbot, start_window, kit_builder):
    # The kit itself is fresh; the root's list of release keys that vouches for it is not.
    kit_builder.keys = key_list(expires="2026-11-25", release=[kit_builder.key])
    window = start_window(kit_builder.build(1, name="bundled"), wait=True)
    # A first start: checked once the kit is in place (the check after start may come first).
    qtbot.waitUntil(window.banner.isVisible, timeout=20000)
    text = window.banner.text.text()
    assert text.startswith(
        "De lijst met vertrouwde sleutels van deze kit is verlopen op 2026-11-25"
    )
    assert "Kijk bij Updates" in text
    assert not window.kit_label.text().endswith("· verlopen")  # the kit itself is not
    screenshot(window, "expired-key-list")
    assert window.open_document("persona-henk")  # reading never stops
    window.close()
    window.context.close()
    # The next start: the check after start finds it.
    again = start_window(kit_builder.build(1, name="bundled"), wait=True)
    qtbot.waitUntil(lambda: not again.data_folder.checking, timeout=20000)
    assert "verlopen op 2026-11-25" in again.banner.text.text()


def test_closing_the_window_stops_a_check_that_hangs_on_a_slow_portal(
    qtbot, start_window, kit_builder
):
    kit_builder.build(1, name="portal")
    server = PortalServer(kit_builder.root / "portal")
    server.faults["manifest.json"] = Fault("trickle", 0.5)
    try:
        window = start_window(
            kit_builder.build(1, name="bundled"),
            prepare=lambda c: save_sync_settings(c.user, SyncSettings(server.url, False)),
            wait=True,
        )
        window.show_screen("updates")
        assert window.updates_screen.check_now()
        qtbot.waitUntil(lambda: "manifest.json" in server.paths(), timeout=10000)
        window.close()  # waits at most CLOSE_WAIT_MS for background work
        assert not window.runner.busy()
    finally:
        server.close()


# -- one program per data folder -----------------------------------------------------


def test_one_program_per_data_folder_and_the_second_calls_the_first_forward(qtbot, tmp_path):
    paths = app_paths(tmp_path / "data")
    paths.ensure()
    first = SingleInstance(paths)
    assert first.acquire()
    called = []
    first.serve(lambda: called.append(True))
    try:
        second = SingleInstance(paths)
        assert not second.acquire()
        assert second.holder() == os.getpid()

        # A real second start of the program on the same folder.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        process = subprocess.Popen(
            [sys.executable, "main.py", "--data-dir", str(paths.data_dir)],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: bool(called), timeout=30000)  # the first window is called
        _out, err = process.communicate(timeout=30)
        assert process.returncode == 0
        assert "is al open voor de gegevensmap" in err
        assert not (paths.data_dir / "kit.sqlite").exists()  # the second start opened nothing
    finally:
        first.release()
    assert SingleInstance(paths).acquire()  # free again once the first has stopped


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")
def test_a_lock_left_by_a_crashed_program_is_taken_over(tmp_path):
    paths = app_paths(tmp_path / "data")
    paths.ensure()
    code = (
        "import os, sys; from PySide6.QtCore import QLockFile; "
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(100); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(paths.lock_file)], check=True)
    assert paths.lock_file.exists()  # left behind, as after a crash
    assert SingleInstance(paths).acquire()


def test_an_emptied_user_store_at_start_is_kept_aside_and_a_backup_offered(
    qtbot, tmp_path, kit_builder, test_public_keys
):
    """The start path of the program (``companion.ui.app``) with user.sqlite at 0 bytes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from companion.context import AppContext
    from companion.ui import app as app_module
    from companion.ui.datafolder.backups_dialog import DamagedUserStoreDialog

    paths = app_paths(tmp_path / "data")
    context = AppContext.open(
        paths, bundled_dir=kit_builder.build(1), trusted_keys=test_public_keys
    )
    context.install_bundled_kit()
    ActionPlanService(context.user).create_plan("Zaanstad")
    make_backup(context.user.conn, backup_folder(paths.user_store))
    context.close()
    paths.user_store.write_bytes(b"")  # emptied by a sync tool that crashed
    for suffix in ("-wal", "-shm"):
        paths.user_store.with_name(paths.user_store.name + suffix).unlink(missing_ok=True)

    shown = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DamagedUserStoreDialog):
            QTimer.singleShot(20, answer)
            return
        shown.append(dialog.list.item(0).text())
        dialog.accept()  # "Terugzetten" on the newest backup

    QTimer.singleShot(0, answer)
    opened = app_module._open_context(paths, selftest=False)
    try:
        assert shown and "1 plan, 0 acties" in shown[0]
        assert [p.name for p in ActionPlanService(opened.user).plans()] == ["Zaanstad"]
        assert any("kon niet worden gelezen" in n or "konden niet" in n for n in opened.notices)
        kept = [p for p in paths.data_dir.iterdir() if p.name.startswith("user.sqlite.beschadigd-")]
        assert len(kept) == 1 and kept[0].read_bytes() == b""  # never thrown away
    finally:
        opened.close()
