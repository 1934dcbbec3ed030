"""The kit the program ships: signed by the pinned key, complete, and up to date."""

from __future__ import annotations

import json
import shutil

import pymupdf
import pytest

from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.signing import load_private_key
from companion.kit.source import FolderSource
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.paths import bundled_kit_dir
from companion.publish.publisher import publish_sources
from companion.store.kit_store import KitStore
from tests.support.project import ROOT

PORTAL = ROOT / "bundled_kit" / "portal"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    store = KitStore(tmp_path_factory.mktemp("kit") / "kit.sqlite")
    result = apply_source(store, FolderSource(bundled_kit_dir()), trusted_keys=TRUSTED_KEYS)
    yield store, result
    store.close()


def test_bundled_kit_verifies_against_the_pinned_key_and_imports(installed):
    store, result = installed
    manifest = json.loads((PORTAL / "manifest.json").read_text("utf-8"))
    library = KitLibrary(store)
    assert result.version == manifest["version"] == store.installed().version
    assert [d.id for d in library.documents()] == [d["id"] for d in manifest["documents"]]
    for doc in manifest["documents"]:
        info = library.document(doc["id"])
        assert (info.title, info.type, info.minutes) == (
            doc["title"],
            doc["type"],
            doc.get("minutes"),
        )


def test_every_step_names_documents_that_exist(installed):
    library = KitLibrary(installed[0])
    ids = {d.id for d in library.documents()}
    steps = library.steps()
    assert 6 <= len(steps) <= 8
    for step in steps:
        assert step.documents and set(step.documents) <= ids, step.id
        assert 3 <= len(step.items) <= 6, step.id


def test_every_pdf_has_text_on_every_page_and_the_promised_metadata(installed):
    store, _result = installed
    library = KitLibrary(store)
    for info in library.documents():
        pdf = pymupdf.open(stream=library.pdf_bytes(info.id), filetype="pdf")
        assert pdf.page_count == info.page_count
        assert pdf.metadata["title"] == info.title, info.id
        for page in pdf:
            assert page.get_text().strip(), f"{info.id} page {page.number + 1} is empty"
        if info.type == "werkblad":
            assert any(True for page in pdf for _ in page.widgets()), info.id


def test_committed_kit_is_what_the_sources_publish(tmp_path):
    """Sources edited without publishing again would ship a stale kit: caught here."""
    out = tmp_path / "portal"
    shutil.copytree(PORTAL, out)  # the published manifest carries the revisions
    publish_sources(
        ROOT / "bundled_kit" / "sources",
        out,
        load_private_key(ROOT / "keys" / "project-ed25519.key"),
    )
    published = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(PORTAL) for p in PORTAL.rglob("*") if p.is_file())
    assert published == committed
    for relative in published:
        assert (out / relative).read_bytes() == (PORTAL / relative).read_bytes(), relative
