"""Real-world bad files: one refusal that names every bad file, and nothing changed.

The files are made in the test (tests/support/bad_pdfs.py); the extraction
runs in real worker processes, one of which is made to crash.
"""

from __future__ import annotations

import hashlib

import pytest

from companion.errors import BadFilesError
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.search import KitSearch
from companion.kit.source import FolderSource
from companion.pdf.extract_pool import FAULT_ABORT, PoolSettings
from companion.pdf.page_box import PageBox
from companion.store.kit_store import KitStore
from companion.store.user_store import UserStore
from tests.support import bad_pdfs

BAD_FILES = {
    "handleiding-kring": bad_pdfs.page_tree_cycle,
    "handleiding-telling": bad_pdfs.unreadable_page_count,
    "handleiding-boek": bad_pdfs.epub,
    "handleiding-word": bad_pdfs.docx,
    "handleiding-plaatje": bad_pdfs.png,
    "handleiding-webpagina": bad_pdfs.html,
    "handleiding-geheim": bad_pdfs.encrypted,
    "handleiding-leeg": bad_pdfs.zero_pages,
    "handleiding-crash": lambda: bad_pdfs.text_pdf(["Deze laat de werker vallen."]).tobytes(),
}
BROKEN = "het bestand is beschadigd en kan niet worden gelezen"
# What a person reads, file by file, in manifest order (the kit's documents come first).
EXPECTED = [
    ("handleiding-kring.pdf", 2, "de pagina is beschadigd en kan niet worden gelezen"),
    ("handleiding-telling.pdf", None, BROKEN),
    ("handleiding-boek.pdf", None, "dit is geen PDF maar een EPUB-boek"),
    ("handleiding-word.pdf", None, "dit is geen PDF maar een Word-document (DOCX)"),
    ("handleiding-plaatje.pdf", None, "dit is geen PDF maar een PNG-afbeelding"),
    ("handleiding-webpagina.pdf", None, "dit is geen PDF maar een webpagina (HTML)"),
    (
        "handleiding-geheim.pdf",
        None,
        "het bestand is beveiligd (versleuteld of met een wachtwoord); "
        "sla het op zonder beveiliging",
    ),
    ("handleiding-leeg.pdf", None, "het bestand heeft geen pagina's"),
    (
        "handleiding-crash.pdf",
        None,
        "het programma liep vast op dit bestand (het is waarschijnlijk kapot)",
    ),
]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(store: KitStore) -> str:
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode()).hexdigest()


@pytest.fixture
def machine(tmp_path, kit_builder, test_public_keys):
    """A data folder with kit version 1 installed and a user store beside it."""
    store = KitStore(tmp_path / "data" / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    user = UserStore(tmp_path / "data" / "user.sqlite")
    user.close()
    yield store, tmp_path / "data" / "user.sqlite"
    store.close()


def test_every_bad_file_is_named_and_nothing_changes(machine, kit_builder, test_public_keys):
    store, user_path = machine
    for doc_id, make in BAD_FILES.items():
        kit_builder.add_file(doc_id, make())
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    folder = kit_builder.build(2)
    kit_before, user_before = snapshot(store), digest(user_path)

    with pytest.raises(BadFilesError) as info:
        apply_source(
            store,
            FolderSource(folder),
            trusted_keys=test_public_keys,
            extraction=PoolSettings(workers=2, faults={"handleiding-crash.pdf": FAULT_ABORT}),
        )

    error = info.value
    assert [(p.file, p.page, p.reason) for p in error.problems] == EXPECTED
    lines = error.message.splitlines()
    assert lines[0] == "De kit is niet geïnstalleerd: 9 bestanden zijn niet goed."
    assert lines[1] == "• handleiding-kring.pdf, pagina 2: " + EXPECTED[0][2]
    assert lines[3] == "• handleiding-boek.pdf: dit is geen PDF maar een EPUB-boek"
    assert len(lines) == 1 + len(EXPECTED)
    assert "cycle in page tree" in error.detail
    assert snapshot(store) == kit_before and digest(user_path) == user_before
    assert store.installed().version == 1
    assert KitSearch(store).search("bouw") == []


def test_one_bad_file_among_good_ones_is_named_alone(machine, kit_builder, test_public_keys):
    store, _user = machine
    kit_builder.add_file("tip-kapot", b"%PDF-1.7\nthis is not really a pdf at all\n%%EOF\n")
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    before = snapshot(store)
    with pytest.raises(BadFilesError) as info:
        apply_source(store, FolderSource(kit_builder.build(2)), trusted_keys=test_public_keys)
    assert info.value.message == (
        "De kit is niet geïnstalleerd: 1 bestand is niet goed.\n• tip-kapot.pdf: " + BROKEN
    )
    assert snapshot(store) == before


def test_rotated_small_and_nul_pages_are_indexed_completely(
    tmp_path, kit_builder, test_public_keys
):
    kit_builder.add_file("handleiding-gedraaid", bad_pdfs.rotated_pages(), "Gedraaid")
    kit_builder.add_file("tip-etiket", bad_pdfs.small_page(), "Etiket")
    kit_builder.add_file("tip-nul", bad_pdfs.nul_text(), "Nul")
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
    search, library = KitSearch(store), KitLibrary(store)

    turned = search.search("gemeente samenwerken")[0]
    assert (turned.document_id, turned.page) == ("handleiding-gedraaid", 2)
    assert search.search("klantreis laaggeletterde")[0].pages == (1,)
    label = search.search("taalhuis")[0]
    assert (label.document_id, label.page) == ("tip-etiket", 1)
    nul = search.search("voorlezen")[0]
    assert nul.document_id == "tip-nul" and "\x00" not in nul.snippet and "\x07" not in nul.snippet
    assert "voorlezen in de bibliotheek" in nul.snippet.replace("\ue000", "").replace("\ue001", "")

    assert library.page_boxes("handleiding-gedraaid") == [
        PageBox(842.0, 595.0, 90),
        PageBox(842.0, 595.0, 270),
    ]
    assert library.page_boxes("tip-etiket") == [PageBox(300.0, 100.0, 0)]
    assert library.page_boxes("bestaat-niet") is None
    store.close()
