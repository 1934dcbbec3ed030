"""Page text for the index: complete, clean, and read in worker processes that may fail."""

from __future__ import annotations

import pymupdf

from companion.pdf.extract_pool import FAULT_ABORT, FAULT_HANG, Job, PoolSettings, extract_files
from companion.pdf.text import body_text, clean_text, extract_pdf, margin_band, page_box
from tests.support import bad_pdfs


def test_control_characters_are_removed_and_line_breaks_kept():
    assert clean_text("a\x00b\x07c\x1bd\x7f") == "abcd"
    assert clean_text("regel\r\neen\x0ctwee\u2028drie\tvier") == "regel\n\neen\ntwee\ndrie\tvier"
    assert clean_text("lone \ud800 surrogate\ufffe") == "lone  surrogate"


def test_margin_band_is_a_share_of_the_page_with_a_ceiling():
    assert margin_band(100) < 10  # a label keeps its text
    assert 40 <= margin_band(842) <= 48  # A4: running headers and footers
    assert margin_band(3370) == 48  # a poster's title is no running header


def test_running_header_is_found_on_the_top_of_the_page_as_shown():
    """Turned 90 degrees, the text at the left edge of the unturned page is the top."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((8, 400), "kopje", fontsize=6)  # left edge: the top once turned
    page.insert_text((300, 20), "zijkant", fontsize=8)  # top edge: the right side once turned
    page.insert_text((300, 400), "middenstuk", fontsize=11)
    page.set_rotation(90)
    text = body_text(page)
    assert "middenstuk" in text and "zijkant" in text and "kopje" not in text


def test_a_page_with_only_margin_text_keeps_it():
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((56, 30), "alleen een regel bovenaan", fontsize=8)
    assert "alleen een regel bovenaan" in body_text(page)


def test_extract_reports_every_bad_page_not_just_the_first():
    result = extract_pdf(bad_pdfs.page_tree_cycle())
    assert [(p.page, "cycle in page tree" in p.detail) for p in result.problems] == [(2, True)]
    assert result.pages == ()


def test_extract_refuses_a_page_count_that_cannot_be_read():
    result = extract_pdf(bad_pdfs.unreadable_page_count())
    assert [p.reason for p in result.problems] == [
        "het bestand is beschadigd en kan niet worden gelezen"
    ]
    assert "Invalid number of pages" in result.problems[0].detail


def test_mupdf_messages_go_to_the_result_not_stdout(capfd):
    result = extract_pdf(b"%PDF-1.7\nthis is not really a pdf at all\n%%EOF\n")
    out, err = capfd.readouterr()
    assert "MuPDF" not in out and "MuPDF" not in err
    assert "startxref" in result.warnings and not result.ok


def test_a_crashing_or_hanging_worker_costs_one_file(capfd):
    good = bad_pdfs.text_pdf(["Goed bestand over vindplaatsen."] * 3).tobytes()
    jobs = [Job(n, f"bestand-{n}.pdf", good) for n in range(5)]
    settings = PoolSettings(
        workers=2,
        page_timeout=2.0,
        faults={"bestand-1.pdf": FAULT_ABORT, "bestand-3.pdf": FAULT_HANG},
    )
    results = {job.key: result for job, result in extract_files(jobs, settings)}

    assert sorted(results) == [0, 1, 2, 3, 4]
    for key in (0, 2, 4):
        assert results[key].ok and len(results[key].pages) == 3
        assert "vindplaatsen" in results[key].pages[0].text
    crash, hang = results[1].problems, results[3].problems
    assert [p.reason for p in crash] == [
        "het programma liep vast op dit bestand (het is waarschijnlijk kapot)"
    ]
    assert [(p.page, p.reason) for p in hang] == [
        (1, "het lezen van de pagina duurde te lang (meer dan 2 seconden)")
    ]
    assert "MuPDF" not in capfd.readouterr().out


def test_text_off_the_page_is_not_indexed():
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 300), "zichtbaar op de pagina", fontsize=11)
    page.insert_text((700, 300), "verstopt naast de pagina", fontsize=11)
    text = body_text(page)
    assert "zichtbaar" in text and "verstopt" not in text


def _mixed_pages() -> bytes:
    """Pages the extraction reads in different ways: upright, turned (own or inherited
    /Rotate), cropped off-centre, text across and off the edge, margin text only."""
    doc = pymupdf.open()
    for width, height, rotate in ((595, 842, 0), (595, 842, 90), (842, 595, 180), (200, 120, 0)):
        page = doc.new_page(width=width, height=height)
        page.insert_text((20, 14), "koptekst bovenaan", fontsize=6)
        page.insert_text((20, height / 2), f"middenstuk {width} bij {height}", fontsize=10)
        page.insert_text((-40, height / 2 + 20), "half naast de rand", fontsize=10)
        page.insert_text((width + 30, height / 2), "helemaal naast de pagina", fontsize=10)
        page.insert_text((20, height - 6), "voettekst onderaan", fontsize=6)
        if rotate:
            page.set_rotation(rotate)
    cropped = doc.new_page(width=595, height=842)
    cropped.insert_text((300, 500), "binnen de uitsnede", fontsize=11)
    cropped.insert_text((60, 100), "buiten de uitsnede", fontsize=11)
    cropped.set_cropbox(pymupdf.Rect(250, 250, 550, 700))
    only_margin = doc.new_page(width=595, height=842)
    only_margin.insert_text((56, 30), "alleen een regel bovenaan", fontsize=8)
    inherited = doc.new_page(width=595, height=842)
    inherited.insert_text((8, 150), "kopje", fontsize=6)  # an edge once turned
    inherited.insert_text((300, 400), "geërfde draaiing", fontsize=11)
    # /Rotate on the page tree, not the page: the page inherits 270 degrees.
    tree = int(doc.xref_get_key(doc.pdf_catalog(), "Pages")[1].split()[0])
    doc.xref_set_key(tree, "Rotate", "270")
    doc.xref_set_key(inherited.xref, "Rotate", "null")
    return doc.tobytes()


def test_extract_reads_every_kind_of_page_as_the_page_api_does():
    """Upright pages are read through PyMuPDF's low-level calls, others the Page way:
    both must give the text and box that body_text and page_box give for the page."""
    data = _mixed_pages()
    result = extract_pdf(data)
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        expected = [(body_text(page), page_box(page)) for page in doc]
    assert [(page.text, page.box) for page in result.pages] == expected
    texts = [text for text, _box in expected]
    assert [box.rotation for _text, box in expected] == [0, 90, 180, 0, 0, 0, 270]
    assert all("naast de pagina" not in text for text in texts)
    assert "middenstuk 595 bij 842" in texts[0] and "koptekst" not in texts[0]
    assert "voettekst" not in texts[0]
    assert "st de rand" in texts[0] and "half" not in texts[0]  # the letters on the page
    assert "middenstuk 200 bij 120" in texts[3]
    assert "binnen de uitsnede" in texts[4] and "buiten de uitsnede" not in texts[4]
    assert texts[5] == "alleen een regel bovenaan\n"
    assert "geërfde draaiing" in texts[6] and "kopje" not in texts[6]
