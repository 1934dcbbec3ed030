"""The kit the program ships: signed through the pinned root, complete, and up to date."""

from __future__ import annotations

import json
import shutil

import pymupdf
import pytest

from companion.kit.importer import apply_source, check_signature
from companion.kit.key_list import SignedKeys, verify_key_list
from companion.kit.library import KitLibrary
from companion.kit.source import FolderSource, read_signed
from companion.kit.trust_state import Trust, TrustRecord
from companion.kit.trusted_keys import ROOT_KEYS, TRUSTED_KEYS
from companion.paths import bundled_kit_dir
from companion.publish.publisher import publish_sources
from companion.store.kit_store import KitStore
from tests.support import keys as test_keys
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
    """Sources edited without publishing again would ship a stale kit: caught here.

    No private key of the program is in the project, so the sources are
    published again with the tests' throw-away keys: everything but the
    signatures and the key list must be byte for byte what is committed.
    """
    out = tmp_path / "portal"
    shutil.copytree(PORTAL, out)  # the published manifest carries the revisions
    publish_sources(
        ROOT / "bundled_kit" / "sources", out, test_keys.release_key(), test_keys.key_list()
    )
    signed_parts = {"manifest.json.sig", "keys.json", "keys.json.sig"}
    published = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(PORTAL) for p in PORTAL.rglob("*") if p.is_file())
    assert published == committed
    for relative in published:
        if str(relative) not in signed_parts:
            assert (out / relative).read_bytes() == (PORTAL / relative).read_bytes(), relative


def test_committed_signatures_hold_from_the_pinned_root_to_the_manifest():
    """root (pinned in the program) -> keys.json -> release key -> manifest.json."""
    signed = read_signed(FolderSource(PORTAL))
    assert signed.keys is not None
    key_list = verify_key_list(signed.keys, ROOT_KEYS)
    assert key_list == check_signature(signed, Trust(ROOT_KEYS, TrustRecord()))
    # The release key that signed it is the team's, whose public half is in keys/.
    from companion.kit.signing import parse_public_key

    release = parse_public_key((ROOT / "keys" / "release-ed25519.key.pub").read_text())
    assert key_list.release_keys == (release,)
    # And the key list in keys/ is the one the kit carries.
    assert (
        SignedKeys(
            (ROOT / "keys" / "keys.json").read_bytes(),
            (ROOT / "keys" / "keys.json.sig").read_bytes(),
        )
        == signed.keys
    )


def test_the_pinned_root_is_the_public_key_in_the_keys_folder():
    from companion.kit.signing import parse_public_key

    assert TRUSTED_KEYS == ROOT_KEYS
    assert (parse_public_key((ROOT / "keys" / "root-ed25519.key.pub").read_text()),) == ROOT_KEYS
