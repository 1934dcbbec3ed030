"""The viewer's plain-Python parts: cache, layout, tiles, and the MuPDF work a worker does."""

from __future__ import annotations

import pymupdf
import pytest

from companion.pdf.content import CHECKBOX, CHECKED, MULTILINE, TEXT, words_in, words_text
from companion.pdf.find import find_in_words, terms_in_words
from companion.pdf.form_pdf import fill_pdf, read_fields
from companion.pdf.forms import FormValues
from companion.pdf.page_cache import ByteLRU, keep_window, render_order
from companion.pdf.page_layout import (
    GAP,
    PageLayout,
    fit_page_scale,
    fit_width_scale,
    step_zoom,
)
from companion.pdf.page_reading import read_links, read_outline, read_words
from companion.pdf.render import page_boxes
from companion.pdf.tiles import (
    BAND_HEIGHT,
    TILE,
    WIDE_BAND_HEIGHT,
    grid_for,
    page_pixels,
    scale_key,
)
from companion.store.user_store import UserStore
from companion.ui.viewer.presentation import pick_screens
from tests.support.viewer_support import form_pdf, linked_pdf, numbered_pdf, rotated_pdf

# -- cache -------------------------------------------------------------------------


def test_byte_lru_never_holds_more_than_its_cap():
    cache: ByteLRU[int, bytes] = ByteLRU(100, len)
    for key in range(10):
        cache.put(key, b"x" * 30)
        assert cache.total_bytes <= 100
    assert list(cache) == [7, 8, 9]  # the three most recent
    cache.get(7)  # used again: now the newest
    cache.put(10, b"x" * 30)
    assert list(cache) == [9, 7, 10]
    assert cache.peak_bytes <= 100
    # Too big for the whole cache: not kept, nothing else thrown away for it.
    assert cache.put(11, b"x" * 101) == []
    assert 11 not in cache and len(cache) == 3


def test_byte_lru_evicts_far_pages_on_request():
    cache: ByteLRU[tuple[int, int], bytes] = ByteLRU(1000, len)
    for page in range(8):
        cache.put((page, 100), b"x" * 10)
    keep = keep_window(range(4, 5), 8, 1)
    cache.evict(lambda key: key[0] not in keep)
    assert sorted(key[0] for key in cache) == [3, 4, 5]
    assert cache.total_bytes == 30


def test_render_order_puts_visible_pages_first_then_neighbours():
    assert render_order(range(4, 6), 10, 2) == [4, 5, 6, 3, 7, 2]
    assert render_order(range(0, 1), 3, 2) == [0, 1, 2]
    assert render_order(range(0), 0, 2) == []


# -- layout ------------------------------------------------------------------------


def test_layout_stacks_pages_and_finds_the_visible_ones():
    sizes = [(595, 842)] * 3 + [(842, 595)]
    layout = PageLayout(sizes, 1.0, viewport_width=1000)
    assert layout.boxes[0].y == GAP
    assert layout.boxes[1].y == GAP + 842 + GAP
    assert layout.boxes[3].width == 842 and layout.boxes[3].x == (1000 - 842) // 2
    assert layout.visible(0, 500) == range(0, 1)
    assert layout.visible(800, 900) == range(0, 2)
    assert layout.page_at(layout.boxes[2].y + 5) == 2
    assert layout.most_visible(layout.boxes[1].y - 100, layout.boxes[1].y + 700) == 1


def test_fit_scales_and_zoom_steps():
    sizes = [(500, 1000)]
    assert fit_width_scale(sizes, 524) == pytest.approx(1.0)
    assert fit_page_scale(sizes[0], 2000, 524) == pytest.approx(0.5)
    assert step_zoom(1.0, 1) == 1.25
    assert step_zoom(1.0, -1) == 0.75
    assert step_zoom(1.1, -1) == 1.0  # from between two steps to the one below
    assert step_zoom(8.0, 1) == 8.0


def test_pick_screens_prefers_the_remembered_then_the_other_screen():
    assert pick_screens(["laptop"], "laptop", None) == (0, None)
    assert pick_screens(["laptop", "beamer"], "laptop", None) == (1, 0)
    assert pick_screens(["beamer", "laptop"], "laptop", None) == (0, 1)
    assert pick_screens(["laptop", "beamer", "tv"], "laptop", "tv") == (2, 0)
    assert pick_screens(["laptop", "beamer"], "laptop", "weg") == (1, 0)


# -- tiles -------------------------------------------------------------------------


def test_small_pages_come_whole_and_large_ones_in_bands_or_tiles():
    assert page_pixels(595, 842, 1.0) == (595, 842)
    assert page_pixels(1, 1, 0.2) == (1, 1)  # never an image of no pixels
    assert grid_for(595, 842).whole
    fit_width = grid_for(1480, 2094)  # A4 at 179 dpi: 12 MB, in bands of the full width
    assert (fit_width.columns, fit_width.rows) == (1, 5)
    assert fit_width.clip(0, 4) == (0, 4 * BAND_HEIGHT, 1480, 2094)
    # Two bands cover a full-HD view from the top of a page: both workers draw at once.
    assert fit_width.covering((0, 0, 1480, 968)) == [(0, 0), (0, 1)]
    hidpi = grid_for(3400, 4800)  # fit width on a 200 % screen: smaller bands
    assert hidpi.columns == 1 and hidpi.tile_height == WIDE_BAND_HEIGHT
    # A view from 1100 to 3000 px down the page touches only the bands there.
    assert hidpi.covering((0, 1100, 3400, 3000)) == [(0, r) for r in range(2, 8)]
    zoomed = grid_for(9000, 12700)  # 600 %: square tiles, only those on screen
    assert (zoomed.tile_width, zoomed.tile_height) == (TILE, TILE)
    assert zoomed.covering((8100, 0, 9000, 500)) == [(7, 0), (8, 0)]
    assert zoomed.clip(8, 12) == (8 * TILE, 12 * TILE, 9000, 12700)
    assert zoomed.covering((0, 13000, 100, 13100)) == []  # below the page
    assert scale_key(2.0) == scale_key(2.0000001) != scale_key(2.01)


# -- what a worker reads -----------------------------------------------------------------


def test_page_boxes_are_the_shown_sizes_and_turns():
    doc = pymupdf.open(stream=rotated_pdf(), filetype="pdf")
    boxes = page_boxes(doc)
    assert [(b.width, b.height, b.rotation) for b in boxes] == [
        (595, 842, 0),
        (842, 595, 90),
        (595, 842, 180),
        (842, 595, 270),
    ]
    # The fast path agrees with asking each page.
    assert boxes == [type(boxes[0])(p.rect.width, p.rect.height, p.rotation) for p in doc]


def find(data: bytes, query: str = "", terms: tuple[str, ...] = ()) -> list:
    doc = pymupdf.open(stream=data, filetype="pdf")
    hits = []
    for page in doc:
        words = read_words(page)
        hits += (
            terms_in_words(page.number, words, terms)
            if terms
            else find_in_words(page.number, words, query)
        )
    return hits


def test_find_ignores_case_and_accents_and_matches_inside_words():
    data = numbered_pdf(
        4,
        {2: "De vindplaats is belangrijk.", 4: "Vindplaatsen en de REÏNTEGRATIE van mensen."},
    )
    hits = find(data, query="vindplaats")
    assert [hit.index for hit in hits] == [1, 3]
    assert [h.index for h in find(data, query="reintegratie")] == [3]
    assert find(data, query="integratie")[0].index == 3
    assert find(data, query="niet aanwezig") == []
    # A phrase must appear in that order; little words count only in quotes (search's rules).
    assert [h.index for h in find(data, query='"de vindplaats"')] == [1]
    assert find(data, query='"vindplaats de"') == []
    assert [h.index for h in find(data, query="de vindplaats")] == [1, 3]


def test_find_uses_search_word_rules_for_apostrophes_and_signs():
    data = numbered_pdf(3, {2: "Vind zzp'ers via hun boekhouder.", 3: "Van Klik & Tik naar taal."})
    assert [h.index for h in find(data, query="zzpers")] == [1]
    assert [h.index for h in find(data, query="zzp-ers boekhouder")] == []
    assert [h.index for h in find(data, query="klik en tik")] == [2]
    assert [h.index for h in find(data, query="tik klik")] == []


def test_find_rectangles_cover_the_word():
    data = numbered_pdf(2, {2: "Een klantreis maken."})
    (hit,) = find(data, query="klantreis")
    doc = pymupdf.open(stream=data, filetype="pdf")
    (expected,) = doc[1].search_for("klantreis")
    x0, y0, x1, y1 = hit.rects[0]
    assert abs(x0 - expected.x0) < 1 and abs(x1 - expected.x1) < 1
    assert y0 <= expected.y1 and y1 >= expected.y0


def test_terms_light_the_words_search_matched():
    data = numbered_pdf(3, {3: "De reïntegratie en de laaggeletterden."})
    hits = find(data, terms=("reintegratie", "laaggeletterd"))
    assert [hit.index for hit in hits] == [2, 2]


# -- links, outline, words -----------------------------------------------------------


def test_links_outline_and_words_are_read():
    doc = pymupdf.open(stream=linked_pdf(), filetype="pdf")
    links = read_links(doc[0], doc.page_count)
    assert [link.target for link in links if link.internal] == [3]
    assert [link.uri for link in links if not link.internal] == [
        "https://www.lezenenschrijven.nl/hoger-bereik"
    ]
    assert [(e.level, e.title, e.index) for e in read_outline(doc)] == [
        (1, "Begin", 0),
        (1, "Aanpak", 3),
        (2, "Stap 1", 4),
    ]
    assert words_text(words_in(read_words(doc[0]), (60, 60, 300, 100))) == "Pagina 1"


# -- forms -----------------------------------------------------------------------------


def test_read_fields_and_fill_pdf():
    data = form_pdf()
    doc = pymupdf.open(stream=data, filetype="pdf")
    fields = read_fields(doc)
    assert [(f.name, f.kind, f.index) for f in fields] == [
        ("naam", TEXT, 0),
        ("doelen", MULTILINE, 0),
        ("besproken", CHECKBOX, 0),
    ]
    assert fields[0].label == "Naam van de vindplaats"
    filled = fill_pdf(doc, {"naam": "Bibliotheek Waterland", "besproken": CHECKED})
    assert filled.cut == ()
    values = {w.field_name: w.field_value for w in pymupdf.open(stream=filled.data)[0].widgets()}
    assert values["naam"] == "Bibliotheek Waterland"
    assert values["besproken"] not in ("Off", "", None)
    assert values["doelen"] == ""


def test_form_values_are_kept_per_document_in_the_user_store(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    forms = FormValues(user)
    forms.set_values("werkblad-a", {"naam": "Henk", "klaar": CHECKED})
    forms.set_value("werkblad-a", "naam", "Henk de Vries")
    forms.set_value("werkblad-b", "naam", "Anna")
    user.close()
    again = FormValues(UserStore(tmp_path / "user.sqlite"))
    assert again.values("werkblad-a") == {"naam": "Henk de Vries", "klaar": CHECKED}
    assert again.values("werkblad-b") == {"naam": "Anna"}
    assert again.documents() == ["werkblad-a", "werkblad-b"]
    again.clear("werkblad-b")
    assert again.values("werkblad-b") == {}
    again.user.close()


def test_form_fields_on_a_turned_page_lie_over_their_boxes():
    """The field's rectangle (shown coordinates) covers the box drawn for it on screen."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    widget = pymupdf.Widget()
    widget.field_name, widget.field_type = "naam", pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.rect = pymupdf.Rect(100, 300, 300, 330)
    widget.border_color, widget.border_width = (0, 0, 0), 3
    page.add_widget(widget)
    page.set_rotation(90)
    doc = pymupdf.open(stream=doc.tobytes(), filetype="pdf")
    (field,) = read_fields(doc)
    pix = doc[0].get_pixmap(alpha=False)  # 1 px per point, as shown (842 x 595)
    dark = [
        (x, y) for y in range(pix.height) for x in range(0, pix.width) if pix.pixel(x, y)[0] < 80
    ]
    xs, ys = [p[0] for p in dark], [p[1] for p in dark]
    x0, y0, x1, y1 = field.rect
    assert abs(x0 - min(xs)) < 3 and abs(x1 - max(xs)) < 3
    assert abs(y0 - min(ys)) < 3 and abs(y1 - max(ys)) < 3
    assert y1 - y0 > x1 - x0  # turned a quarter: the wide box stands upright
