"""The index rows of a file: made in the extraction workers, the same as made anywhere."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.dutch.words import words
from companion.kit.index_text import page_bodies, page_index, running_lines
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


# -- the cheap check for running lines gives what the plain rule gives ---------------------
#
# The plain rule, written out here as the definition: a line's key is its text
# case-folded, with runs of digits as "#" and runs of whitespace as one space;
# a key longer than two characters on at least 60% of the pages (and at least
# three) is running, and running lines are left out of the page rows.


def _plain_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _plain_bodies(pages: list[str]) -> list[str]:
    running: set[str] = set()
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for text in pages:
            counts.update({k for k in map(_plain_key, text.splitlines()) if len(k) > 2})
        needed = max(3, 0.6 * len(pages))
        running = {key for key, count in counts.items() if count >= needed}
    if running:  # the pages as they are otherwise (a page's own line breaks kept)
        pages = [
            "\n".join(x for x in t.splitlines() if _plain_key(x) not in running) for t in pages
        ]
    return [" ".join(words(text)) for text in pages]


# Lines that differ only where a key does not look (numbers, case, spacing of
# every kind, non-ASCII digits and spaces), other line breaks, and words that fold oddly.
_LINE_PARTS = st.sampled_from(
    [
        "Hoofdstuk", "hoofdstuk", "HOOFDSTUK", "pagina", "Pagina", " ", "  ", "\t", "\xa0",
        "\u2009", "\u3000", "1", "12", "٣", "１２", "#", "·", "-", "'", "zzp'ers", "Één",
        "coördinator", "’", "ﷺ", "", "\u0344", "Ωμέγα", "\x1f",
    ]
)  # fmt: skip
_LINE = st.lists(_LINE_PARTS, max_size=6).map("".join)
_BREAK = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"])


@st.composite
def _documents(draw) -> list[str]:
    lines = draw(st.lists(_LINE, min_size=1, max_size=4))  # a small pool: lines come back
    pages = []
    for _ in range(draw(st.integers(min_value=1, max_value=7))):
        chosen = draw(st.lists(st.sampled_from(lines), max_size=5))
        pages.append("".join(line + draw(_BREAK) for line in chosen))
    return pages


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_the_rows_of_a_document_are_what_the_plain_running_line_rule_makes(pages):
    expected = _plain_bodies(pages)

    index = page_index(pages)

    assert page_bodies(pages) == expected
    assert index.bodies == expected
    assert index.terms == set(" ".join(expected).split())


def test_a_header_on_most_pages_is_still_found_when_most_lines_look_alike_only_roughly():
    # "Deel 1 van 3" and "deel 2 van 3" are one key; "Deel I" lines only look alike roughly.
    pages = [f"Deel {n} van 3\nDeel {'I' * n}: iets anders {n}\n" for n in range(1, 6)]

    assert running_lines(pages) == {"deel # van #"}
    assert page_bodies(pages)[0] == "deel i iets anders 1"


def test_a_page_number_line_is_one_line_whatever_its_spaces_or_digits():
    pages = [
        "Pagina 1\nA",
        "pagina\t2\nB",
        "PAGINA\xa0#\nC",
        "Pagina\t\u0663\nD",
        "pagina\u3000 4\nE",
    ]

    assert running_lines(pages) == {"pagina #"}
    assert page_bodies(pages) == ["a", "b", "c", "d", "e"]


def test_a_header_that_only_starts_late_in_the_document_is_still_found():
    # The cheap check stops reading once no line can come back on enough pages:
    # a header on the last 6 of 10 pages (60%) runs; a footer on the last 5 does not.
    places = [
        "wijk",
        "school",
        "loket",
        "taalhuis",
        "werk",
        "buurt",
        "markt",
        "kerk",
        "station",
        "haven",
    ]
    pages = [f"Vrije tekst over de {place}\n" for place in places]
    for n in range(4, 10):
        pages[n] = "Bijlage A · blad " + str(n) + "\n" + pages[n]
    for n in range(5, 10):
        pages[n] += "Alleen achterin\n"

    assert running_lines(pages) == {"bijlage a · blad #"}
    assert page_bodies(pages) == _plain_bodies(pages)
    assert page_bodies(pages)[9] == "vrije tekst over de haven alleen achterin"
