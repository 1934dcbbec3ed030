"""The kit the program ships: signed through the pinned root, complete, and up to date."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

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
    assert len(steps) == 9
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


# -- Content: faithful to the public sources, and honest about what is illustrative ----

V1_IDS = json.loads((Path(__file__).parent / "data" / "kit-v1-ids.json").read_text("utf-8"))
PILOT_LIBRARIES = (
    "Flevomeer",
    "Schunck Heerlen",
    "De Kempen",
    "Katwijk",
    "BiSC",
    "Mar en Fean",
    "Biblionet Drenthe",
    "Den Haag",
    "West-Achterhoek",
    "Waterland",
    "Kennemerwaard",
)
# A figure from 2018 (the only year the sources give figures for).
FIGURE = re.compile(r"2,5 miljoen|tienduizenden|0,98|\b1 procent|één procent|miljoen mensen")


def _pages(library: KitLibrary, doc_id: str) -> list[str]:
    pdf = pymupdf.open(stream=library.pdf_bytes(doc_id), filetype="pdf")
    return [" ".join(page.get_text().split()) for page in pdf]


def _text(library: KitLibrary, doc_id: str) -> str:
    return " ".join(_pages(library, doc_id))


def test_ids_of_version_1_are_all_still_there(installed):
    """Ticks, notes, plans and filled-in worksheets are stored under these ids."""
    library = KitLibrary(installed[0])
    assert library.installed().version > V1_IDS["version"]
    docs = {d.id: d for d in library.documents()}
    assert set(V1_IDS["documents"]) <= set(docs)
    steps = {s.id: [i.id for i in s.items] for s in library.steps()}
    for step_id, item_ids in V1_IDS["steps"].items():
        assert set(item_ids) <= set(steps[step_id]), step_id
    for doc_id, names in V1_IDS["fields"].items():
        pdf = pymupdf.open(stream=library.pdf_bytes(doc_id), filetype="pdf")
        fields = {w.field_name for page in pdf for w in page.widgets()}
        assert set(names) <= fields, doc_id


def test_over_deze_kit_comes_first_in_the_library(installed):
    """The library groups by theme in kit order and opens on the first document."""
    library = KitLibrary(installed[0])
    first_theme = library.themes()[0]
    assert (first_theme.id, first_theme.title) == ("over-deze-kit", "Over deze kit")
    first = library.documents(theme=first_theme.id)[0]
    assert (first.id, first.title) == ("handleiding-over-deze-kit", "Over deze kit")
    text = _text(library, first.id)
    for source in (
        "bibliotheekenbasisvaardigheden.nl",
        "lostlemon.nl",
        "9 januari 2018",
        "webinar",
        "Lost Lemon, samen met Muzus",
        "8 november 2018",
        "31 januari 2019",
    ):
        assert source in text, source
    for illustrative in ("persona's", "route", "tien lessen", "verzonnen"):
        assert illustrative in text, illustrative


def test_the_pilots_handleiding_names_every_pilot_library(installed):
    library = KitLibrary(installed[0])
    text = _text(library, "handleiding-tien-pilots")
    for name in PILOT_LIBRARIES:
        assert name in text, name
    for fact in ("120.000 euro", "8 november 2018", "31 januari 2019", "Muzus", "elf"):
        assert fact in text, fact


def test_three_ways_in_have_a_theme_a_handleiding_a_werkblad_a_tip_and_a_persona(installed):
    library = KitLibrary(installed[0])
    in_theme = {d.id: d.type for d in library.documents(theme="drie-ingangen")}
    assert {"handleiding", "werkblad", "tip", "persona"} <= set(in_theme.values())
    assert in_theme["werkblad-drie-ingangen"] == "werkblad"
    assert "taalambassadeur" in _text(library, "handleiding-drie-ingangen")
    step = next(s for s in library.steps() if s.id == "stap-ingang")
    assert "handleiding-drie-ingangen" in step.documents


def test_documents_of_one_type_and_of_one_type_in_one_theme(installed):
    library = KitLibrary(installed[0])
    everything = library.documents()
    werkbladen = [d.id for d in everything if d.type == "werkblad"]
    assert werkbladen and len(werkbladen) < len(everything)
    assert [d.id for d in library.documents(doc_type="werkblad")] == werkbladen
    in_theme = {d.id for d in library.documents(theme="drie-ingangen")}
    both = [d.id for d in library.documents(theme="drie-ingangen", doc_type="werkblad")]
    assert both == [d for d in werkbladen if d in in_theme] == ["werkblad-drie-ingangen"]


def test_every_figure_carries_its_year(installed):
    """Nothing from 2018 reads as if it were today's figure."""
    library = KitLibrary(installed[0])
    for info in library.documents():
        pdf = pymupdf.open(stream=library.pdf_bytes(info.id), filetype="pdf")
        for page in pdf:
            for block in page.get_text("blocks"):
                text = " ".join(block[4].split())
                if FIGURE.search(text):
                    assert "2018" in text, f"{info.id} p.{page.number + 1}: {text}"
    slides = _pages(library, "presentatie-partnerbijeenkomst")
    assert not any("Wat we nu bereiken" in slide for slide in slides)
    assert any("1 procent" in slide and "2018" in slide for slide in slides)


def test_what_is_illustrative_says_so(installed):
    library = KitLibrary(installed[0])
    for info in library.documents():
        pages = _pages(library, info.id)
        text = " ".join(pages)
        if info.type == "tip":
            # Not "Tip van een bibliotheek": most tips name no library.
            assert pages[0].startswith(f"TIP {info.title} "), info.id
            assert "Waar komt deze tip vandaan?" in text, info.id
        elif info.type == "voorbeeld":
            assert pages[0].startswith(f"VOORBEELD {info.title} "), info.id
            assert "verzonnen ter illustratie" in text, info.id
        elif info.type == "persona":
            assert "Verzonnen persoon" in text, info.id


def test_partner_presentation_has_notes_and_a_title_slide_for_the_audience(installed):
    """Notes per slide for the presenter view; the beamer's slides hold none of them."""
    library = KitLibrary(installed[0])
    slides = _pages(library, "presentatie-partnerbijeenkomst")
    notes = library.speaker_notes("presentatie-partnerbijeenkomst")
    assert len(notes) == len(slides) == 15 and all(notes)
    # Who it is for and how long: a line for the facilitator, not for the partners.
    assert "Facilitator" not in slides[0] and "Tijd:" not in slides[0] and "Voor:" not in slides[0]
    assert notes[0].startswith("Voor: Facilitator van de bibliotheek")
    assert "Tijd: 25 minuten" in notes[0]
    everything = " ".join(slides)
    for note in notes:
        sentence = " ".join(note.split("\n")[-1].split()[:6])
        assert sentence not in everything
        if FIGURE.search(note):
            assert "2018" in note, note
    assert "Vraag wie er vandaag iets uitlegde" in notes[1]  # each note with its own slide
    assert slides[1].startswith("Waarom we hier zijn")
