"""Drawing a page, or a tile of it, straight into a shared pixel buffer (in a worker).

MuPDF draws into a pixmap made over the shared-memory block itself, in
B G R A order with A = 255: the bytes Qt calls RGB32 on a little-endian
machine, so the window paints them without converting and nobody copies a
whole page. A page drawn in tiles is interpreted once into a display list
(kept for the last few pages), and each tile runs that list with a clip.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from companion.pdf.page_box import PageBox

if TYPE_CHECKING:
    import pymupdf


def page_box(page: pymupdf.Page) -> PageBox:
    rect = page.rect
    return PageBox(float(rect.width), float(rect.height), int(page.rotation) % 360)


def page_boxes(doc: pymupdf.Document) -> list[PageBox]:
    """Every page's shown size and turn, without loading the pages (about 60 µs a page)."""
    try:
        return _boxes_from_page_tree(doc)
    except Exception:  # not a plain page tree: ask each page, slower but always right
        return [page_box(page) for page in doc]


def _boxes_from_page_tree(doc: pymupdf.Document) -> list[PageBox]:
    import pymupdf

    m = pymupdf.mupdf
    pdf = pymupdf._as_pdf_document(doc)
    boxes = []
    for index in range(doc.page_count):
        obj = m.pdf_lookup_page_obj(pdf, index)
        bounds, ctm = m.FzRect(), m.FzMatrix()
        m.pdf_page_obj_transform(obj, bounds, ctm)
        shown = m.fz_transform_rect(bounds, ctm)
        rotation = m.pdf_to_int(m.pdf_dict_get_inheritable(obj, m.PDF_ENUM_NAME_Rotate))
        width, height = shown.x1 - shown.x0, shown.y1 - shown.y0
        if not (width > 0 and height > 0):
            raise ValueError(f"page {index + 1} has no size")
        boxes.append(PageBox(float(width), float(height), (rotation // 90 * 90) % 360))
    return boxes


class DisplayLists:
    """Interpreted pages, so the tiles of one page cost one pass over its content."""

    def __init__(self, limit: int = 2) -> None:
        self.limit = limit
        self._lists: OrderedDict[tuple[str, int], object] = OrderedDict()

    def get(self, key: str, page: pymupdf.Page, cookie: object | None = None) -> object:
        """The page's display list, interpreted now if need be.

        Interpreting is most of the work for a heavy page, so it runs with
        ``cookie`` (a MuPDF FzCookie) too: a list cut short by its abort field is
        used once (the drawing it is for is stopped anyway) and never kept.
        """
        import pymupdf

        m = pymupdf.mupdf
        found = self._lists.get((key, page.number))
        if found is not None:
            self._lists.move_to_end((key, page.number))
            return found
        # As fz_new_display_list_from_page does, but with the cookie.
        found = m.fz_new_display_list(m.fz_bound_page(page.this))
        device = m.fz_new_list_device(found)
        try:
            m.fz_run_page(page.this, device, m.FzMatrix(), cookie or m.FzCookie())
            m.fz_close_device(device)
        finally:
            del device
        if cookie is not None and cookie.m_internal.abort:  # type: ignore[attr-defined]
            return found
        self._lists[(key, page.number)] = found
        while len(self._lists) > self.limit:
            self._lists.popitem(last=False)
        return found

    def keys(self) -> list[tuple[str, int]]:
        """(document key, page) of each list kept, oldest first."""
        return list(self._lists)

    def forget(self, key: str) -> None:
        for entry in [k for k in self._lists if k[0] == key]:
            del self._lists[entry]

    def clear(self) -> None:
        self._lists.clear()


def render_into(
    page: pymupdf.Page,
    width: int,
    height: int,
    clip: tuple[int, int, int, int],
    buffer: memoryview,
    display_list: object | None = None,
    cookie: object | None = None,
) -> int:
    """Draw ``clip`` of the page scaled to ``width`` x ``height`` px into ``buffer``.

    Returns the stride (bytes per row). ``buffer`` must hold the clip's
    width x height x 4 bytes. MuPDF stops early once ``cookie`` (a MuPDF
    FzCookie) has its abort field set.
    """
    import pymupdf

    m = pymupdf.mupdf
    x0, y0, x1, y1 = clip
    w, h = x1 - x0, y1 - y0
    stride = w * 4
    if w <= 0 or h <= 0 or len(buffer) < stride * h:
        raise ValueError(f"no room for a {w}x{h} tile")
    bounds = m.fz_bound_page(page.this)
    sx = width / max(1e-6, bounds.x1 - bounds.x0)
    sy = height / max(1e-6, bounds.y1 - bounds.y0)
    ctm = m.FzMatrix(sx, 0, 0, sy, -bounds.x0 * sx - x0, -bounds.y0 * sy - y0)
    samples = m.python_mutable_buffer_data(buffer)
    pixmap = m.fz_new_pixmap_with_data(
        m.fz_device_bgr(), w, h, m.FzSeparations(), 1, stride, samples
    )
    m.fz_clear_pixmap_with_value(pixmap, 255)
    device = m.fz_new_draw_device(m.FzMatrix(), pixmap)
    mupdf_cookie = cookie if cookie is not None else m.FzCookie()
    try:
        if display_list is not None:
            area = m.FzRect(0, 0, w, h)
            m.fz_run_display_list(display_list, device, ctm, area, mupdf_cookie)
        else:
            m.fz_run_page(page.this, device, ctm, mupdf_cookie)
        m.fz_close_device(device)
    finally:
        del device
        del pixmap
    return stride
