"""The Bibliotheek's groups and filter, in KitLibrary: each document once, kept in memory.

On the real bundled kit (the expected groups come from its manifest, read
directly), and on a small test kit for what a later install changes.
"""

from __future__ import annotations

import json

from companion.kit.importer import apply_source
from companion.kit.library import BY_THEME, BY_TYPE, KitLibrary, theme_tag
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore
from tests.support.project import BUNDLED_PORTAL

MANIFEST = json.loads((BUNDLED_PORTAL / "manifest.json").read_text("utf-8"))


def statements(store: KitStore) -> list[str]:
    """Every SQL statement the connection runs from now on."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    return seen


def test_by_theme_each_document_stands_once_under_its_first_theme(library):
    shelves = library.shelves(BY_THEME)
    placed = {doc.id: shelf.key for shelf in shelves for doc in shelf.documents}
    expected = {d["id"]: (d["themes"][0] if d["themes"] else "") for d in MANIFEST["documents"]}
    assert placed == expected
    rows = len(shelves) + sum(len(shelf.documents) for shelf in shelves)
    # One row per document plus one per theme (the issue: at most 60 rows for 46 documents;
    # the kit has grown since, and still fits).
    assert rows == len(MANIFEST["documents"]) + len(shelves) <= 60
    assert [s.title for s in shelves] == [
        t["title"] for t in MANIFEST["themes"] if t["id"] in set(expected.values())
    ]


def test_other_themes_are_tags_in_kit_order(library):
    manifest_doc = next(d for d in MANIFEST["documents"] if len(d["themes"]) == 3)
    doc = library.catalog_document(manifest_doc["id"])
    titles = {t["id"]: t["title"] for t in MANIFEST["themes"]}
    others = library.other_themes(doc, manifest_doc["themes"][0])
    assert [t.title for t in others] == [titles[t] for t in manifest_doc["themes"][1:]]
    assert theme_tag("Aanpak: hoe begin je?") == "Aanpak"
    assert theme_tag("De doelgroep") == "De doelgroep"


def test_a_theme_filter_keeps_every_document_that_has_the_theme(library):
    wanted = {d["id"] for d in MANIFEST["documents"] if "vindplaatsen" in d["themes"]}
    [shelf] = library.shelves(BY_THEME, theme="vindplaatsen")
    assert shelf.key == "vindplaatsen" and {d.id for d in shelf.documents} == wanted
    by_type = library.shelves(BY_TYPE, theme="vindplaatsen")
    assert {d.id for s in by_type for d in s.documents} == wanted
    assert all(d.type == s.key for s in by_type for d in s.documents)


def test_words_filter_titles_without_accents_or_case(library):
    shelves = library.shelves(BY_TYPE, words="IDEEEN bewustwording")
    found = [d.title for s in shelves for d in s.documents]
    assert found == ["Video: nieuwe ideeën om bewustwording op gang te brengen"]
    assert library.shelves(BY_THEME, words="geen titel heeft dit") == []


def test_filtering_again_reads_no_documents_from_the_store(library):
    library.shelves(BY_THEME)
    seen = statements(library.store)
    for words in ("k", "kl", "kla", "klant", "klantreis"):
        library.shelves(BY_THEME, words=words)
        library.shelves(BY_TYPE, words=words, theme="aanpak")
    library.store.conn.set_trace_callback(None)
    assert seen and all(sql.strip().upper() == "PRAGMA DATA_VERSION" for sql in seen), seen


def test_a_kit_installed_through_another_connection_is_seen(
    tmp_path, kit_builder, test_public_keys
):
    path = tmp_path / "kit.sqlite"
    first = KitStore(path)
    apply_source(first, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    library = KitLibrary(first)
    before = {d.id for s in library.shelves(BY_TYPE) for d in s.documents}
    assert "werkblad-klantreis" in before

    del kit_builder.documents["werkblad-klantreis"]
    other = KitStore(path)  # as an update in a worker thread does
    try:
        apply_source(other, FolderSource(kit_builder.build(2)), trusted_keys=test_public_keys)
    finally:
        other.close()
    after = {d.id for s in library.shelves(BY_TYPE) for d in s.documents}
    assert after == before - {"werkblad-klantreis"}
    first.close()


def test_a_document_the_kit_does_not_have_has_no_speaker_notes(library):
    # The presenter view asks for the notes of whatever was open, also after an update
    # removed it: no notes, no error.
    assert library.speaker_notes("presentatie-die-niet-bestaat") == ()
    assert library.speaker_notes("presentatie-partnerbijeenkomst")  # the kit does have notes
