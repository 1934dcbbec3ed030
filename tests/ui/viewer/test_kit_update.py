"""A kit update while a document is open: a real install, through the real services.

A changed document is shown again at the same page (with its new content);
a removed one is closed with a notice; the checklist and the action plan
follow the new kit in the same install.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pymupdf
import pytest

from companion.plan.actionplan import ActionPlanService
from companion.sync.settings import SyncSettings, save_sync_settings
from companion.sync.updatefile import pack_folder
from tests.support.portal_server import PortalServer
from tests.support.viewer_support import opened, wait_rendered

HANDLEIDING = "handleiding-vindplaatsen"
HENK = "persona-henk"


@pytest.fixture
def open_window(start_window, kit_builder):
    bundled = kit_builder.build(1, name="bundled")

    def prepare(context):
        plans = ActionPlanService(context.user)
        plan = plans.create_plan("Zaanstad")
        plans.add_action(plan.id, title="Henk uitnodigen", document_ids=[HENK])

    def start(portal_url: str = ""):
        def configure(window):
            window.update_check_delay_ms = 10**7  # the test installs, not the start check
            save_sync_settings(window.context.user, SyncSettings(portal_url, False))

        return start_window(bundled, prepare=prepare, configure=configure, activate=True, wait=True)

    return start


def page_text(viewer, index: int) -> str:
    return pymupdf.open(stream=viewer.pdf_bytes, filetype="pdf")[index].get_text()


def wait_installed(qtbot, window, version: int) -> None:
    qtbot.waitUntil(lambda: not window.updates_screen.busy(), timeout=30000)
    assert window.context.library.installed().version == version


def install_changed_page_2(qtbot, window, kit_builder, pages: list[str]) -> None:
    """Version 2 on the portal, with page 2 of the handleiding changed, installed."""
    pages[1] = "Maak de vindplaats bewust: nieuwe versie met een voorbeeld uit Zaanstad."
    kit_builder.documents[HANDLEIDING] = pages
    kit_builder.build(2, name="portal")
    updates = window.updates_screen  # built now; the viewer stays where it is
    assert updates.check_now()
    qtbot.waitUntil(lambda: updates.check_result is not None, timeout=20000)
    assert updates.install()
    wait_installed(qtbot, window, 2)


@contextlib.contextmanager
def handleiding_at_page_2(qtbot, open_window, kit_builder) -> Iterator[tuple]:
    """Version 1 on a portal, the window on page 2 of the handleiding (painted):
    (window, viewer, the handleiding's pages); the portal closes afterwards."""
    pages = list(kit_builder.documents[HANDLEIDING])
    kit_builder.build(1, name="portal")
    server = PortalServer(kit_builder.root / "portal")
    try:
        window = open_window(server.url)
        window.open_document(HANDLEIDING, page=2)
        viewer = opened(qtbot, window.viewer)
        wait_rendered(qtbot, viewer, 1)
        yield window, viewer, pages
    finally:
        server.close()


def test_a_changed_document_is_shown_again_at_the_same_page(qtbot, open_window, kit_builder):
    with handleiding_at_page_2(qtbot, open_window, kit_builder) as (window, viewer, pages):
        assert "nieuwe versie" not in page_text(viewer, 1)

        # Version 2 on the portal: page 2 of the open handleiding changed.
        install_changed_page_2(qtbot, window, kit_builder, pages)

        assert viewer.document_id == HANDLEIDING
        assert "nieuwe versie" in page_text(viewer, 1)  # the new content, not the old
        opened(qtbot, viewer)
        assert viewer.page == 2
        wait_rendered(qtbot, viewer, 1)
        assert "bijgewerkt" in viewer.info.text.text()


def test_a_removed_document_closes_with_a_notice_and_checklist_and_plan_follow(
    qtbot, open_window, kit_builder, tmp_path
):
    window = open_window()
    window.open_document(HENK)
    viewer = window.viewer
    opened(qtbot, viewer)
    wait_rendered(qtbot, viewer, 0)

    window.show_screen("waar-begin-je")  # built with version 1
    window.open_document(HENK)
    opened(qtbot, viewer)

    # Version 2 on a USB stick: Henk is gone, the first step has a new item.
    del kit_builder.documents[HENK]
    kit_builder.items.append({"id": "stap-1-b", "text": "Bel de coördinator van het taalhuis"})
    update = pack_folder(kit_builder.build(2), tmp_path / "usb" / "kit").path
    assert window.current_screen_key() == "document"
    window.updates_screen.import_file(update)
    wait_installed(qtbot, window, 2)

    assert viewer.document_id is None and viewer.page_count == 0
    assert window.current_screen_key() != "document"
    # The install's own message and why the document closed, both.
    qtbot.waitUntil(lambda: "Persona Henk" in window.banner.text.text(), timeout=5000)
    assert "niet meer in de kit" in window.banner.text.text()
    assert "bijgewerkt naar versie 2" in window.banner.text.text()
    window.show_screen("waar-begin-je")
    card = next(iter(window.checklist_screen.cards.values()))
    assert [row.item.text for row in card.rows.values()] == [
        "Maak een lijst van vindplaatsen",
        "Bel de coördinator van het taalhuis",
    ]
    window.show_screen("actieplan")
    plans = window.actionplan_screen
    assert plans.table.select_action(plans.table.visible_ids()[0])
    items = [plans.editor.documents.item(i).text() for i in range(plans.editor.documents.count())]
    assert f"{HENK} (niet meer in de kit)" in items
    assert "Persona Henk" not in items


def test_a_closed_document_opened_after_an_update_shows_its_new_version(
    qtbot, open_window, kit_builder
):
    # The window keeps the bytes of the document closed last (opened again, they are not
    # read from the kit store a second time); an update in between must not bring back
    # the old version.
    with handleiding_at_page_2(qtbot, open_window, kit_builder) as (window, viewer, pages):
        old_version = viewer.pdf_bytes
        viewer.close_document()
        window.show_screen("bibliotheek")

        window.open_document(HANDLEIDING, page=2)  # unchanged: the same bytes, shown again
        opened(qtbot, viewer)
        assert viewer.pdf_bytes == old_version
        wait_rendered(qtbot, viewer, 1)
        viewer.close_document()

        install_changed_page_2(qtbot, window, kit_builder, pages)

        window.open_document(HANDLEIDING, page=2)
        opened(qtbot, viewer)
        assert "nieuwe versie" in page_text(viewer, 1)
        wait_rendered(qtbot, viewer, 1)
