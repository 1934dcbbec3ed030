"""Speaker notes: ``[[notities]]`` in a presentatie's source, through publish and import.

The notes reach the signed manifest and the kit store, never the slides' PDF
(the beamer shows the PDF); who the presentation is for and how long it takes
moves from the title slide into the title slide's notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from companion.errors import SourceError, SourceProblemsError
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.source import FolderSource
from companion.publish.publisher import publish_sources
from companion.store.kit_store import KitStore
from tests.publish.test_kit_sources import KIT_TOML, STEPS_TOML, _doc

BODY = """\
[[notities]]
Welkom heten en de tijd noemen.

[[dia]]

## Eerste dia

- Wat iedereen ziet

[[notities]]
Vertel over de pilot in Waterland.

Tweede alinea van de notities.

[[dia]]

## Tweede dia

Alleen tekst voor het publiek.

[[dia]]

## Derde dia

[[notities]]
Sluit af met een vraag.
"""


def _folder(tmp_path: Path, body: str, version: int = 2) -> Path:
    folder = tmp_path / "bronnen"
    (folder / "werkbladen").mkdir(parents=True, exist_ok=True)
    (folder / "presentaties").mkdir(exist_ok=True)
    (folder / "kit.toml").write_text(
        KIT_TOML.replace("version = 2", f"version = {version}"), encoding="utf-8"
    )
    (folder / "steps.toml").write_text(STEPS_TOML, encoding="utf-8")
    (folder / "werkbladen" / "werkblad-test.md").write_text(_doc(), encoding="utf-8")
    (folder / "presentaties" / "presentatie-test.md").write_text(
        _doc(
            "presentatie-test",
            type='"presentatie"',
            audience='"Facilitator; publiek: wijkteam"',
            minutes="25",
            body=body,
        ),
        encoding="utf-8",
    )
    return folder


def _entry(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return next(d for d in manifest["documents"] if d["id"] == "presentatie-test")


def test_notes_go_to_the_manifest_and_store_never_to_the_slides(
    tmp_path, test_key, test_key_list, test_public_keys
):
    out = tmp_path / "portal"
    publish_sources(_folder(tmp_path, BODY), out, test_key, test_key_list)
    entry = _entry(out)
    assert entry["notes"] == [
        "Voor: Facilitator; publiek: wijkteam · Tijd: 25 minuten\n\n"
        "Welkom heten en de tijd noemen.",
        "Vertel over de pilot in Waterland.\n\nTweede alinea van de notities.",
        "",
        "Sluit af met een vraag.",
    ]
    pdf = pymupdf.open(
        stream=(out / "files" / entry["file"]["sha256"]).read_bytes(), filetype="pdf"
    )
    assert pdf.page_count == 4  # the title slide and three slides: notes make no page
    text = "\n".join(page.get_text() for page in pdf)
    for words in ("Welkom heten", "Waterland", "Tweede alinea", "Sluit af", "Voor:", "Tijd:"):
        assert words not in text
    assert "Facilitator" not in pdf[0].get_text() and "Eerste dia" in pdf[1].get_text()

    store = KitStore(tmp_path / "kit.sqlite")
    try:
        apply_source(store, FolderSource(out), trusted_keys=test_public_keys)
        library = KitLibrary(store)
        notes = library.speaker_notes("presentatie-test")
        assert len(notes) == 4 and notes[1].startswith("Vertel over de pilot")
        assert library.speaker_notes("werkblad-test") == ()
        assert library.speaker_notes("bestaat-niet") == ()
    finally:
        store.close()


def test_new_notes_alone_are_a_new_revision(tmp_path, test_key, test_key_list):
    out = tmp_path / "portal"
    publish_sources(_folder(tmp_path, BODY), out, test_key, test_key_list)
    assert _entry(out)["revision"] == 2
    changed = BODY.replace("Sluit af met een vraag.", "Sluit af met een afspraak.")
    with pytest.raises(SourceError, match="Verhoog de versie"):
        publish_sources(_folder(tmp_path, changed), out, test_key, test_key_list)
    report = publish_sources(_folder(tmp_path, changed, version=3), out, test_key, test_key_list)
    assert report.changed == ["presentatie-test"]
    assert _entry(out)["revision"] == 3 and _entry(out)["notes"][3] == "Sluit af met een afspraak."


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("## Een\n[[notities]]\nA\n[[notities]]\nB\n", "second"),
        ("## Een\n[[dia]]\n[[notities]]\nZonder dia\n[[dia]]\n## Twee\n", "without slide"),
        ("## Een\n[[notities]]\n" + "x" * 6000 + "\n", "exceed"),
    ],
)
def test_notes_without_a_place_are_refused(tmp_path, test_key, test_key_list, body, problem):
    with pytest.raises((SourceError, SourceProblemsError)) as caught:
        publish_sources(_folder(tmp_path, body), tmp_path / "portal", test_key, test_key_list)
    assert problem in str(caught.value)
    assert not (tmp_path / "portal" / "manifest.json").exists()
