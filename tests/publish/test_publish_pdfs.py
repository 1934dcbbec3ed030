"""Existing PDFs and videos as kit documents, and one report of everything wrong.

A maintainer adds ``pdf = "file.pdf"`` (or, for a video, ``media = "film.mp4"``)
to a document's front matter; ``publish`` puts the file in byte for byte, or
names every problem at once and publishes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pymupdf
import pytest

from companion.cli import main
from companion.errors import SourceProblemsError
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.media import media_file
from companion.kit.source import FolderSource
from companion.pdf.form_pdf import read_fields
from companion.pdf.page_reading import read_outline
from companion.publish.publisher import publish_sources
from companion.store.kit_store import KitStore
from tests.publish.test_kit_sources import KIT_TOML, STEPS_TOML, _doc
from tests.support import bad_pdfs
from tests.support.project import TEST_KEYS
from tests.test_cli import key_list, pinned_test_root  # noqa: F401 (fixtures)

FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40


def designed_werkblad() -> bytes:
    """A werkblad as a designer makes it: two pages, an outline, its own form fields."""
    doc = pymupdf.open()
    for number in (1, 2):
        page = doc.new_page()
        page.insert_text((72, 100), f"Werkblad klantreis, deel {number}", fontsize=16)
        page.insert_text((72, 140), "Schrijf op waar de klant vastloopt.", fontsize=11)
    widget = pymupdf.Widget()
    widget.field_name = "knelpunt"
    widget.field_label = "Waar loopt de klant vast?"
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.rect = pymupdf.Rect(72, 160, 500, 190)
    doc[0].add_widget(widget)
    doc.set_toc([[1, "Deel een", 1], [1, "Deel twee", 2]])
    return doc.tobytes()


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "bronnen"
    (folder / "werkbladen").mkdir(parents=True)
    (folder / "videos").mkdir()
    (folder / "kit.toml").write_text(KIT_TOML, encoding="utf-8")
    (folder / "steps.toml").write_text(STEPS_TOML, encoding="utf-8")
    (folder / "werkbladen" / "werkblad-test.md").write_text(
        _doc(pdf='"werkblad-klantreis.pdf"', body=""), encoding="utf-8"
    )
    (folder / "werkbladen" / "werkblad-klantreis.pdf").write_bytes(designed_werkblad())
    (folder / "videos" / "video-webinar.md").write_text(
        _doc(
            "video-webinar",
            type='"video"',
            url='"https://example.org/webinar"',
            media='"webinar.mp4"',
            body="Het webinar over de strategiekit.\n",
        ),
        encoding="utf-8",
    )
    (folder / "videos" / "webinar.mp4").write_bytes(FAKE_MP4)
    return folder


def test_a_pdf_goes_in_byte_for_byte_with_its_fields_and_outline(
    sources, tmp_path, test_key, test_key_list, test_public_keys
):
    out = tmp_path / "portal"
    report = publish_sources(sources, out, test_key, test_key_list)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in manifest["documents"] if d["id"] == "werkblad-test")
    original = (sources / "werkbladen" / "werkblad-klantreis.pdf").read_bytes()
    assert entry["file"] == {
        "sha256": hashlib.sha256(original).hexdigest(),
        "size": len(original),
        "name": "werkblad-test.pdf",
    }
    assert (out / "files" / entry["file"]["sha256"]).read_bytes() == original
    assert set(report.changed) == {"werkblad-test", "video-webinar"}

    # Published again unchanged: same bytes, nothing to send in an update.
    again = publish_sources(sources, out, test_key, test_key_list)
    assert again.changed == []

    store = KitStore(tmp_path / "kit.sqlite")
    apply_source(store, FolderSource(out), trusted_keys=test_public_keys)
    library = KitLibrary(store)
    assert library.pdf_bytes("werkblad-test") == original
    pdf = pymupdf.open(stream=original, filetype="pdf")
    assert [(f.name, f.label) for f in read_fields(pdf)] == [
        ("knelpunt", "Waar loopt de klant vast?")
    ]
    assert [(e.title, e.index) for e in read_outline(pdf)] == [("Deel een", 0), ("Deel twee", 1)]
    pdf.close()

    video = library.document("video-webinar")
    assert video.media_name == "video-webinar.mp4" and video.url == "https://example.org/webinar"
    assert library.media("video-webinar") == (
        "video-webinar.mp4",
        hashlib.sha256(FAKE_MP4).hexdigest(),
    )
    played = media_file(library, "video-webinar", tmp_path / "cache")
    assert played.suffix == ".mp4" and played.read_bytes() == FAKE_MP4
    assert media_file(library, "werkblad-test", tmp_path / "cache") is None
    store.close()


def test_every_problem_is_listed_and_nothing_is_published(
    sources, tmp_path, test_key, test_key_list
):
    out = tmp_path / "portal"
    publish_sources(sources, out, test_key, test_key_list)
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    folder = sources / "werkbladen"
    (folder / "werkblad-boek.md").write_text(
        _doc("werkblad-boek", pdf='"boek.pdf"', body=""), encoding="utf-8"
    )
    (folder / "boek.pdf").write_bytes(bad_pdfs.epub())
    (folder / "werkblad-kring.md").write_text(
        _doc("werkblad-kring", pdf='"kring.pdf"', body=""), encoding="utf-8"
    )
    (folder / "kring.pdf").write_bytes(bad_pdfs.page_tree_cycle())
    (folder / "werkblad-weg.md").write_text(
        _doc("werkblad-weg", pdf='"bestaat-niet.pdf"', body=""), encoding="utf-8"
    )
    (folder / "werkblad-film.md").write_text(
        _doc("werkblad-film", media='"../videos/webinar.mp4"'), encoding="utf-8"
    )
    (folder / "werkblad-kaal.md").write_text(_doc("werkblad-kaal", summary=None), "utf-8")

    with pytest.raises(SourceProblemsError) as info:
        publish_sources(sources, out, test_key, test_key_list)

    assert [(p.file, p.page, p.reason) for p in info.value.problems] == [
        ("werkbladen/werkblad-film.md", None, "alleen een video heeft een 'media'-bestand"),
        ("werkbladen/werkblad-kaal.md", None, "het veld 'summary' ontbreekt"),
        ("werkbladen/werkblad-weg.md", None, "het bestand 'bestaat-niet.pdf' bestaat niet"),
        ("werkbladen/boek.pdf", None, "dit is geen PDF maar een EPUB-boek"),
        ("werkbladen/kring.pdf", 2, "de pagina is beschadigd en kan niet worden gelezen"),
    ]
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_command_line_prints_every_problem(
    sources,
    tmp_path,
    key_list,  # noqa: F811 (the fixture)
    pinned_test_root,  # noqa: F811 (the fixture)
    capsys,
):
    (sources / "werkbladen" / "werkblad-klantreis.pdf").write_bytes(bad_pdfs.encrypted())
    shutil.copy(sources / "werkbladen" / "werkblad-test.md", sources / "werkbladen" / "x.md")
    out = tmp_path / "portal"
    key = TEST_KEYS / "test-ed25519.key"
    command = ["publish", str(sources), str(out), "--key", str(key), "--keys", str(key_list)]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "Er is niets gepubliceerd." in err
    assert "• werkbladen/x.md: het id 'werkblad-test' moet gelijk zijn aan de bestandsnaam" in err
    assert "• werkbladen/werkblad-klantreis.pdf: het bestand is beveiligd" in err
    assert "Traceback" not in err and not out.exists()
