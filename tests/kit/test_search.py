"""Search as people type it: accents optional, word starts, ranked, with page and snippet."""

from __future__ import annotations

import pytest

from companion.dutch.words import fold
from companion.kit.importer import apply_source
from companion.kit.search import KitSearch, query_terms
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore


@pytest.fixture
def search(tmp_path, kit_builder, test_public_keys):
    kit_builder.documents["handleiding-gemeente"] = [
        "Samenwerken met de gemeente",
        "De gemeente is verantwoordelijk voor volwasseneducatie.",
        "Bespreek de reïntegratie van werkzoekenden met het Werkplein.",
    ]
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    yield KitSearch(store)
    store.close()


def test_accents_are_optional(search):
    hits = search.search("reintegratie")
    assert {h.document_id for h in hits} == {"handleiding-vindplaatsen", "handleiding-gemeente"}
    gemeente = next(h for h in hits if h.document_id == "handleiding-gemeente")
    assert gemeente.page == 3
    assert "<b>reïntegratie</b>" in gemeente.snippet_html()


def test_word_starts_match(search):
    hits = search.search("laaggeletterd")
    assert hits and all("laaggeletterde" in h.snippet.lower() for h in hits)
    assert {h.document_id for h in hits} >= {"handleiding-vindplaatsen", "werkblad-klantreis"}


def test_all_words_must_match_and_case_does_not_matter(search):
    hits = search.search("GEMEENTE volwassen")
    assert [(h.document_id, h.page) for h in hits] == [("handleiding-gemeente", 2)]


def test_title_ranks_above_page_text(search):
    hits = search.search("klantreis")
    # "klantreis" is the title of the werkblad and only page text in the handleiding.
    assert hits[0].document_id == "werkblad-klantreis"
    assert "handleiding-vindplaatsen" in [h.document_id for h in hits[1:]]


def test_one_result_per_document_lists_its_pages(search):
    hits = search.search("gemeente")
    assert [h.document_id for h in hits].count("handleiding-gemeente") == 1
    assert next(h for h in hits if h.document_id == "handleiding-gemeente").pages == (1, 2)


def test_nothing_found_and_odd_input(search):
    assert search.search("xyzzyplugh") == []
    assert search.search("") == []
    assert search.search('"( AND * NEAR') == []  # FTS syntax typed by accident is just text


def test_snippet_html_escapes_markup(search):
    hit = search.search("bespreek")[0]
    assert "<b>Bespreek</b>" in hit.snippet_html()
    assert "<script" not in hit.snippet_html()


def test_fold_and_terms():
    assert fold("Reïntegratie CAFÉ") == "reintegratie cafe"
    # Stop words and single letters are not search words, unless nothing else was typed.
    assert query_terms("de a reïntegratie, de") == ["reintegratie"]
    assert query_terms("de het") == ["de", "het"]


def test_snippet_marks_word_starts_with_accents_and_case():
    from companion.kit.snippets import MARK_END, MARK_START, make_snippet

    text = (
        "Begin. "
        + "woord " * 40
        + "De Reïntegratie van laaggeletterden gaat via de gemeente. "
        + "x " * 80
    )
    snippet = make_snippet(text, ("reintegratie", "laaggeletterd"))
    assert f"{MARK_START}Reïntegratie{MARK_END}" in snippet
    assert f"{MARK_START}laaggeletterden{MARK_END}" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "gemeente" in snippet and len(snippet) < 140
    # Only word starts: "integratie" inside "reïntegratie" is no hit.
    assert make_snippet(text, ("integratie",)) is None


def test_running_headers_and_footers_are_not_searched():
    """A footer on every page would match every page; only body text is indexed."""
    import pymupdf

    from companion.pdf.text import page_texts

    doc = pymupdf.open()
    for number in (1, 2):
        page = doc.new_page(width=595, height=842)
        page.insert_text((56, 30), "Lopende kop met het woord kopregel", fontsize=8)
        page.insert_text((56, 100), f"Inhoud van pagina {number} over vindplaatsen.", fontsize=11)
        page.insert_text((56, 815), f"Voetregel · pagina {number} van 2", fontsize=8)
    data = doc.tobytes()
    texts = page_texts(data, "kop.pdf")
    assert [("vindplaatsen" in t, "Voetregel" in t, "kopregel" in t) for t in texts] == [
        (True, False, False),
        (True, False, False),
    ]


def test_a_running_line_below_the_margin_is_never_the_target_page(
    tmp_path, kit_builder, test_public_keys
):
    """A header the margin cut misses (here in the body's first line) is not indexed."""
    header = "Handleiding laaggeletterdheid · hoofdstuk"
    kit_builder.documents["handleiding-lang"] = [
        f"{header}\nInleiding over de bibliotheek.",
        f"{header}\nWerkgevers en hun werknemers.",
        f"{header}\nWat laaggeletterdheid is, en hoe je het merkt.",
        f"{header}\nSamenwerken met de gemeente.",
    ]
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    (hit,) = [
        h
        for h in KitSearch(store).search("laaggeletterdheid")
        if h.document_id == "handleiding-lang"
    ]
    assert (hit.page, hit.pages) == (3, (3,))
    assert "merkt" in hit.snippet
    store.close()


def test_the_document_about_a_word_ranks_above_one_that_names_it_once(
    tmp_path, kit_builder, test_public_keys
):
    kit_builder.documents["tip-kort"] = ["Tip kort\nOok boekhouders kunnen helpen."]
    kit_builder.documents["handleiding-boekhouders"] = [
        "Werken met boekhouders\nWaarom de boekhouder alles ziet.",
        "Zo spreek je een boekhouder aan.",
        "Wat boekhouders willen, en wat jij biedt.",
    ]
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    hits = KitSearch(store).search("boekhouder")
    assert [h.document_id for h in hits] == ["handleiding-boekhouders", "tip-kort"]
    store.close()


def test_a_manifest_without_synonyms_still_imports_and_bad_ones_are_refused(kit_builder):
    import json

    from companion.errors import ManifestError
    from companion.kit.manifest import dump_manifest, parse_manifest

    manifest = kit_builder.manifest_for(1, {})
    assert parse_manifest(dump_manifest(manifest)).synonyms == ()
    manifest["synonyms"] = [["warm doorverwijzen", "warme overdracht"]]
    assert parse_manifest(dump_manifest(manifest)).synonyms == (
        ("warm doorverwijzen", "warme overdracht"),
    )
    for bad in ([["alleen"]], "tekst", [["a", 3]], [["x" * 81, "y"]]):
        manifest["synonyms"] = bad
        with pytest.raises(ManifestError):
            parse_manifest(json.dumps(manifest).encode())


def test_newest_request_wins_on_the_search_thread(search):
    import threading

    from companion.kit.search_runner import SearchRunner

    delivered = []
    done = threading.Event()

    def deliver(request, results, error):
        delivered.append((request.text, [h.document_id for h in results.hits], error))
        if request.text == "gemeente volwassen":
            done.set()

    runner = SearchRunner(search.store.path, deliver)
    try:
        for end in range(1, len("gemeente volwassen") + 1):
            runner.request("gemeente volwassen"[:end])
        assert done.wait(10)
    finally:
        runner.close()
    # Older texts may have been shown on the way, never after the newest.
    assert delivered[-1] == ("gemeente volwassen", ["handleiding-gemeente"], None)
