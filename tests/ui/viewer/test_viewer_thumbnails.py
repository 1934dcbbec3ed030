"""The side panel's thumbnails: painted from the page images, no picture made per row.

Each thumbnail used to become a QIcon (a QPixmap copy of it), and Qt keeps
every icon pixmap it paints in its global pixmap cache: reading a long
document at 200 % filled that with some 40 thumbnails of pages long gone.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTabWidget

from companion.ui.appearance import Appearance, apply_appearance, reset_appearance
from tests.support.viewer_support import numbered_pdf, opened


def _dark_pixels(image, rect: QRect, ratio: float) -> int:
    """Pixels of ink (darker than paper or the grey of a page still waiting) in ``rect``."""
    dark = 0
    x0, y0 = int(rect.left() * ratio), int(rect.top() * ratio)
    x1 = min(image.width(), int(rect.right() * ratio))
    y1 = min(image.height(), int(rect.bottom() * ratio))
    for y in range(max(0, y0), y1):
        for x in range(max(0, x0), x1):
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark


def test_thumbnails_show_their_pages_and_every_row_shares_one_grey_stand_in(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Lang", numbered_pdf(60), 1)
    opened(qtbot, viewer)
    model, service = viewer.sidebar.model, viewer.service
    view = viewer.sidebar.thumbnails

    def on_screen() -> list[int]:
        area = view.viewport().rect()
        return [
            r for r in range(model.rowCount()) if view.visualRect(model.index(r)).intersects(area)
        ]

    def arrived(rows) -> bool:
        return bool(rows) and all(service.thumbnail(r, model.scale(r)) is not None for r in rows)

    for first in (0, 40):  # at the top, then further down the list
        view.scrollTo(model.index(first), view.ScrollHint.PositionAtTop)
        qtbot.waitUntil(lambda: arrived(on_screen()), timeout=15000)
        shot = view.viewport().grab().toImage()
        ratio = shot.devicePixelRatio()
        for row in on_screen():
            item = view.visualRect(model.index(row))
            # The top of the row: the page's title, above the page number.
            top = QRect(item.left(), item.top(), item.width(), item.height() // 3)
            if view.viewport().rect().contains(top):
                assert _dark_pixels(shot, top, ratio) > 0, f"thumbnail {row + 1} not painted"
    # The rows hand Qt the same grey page (one per page size), never a picture of
    # their own: the thumbnails exist once, in the viewer's thumbnail cache.
    icons = {
        model.data(model.index(row), Qt.ItemDataRole.DecorationRole).cacheKey()
        for row in [*on_screen(), 0, 1, 2]
    }
    assert len(icons) == 1


def test_thumbnail_rows_are_numbered_pages_to_choose_never_to_edit_or_drag(qtbot, make_viewer):
    viewer = make_viewer()
    viewer.show_document("doc", "Kort", numbered_pdf(7), 1)
    opened(qtbot, viewer)
    model = viewer.sidebar.model
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=5000)
    texts = [model.data(model.index(row), Qt.ItemDataRole.DisplayRole) for row in range(7)]
    assert texts == [str(page) for page in range(1, 8)]
    flags = model.flags(model.index(3))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
    # Another document: its own rows, the old ones gone.
    viewer.show_document("doc2", "Langer", numbered_pdf(12), 1)
    opened(qtbot, viewer)
    qtbot.waitUntil(lambda: model.rowCount() == 12, timeout=5000)
    assert model.data(model.index(11), Qt.ItemDataRole.DisplayRole) == "12"
    viewer.close_document()
    assert model.rowCount() == 0


def test_the_side_panel_keeps_its_smallest_size_only_while_nothing_changes_it(qtbot, make_viewer):
    """The panel keeps the smallest size Qt works out for it (asked some twenty times per
    opening); larger text, another language, the contents tab coming and going, or the
    panel hidden and shown again give Qt's own answer again, never an old one."""
    viewer = make_viewer()
    sidebar = viewer.sidebar

    def fresh() -> bool:
        return sidebar.minimumSizeHint() == QTabWidget.minimumSizeHint(sidebar)

    viewer.show_document("doc", "Kort", numbered_pdf(3), 1)
    opened(qtbot, viewer)
    small = sidebar.minimumSizeHint()
    assert fresh()
    try:
        apply_appearance(Appearance(text_size=200, language="en"))
        assert fresh()
        assert sidebar.minimumSizeHint() != small  # (so the checks above could fail)
        sidebar.setTabVisible(1, True)
        qtbot.waitUntil(fresh, timeout=2000)
        sidebar.hide()
        apply_appearance(Appearance(text_size=150, language="en"))
        sidebar.setTabVisible(1, False)
        sidebar.show()
        assert fresh()
    finally:
        reset_appearance()
    assert fresh()
