"""Opening a document from the library, as a person does: a double-click on its row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from companion.pdf.engine.protocol import DocumentRef, Inspect
from tests.support.viewer_support import wait_rendered

LONG = "handleiding-lang"


def long_kit(kit_builder):
    """The small test kit with a forty-page handleiding."""
    kit_builder.documents[LONG] = [
        f"Handleiding lang, pagina {n}.\nDe vindplaatsen van pagina {n}." for n in range(1, 41)
    ]
    return kit_builder.build(1, name="bundled")


def double_click(qtbot, window, doc_id: str) -> None:
    library = window.library_screen
    assert library.select_document(doc_id)
    tree = library.tree
    where = tree.visualItemRect(tree.currentItem()).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_double_click_shows_the_first_page_and_the_keyboard_reads_on(
    qtbot, start_window, kit_builder
):
    window = start_window(long_kit(kit_builder), activate=True, wait=True)
    double_click(qtbot, window, LONG)
    viewer = window.viewer
    assert window.current_screen_key() == "document"
    wait_rendered(qtbot, viewer, 0)
    assert viewer.page_total.text() == "van 40"
    # The thumbnails are there, the page being read marked.
    thumbnails = viewer.sidebar.thumbnails
    qtbot.waitUntil(lambda: viewer.sidebar.model.rowCount() == 40, timeout=5000)
    qtbot.waitUntil(lambda: thumbnails.currentIndex().row() == 0, timeout=5000)
    # The first page was asked for before the screens switched; the pages read on.
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: viewer.page == 2, timeout=5000)
    # Once the page is on screen the library knows it was read (no "nieuw" mark any more),
    # also while the person is still reading it.
    revision = window.context.library.document(LONG).revision
    qtbot.waitUntil(
        lambda: window.context.user.opened_revisions().get(LONG) == revision, timeout=5000
    )


def test_a_document_opened_and_closed_at_once_is_still_marked_read(
    qtbot, start_window, kit_builder
):
    window = start_window(long_kit(kit_builder), wait=True)
    assert window.open_document(LONG)
    window.close()  # before its first page could be drawn
    assert LONG in window.context.user.opened_revisions()


def test_the_first_document_opens_in_the_size_of_the_window(qtbot, start_window, kit_builder):
    window = start_window(long_kit(kit_builder), wait=True)
    # The viewer is made ready while the window is idle after its first paint...
    qtbot.waitUntil(lambda: window._viewer is not None, timeout=10000)
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.size() == window.stack.contentsRect().size(), timeout=5000)
    scales = []
    original = viewer.service.request

    def request(lane, wanted):
        scales.extend(round(item[1], 4) for item in wanted)
        return original(lane, wanted)

    viewer.service.request = request
    # ... so the first page is asked for at the scale it is shown at, before the switch.
    assert window.open_document(LONG)
    wait_rendered(qtbot, viewer, 0)
    assert scales and scales[0] == round(viewer.canvas.render_scale(), 4)


def test_the_workers_draw_a_page_of_their_own_before_the_first_document(
    qtbot, start_window, kit_builder
):
    bundled = long_kit(kit_builder)
    first = start_window(bundled, wait=True)  # a first start: the kit is imported
    first.close()
    first.context.close()

    window = start_window(bundled)  # the kit is in place: the engine starts at once
    qtbot.waitUntil(lambda: window._viewer is not None, timeout=10000)
    pool = window.engine.pool
    # While the window is idle after the start, every worker draws the built-in page...
    qtbot.waitUntil(lambda: pool.completed >= pool.size and pool.pending() == 0, timeout=20000)
    # ... and the window lets the page go once the last answer reached it: it counts as
    # completed on the engine's thread a moment before (longer on a busy machine), and
    # a question asked in that moment finds the page still open.
    qtbot.waitUntil(lambda: not pool._shared, timeout=10000)
    # ... and lets it go again: no worker keeps a document open.
    # Asked in rounds of one question per worker until every worker has answered (a worker
    # that answers at once may take the next question of a round too).
    answers: list[dict] = []
    for _round in range(20):
        before = len(answers)
        for _worker in range(pool.size):
            pool.submit(Inspect(DocumentRef("", "")), callback=answers.append)
        qtbot.waitUntil(lambda n=before: len(answers) == n + pool.size, timeout=10000)
        if {answer["pid"] for answer in answers} == set(pool.worker_pids()):
            break
    assert {answer["pid"] for answer in answers} == set(pool.worker_pids())
    assert len(pool.worker_pids()) == pool.size
    assert all(answer["documents"] == [] for answer in answers)
    # The first document opens as any other: its first page, its thumbnails.
    double_click(qtbot, window, LONG)
    wait_rendered(qtbot, window.viewer, 0)
    qtbot.waitUntil(lambda: window.viewer.sidebar.model.rowCount() == 40, timeout=5000)
