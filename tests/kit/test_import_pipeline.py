"""The one import pipeline: what lands, and every reason it refuses."""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil

import pymupdf
import pytest

from companion.errors import (
    CancelledError,
    IntegrityError,
    ManifestError,
    MissingFileError,
    NotNewerError,
    SignatureError,
    WrongKitError,
)
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.search import KitSearch
from companion.kit.signing import generate_keypair, load_private_key, sign
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore


@pytest.fixture
def store(tmp_path):
    kit_store = KitStore(tmp_path / "data" / "kit.sqlite")
    yield kit_store
    kit_store.close()


def install(store, folder, keys):
    return apply_source(store, FolderSource(folder), trusted_keys=keys)


def snapshot(store: KitStore) -> str:
    """Everything in the store, as one digest: equal digests mean nothing changed."""
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode()).hexdigest()


def test_first_import_stores_documents_steps_and_text(store, kit_builder, test_public_keys):
    result = install(store, kit_builder.build(1), test_public_keys)

    library = KitLibrary(store)
    assert result.version == 1 and result.previous_version is None
    assert [d.id for d in library.documents()] == list(kit_builder.documents)
    handleiding = library.document("handleiding-vindplaatsen")
    assert handleiding.page_count == 3 and handleiding.type_label == "Handleiding"
    assert library.steps()[0].items[0].text == "Maak een lijst van vindplaatsen"
    pdf = pymupdf.open(stream=library.pdf_bytes("persona-henk"), filetype="pdf")
    assert "bril vergeten" in pdf[0].get_text()
    assert store.installed().version == 1


def test_identical_files_are_stored_once(store, kit_builder, test_public_keys):
    kit_builder.documents["persona-henk-kopie"] = kit_builder.documents["persona-henk"]
    kit_builder.documents = {
        ("persona-kopie" if k == "persona-henk-kopie" else k): v
        for k, v in kit_builder.documents.items()
    }
    install(store, kit_builder.build(1), test_public_keys)
    assert len(KitLibrary(store).documents()) == 4
    assert store.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 3


def test_update_adds_only_changed_files_and_lists_changes(store, kit_builder, test_public_keys):
    install(store, kit_builder.build(1), test_public_keys)
    kit_builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt in de bouw."]
    kit_builder.documents["tip-accountant"] = ["Tip: vind ZZP'ers via hun accountant."]
    del kit_builder.documents["werkblad-klantreis"]

    result = install(store, kit_builder.build(2), test_public_keys)

    assert result.files_added == 2
    assert sorted(result.changes) == [
        ("persona-henk", "Persona Henk", "gewijzigd"),
        ("tip-accountant", "Tip: vind ZZP'ers via hun accountant", "nieuw"),
        ("werkblad-klantreis", "Werkblad klantreis", "verwijderd"),
    ]
    assert store.installed().previous_version == 1
    library = KitLibrary(store)
    assert library.document("werkblad-klantreis") is None
    assert library.document("persona-henk").changed_in == 2
    assert library.document("handleiding-vindplaatsen").changed_in == 1
    # The old Henk file is gone from the store, and so is its text from search.
    assert store.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 3
    assert KitSearch(store).search("bril") == []
    assert KitSearch(store).search("bouw")[0].document_id == "persona-henk"


def test_progress_reports_bytes_and_files(store, kit_builder, test_public_keys):
    seen = []
    apply_source(
        store,
        FolderSource(kit_builder.build(1)),
        trusted_keys=test_public_keys,
        progress=seen.append,
    )
    assert seen[-1].done_files == seen[-1].total_files == 3
    assert seen[-1].done_bytes == seen[-1].total_bytes > 0
    assert any(0 < p.done_bytes < p.total_bytes for p in seen)
    # Every stage is shown, in order.
    stages = [p.stage.template for p in seen]
    assert stages[0] == "De kit wordt gecontroleerd…"
    assert stages[-2:] == ["De zoekindex wordt bijgewerkt…", "Klaar."]
    assert "Document {number} van {total} wordt klaargezet…" in stages


def test_the_progress_bar_never_steps_backwards(store, kit_builder, test_public_keys, monkeypatch):
    # A large file first, then small ones: each file's bytes count while it is
    # read, and the workers finish the files in any order.
    from companion.kit import importer
    from tests.support.kitbuilder import make_pdf

    monkeypatch.setattr(importer, "PROGRESS_INTERVAL", 0.0)  # every report reaches the window
    big = [f"Pagina {n} van het grote boek." for n in range(40)]
    kit_builder.documents = {"handleiding-groot": big}
    kit_builder.documents.update({f"tip-kort-{n}": [f"Kort stuk {n}."] for n in range(6)})
    portal = kit_builder.build(1)
    sizes = [len(make_pdf(pages)) for pages in kit_builder.documents.values()]
    assert sizes[0] > 3 * max(sizes[1:])  # the large file is read first
    seen = []
    apply_source(store, FolderSource(portal), trusted_keys=test_public_keys, progress=seen.append)

    bars = [(p.done_bytes, p.done_files) for p in seen if p.total_bytes]
    steps = list(itertools.pairwise(bars))
    assert all(later[0] >= earlier[0] and later[1] >= earlier[1] for earlier, later in steps), bars
    assert bars[-1] == (seen[-1].total_bytes, 7)
    assert len(bars) > 14  # every file was reported while read and when done


def test_progress_of_one_stage_reaches_the_window_at_most_ten_times_a_second():
    # A first run made some 60 reports a second, each laid out and painted by the window.
    from companion.i18n import Text
    from companion.kit.importer import _Throttled
    from companion.progress import DONE, Progress

    now = [0.0]
    shown = []
    report = _Throttled(shown.append, interval=0.1, clock=lambda: now[0])

    def file_done(number, at):
        now[0] = at
        stage = Text("Document {number} van {total} wordt klaargezet…", number=number, total=9)
        report(Progress(stage, number * 10, 90, number, 9))

    report(Progress(Text("De kit wordt gecontroleerd…")))
    for number, at in enumerate((0.02, 0.05, 0.08, 0.11, 0.13, 0.31), start=1):
        file_done(number, at)
    now[0] = 0.32
    report(Progress(DONE, 90, 90, 9, 9))  # a new stage: shown at once
    assert [(p.stage, p.done_files) for p in shown] == [
        ("De kit wordt gecontroleerd…", 0),
        ("Document 1 van 9 wordt klaargezet…", 1),  # the stage's first report
        ("Document 5 van 9 wordt klaargezet…", 5),  # 0.11 s after the last one shown
        ("Document 6 van 9 wordt klaargezet…", 6),
        ("Klaar.", 9),
    ]


# -- refusals: the store must be exactly as it was, the message must be clear --


@pytest.fixture
def installed_v1(store, kit_builder, test_public_keys):
    install(store, kit_builder.build(1), test_public_keys)
    return snapshot(store)


def refuse(store, folder, keys, error_type, words):
    before = snapshot(store)
    with pytest.raises(error_type) as info:
        install(store, folder, keys)
    assert snapshot(store) == before, "a refused source changed the store"
    assert words.lower() in info.value.message.lower()
    assert store.installed() is None or store.installed().version == 1
    return info.value


def test_refuses_tampered_manifest(store, installed_v1, kit_builder, test_public_keys):
    folder = kit_builder.build(2)
    manifest = folder / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b"Versie 2.", b"Versie 9."))
    refuse(store, folder, test_public_keys, SignatureError, "handtekening")


def test_refuses_missing_signature(store, installed_v1, kit_builder, test_public_keys):
    folder = kit_builder.build(2)
    (folder / "manifest.json.sig").unlink()
    refuse(store, folder, test_public_keys, SignatureError, "geen handtekening")


def test_refuses_kit_signed_with_another_key(
    store, installed_v1, tmp_path, kit_builder, test_public_keys
):
    """Signed by a key the key list does not name (the genuine list travels along)."""
    private, _public = generate_keypair()
    other_key = tmp_path / "other.key"
    other_key.write_text(private)
    folder = kit_builder.build(2)
    raw = (folder / "manifest.json").read_bytes()
    (folder / "manifest.json.sig").write_bytes(sign(load_private_key(other_key), raw))
    refuse(store, folder, test_public_keys, SignatureError, "handtekening")


def test_refuses_changed_file(store, installed_v1, kit_builder, test_public_keys):
    kit_builder.documents["persona-henk"] = ["Persona Henk, nieuwe tekst."]
    folder = kit_builder.build(2)
    path = kit_builder.file_path(folder, "persona-henk")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    refuse(store, folder, test_public_keys, IntegrityError, "veranderd of beschadigd")


def test_refuses_truncated_file(store, installed_v1, kit_builder, test_public_keys):
    kit_builder.documents["persona-henk"] = ["Persona Henk, nieuwe tekst."]
    folder = kit_builder.build(2)
    path = kit_builder.file_path(folder, "persona-henk")
    path.write_bytes(path.read_bytes()[:-100])
    refuse(store, folder, test_public_keys, IntegrityError, "niet compleet")


def test_refuses_missing_file(store, installed_v1, kit_builder, test_public_keys):
    kit_builder.documents["tip-bus"] = ["Tip: een bus in de wijk."]
    folder = kit_builder.build(2)
    kit_builder.file_path(folder, "tip-bus").unlink()
    refuse(store, folder, test_public_keys, MissingFileError, "ontbreekt")


@pytest.mark.parametrize("version", [1, 0])
def test_refuses_same_or_older_version(store, kit_builder, test_public_keys, version):
    install(store, kit_builder.build(1, name="first"), test_public_keys)
    # A replay of the installed manifest, or an older one signed by the same key.
    folder = kit_builder.build(max(version, 1), name="replay")
    if version == 0:
        install_v2 = kit_builder.build(2, name="v2")
        install(store, install_v2, test_public_keys)
        folder = kit_builder.build(1, name="old")
    error = refuse_any_version(store, folder, test_public_keys)
    assert ("al geïnstalleerd" in error.message) if version == 1 else ("ouder" in error.message)


def refuse_any_version(store, folder, keys):
    before = snapshot(store)
    with pytest.raises(NotNewerError) as info:
        install(store, folder, keys)
    assert snapshot(store) == before
    return info.value


def test_refuses_other_kit(store, installed_v1, kit_builder, test_public_keys):
    refuse(
        store, kit_builder.build(2, kit="andere-kit"), test_public_keys, WrongKitError, "andere kit"
    )


def test_refuses_signed_manifest_that_breaks_the_model(
    store, installed_v1, kit_builder, test_key, test_public_keys
):
    folder = kit_builder.build(2)
    data = json.loads((folder / "manifest.json").read_text())
    data["steps"][0]["documents"] = ["bestaat-niet"]
    raw = json.dumps(data).encode()
    (folder / "manifest.json").write_bytes(raw)
    (folder / "manifest.json.sig").write_bytes(sign(test_key, raw))
    error = refuse(store, folder, test_public_keys, ManifestError, "inhoudslijst")
    assert "bestaat-niet" in error.detail


def test_cancel_leaves_store_unchanged(store, installed_v1, kit_builder, test_public_keys):
    kit_builder.documents["tip-bus"] = ["Tip: een bus in de wijk."]
    folder = kit_builder.build(2)
    before = snapshot(store)
    with pytest.raises(CancelledError):
        apply_source(
            store, FolderSource(folder), trusted_keys=test_public_keys, cancelled=lambda: True
        )
    assert snapshot(store) == before


def test_a_bad_source_never_touches_other_copies(tmp_path, kit_builder, test_public_keys):
    """The source folder itself is only read."""
    folder = kit_builder.build(1)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    store = KitStore(tmp_path / "k.sqlite")
    install(store, folder, test_public_keys)
    store.close()
    for path in copy.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (folder / path.relative_to(copy)).read_bytes()


def test_version_is_checked_again_under_the_write_lock(tmp_path, kit_builder, test_public_keys):
    """Two installers at once: the older one, verified first, must not land last."""
    from companion.kit.importer import read_verified

    store = KitStore(tmp_path / "kit.sqlite")
    install(store, kit_builder.build(1), test_public_keys)
    v2, v3 = kit_builder.build(2), kit_builder.build(3)
    verified_v2 = read_verified(FolderSource(v2), store, test_public_keys)  # checked against v1
    other = KitStore(tmp_path / "kit.sqlite")  # a second process installs v3 meanwhile
    install(other, v3, test_public_keys)
    other.close()
    with pytest.raises(NotNewerError):
        apply_source(store, FolderSource(v2), trusted_keys=test_public_keys, verified=verified_v2)
    assert store.installed().version == 3
    store.close()


def test_every_word_in_the_index_gets_its_stem_once_also_words_files_share(
    store, kit_builder, test_public_keys
):
    # Files share most words ("de", "een", "vindplaats"); the last one brings its own.
    kit_builder.documents["persona-ans"] = ["Persona Ans\nAns leest de folder van de vindplaats."]
    install(store, kit_builder.build(1), test_public_keys)

    stored = store.conn.execute("SELECT term, stem FROM search_terms").fetchall()
    indexed = {row[0] for row in store.conn.execute("SELECT term FROM search_vocab")}
    assert sorted(term for term, _ in stored) == sorted(indexed)
    assert {"ans", "folder", "vindplaats", "de"} <= indexed
    assert dict(stored)["vindplaatsen"] == dict(stored)["vindplaats"]  # one family
