"""Page text for the index: complete, clean, and read in worker processes that may fail."""

from __future__ import annotations

import pymupdf

from companion.pdf.extract_pool import FAULT_ABORT, FAULT_HANG, Job, PoolSettings, extract_files
from companion.pdf.text import body_text, clean_text, extract_pdf, margin_band
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
