"""The page sizes the viewer lays a kit document out with, read from the kit store:
the sizes and turns PyMuPDF gives for each page, in page order, for documents with one
page size throughout and for documents whose pages differ."""

from __future__ import annotations

import pymupdf

from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.source import FolderSource
from companion.pdf.page_box import PageBox
from companion.store.kit_store import KitStore

# (width, height, /Rotate) per page, as written into the PDF.
MIXED = [(595, 842, 0), (842, 595, 0), (595, 842, 0), (419.5, 595.28, 0), (595, 842, 90)]
SAME = [(595.28, 841.89, 0)] * 7


def _pdf(pages: list[tuple[float, float, int]]) -> bytes:
    doc = pymupdf.open()
    for number, (width, height, turn) in enumerate(pages, 1):
        page = doc.new_page(width=width, height=height)
        page.insert_text((40, 60), f"Pagina {number} van de handleiding")
        page.set_rotation(turn)
    return doc.tobytes()


def _shown(pages: list[tuple[float, float, int]]) -> list[tuple[float, float, int]]:
    """What PyMuPDF itself says each page shows (a quarter turn swaps width and height)."""
    doc = pymupdf.open(stream=_pdf(pages), filetype="pdf")
    return [(page.rect.width, page.rect.height, page.rotation) for page in doc]


def test_page_sizes_come_back_per_page_in_order_for_one_size_and_for_many(
    tmp_path, kit_builder, test_public_keys
):
    kit_builder.add_file("handleiding-gemengd", _pdf(MIXED), "Gemengd")
    kit_builder.add_file("handleiding-a4", _pdf(SAME), "Alles A4")
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
        library = KitLibrary(store)
        for doc_id, pages in (("handleiding-gemengd", MIXED), ("handleiding-a4", SAME)):
            boxes = library.page_boxes(doc_id)
            assert boxes is not None and all(isinstance(box, PageBox) for box in boxes)
            got = [(box.width, box.height, box.rotation) for box in boxes]
            # Stored at import to the hundredth of a point.
            assert got == [(round(w, 2), round(h, 2), turn) for w, h, turn in _shown(pages)]
        assert library.page_boxes("bestaat-niet") is None
    finally:
        store.close()
