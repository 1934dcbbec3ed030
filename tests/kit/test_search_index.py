"""The index rows of a file: made in the extraction workers, the same as made anywhere."""

from __future__ import annotations

from companion.kit.search_index import page_bodies, page_index, running_lines
from companion.pdf.extract_pool import Job, PoolSettings, extract_files
from tests.support import bad_pdfs

# A header the margin rule misses: other numbers, case and spacing on every page.
PAGES = [
    "Hoofdstuk 1 · Pagina 1\nZZP'ers en de Bibliotheek",
    "hoofdstuk 1 ·  pagina 2 \nHet Taalhuis",
    "HOOFDSTUK 2 · pagina 13\nDe gemeente",
    "Hoofdstuk 2 · Pagina 14\nEén reïntegratie-traject",
]


def test_a_line_on_most_pages_is_one_line_whatever_its_numbers_case_or_spacing():
    assert running_lines(PAGES) == {"hoofdstuk # · pagina #"}
    assert page_bodies(PAGES) == [
        "zzpers en de bibliotheek",
        "het taalhuis",
        "de gemeente",
        "een reintegratietraject",
    ]


def test_too_few_pages_have_no_running_lines():
    assert running_lines(PAGES[:2]) == set()
    assert page_bodies(PAGES[:2])[1] == "hoofdstuk 1 pagina 2 het taalhuis"


def test_the_index_form_of_a_file_is_made_in_the_extraction_worker():
    good = bad_pdfs.text_pdf(["Vindplaatsen in de wijk.", "Het Taalhuis en de wijk."]).tobytes()
    jobs = [Job("goed", "goed.pdf", good), Job("kapot", "kapot.pdf", bad_pdfs.zero_pages())]

    results = {job.key: r for job, r in extract_files(jobs, PoolSettings(workers=1), page_index)}

    prepared = results["goed"].prepared
    assert prepared.bodies == ["vindplaatsen in de wijk", "het taalhuis en de wijk"]
    assert prepared.terms == {"vindplaatsen", "in", "de", "wijk", "het", "taalhuis", "en"}
    assert results["kapot"].prepared is None and not results["kapot"].ok
