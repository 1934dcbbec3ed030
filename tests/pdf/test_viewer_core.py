"""The viewer's plain-Python parts: cache, layout, render path, find, forms."""

from __future__ import annotations

import threading

import pymupdf
import pytest

from companion.pdf.find import find_in_pdf
from companion.pdf.forms import (
    CHECKBOX,
    CHECKED,
    MULTILINE,
    TEXT,
    FormValues,
    fill_pdf,
    read_fields,
)
from companion.pdf.page_cache import ByteLRU, keep_window, render_order
from companion.pdf.page_layout import (
    GAP,
    PageLayout,
    fit_page_scale,
    fit_width_scale,
    step_zoom,
)
from companion.pdf.page_render import (
    LANE_PRESENT,
    LANE_THUMBS,
    LANE_VIEW,
    CachedRenderer,
    RenderJob,
    RenderQueue,
    bare_render,
    bench_page_turns,
    bench_render_fit_width,
)
from companion.pdf.pages import PdfPages, words_text
from companion.store.user_store import UserStore
from companion.ui.viewer.presentation import pick_screens
from tests.support.viewer_support import form_pdf, linked_pdf, numbered_pdf

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


# -- render path -------------------------------------------------------------------


def test_render_queue_replaces_stale_jobs_and_serves_urgent_lanes_first():
    queue = RenderQueue()
    queue.replace(LANE_VIEW, [RenderJob(LANE_VIEW, i, 1.0) for i in range(5)])
    queue.replace(LANE_VIEW, [RenderJob(LANE_VIEW, i, 1.0) for i in (7, 8)])  # scrolled on
    queue.add(LANE_THUMBS, [RenderJob(LANE_THUMBS, i, 0.2) for i in range(100)], limit=10)
    queue.replace(LANE_PRESENT, [RenderJob(LANE_PRESENT, 3, 2.0)])
    assert queue.pending() == 13
    taken = [queue.take(timeout=0) for _ in range(4)]
    assert [(j.lane, j.index) for j in taken] == [
        (LANE_PRESENT, 3),
        (LANE_VIEW, 7),
        (LANE_VIEW, 8),
        (LANE_THUMBS, 90),
    ]
    assert queue.take(timeout=0).index == 91


def test_render_queue_take_wakes_up_when_closed():
    queue = RenderQueue()
    results = []
    thread = threading.Thread(target=lambda: results.append(queue.take()))
    thread.start()
    queue.close()
    thread.join(5)
    assert results == [None]


def test_cached_renderer_keeps_300_pages_under_the_cap():
    data = numbered_pdf(300)
    cap = 8 * 1024 * 1024  # one page at 150 dpi is 6.3 MB, at 72 dpi 1.5 MB
    renderer = CachedRenderer(data, max_bytes=cap)
    try:
        page = renderer.page(0, 150 / 72)
        assert page.width == round(595 * 150 / 72)
        assert renderer.page(0, 150 / 72) is page  # second time from the cache
        for index in range(0, 300, 7):
            renderer.page(index, 1.0)
            assert renderer.cache.total_bytes <= cap
        assert renderer.cache.peak_bytes <= cap
        assert len(renderer.cache) == 5  # 5 x 1.5 MB fit in 8 MB
    finally:
        renderer.close()


def test_benchmark_hooks_run_without_qt():
    data = numbered_pdf(6)
    renderer = CachedRenderer(data)
    try:
        # The same pixels as the bare-PyMuPDF floor the benchmark compares with.
        assert bench_render_fit_width(renderer, 0, dpi=150) == bare_render(data, 0, dpi=150)
        times = bench_page_turns(renderer, turns=4, dpi=72, viewport=(700, 900), margin=1)
        assert len(times) == 4
        # Only pages near the last turn stay in memory.
        assert {key[0] for key in renderer.cache} <= {1, 2, 3, 4, 5}
    finally:
        renderer.close()


# -- find --------------------------------------------------------------------------


def test_find_ignores_case_and_accents_and_matches_inside_words():
    data = numbered_pdf(
        4,
        {2: "De vindplaats is belangrijk.", 4: "Vindplaatsen en de REÏNTEGRATIE van mensen."},
    )
    hits = find_in_pdf(data, query="vindplaats")
    assert [hit.index for hit in hits] == [1, 3]
    assert [h.index for h in find_in_pdf(data, query="reintegratie")] == [3]
    assert find_in_pdf(data, query="integratie")[0].index == 3
    assert find_in_pdf(data, query="niet aanwezig") == []
    # A phrase must appear in that order; little words count only in quotes (search's rules).
    assert [h.index for h in find_in_pdf(data, query='"de vindplaats"')] == [1]
    assert find_in_pdf(data, query='"vindplaats de"') == []
    assert [h.index for h in find_in_pdf(data, query="de vindplaats")] == [1, 3]


def test_find_uses_search_word_rules_for_apostrophes_and_signs():
    data = numbered_pdf(3, {2: "Vind zzp'ers via hun boekhouder.", 3: "Van Klik & Tik naar taal."})
    assert [h.index for h in find_in_pdf(data, query="zzpers")] == [1]
    assert [h.index for h in find_in_pdf(data, query="zzp-ers boekhouder")] == []
    assert [h.index for h in find_in_pdf(data, query="klik en tik")] == [2]
    assert [h.index for h in find_in_pdf(data, query="tik klik")] == []


def test_find_rectangles_cover_the_word():
    data = numbered_pdf(2, {2: "Een klantreis maken."})
    (hit,) = find_in_pdf(data, query="klantreis")
    doc = pymupdf.open(stream=data, filetype="pdf")
    (expected,) = doc[1].search_for("klantreis")
    x0, y0, x1, y1 = hit.rects[0]
    assert abs(x0 - expected.x0) < 1 and abs(x1 - expected.x1) < 1
    assert y0 <= expected.y1 and y1 >= expected.y0


def test_terms_light_the_words_search_matched():
    data = numbered_pdf(3, {3: "De reïntegratie en de laaggeletterden."})
    hits = find_in_pdf(data, terms=("reintegratie", "laaggeletterd"))
    assert [hit.index for hit in hits] == [2, 2]


# -- links, outline, words -----------------------------------------------------------


def test_pdf_pages_reads_links_outline_and_words():
    pages = PdfPages(linked_pdf(), "test")
    try:
        links = pages.links(0)
        assert [link.target for link in links if link.internal] == [3]
        assert [link.uri for link in links if not link.internal] == [
            "https://www.lezenenschrijven.nl/hoger-bereik"
        ]
        assert pages.link_at(0, 100, 195).target == 3
        assert pages.link_at(0, 400, 400) is None
        assert [(e.level, e.title, e.index) for e in pages.outline()] == [
            (1, "Begin", 0),
            (1, "Aanpak", 3),
            (2, "Stap 1", 4),
        ]
        assert words_text(pages.words_in(0, (60, 60, 300, 100))) == "Pagina 1"
    finally:
        pages.close()


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
    filled = fill_pdf(data, {"naam": "Bibliotheek Waterland", "besproken": CHECKED})
    values = {w.field_name: w.field_value for w in pymupdf.open(stream=filled)[0].widgets()}
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
