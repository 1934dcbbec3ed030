"""What the Bibliotheek reads of each document is what the kit says about it: summary,
audience, link, revision, file and themes, on the real bundled kit; and a document
without a theme has none."""

from __future__ import annotations

import json

from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore
from tests.support.project import BUNDLED_PORTAL

MANIFEST = json.loads((BUNDLED_PORTAL / "manifest.json").read_text("utf-8"))


def test_each_document_is_what_the_kit_says(library):
    for listed in MANIFEST["documents"]:
        doc = library.document(listed["id"])
        assert (doc.title, doc.type, doc.summary, doc.audience) == (
            listed["title"],
            listed["type"],
            listed["summary"],
            listed.get("audience", ""),
        )
        assert (doc.minutes, doc.url, doc.revision) == (
            listed.get("minutes"),
            listed.get("url"),
            listed.get("revision", 1),
        )
        assert doc.sha256 == listed["file"]["sha256"]
        assert doc.themes == tuple(listed["themes"])
    assert [d.id for d in library.documents()] == [d["id"] for d in MANIFEST["documents"]]


def test_a_document_s_tags_are_its_other_themes_in_kit_order(library):
    titles = {t["id"]: t["title"] for t in MANIFEST["themes"]}
    for listed in MANIFEST["documents"]:
        doc = library.catalog_document(listed["id"])
        first, *others = listed["themes"]
        assert [t.title for t in library.other_themes(doc, first)] == [titles[t] for t in others]


def test_a_document_without_a_theme_has_none(tmp_path, kit_builder, test_public_keys):
    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(1, files)
    for listed in manifest["documents"]:
        if listed["id"] == "persona-henk":
            listed["themes"] = []
    portal = kit_builder.write(manifest, files, tmp_path / "kit")
    store = KitStore(tmp_path / "kit.sqlite")
    try:
        apply_source(store, FolderSource(portal), trusted_keys=test_public_keys)
        library = KitLibrary(store)
        henk = library.document("persona-henk")
        assert henk.themes == ()
        assert library.other_themes(henk, "") == []
        assert library.speaker_notes("persona-henk") == ()  # "Geen notities bij deze dia."
    finally:
        store.close()
