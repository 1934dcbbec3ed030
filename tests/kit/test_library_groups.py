"""The Bibliotheek on a small kit with a document without a theme, and after an update:
the groups, the kinds present, what changed, and which documents get a mark."""

from __future__ import annotations

import pytest

from companion.kit.importer import apply_source
from companion.kit.library import BY_TYPE, KitLibrary, Shelf, theme_tag
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore


def build(kit_builder, version: int, *, loose: str = "persona-henk"):
    """The builder's kit, with ``loose`` in no theme at all."""
    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(version, files)
    for doc in manifest["documents"]:
        if doc["id"] == loose:
            doc["themes"] = []
    return kit_builder.write(manifest, files, kit_builder.root / f"v{version}")


@pytest.fixture
def library(tmp_path, kit_builder, test_public_keys):
    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(build(kit_builder, 1)), trusted_keys=test_public_keys)
    yield KitLibrary(store)
    store.close()


def ids(shelf: Shelf) -> list[str]:
    return [d.id for d in shelf.documents]


def test_a_document_without_a_theme_stands_on_its_own_shelf_last(library):
    shelves = library.shelves()
    assert [(s.key, s.title, ids(s)) for s in shelves] == [
        ("aanpak", "Aanpak", ["handleiding-vindplaatsen", "werkblad-klantreis"]),
        ("", "", ["persona-henk"]),
    ]
    only_theme = library.shelves(theme="aanpak")
    assert [(s.key, ids(s)) for s in only_theme] == [
        ("aanpak", ["handleiding-vindplaatsen", "werkblad-klantreis"])
    ]
    assert [(s.key, ids(s)) for s in library.shelves(words="henk")] == [("", ["persona-henk"])]


def test_by_kind_the_window_names_each_shelf(library):
    shelves = library.shelves(BY_TYPE)
    assert [(s.key, s.title, ids(s)) for s in shelves] == [
        ("handleiding", "", ["handleiding-vindplaatsen"]),
        ("werkblad", "", ["werkblad-klantreis"]),
        ("persona", "", ["persona-henk"]),
    ]
    assert library.types_present() == ["handleiding", "werkblad", "persona"]


def test_after_forgetting_the_kit_is_read_again(library):
    library.catalog()
    library.forget()
    assert library.catalog_document("persona-henk").title == "Persona Henk"


def test_a_theme_s_short_name_is_what_comes_before_the_first_colon():
    assert theme_tag("Aanpak: hoe begin je: stap voor stap") == "Aanpak"
    assert theme_tag(": zonder naam") == ": zonder naam"


def test_what_an_update_changed_and_which_documents_are_still_unseen(
    library, kit_builder, test_public_keys
):
    assert library.update_marks({}) == {}  # a first install marks nothing
    kit_builder.documents["handleiding-vindplaatsen"][0] += " Nu met een checklist."
    kit_builder.documents["tip-zaanstad"] = ["Tip uit Zaanstad\nBegin klein."]
    del kit_builder.documents["werkblad-klantreis"]
    apply_source(library.store, FolderSource(build(kit_builder, 2)), trusted_keys=test_public_keys)
    assert sorted(library.last_changes()) == [
        ("handleiding-vindplaatsen", "Samenwerken met vindplaatsen", "gewijzigd"),
        ("tip-zaanstad", "Tip uit Zaanstad", "nieuw"),
        ("werkblad-klantreis", "Werkblad klantreis", "verwijderd"),
    ]
    assert library.update_marks({}) == {
        "handleiding-vindplaatsen": "gewijzigd",
        "tip-zaanstad": "nieuw",
    }
    # Opened before the update: still unseen in its new form; opened since: no mark.
    assert library.update_marks({"handleiding-vindplaatsen": 1, "tip-zaanstad": 2}) == {
        "handleiding-vindplaatsen": "gewijzigd"
    }


def test_each_page_s_size_and_a_video_s_own_file(tmp_path, kit_builder, test_public_keys):
    import hashlib

    from tests.support.kitbuilder import make_pdf

    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(1, files)
    pdf = make_pdf(["Webinar", "Dia's"], landscape=True)
    clip = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
    sha_pdf, sha_clip = hashlib.sha256(pdf).hexdigest(), hashlib.sha256(clip).hexdigest()
    files.update({sha_pdf: pdf, sha_clip: clip})
    manifest["documents"].append(
        {
            "id": "video-webinar",
            "title": "Webinar",
            "type": "video",
            "themes": [],
            "summary": "",
            "file": {"sha256": sha_pdf, "size": len(pdf), "name": "video-webinar.pdf"},
            "media": {"sha256": sha_clip, "size": len(clip), "name": "video-webinar.mp4"},
        }
    )
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        portal = kit_builder.write(manifest, files, kit_builder.root / "video")
        apply_source(store, FolderSource(portal), trusted_keys=test_public_keys)
        library = KitLibrary(store)
        boxes = library.page_boxes("video-webinar")
        assert [(b.width, b.height, b.rotation) for b in boxes] == [(842, 595, 0)] * 2
        assert len(library.page_boxes("handleiding-vindplaatsen")) == 3
        assert library.page_boxes("onbekend") is None
        assert library.media("video-webinar") == ("video-webinar.mp4", sha_clip)
        assert library.media("persona-henk") is None
        assert library.document("video-webinar").media_name == "video-webinar.mp4"
    finally:
        store.close()


def test_a_new_document_without_a_revision_is_still_marked_new(
    library, kit_builder, test_public_keys
):
    # "revision" is optional in a manifest (1 when left out), also for a new document.
    kit_builder.documents["tip-zaanstad"] = ["Tip uit Zaanstad\nBegin klein."]
    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(2, files)
    for doc in manifest["documents"]:
        del doc["revision"]
    apply_source(
        library.store,
        FolderSource(kit_builder.write(manifest, files, kit_builder.root / "v2")),
        trusted_keys=test_public_keys,
    )
    assert library.update_marks({}) == {"tip-zaanstad": "nieuw"}
    assert library.update_marks({"tip-zaanstad": 1}) == {}


def test_a_werkbladen_list_that_is_no_mapping_says_nothing(library):
    # A kit store changed by hand: the printpakket then reads the draaiboek instead.
    with library.store.conn:
        library.store.conn.execute(
            "INSERT OR REPLACE INTO kit_info (key, value) VALUES ('werkbladen', ?)",
            ('["werkblad-klantreis"]',),
        )
    assert library.workshop_werkbladen("workshop-samen") is None


def test_a_document_s_text_is_its_pages_in_order(library):
    # What the printpakket searches in a draaiboek: each page's lines, a blank line between.
    from tests.support.kitbuilder import BASE_DOCUMENTS

    pages = BASE_DOCUMENTS["handleiding-vindplaatsen"]
    assert library.document_text("handleiding-vindplaatsen") == "\n".join(p + "\n" for p in pages)
    assert library.document_text("bestaat-niet") == ""


def test_a_step_without_checklist_items_or_documents(tmp_path, kit_builder, test_public_keys):
    kit_builder.items = []
    del kit_builder.documents["werkblad-klantreis"]  # the only document the step names
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        apply_source(store, FolderSource(build(kit_builder, 1)), trusted_keys=test_public_keys)
        [step] = KitLibrary(store).steps()
        assert (step.id, step.title, step.documents, step.items) == (
            "stap-1",
            "Breng het speelveld in kaart",
            (),
            (),
        )
    finally:
        store.close()


def test_a_document_the_kit_does_not_have_has_no_file(library):
    assert library.pdf_bytes("bestaat-niet") is None
    assert library.pdf_bytes("persona-henk").startswith(b"%PDF")
