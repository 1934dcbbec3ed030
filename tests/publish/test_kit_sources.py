"""The kit's sources: the real bundled kit loads, and every source mistake is refused.

load_kit_sources is the gate before publishing: a mistake that slips through
here ends up in a signed kit on every library workstation.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from companion.errors import SourceError
from companion.kit.manifest import DOCUMENT_TYPES
from companion.publish.sources import (
    KitSources,
    load_kit_sources,
    parse_directive,
)
from tests.support.project import BUNDLED_SOURCES

BUNDLED = BUNDLED_SOURCES

KIT_TOML = """\
kit = "hoger-bereik"
title = "Strategiekit Hoger Bereik"
version = 2
published = 2026-11-23
changes = "Test."

[[themes]]
id = "aanpak"
title = "Aanpak"
summary = "Hoe begin je."

[[themes]]
id = "doelgroep"
title = "Doelgroep"
summary = "Wie."
"""

STEPS_TOML = """\
[[steps]]
id = "stap-1"
title = "Begin"
summary = "Eerste stap."
documents = ["werkblad-test"]

[[steps.items]]
id = "stap-1-a"
text = "Doe iets."
"""

DOC = """\
+++
id = "werkblad-test"
title = "Een werkblad"
type = "werkblad"
themes = ["aanpak"]
summary = "Samenvatting."
audience = "Iedereen"
minutes = 30
+++
## Kop

Tekst.

[[veld naam="wie" label="Wie?" regels=3]]
[[vink naam="klaar" label="Klaar."]]
"""


def _doc(
    doc_id: str = "werkblad-test", *, extra: str = "", body: str = "Tekst.\n", **fields: str
) -> str:
    meta = {
        "id": f'"{doc_id}"',
        "title": '"Titel"',
        "type": '"werkblad"',
        "themes": '["aanpak"]',
        "summary": '"Samenvatting."',
        "audience": '"Iedereen"',
    }
    meta.update(fields)
    lines = [f"{key} = {value}" for key, value in meta.items() if value is not None]
    return "+++\n" + "\n".join(lines) + "\n" + extra + "+++\n" + body


@pytest.fixture(scope="module")
def kit() -> KitSources:
    return load_kit_sources(BUNDLED)


@pytest.fixture()
def mini(tmp_path: Path) -> Path:
    """A minimal valid sources folder to break in one place per test."""
    (tmp_path / "werkbladen").mkdir()
    (tmp_path / "kit.toml").write_text(KIT_TOML, encoding="utf-8")
    (tmp_path / "steps.toml").write_text(STEPS_TOML, encoding="utf-8")
    (tmp_path / "werkbladen" / "werkblad-test.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def _refused(folder: Path, *, detail: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_kit_sources(folder)
    error = info.value
    # One mistake: that mistake; more: a report that names each of them.
    assert error.message.startswith(
        ("Fout in de bronnen van de kit", "Er is niets gepubliceerd")
    ), error.message
    assert re.search(detail, error.detail), error.detail
    return error


# -- The bundled kit ---------------------------------------------------------------


def test_bundled_kit_loads(kit: KitSources) -> None:
    assert kit.kit == "hoger-bereik"
    assert kit.title == "Strategiekit Hoger Bereik"
    assert kit.version >= 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", kit.published)
    assert kit.changes
    assert {t.id for t in kit.themes} >= {
        "aanleiding",
        "verandering",
        "aanpak",
        "vindplaatsen",
        "communicatie",
        "doelgroep",
    }


def test_bundled_kit_has_the_whole_toolkit(kit: KitSources) -> None:
    counts = Counter(d.type for d in kit.documents)
    assert set(counts) == set(DOCUMENT_TYPES)
    assert counts["handleiding"] >= 6
    assert counts["werkblad"] >= 7
    assert counts["workshop"] >= 3
    assert counts["persona"] >= 4
    assert counts["presentatie"] >= 1
    assert counts["video"] >= 2
    for doc in kit.documents:
        if doc.type in ("werkblad", "workshop"):
            assert doc.minutes, f"{doc.id} has no minutes"
        assert (doc.url is not None) == (doc.type == "video"), doc.id
        assert doc.path.stem == doc.id


def test_every_theme_is_used(kit: KitSources) -> None:
    used = {theme for doc in kit.documents for theme in doc.themes}
    assert used == {t.id for t in kit.themes}


def test_steps_form_the_waar_begin_je_route(kit: KitSources) -> None:
    # The app numbers steps by position; ids never change, so the step added in
    # version 2 ("stap-ingang") sits second under its own id.
    assert [s.id for s in kit.steps] == [
        "stap-1",
        "stap-ingang",
        "stap-2",
        "stap-3",
        "stap-4",
        "stap-5",
        "stap-6",
        "stap-7",
        "stap-8",
    ]
    doc_ids = {d.id for d in kit.documents}
    for step in kit.steps:
        assert 3 <= len(step.items) <= 6, step.id
        assert step.documents, step.id
        assert set(step.documents) <= doc_ids
        for item in step.items:
            assert re.fullmatch(rf"{step.id}-[a-z]", item.id), item.id


def test_documents_are_in_a_stable_order(kit: KitSources) -> None:
    keys = [(DOCUMENT_TYPES.index(d.type), d.id) for d in kit.documents]
    assert keys == sorted(keys)
    assert load_kit_sources(BUNDLED).documents == kit.documents


def test_bundled_video_links_are_https(kit: KitSources) -> None:
    for doc in kit.documents:
        if doc.type == "video":
            assert doc.url and doc.url.startswith("https://www.youtube.com/watch?v=")


# -- Parsing details ---------------------------------------------------------------


def test_mini_folder_loads(mini: Path) -> None:
    sources = load_kit_sources(mini)
    assert sources.published == "2026-11-23"  # a TOML date becomes an ISO string
    (doc,) = sources.documents
    assert doc.themes == ("aanpak",)
    assert doc.minutes == 30
    assert doc.url is None
    assert doc.body.lstrip().startswith("## Kop")
    assert sources.steps[0].items[0].id == "stap-1-a"


def test_parse_directive() -> None:
    field = parse_directive('[[veld naam="org" label="Welke organisatie?" regels=3]]')
    assert field is not None
    assert (field.kind, field.name, field.lines) == ("veld", "org", 3)
    assert field.label == "Welke organisatie?"
    box = parse_directive('[[vink naam="klaar" label="Klaar."]]')
    assert box is not None and box.kind == "vink" and box.lines == 1
    assert parse_directive("[[dia]]") is not None
    assert parse_directive("Gewone tekst met [[haken]] erin.") is None
    assert parse_directive('  [[veld naam="x" label="y"]]') is None  # only at line start
    for bad in (
        "[[plaatje]]",
        '[[veld label="Geen naam"]]',
        '[[veld naam="Hoofdletter" label="x"]]',
        '[[veld naam="x"]]',
        '[[veld naam="x" label="y" regels=0]]',
        '[[vink naam="x" label="y" regels=2]]',
        '[[veld naam="x" label="niet gesloten]]',
        "[[dia naam=x]]",
    ):
        with pytest.raises(ValueError):
            parse_directive(bad)


# -- Refusals ------------------------------------------------------------------------


def test_refuses_missing_field(mini: Path) -> None:
    (mini / "werkbladen" / "werkblad-test.md").write_text(_doc(summary=None), encoding="utf-8")
    error = _refused(mini, detail=r"werkbladen/werkblad-test\.md: missing field 'summary'")
    assert "werkblad-test.md" in error.message


def test_refuses_missing_kit_field(mini: Path) -> None:
    text = KIT_TOML.replace('title = "Strategiekit Hoger Bereik"\n', "")
    (mini / "kit.toml").write_text(text, encoding="utf-8")
    _refused(mini, detail=r"kit\.toml: missing field 'title'")


def test_refuses_unknown_type(mini: Path) -> None:
    (mini / "werkbladen" / "werkblad-test.md").write_text(_doc(type='"folder"'), encoding="utf-8")
    _refused(mini, detail=r"type 'folder' is not one of")


def test_refuses_unknown_theme(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(themes='["aanpak", "onbekend"]'), encoding="utf-8")
    _refused(mini, detail=r"unknown theme 'onbekend'")


def test_refuses_duplicate_document_id(mini: Path) -> None:
    (mini / "tips").mkdir()
    shutil.copy(mini / "werkbladen" / "werkblad-test.md", mini / "tips" / "werkblad-test.md")
    _refused(mini, detail=r"duplicate document id 'werkblad-test'")


def test_refuses_duplicate_theme_and_step_ids(mini: Path) -> None:
    (mini / "kit.toml").write_text(KIT_TOML.replace('id = "doelgroep"', 'id = "aanpak"'), "utf-8")
    _refused(mini, detail=r"duplicate theme id 'aanpak'")


def test_refuses_duplicate_step_item_id(mini: Path) -> None:
    second = STEPS_TOML.replace('"stap-1"', '"stap-2"')
    (mini / "steps.toml").write_text(STEPS_TOML + "\n" + second, encoding="utf-8")
    _refused(mini, detail=r"duplicate step item id 'stap-1-a'")


def test_refuses_step_naming_missing_document(mini: Path) -> None:
    text = STEPS_TOML.replace('["werkblad-test"]', '["werkblad-test", "werkblad-weg"]')
    (mini / "steps.toml").write_text(text, encoding="utf-8")
    error = _refused(mini, detail=r"steps\.toml: stap 'stap-1': .*missing document 'werkblad-weg'")
    assert "werkblad-weg" in error.message


def test_refuses_bad_toml_in_kit_file(mini: Path) -> None:
    (mini / "kit.toml").write_text(KIT_TOML + "\nversion = = 3\n", encoding="utf-8")
    _refused(mini, detail=r"kit\.toml: ")


def test_refuses_bad_toml_in_front_matter(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(extra='title = "twee keer"\n'), encoding="utf-8")
    _refused(mini, detail=r"werkblad-test\.md: ")


def test_refuses_missing_front_matter(mini: Path) -> None:
    (mini / "werkbladen" / "werkblad-test.md").write_text("## Alleen tekst\n", encoding="utf-8")
    _refused(mini, detail=r"no front matter")


def test_refuses_id_not_matching_file_name(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc("werkblad-anders"), encoding="utf-8")
    _refused(mini, detail=r"does not match file name 'werkblad-test\.md'")


def test_refuses_bad_id_syntax(mini: Path) -> None:
    (mini / "werkbladen" / "werkblad-test.md").unlink()
    (mini / "werkbladen" / "Werkblad_Test.md").write_text(_doc("Werkblad_Test"), encoding="utf-8")
    _refused(mini, detail=r"'Werkblad_Test' does not match")


def test_refuses_unknown_key(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(minuten="30"), encoding="utf-8")
    _refused(mini, detail=r"unknown keys \['minuten'\]")


def test_refuses_bad_minutes(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(minutes='"een uur"'), encoding="utf-8")
    _refused(mini, detail=r"'minutes' must be an integer")


def test_video_needs_an_https_url(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(type='"video"'), encoding="utf-8")
    _refused(mini, detail=r"missing field 'url'")
    path.write_text(_doc(type='"video"', url='"http://example.org/v"'), encoding="utf-8")
    _refused(mini, detail=r"bad url")
    path.write_text(_doc(url='"https://example.org/v"'), encoding="utf-8")
    _refused(mini, detail=r"url on a non-video")
    path.write_text(_doc(type='"video"', url='"https://example.org/v"'), encoding="utf-8")
    assert load_kit_sources(mini).documents[0].url == "https://example.org/v"


def test_refuses_bad_body_directives(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(body="[[plaatje]]\n"), encoding="utf-8")
    _refused(mini, detail=r"unknown directive")
    twice = '[[veld naam="a" label="A"]]\n[[vink naam="a" label="A"]]\n'
    path.write_text(_doc(body=twice), encoding="utf-8")
    _refused(mini, detail=r"duplicate field name 'a'")
    path.write_text(_doc(body="Een\n[[dia]]\nTwee\n"), encoding="utf-8")
    _refused(mini, detail=r"\[\[dia\]\] outside a presentatie")
    path.write_text(_doc(body="Een\n[[notities]]\nTwee\n"), encoding="utf-8")
    _refused(mini, detail=r"\[\[notities\]\] outside a presentatie")


def test_directives_inside_code_fences_are_text(mini: Path) -> None:
    body = "```\n[[plaatje]]\n```\n"
    (mini / "werkbladen" / "werkblad-test.md").write_text(_doc(body=body), encoding="utf-8")
    assert load_kit_sources(mini).documents[0].body == body


def test_refuses_empty_body_and_empty_folder(mini: Path) -> None:
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(body="\n\n"), encoding="utf-8")
    _refused(mini, detail=r"empty body")
    path.unlink()
    _refused(mini, detail=r"no \*\.md documents")


def test_refuses_missing_steps_file(mini: Path) -> None:
    (mini / "steps.toml").unlink()
    _refused(mini, detail=r"steps\.toml: file missing")


# -- A workshop's werkbladen (for its printpakket) -------------------------------------


def _workshop(mini: Path, werkbladen: str) -> None:
    (mini / "workshops").mkdir(exist_ok=True)
    text = _doc("workshop-test", type='"workshop"', werkbladen=werkbladen)
    (mini / "workshops" / "workshop-test.md").write_text(text, encoding="utf-8")


def test_a_workshop_lists_its_werkbladen(mini: Path) -> None:
    _workshop(mini, '["werkblad-test"]')
    documents = {d.id: d for d in load_kit_sources(mini).documents}
    assert documents["workshop-test"].werkbladen == ("werkblad-test",)
    assert documents["werkblad-test"].werkbladen is None  # absent: not said


def test_refuses_werkbladen_naming_a_missing_document_or_no_werkblad(mini: Path) -> None:
    _workshop(mini, '["werkblad-test", "werkblad-weg"]')
    error = _refused(mini, detail=r"werkbladen names 'werkblad-weg'")
    assert str(error.message) == (
        "Fout in de bronnen van de kit, in workshops/workshop-test.md: "
        "'werkbladen' noemt 'werkblad-weg', maar dat bestaat niet."
    )
    (mini / "tips").mkdir()
    (mini / "tips" / "tip-los.md").write_text(_doc("tip-los", type='"tip"'), encoding="utf-8")
    _workshop(mini, '["tip-los"]')
    error = _refused(mini, detail=r"werkbladen names 'tip-los'")
    assert "'werkbladen' noemt 'tip-los', maar dat is geen werkblad" in str(error.message)


def test_refuses_werkbladen_of_the_wrong_shape_or_on_another_document(mini: Path) -> None:
    for bad, detail in (
        ('"werkblad-test"', r"at most 20 ids"),
        ("[" + ", ".join(f'"werkblad-{n}"' for n in range(21)) + "]", r"at most 20 ids"),
        ('["werkblad-test", "werkblad-test"]', r"twice"),
        ('["Werkblad Test"]', r"does not match"),
    ):
        _workshop(mini, bad)
        _refused(mini, detail=detail)
    (mini / "workshops" / "workshop-test.md").unlink()
    path = mini / "werkbladen" / "werkblad-test.md"
    path.write_text(_doc(werkbladen='["werkblad-test"]'), encoding="utf-8")
    error = _refused(mini, detail=r"werkbladen on a non-workshop")
    assert "alleen een workshop heeft 'werkbladen'" in str(error.message)


def test_bundled_workshops_list_werkbladen_of_the_kit(kit: KitSources) -> None:
    types = {d.id: d.type for d in kit.documents}
    workshops = [d for d in kit.documents if d.type == "workshop"]
    assert workshops and all(d.werkbladen is not None for d in workshops)
    assert all(types[w] == "werkblad" for d in workshops for w in d.werkbladen or ())
